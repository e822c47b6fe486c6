import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewAgenda } from '../../api/supervision.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { RecordMeeting } from './RecordMeeting.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const agenda: ReviewAgenda = {
  weekStart: '2026-11-30',
  weekEnd: '2026-12-07',
  meetingDay: '2026-12-10',
  orders: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      number: '12351-150000-20261201-0001',
      title: '餐饮公司拖欠工资',
      state: 'handling',
      holderUnit: { id: '00000000-0000-4000-8000-0000000000aa', name: '新城区总工会' },
      reasons: ['returned'],
    },
  ],
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('RecordMeeting', () => {
  it("shows the server's refusal of the dates: the meeting date's under its field, the week's above the buttons; what was typed stays", {
    timeout: 60_000,
  }, async () => {
    const fetch = vi.fn(async (input: Request | string) => {
      const r = typeof input === 'string' ? new Request(new URL(input, 'http://localhost')) : input;
      if (r.method === 'POST' && r.url.endsWith('/api/supervision/reviews'))
        return json(400, {
          code: 'REVIEW_WEEK_NOT_MONDAY',
          message: '所议周起始日应为星期一，2026-11-25 不是星期一',
          requestId: 'r1',
          details: {
            fields: [
              { field: 'body.weekStart', message: '所议周起始日应为星期一，2026-11-25 不是星期一' },
              { field: 'body.heldOn', message: '会议日期不能晚于今天（2026-12-06）' },
            ],
          },
        });
      return json(200, { items: [] });
    });
    vi.stubGlobal('fetch', fetch);
    // Only the date is faked: antd's own timers run.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-06T10:00:00+08:00') });
    const done = vi.fn();
    render(
      <I18nProvider initial="zh">
        <App>
          <RecordMeeting open agenda={agenda} selected={[agenda.orders[0]!.id]} onClose={() => undefined} onDone={done} />
        </App>
      </I18nProvider>,
    );
    fireEvent.change(screen.getByTestId('review-decision'), { target: { value: '区总工会核实企业注册地' } });
    fireEvent.click(screen.getByRole('button', { name: /保存并下达督办事项/ }));
    await waitFor(() => expect(screen.getByText('会议日期不能晚于今天（2026-12-06）')).toBeTruthy(), { timeout: 15_000 });
    expect(screen.getByText('所议周起始日应为星期一，2026-11-25 不是星期一')).toBeTruthy();
    const posts = fetch.mock.calls.map((c) => c[0] as Request).filter((r) => typeof r !== 'string' && r.method === 'POST');
    expect(posts).toHaveLength(1);
    // Before the planned day (12-10) the form offers today (12-06): a meeting not yet held is refused.
    const expected = '2026-12-06';
    expect(await posts[0]!.clone().json()).toMatchObject({ heldOn: expected, weekStart: '2026-11-30' });
    expect((screen.getByTestId('review-decision') as HTMLTextAreaElement).value).toBe('区总工会核实企业注册地');
    expect(screen.getByDisplayValue(expected)).toBeTruthy();
    expect(done).not.toHaveBeenCalled();
  });
});
