import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { invalidateReference } from '../shared/reference.js';
import OrderListPage from './OrderListPage.js';

// A county union's handler, as the session would say.
vi.mock('../auth/session.js', async (original) => ({
  ...(await original<typeof import('../auth/session.js')>()),
  useCurrent: () => ({ role: 'handler', current: { role: 'handler', unit: { id: 'u-county', name: '土默特左旗总工会' } }, user: { id: 'p1' } }),
  rememberHome: () => undefined,
}));

// The test files share one module graph (vite.config.ts isolate: false): another file's catalog may still be cached.
beforeEach(() => invalidateReference());
afterEach(() => {
  vi.unstubAllGlobals();
  invalidateReference();
});

/** A window this many pixels wide, as antd's breakpoints ask it: `(min-width: 768px)` and the like. */
function windowOf(width: number) {
  vi.stubGlobal('matchMedia', (query: string) => {
    const min = /min-width:\s*(\d+)px/.exec(query);
    const max = /max-width:\s*(\d+)px/.exec(query);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
  });
}

const order = {
  id: '0c7f5a7e-2a64-4d39-9f7b-3f1d7f0e0001',
  number: 'NM20261205000123',
  title: '某建筑工地拖欠 12 名农民工工资',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  employerName: '呼和浩特某建筑公司',
  placeText: null,
  state: 'handling',
  priority: 'urgent',
  riskFlags: [],
  confidential: false,
  isGroup: true,
  callerCount: 12,
  holderUnit: { id: 'u-county', name: '土默特左旗总工会' },
  createdAt: '2026-12-05T02:30:00Z',
  deadlineProvisional: false,
  deadlines: {
    current: { dueAt: '2026-12-04T02:30:00Z', nearDueAt: null, status: 'overdue' },
    currentStep: 'reply',
    reply: null,
    callbackDueAt: null,
    returnDueAt: null,
  },
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
function server() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (r: Request) => {
      const path = new URL(r.url).pathname;
      if (path === '/api/orders/') return json({ items: [order], nextCursor: 'c1', countsByState: {}, total: 30, totalCapped: true, countsDeferred: true });
      if (path === '/api/orders/count') return new Promise<Response>(() => undefined); // still counting
      if (path === '/api/orders/view-counts') return json({ views: [{ key: 'my_work', count: 30 }] });
      if (path === '/api/supervision/emergency') return json({ total: 0, orders: [] });
      if (path === '/api/catalog')
        return json({
          types: [{ code: 'complaint', nameZh: '投诉', nameEn: 'Complaint' }],
          subjects: [{ code: 'wage_arrears', nameZh: '欠薪', nameEn: 'Wage arrears' }],
          riskFlags: [],
        });
      if (path === '/api/units/') return json({ items: [] });
      return json({});
    }),
  );
}

const renderList = () =>
  render(
    <I18nProvider initial="zh">
      <App>
        <MemoryRouter initialEntries={['/orders?view=my_work']}>
          <Routes>
            <Route path="/orders" element={<OrderListPage />} />
            <Route path="/orders/:id" element={<p data-testid="order-page">order page</p>} />
          </Routes>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );

// The whole page (tabs, filters, list) rendered by antd in jsdom: seconds on a busy machine, more than the default.
describe('the order list on a phone (390 px)', { timeout: 60_000 }, () => {
  it('shows each order as a card with its number, title, state, deadline, holder unit and time, and opens it on a tap', async () => {
    windowOf(390);
    server();
    renderList();
    const card = (await screen.findByText('NM20261205000123')).closest('a') as HTMLElement;
    expect(card.className).toContain('order-card');
    expect(card.className).toContain('order-card-overdue');
    const inCard = within(card);
    expect(inCard.getByText('某建筑工地拖欠 12 名农民工工资')).toBeTruthy();
    expect(inCard.getByText('办理中')).toBeTruthy();
    expect(card.querySelector('[data-deadline="overdue"]')?.textContent).toMatch(/^超期 · /);
    expect(inCard.getByText('承办单位 土默特左旗总工会')).toBeTruthy();
    // 10:30 in Beijing.
    expect(inCard.getByText('受理于 12-05 10:30')).toBeTruthy();
    // The catalog's names come by their own request: on a busy machine later than the page.
    await waitFor(() => expect(inCard.getByText('投诉 · 欠薪 · 呼和浩特某建筑公司')).toBeTruthy(), { timeout: 15_000 });
    expect(document.querySelector('.ant-table')).toBeNull();
    // The list's footer as under the table: the count on its way, the next page on request.
    expect(screen.getByText('正在统计总数，已显示 1 条')).toBeTruthy();
    expect(screen.getByText('加载更多').closest('button')).toBeTruthy();
    fireEvent.click(card);
    expect(await screen.findByTestId('order-page')).toBeTruthy();
  });

  it('keeps the search in view and the other filters behind 筛选, in a drawer', async () => {
    windowOf(390);
    server();
    renderList();
    await screen.findByText('NM20261205000123');
    expect(screen.getByPlaceholderText('工单号、标题、内容、单位、地点')).toBeTruthy();
    expect(screen.queryByText('更多筛选')).toBeNull();
    fireEvent.click(screen.getByText(/^筛\s*选$/));
    expect(await screen.findByText('更多筛选')).toBeTruthy();
    expect(screen.getByText('更多筛选').closest('.order-filters-drawer')).not.toBeNull();
  });

  it('keeps the table on a desktop', async () => {
    windowOf(1366);
    server();
    renderList();
    await screen.findByText('NM20261205000123');
    expect(document.querySelector('.ant-table')).not.toBeNull();
    expect(document.querySelector('.order-card')).toBeNull();
    expect(screen.getByText('更多筛选')).toBeTruthy();
  });
});
