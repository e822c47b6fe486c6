import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, launch, reportCalls, shot, startServer, type Server } from './support.js';

/** The leader's cockpit and the command centre's big screen at 1920×1080 on the demo installation. */
describe('cockpit and big screen', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer({ demoOrders: 300 });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function leaderAt1080(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('[leader] page error:', e.message));
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'leader');
    await page.fill('#password', demoPassword);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }

  it('a leader lands on the cockpit; its figures are the API’s; a card drills down to a list of the same size', async () => {
    const page = await leaderAt1080();
    await page.waitForURL((u) => u.pathname === '/cockpit');
    await page.locator('[data-kpi=ordersCreated] .kpi-value').waitFor();
    const before = await fromOf(page);
    await page.getByText('近90天').click();
    await page.waitForURL((u) => u.search.includes('preset=90d'));
    // The period's pickers follow the address a render later: read them once they show the new period.
    await page.waitForFunction((b) => (document.querySelector('.ant-picker-input input') as HTMLInputElement | null)?.value !== b, before);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 3);
    const api = await (await page.request.get(`${server.url}/api/analytics/kpis?from=${await fromOf(page)}&to=${await toOf(page)}`)).json();
    await page
      .waitForFunction((n) => document.querySelector('[data-kpi=ordersCreated] .kpi-value')?.textContent === String(n), api.ordersCreated)
      .catch(async (e: Error) => {
        // Say what the page showed instead (an error state, the previous period's figure), not only that it timed out.
        const shown = await page.evaluate(() => document.querySelector('main')?.textContent?.slice(0, 600) ?? document.body.textContent?.slice(0, 600));
        throw new Error(`${e.message}\nAPI ordersCreated ${api.ordersCreated} for ${api.period?.from}–${api.period?.to}; the page showed: ${shown}`);
      });
    assert.ok(api.ordersCreated > 0, 'the demo shows figures on first start');
    assert.equal(await page.locator('[data-kpi=dueInPeriod] .kpi-value').textContent(), String(api.dueInPeriod));
    assert.equal(await page.locator('[data-kpi=onTimeRate] .kpi-value').textContent(), api.onTimeRate === null ? '—' : `${(api.onTimeRate * 100).toFixed(1)}%`);
    await page.waitForTimeout(600); // charts finish their entry animation before the picture
    await shot(page, 'e2e-cockpit-1920');

    await page.locator('[data-kpi=dueInPeriod] a').click();
    await page.waitForURL((u) => u.pathname === '/orders' && u.search.includes('metric=due'));
    const listed = await (
      await page.request.get(`${server.url}/api/orders/count?metric=due&metricFrom=${api.period.from}&metricTo=${api.period.to}&unitId=${api.unit.id}`)
    ).json();
    assert.equal(listed.total, api.dueInPeriod);
    await page.locator('.ant-table-row').first().waitFor();
    // The list under the card says as many: its page first, then its count (asked apart when the page holds less).
    await page.locator('.list-footer').getByText(`共 ${api.dueInPeriod} 条`).waitFor();
    await shot(page, 'e2e-cockpit-drilldown');
    await page.context().close();
  });

  it('the big screen fills 1920×1080 in the dark with the province map, live', async () => {
    const page = await leaderAt1080();
    await page.goto(`${server.url}/big-screen`);
    await page.locator('[data-testid=bigscreen]').waitFor();
    await page.getByText('实时', { exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=bigscreen] canvas').length >= 4);
    await page.waitForTimeout(1200);
    const box = await page.locator('[data-testid=bigscreen]').boundingBox();
    assert.ok(box && Math.round(box.width) === 1920 && Math.round(box.height) === 1080, `fills the screen: ${JSON.stringify(box)}`);
    await shot(page, 'e2e-bigscreen-1920');

    // A call answered now: today's calls on the wall move, pushed on the figures' stream (no poll, no reload).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const kpis = await (await page.request.get(`${server.url}/api/analytics/kpis?from=${today}&to=${today}`)).json();
    const at = (s: number) => new Date(Date.now() - (20 - s) * 1000).toISOString();
    await reportCalls(server.url, [
      { eventId: 'wall-1', callId: 'wall-call', type: 'offered', at: at(0), from: '13904719999', to: '12351' },
      { eventId: 'wall-2', callId: 'wall-call', type: 'queued', at: at(3), queue: 'general' },
      { eventId: 'wall-3', callId: 'wall-call', type: 'answered', at: at(8), agent: 'agent' },
    ]);
    await page.waitForFunction((n) => document.querySelector('[data-figure=calls] .bs-figure-value')?.textContent === String(n), (kpis.calls ?? 0) + 1);
    await page.context().close();
  });
});

/** A municipality's wall: Chongqing is mapped by district and county from the packaged boundaries, never blank. */
describe('the big screen of a municipality', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer({ demoOrders: 60, env: { HOTLINE_PROVINCE: '500000' } });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows Chongqing by district, its districts coloured by their orders', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('[leader] page error:', e.message));
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'leader');
    await page.fill('#password', demoPassword);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/big-screen`);
    const map = page.locator('[data-testid=bs-map]');
    await page.locator('[data-testid=bs-map][data-map="重庆"] canvas').waitFor();
    assert.equal(await map.getAttribute('data-level'), 'county');
    assert.ok(Number(await map.getAttribute('data-areas')) >= 38, `districts and counties: ${await map.getAttribute('data-areas')}`);
    // The demo's orders are placed in Chongqing's districts: some of them are coloured on the map.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=bs-map]')?.getAttribute('data-coloured')) > 0);
    assert.match((await page.locator('[data-testid=bigscreen]').textContent()) ?? '', /重庆/);
    await page.waitForTimeout(1200); // charts finish their entry animation before the picture
    await shot(page, 'e2e-bigscreen-chongqing-1920');
    await ctx.close();
  });
});

async function fromOf(page: Page): Promise<string> {
  return (await page.locator('.ant-picker-input input').first().inputValue()).trim();
}
async function toOf(page: Page): Promise<string> {
  return (await page.locator('.ant-picker-input input').nth(1).inputValue()).trim();
}
