import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, shot, signIn, startServer, toEnglish, type Server, go } from './support.js';

const get = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

/**
 * 智能分析 on a fresh demo installation: the supervisor sees the 包头 wage-arrears surge with its baseline and the day
 * it started, the forecast of the coming weeks as a line with its interval, and the suggestions the agents kept or
 * changed per field — each page as the API answers it, on first start.
 */
describe('insight pages on first start', () => {
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

  it('突增预警: the surge per subject × city, its baseline and since when', async () => {
    const page = await signIn(browser, server.url, 'supervisor');
    await page.getByRole('menuitem', { name: '智能分析' }).click();
    await page.waitForURL((u) => u.pathname === '/insights/surges');
    const api = await get(page, '/api/intelligence/surges');
    const surge = api.current.find((s: { cityName: string; window: string }) => s.cityName === '包头市' && s.window === 'week');
    assert.ok(surge, 'the demo has a wage-arrears surge in 包头');
    const row = page.getByTestId('surges-current').locator('.ant-table-row', { hasText: '包头市' }).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /欠薪/);
    assert.match(text, new RegExp(String(surge.observed)));
    assert.match(text, new RegExp(surge.expected.toFixed(2).replace('.', '\\.')));
    const started = api.recorded.find((r: { cityName: string; window: string }) => r.cityName === '包头市' && r.window === 'week');
    assert.equal(await row.getByTestId('surge-since').innerText(), started.day);
    await shot(page, 'insights-01-surges');
  });

  it('趋势预测: the subject with the most requests this week, as a line with the forecast and its interval', async () => {
    const page = await signIn(browser, server.url, 'supervisor', { at: '/insights/forecast' });
    await page.getByTestId('forecast-chart').locator('canvas').waitFor();
    const api = await get(page, '/api/intelligence/forecast?weeks=4');
    const top = [...api.subjects].sort((a, b) => b.history.at(-1) - a.history.at(-1))[0];
    assert.equal(top.subjectCode, 'wage_arrears');
    await page.getByTestId('forecast-subject').getByText('欠薪讨薪').waitFor();
    const next = page.locator('.ant-table-row', { hasText: '欠薪讨薪' });
    assert.match(await next.innerText(), new RegExp(`${top.forecast[0].low} – ${top.forecast[0].high}`));
    await shot(page, 'insights-02-forecast');
  });

  it('建议采纳: accepted and changed suggestions per field, from what the agents saved', async () => {
    const page = await signIn(browser, server.url, 'supervisor', { at: '/insights/acceptance' });
    await page.getByTestId('acceptance-chart').locator('canvas').waitFor();
    const api = await get(page, '/api/intelligence/accuracy?days=30');
    const place = api.fields.find((f: { field: string }) => f.field === 'place');
    assert.ok(place.total > 0, 'the demo agent saved orders with suggestions');
    const row = page.getByTestId('acceptance-table').locator('.ant-table-row', { hasText: '发生地' });
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(1, 4).map(Number), [place.total, place.accepted, place.changed]);
    await shot(page, 'insights-03-acceptance');
    // The same page in English.
    await toEnglish(page);
    await page.getByRole('tab', { name: 'Suggestions kept' }).waitFor();
    await page.getByTestId('acceptance-table').locator('.ant-table-row', { hasText: 'Place' }).waitFor();
    await page.getByRole('tab', { name: 'Forecast' }).click();
    await page.getByTestId('forecast-chart').locator('canvas').waitFor();
    await shot(page, 'insights-04-forecast-en');
  });

  it('a dispatcher reaches surges and the forecast from the supervision board, but not the acceptance', async () => {
    const page = await signIn(browser, server.url, 'dispatcher', { at: '/supervision' });
    await page.getByTestId('board-insights').click();
    await page.waitForURL((u) => u.pathname === '/insights/surges');
    await page.getByTestId('surges-current').locator('.ant-table-row', { hasText: '包头市' }).first().waitFor();
    assert.equal(await page.getByTestId('tab-acceptance').count(), 0);
    await go(page, '/insights/acceptance');
    await page.getByText('当前角色无权使用此页面').waitFor();
  });
});
