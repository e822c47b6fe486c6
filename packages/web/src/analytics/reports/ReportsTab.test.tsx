import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { ReportsTab } from './ReportsTab.js';

afterEach(() => vi.unstubAllGlobals());

const report = {
  id: 'r1',
  kind: 'daily',
  unitId: 'u1',
  unitName: '内蒙古自治区总工会',
  from: '2026-11-24',
  to: '2026-11-24',
  title: '内蒙古自治区总工会12351职工服务热线日报（2026-11-24）',
  summary: '本日…',
  // 22:13 in Beijing: a browser in UTC read it as 14:13.
  generatedAt: '2026-11-25T14:13:00.000Z',
  origin: 'schedule',
};
const refusal = {
  code: 'REPORT_PERIOD_IN_FUTURE',
  message: '统计期间不能晚于今天（2026-11-25）',
  requestId: 'q1',
  details: { fields: [{ field: 'body.to', message: '统计期间不能晚于今天（2026-11-25）' }] },
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve() {
  const posted: unknown[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    if (req.method === 'POST') posted.push(await req.clone().json());
    const url = new URL(req.url);
    if (url.pathname.endsWith('/report-schedule')) return json({ unitId: 'u1', unitName: '内蒙古自治区总工会', kinds: [], isDefault: true, canEdit: false });
    if (url.pathname.endsWith('/reports') && req.method === 'POST') return json(refusal, 400);
    if (url.pathname.endsWith('/reports')) return json([report]);
    return json({ code: 'NOT_FOUND', message: 'no', requestId: 'x' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider initial="zh">
      <App>
        <ReportsTab />
      </App>
    </I18nProvider>,
  );
  return posted;
}

describe('ReportsTab', () => {
  it('shows when a report was generated in Beijing time, as the jobs page does, whatever the browser’s zone', async () => {
    serve();
    await screen.findByText(report.title);
    expect(screen.getByText('2026-11-25 22:13')).toBeTruthy();
  });

  it('puts a refused period under the period picker', async () => {
    const posted = serve();
    await screen.findByText(report.title);
    fireEvent.click(screen.getByRole('button', { name: /生成报表/ }));
    await waitFor(() => expect(document.querySelector('.ant-form-item-explain-error')?.textContent).toBe('统计期间不能晚于今天（2026-11-25）'), {
      timeout: 15_000,
    });
    expect(posted).toEqual([{ kind: 'weekly' }]);
  });
});
