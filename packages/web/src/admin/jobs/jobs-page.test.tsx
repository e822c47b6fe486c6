import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, translate } from '../../i18n/i18n.js';
import { canSee, navItems } from '../../shell/AppShell.js';
import { guardedPages } from '../../pages.js';
import JobsPage from '../JobsPage.js';
import { type Job, jobFailureText, jobFailureWords, jobKindNames, jobStateNames, jobTime, retryable, stateChoices } from './job-labels.js';

const job = (over: Partial<Job>): Job => ({
  id: 1,
  kind: 'notice.deliver',
  state: 'done',
  key: null,
  runAt: '2026-03-02T00:00:00Z',
  attempts: 1,
  maxAttempts: 8,
  leasedBy: null,
  lastError: null,
  lastErrorKind: null,
  createdAt: '2026-03-02T00:00:00Z',
  finishedAt: '2026-03-02T00:00:01Z',
  payload: {},
  ...over,
});

describe('the jobs page’s words', () => {
  it('says which time matters in each state', () => {
    expect(jobTime(job({ state: 'pending', attempts: 0, runAt: 'a' }))).toEqual({ label: '计划执行', at: 'a' });
    expect(jobTime(job({ state: 'pending', attempts: 2, runAt: 'b' }))).toEqual({ label: '下次重试', at: 'b' });
    expect(jobTime(job({ state: 'running', runAt: 'c' }))).toEqual({ label: '计划执行', at: 'c' });
    expect(jobTime(job({ state: 'done', finishedAt: 'd' }))).toEqual({ label: '完成于', at: 'd' });
    expect(jobTime(job({ state: 'failed', finishedAt: 'e' }))).toEqual({ label: '最后失败', at: 'e' });
  });

  it('retries only failed jobs (the server answers JOB_NOT_FAILED otherwise)', () => {
    expect((['pending', 'running', 'done', 'failed'] as const).filter((state) => retryable({ state }))).toEqual(['failed']);
  });

  it('counts each state and all of them', () => {
    expect(stateChoices({ done: 40, failed: 2, pending: 3 }).map((c) => [c.value, c.count])).toEqual([
      ['all', 45],
      ['failed', 2],
      ['pending', 3],
      ['running', 0],
      ['done', 40],
    ]);
    expect(stateChoices(undefined).every((c) => c.count === null)).toBe(true);
  });

  it('names every state and kind in English too', () => {
    for (const zh of [
      ...Object.values(jobStateNames),
      ...Object.values(jobKindNames),
      ...Object.values(jobFailureWords),
      '计划执行',
      '下次重试',
      '完成于',
      '最后失败',
      '全部',
    ])
      expect([zh, translate('en', zh)]).not.toEqual([zh, expect.stringMatching(/[\u4e00-\u9fff]/)]);
  });

  it('says a last error by its kind, the message beside it; one stored before kinds were as it was stored', () => {
    expect(jobFailureText(job({ lastError: 'fetch failed: ECONNREFUSED', lastErrorKind: 'unreachable' }))).toEqual({
      words: '无法连接对方系统（网络不通、超时或地址有误）',
      detail: 'fetch failed: ECONNREFUSED',
    });
    expect(jobFailureText(job({ lastError: 'HTTP 502：上游平台不可用', lastErrorKind: null }))).toEqual({ words: null, detail: 'HTTP 502：上游平台不可用' });
    expect(jobFailureText(job({ lastError: null }))).toBeNull();
  });
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failed = job({
  id: 7,
  kind: 'exchange.deliver',
  state: 'failed',
  attempts: 8,
  lastError: 'HTTP 502：上游平台不可用',
  finishedAt: '2026-03-02T01:00:00Z',
});
const waiting = job({ id: 6, kind: 'supervision.scan', state: 'pending', attempts: 0, finishedAt: null });
const page = (items: Job[]) => ({ items, counts: { failed: 1, pending: 1, done: 40 }, kinds: ['exchange.deliver', 'supervision.scan'], nextBeforeId: null });

afterEach(() => vi.unstubAllGlobals());

describe('JobsPage', () => {
  it('shows a failed job’s kind of failure in the chosen language, and its message for the administrator', async () => {
    const broken = job({
      id: 9,
      kind: 'outbound.deliver',
      state: 'failed',
      attempts: 8,
      lastError: 'Could not connect to hooks.example.cn: fetch failed',
      lastErrorKind: 'unreachable',
    });
    const bug = job({
      id: 8,
      kind: 'supervision.scan',
      state: 'failed',
      attempts: 3,
      lastError: "TypeError: Cannot read properties of undefined (reading 'id')",
      lastErrorKind: 'program',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, page([broken, bug]))),
    );
    render(
      <I18nProvider initial="en">
        <App>
          <JobsPage />
        </App>
      </I18nProvider>,
    );
    const row = (await screen.findByText('Outbound notices (webhook, SMS)')).closest('tr')!;
    expect(within(row).getByTestId('job-error-kind').textContent).toBe('Could not reach the other system (network, timeout or a wrong address)');
    expect(within(row).getByTestId('job-error-detail').textContent).toBe('Could not connect to hooks.example.cn: fetch failed');
    const other = screen.getByText('Supervision deadline scan').closest('tr')!;
    expect(within(other).getByTestId('job-error-kind').textContent).toBe("An error in the program: pass the details on to the system's maintainers");
    expect(within(other).getByTestId('job-error-detail').textContent).toContain('TypeError');
  });

  it('is in the system administrator’s menu, guarded for everyone else (三员分立: not the security administrator’s)', () => {
    const item = navItems.find((i) => i.path === '/admin/jobs')!;
    const reach = { holdsHotline: true, holdsProvinceHotline: true };
    expect(canSee(item, { role: 'administrator', ...reach })).toBe(true);
    for (const role of ['security', 'auditor', 'supervisor', 'leader'] as const) expect(canSee(item, { role, ...reach })).toBe(false);
    expect(guardedPages.map((p) => p.path)).toContain('admin/jobs');
  });

  it('lists jobs with state, kind, attempts and last error; retries a failed one after confirmation', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => {
        const url = new URL(r.url);
        asked.push(`${r.method} ${url.pathname}${url.search}`);
        if (r.method === 'POST' && url.pathname === '/api/jobs/7/retry')
          return json(200, { ...failed, state: 'pending', attempts: 0, lastError: null, finishedAt: null });
        const state = url.searchParams.get('state');
        return json(200, page([failed, waiting].filter((j) => !state || j.state === state)));
      }),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <JobsPage />
        </App>
      </I18nProvider>,
    );
    const row = (await screen.findByText('数据交换发送')).closest('tr')!;
    expect(within(row).getByTestId('job-state').textContent).toBe('失败');
    expect(row.textContent).toContain('8 / 8');
    expect(row.textContent).toContain('HTTP 502：上游平台不可用');
    expect(row.textContent).toContain('exchange.deliver');
    // The counts by state, over all jobs.
    expect(screen.getByTestId('job-states').textContent).toContain('失败 1');
    expect(screen.getByTestId('job-states').textContent).toContain('全部 42');
    // Only the failed job offers a retry.
    const other = screen.getByText('督办时限扫描').closest('tr')!;
    expect(within(other).queryByTestId('job-retry')).toBeNull();

    fireEvent.click(within(row).getByTestId('job-retry'));
    expect(asked.some((a) => a.startsWith('POST'))).toBe(false);
    fireEvent.click(await screen.findByRole('button', { name: '重 试' }));
    await waitFor(() => expect(within(row).getByTestId('job-state').textContent).toBe('待执行'));
    expect(asked).toContain('POST /api/jobs/7/retry');
    expect(within(row).queryByTestId('job-retry')).toBeNull();
    // The counts follow: one failed job fewer, one more waiting.
    expect(screen.getByTestId('job-states').textContent).toContain('失败 0');
    expect(screen.getByTestId('job-states').textContent).toContain('待执行 2');

    // Filtered by state: asked of the server.
    fireEvent.click(within(screen.getByTestId('job-states')).getByText('失败 0'));
    await waitFor(() => expect(asked).toContain('GET /api/jobs/?state=failed&limit=50'));
  });
});
