import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { invalidateReference } from '../shared/reference.js';
import { AddAnalysisItemDialog } from './AnalysisItemDialogs.js';

afterEach(() => {
  vi.unstubAllGlobals();
  invalidateReference('units');
});

const county = { id: '00000000-0000-4000-8000-0000000000aa', name: '新城区总工会', parentId: null, active: true, external: false, depth: 0 };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('AddAnalysisItemDialog', () => {
  it("shows the server's refusal: a month not yet begun above the buttons, a past due date under its field; what was typed stays", {
    timeout: 60_000,
  }, async () => {
    const fetch = vi.fn(async (input: Request | string) => {
      const r = typeof input === 'string' ? new Request(new URL(input, 'http://localhost')) : input;
      if (r.method === 'POST')
        return json(400, {
          code: 'ANALYSIS_MONTH_IN_FUTURE',
          message: '研判月份不能晚于本月（2026-12）',
          requestId: 'r1',
          details: {
            fields: [
              { field: 'body.month', message: '研判月份不能晚于本月（2026-12）' },
              { field: 'body.dueOn', message: '完成期限不能早于今天（2026-12-10）' },
            ],
          },
        });
      return json(200, { items: [county] });
    });
    vi.stubGlobal('fetch', fetch);
    const done = vi.fn();
    render(
      <I18nProvider initial="zh">
        <App>
          <AddAnalysisItemDialog open month="2030-01" onClose={() => undefined} onDone={done} />
        </App>
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('问题'), { target: { value: '建筑行业欠薪集中' } });
    // The unit: once the units are read (a tree opened while still loading may stay empty), open it, choose the county.
    await waitFor(() => expect(document.querySelector('.ant-select .anticon-loading')).toBeNull(), { timeout: 30_000 });
    fireEvent.mouseDown(screen.getByLabelText('责任单位'));
    // A busy machine may take a while to render the tree: wait for it rather than fail (no time is asserted).
    fireEvent.click(await screen.findByTitle('新城区总工会', {}, { timeout: 30_000 }));
    fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(screen.getByText('完成期限不能早于今天（2026-12-10）')).toBeTruthy(), { timeout: 15_000 });
    expect(screen.getByText('研判月份不能晚于本月（2026-12）')).toBeTruthy();
    const posts = fetch.mock.calls.map((c) => c[0] as Request).filter((r) => typeof r !== 'string' && r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(await posts[0]!.clone().json()).toMatchObject({ month: '2030-01', problem: '建筑行业欠薪集中', ownerUnitId: county.id });
    expect((screen.getByLabelText('问题') as HTMLTextAreaElement).value).toBe('建筑行业欠薪集中');
    expect(done).not.toHaveBeenCalled();
  });
});
