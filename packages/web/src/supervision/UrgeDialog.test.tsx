import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { beforeToday, UrgeDialog } from './UrgeDialog.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const order = { id: '00000000-0000-4000-8000-000000000001', number: '12351-150000-20260915-0002' };

function dialog() {
  return render(
    <I18nProvider initial="en">
      <App>
        <UrgeDialog order={order} onClose={() => {}} onDone={() => {}} />
      </App>
    </I18nProvider>,
  );
}

describe('UrgeDialog', () => {
  it('offers no answer-by day before today', async () => {
    // Wednesday 16 December 2026 (only Date is faked: antd's timers run as usual).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-16T02:00:00Z') });
    expect(beforeToday(dayjs('2026-12-15T23:59:00+08:00'))).toBe(true);
    expect(beforeToday(dayjs('2025-12-16T10:00:00+08:00'))).toBe(true);
    expect(beforeToday(dayjs('2026-12-16T10:00:00+08:00'))).toBe(false);
    expect(beforeToday(dayjs('2026-12-17T10:00:00+08:00'))).toBe(false);
    // The picker's calendar greys out the days before today.
    dialog();
    const input = screen.getByText('Answer by (optional)').closest('.ant-form-item')!.querySelector('input')!;
    fireEvent.mouseDown(input);
    fireEvent.click(input);
    const cell = async (day: string) => (await screen.findByTitle(day)).className;
    expect(await cell('2026-12-15')).toContain('ant-picker-cell-disabled');
    expect(await cell('2026-12-01')).toContain('ant-picker-cell-disabled');
    expect(await cell('2026-12-16')).not.toContain('ant-picker-cell-disabled');
    expect(await cell('2026-12-17')).not.toContain('ant-picker-cell-disabled');
  });

  it("puts the server's refusal of a past answer-by time on the field, in the page's language", async () => {
    // The server answers an English page in English and names the field (supervision.service.ts URGE_ANSWER_BY_PAST).
    const fetch = vi.fn(async () =>
      json(400, {
        code: 'URGE_ANSWER_BY_PAST',
        message: 'The answer-by time is later than now',
        details: { fields: [{ field: 'body.answerBy', message: 'The answer-by time is later than now' }] },
        requestId: 'r1',
      }),
    );
    vi.stubGlobal('fetch', fetch);
    dialog();
    fireEvent.click(await screen.findByRole('button', { name: 'Send urge' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const field = screen.getByText('Answer by (optional)').closest('.ant-form-item')!;
    await waitFor(() => expect(field.querySelector('.ant-form-item-explain-error')?.textContent).toBe('The answer-by time is later than now'));
    expect(field.className).toContain('ant-form-item-has-error');
  });
});
