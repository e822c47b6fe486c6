import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { adminPassword, apiIn, launch, settled, shot, startServer, type Server, go } from './support.js';

/**
 * The command centre's wall without anyone signed in (a display token), the report schedule and the campaigns by
 * industry, at 1920×1080 on the demo installation.
 */
describe('display tokens, report schedule and campaigns by industry', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  before(async () => {
    server = await startServer({ demoOrders: 300 });
    browser = await launch();
    admin = await at1080();
    await admin.goto(`${server.url}/login`);
    await admin.fill('#username', 'admin');
    await admin.fill('#password', adminPassword);
    await admin.click('button[type=submit]');
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser context at the wall's size: no cookie, no session. */
  async function at1080(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    return page;
  }

  it('an administrator makes a display token; the wall opens the big screen with it, until it is revoked', async () => {
    await admin.goto(`${server.url}/reports`);
    await admin.getByRole('tab', { name: '大屏令牌' }).click();
    await admin.getByPlaceholder('如：指挥中心大屏').fill('指挥中心大屏');
    await admin.getByRole('button', { name: /^创\s*建$/ }).click();
    const dialog = settled(admin, '.ant-modal');
    await dialog.waitFor();
    const address = ((await dialog.locator('[data-testid=display-url]').textContent()) ?? '').trim();
    assert.match(address, new RegExp(`^${server.url}/big-screen\\?display=dsp_`));
    await shot(admin, 'e2e-display-token-created');
    await dialog.getByRole('button', { name: '我已复制，关闭' }).click();
    const row = admin.locator('.ant-table-row', { hasText: '指挥中心大屏' });
    await row.getByText('有效').waitFor();

    // The wall: nobody signed in, the address with the token.
    const wall = await at1080();
    await wall.goto(address);
    await wall.locator('[data-testid=bigscreen]').waitFor();
    await wall.waitForURL((u) => u.pathname === '/big-screen' && !u.search.includes('display'));
    await wall.getByText('实时', { exact: true }).waitFor();
    await wall.waitForFunction(() => document.querySelectorAll('[data-testid=bigscreen] canvas').length >= 4);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // The wall's own cookie reads the figures it shows (the page's request shares the context's cookies).
    const kpis = await (await wall.request.get(`${server.url}/api/analytics/kpis?from=${today}&to=${today}`)).json();
    const shown = async (figure: string) => ((await wall.locator(`[data-figure=${figure}] .bs-figure-value`).textContent()) ?? '').trim();
    await wall.waitForFunction((n) => document.querySelector('[data-figure=orders] .bs-figure-value')?.textContent === String(n), kpis.ordersCreated);
    if (new Date(Date.now() + 8 * 3_600_000).getUTCHours() >= 1) assert.notEqual(kpis.calls, null, 'the demo has calls today');
    if (kpis.calls === null) assert.match((await wall.locator('[data-figure=calls]').textContent()) ?? '', /暂无话务数据/);
    else {
      assert.equal(await shown('calls'), String(kpis.calls));
      assert.match((await wall.locator('[data-figure=calls] .bs-figure-sub').textContent()) ?? '', new RegExp(`接通 ${kpis.callsAnswered} · 接通率`));
    }
    assert.equal(await wall.locator('.app-layout, .app-header').count(), 0, 'no workplace around the wall');
    await wall.waitForTimeout(1200); // charts finish their entry animation before the picture
    await shot(wall, 'e2e-display-bigscreen-1920');

    await row.getByRole('button', { name: /^撤\s*销$/ }).click();
    await settled(admin, '.ant-popover')
      .getByRole('button', { name: /^撤\s*销$/ })
      .click();
    await row.getByText(/已撤销/).waitFor();

    // The same address on another computer is refused in words, not sent round the sign-in page.
    const again = await at1080();
    await again.goto(address);
    await again.locator('[data-testid=display-refused]').waitFor();
    assert.match((await again.locator('[data-testid=display-refused]').textContent()) ?? '', /大屏令牌无效或已撤销/);
    assert.ok(!again.url().includes('display='), again.url());
    await shot(again, 'e2e-display-refused');
    // The wall itself, on its next load, likewise.
    await wall.goto(`${server.url}/big-screen`);
    await wall.locator('[data-testid=display-refused]').waitFor();
    await wall.context().close();
    await again.context().close();
  });

  it('a person without a session or token opening the big screen is sent to sign in', async () => {
    const page = await at1080();
    await page.goto(`${server.url}/big-screen`);
    await page.waitForURL((u) => u.pathname === '/login' && u.search.includes('big-screen'));
    await page.context().close();
  });

  it('the administrator chooses the scheduled reports; the choice holds after a reload', async () => {
    await admin.goto(`${server.url}/reports`);
    const card = admin.locator('[data-testid=report-schedule]');
    const box = (label: string) => card.getByRole('checkbox', { name: label });
    await box('日报').waitFor();
    // The province root gets all four by default; it keeps the daily and weekly ones only.
    assert.ok(await box('年报').isChecked());
    await box('月报').uncheck();
    await box('年报').uncheck();
    await card.getByRole('button', { name: /^保\s*存$/ }).click();
    await admin.getByText('定时报表设置已保存').waitFor();
    await admin.reload();
    await box('日报').waitFor();
    assert.deepEqual(await Promise.all(['日报', '周报', '月报', '年报'].map((l) => box(l).isChecked())), [true, true, false, false]);
    const saved = await apiIn<{ kinds: string[]; isDefault: boolean }>(admin, '/api/analytics/report-schedule');
    assert.deepEqual(saved.body, { ...saved.body, kinds: ['daily', 'weekly'], isDefault: false });
    await shot(admin, 'e2e-report-schedule');
  });

  it('the demo campaign shows its orders by industry', async () => {
    await go(admin, '/reports');
    await admin.getByRole('tab', { name: '专项行动' }).click();
    const industries = admin.locator('[data-testid=campaign-industries] .ant-table-row');
    await industries.first().waitFor();
    const campaigns = await apiIn<{ id: string; name: string }[]>(admin, '/api/analytics/campaigns');
    const stats = await apiIn<{ byIndustry: { name: string; orders: number }[] }>(admin, `/api/analytics/campaigns/${campaigns.body[0]!.id}/stats`);
    assert.ok(
      stats.body.byIndustry.some((d) => d.name === '建筑业'),
      JSON.stringify(stats.body.byIndustry),
    );
    assert.equal(await industries.count(), stats.body.byIndustry.length);
    // 未识别 is listed last, the industries by their orders before it.
    const top = stats.body.byIndustry.find((d) => d.name !== '未识别')!;
    assert.match(await industries.first().innerText(), new RegExp(`${top.name}\\s+${top.orders}`));
    await admin.locator('[data-testid=campaign-stats] canvas').first().waitFor();
    if (stats.body.byIndustry.some((d) => d.name === '未识别')) assert.match(await industries.last().innerText(), /未识别/);
    // Regions by name, not by code.
    assert.match(await admin.locator('[data-testid=campaign-cities] .ant-table-row').first().innerText(), /市|盟/);
    await admin.waitForTimeout(800);
    await shot(admin, 'e2e-campaign-industries');
  });
});
