import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { act, launch, openFirstInView, settled, shot, signIn, startServer, toEnglish, type Server } from './support.js';

/**
 * The closed loop through the browser, as the people at the hotline do it: an agent takes a wage-arrears call, a second
 * worker's call joins it, the dispatcher sends it to the county union, the county signs and replies, the dispatcher
 * accepts, the callback closes it. Plus what protects them: drafts, stale versions, expired sessions.
 */
describe('the work-order loop in the browser', () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  let orderId = '';

  before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function fillIntake(page: Page, phone: string, name: string) {
    await page.fill('#callers_0_phone', phone);
    await page.fill('#callers_0_name', name);
    await page.getByText('投诉', { exact: true }).click();
    await page.click('#subjectCode');
    await page.keyboard.type('欠薪');
    await page.keyboard.press('Enter');
    await page.fill('#narrative', '在恒泰建筑劳务有限公司的工地干了三个月，老板拖欠 4 名农民工工资共 23 万元。');
    await page.click('#division');
    await page.keyboard.type('新城区');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.fill('#employerName', '恒泰建筑劳务有限公司');
    await page.fill('#workersInvolved', '4');
    await page.fill('#amountInvolved', '230000');
  }

  it('an agent records a call; the draft survives a reload; Ctrl+Enter saves and shows the number', async () => {
    const t0 = Date.now();
    const page = await signIn(browser, base, 'agent');
    await page.waitForSelector('.intake-form');
    console.log(`sign-in to a ready intake form: ${Date.now() - t0} ms`);
    await fillIntake(page, '13912345678', '张先生');
    await page.reload();
    await page.waitForSelector('.intake-form');
    assert.equal(await page.inputValue('#callers_0_phone'), '13912345678');
    assert.equal(await page.inputValue('#employerName'), '恒泰建筑劳务有限公司');
    await shot(page, 'e2e-intake');
    await page.keyboard.press('Control+Enter');
    const number = await page.locator('.order-number-big').innerText();
    assert.match(number.replace(/\s/g, ''), /^12351-150000-\d{8}-\d{4}$/);
    await shot(page, 'e2e-intake-saved');
    // The draft is gone once saved: the next call starts empty.
    await page.keyboard.press('Alt+N');
    await page.waitForSelector('.intake-form');
    assert.equal(await page.inputValue('#callers_0_phone'), '');
    assert.equal(await page.inputValue('#employerName'), '');
    assert.equal(await page.inputValue('#narrative'), '');
    await page.context().close();
  });

  it('a field the server refuses shows its message in place', async () => {
    const page = await signIn(browser, base, 'agent');
    await page.waitForSelector('.intake-form');
    await page.fill('#callers_0_phone', '12');
    await page.keyboard.press('Control+Enter');
    await page.getByText('电话号码格式不正确').waitFor();
    await page.getByText('请填写诉求内容').waitFor();
    await shot(page, 'e2e-intake-invalid');
    await page.context().close();
  });

  it('a second worker calling about the same employer is attached to the open order', async () => {
    const page = await signIn(browser, base, 'agent');
    await page.waitForSelector('.intake-form');
    await page.fill('#callers_0_phone', '13700001111');
    await page.fill('#callers_0_name', '李师傅');
    await page.fill('#employerName', '恒泰建筑劳务有限公司');
    await page.getByRole('button', { name: '追加来电人' }).first().click();
    await settled(page, '.ant-popover')
      .getByRole('button', { name: /^追\s*加$/ })
      .click();
    await page.getByText('来电人已追加到工单', { exact: true }).waitFor();
    await page.getByText('共 2 名来电人').waitFor();
    await shot(page, 'e2e-intake-attached');
    await page.context().close();
  });

  it('the dispatcher sees exactly the allowed actions and dispatches to the suggested county union', async () => {
    const page = await signIn(browser, base, 'dispatcher', { at: null });
    orderId = await openFirstInView(page, 'to_dispatch');
    const allowed = await page.evaluate(async (id) => (await (await fetch(`/api/orders/${id}`)).json()).allowedActions as string[], orderId);
    const buttons = await page.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    assert.ok(buttons.length > 0);
    for (const b of buttons) assert.ok(allowed.includes(b!), `button ${b} is not an allowed action`);
    await act(page, 'dispatch', async (p) => {
      await p.getByText('属地建议：新城区总工会').waitFor();
      await shot(p, 'e2e-dispatch');
    });
    await page.locator('.order-header').getByText('待签收').waitFor();
    await page.context().close();
  });

  it('a stale page is told that someone else changed the order, and reloads it', async () => {
    const a = await signIn(browser, base, 'handler', { at: `/orders/${orderId}` });
    const b = await signIn(browser, base, 'handler', { at: `/orders/${orderId}` });
    await a.waitForSelector('[data-action=sign]');
    await b.waitForSelector('[data-action=sign]');
    await act(a, 'sign');
    await b.locator('[data-action=sign]').click();
    await settled(b, '.ant-modal').waitFor();
    await b.getByRole('dialog').locator('.ant-btn-primary').click();
    await b.getByText('其他人刚刚修改了此工单').waitFor();
    await b.locator('.order-header').getByText('办理中').waitFor();
    await shot(b, 'e2e-conflict');
    await act(a, 'reply', async (p) => {
      await p.fill('#measures', '约谈用人单位，督促一周内结清欠薪，已全部支付。');
      await p.fill('#amountRecovered', '230000');
      await p.fill('#workersHelped', '4');
    });
    await a.locator('.order-header').getByText('待审核').waitFor();
    await a.context().close();
    await b.context().close();
  });

  it('the dispatcher accepts the reply and the callback archives the order', async () => {
    const d = await signIn(browser, base, 'dispatcher', { at: `/orders/${orderId}` });
    await act(d, 'review_accept');
    await d.locator('.order-header').getByText('待回访').waitFor();
    await d.context().close();

    const c = await signIn(browser, base, 'callback', { at: `/orders/${orderId}` });
    await act(c, 'callback', async (p) => {
      const dialog = p.getByRole('dialog');
      await dialog.locator('#handlingSatisfaction').getByText('满意', { exact: true }).click();
      await dialog.locator('#callSatisfaction').getByText('满意', { exact: true }).click();
    });
    await c.locator('.order-header').getByText('已归档').waitFor();
    assert.equal(await c.locator('[data-action]').count(), 0);
    await shot(c, 'e2e-archived');
    await c.context().close();
  });

  it('an expired session goes to sign-in and comes back to the same page', async () => {
    const page = await signIn(browser, base, 'dispatcher', { at: `/orders/${orderId}` });
    await page.waitForSelector('.order-header');
    await page.context().clearCookies();
    await page.locator('.order-header button[aria-label="刷新"]').click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === `/orders/${orderId}`);
    await page.waitForSelector('#username');
    await shot(page, 'e2e-session-expired');
    await page.fill('#username', 'dispatcher');
    await page.fill('#password', 'Demo12351');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === `/orders/${orderId}`);
    await page.context().close();
  });

  it('switches to English', async () => {
    const page = await signIn(browser, base, 'dispatcher', { at: '/orders' });
    await page.getByRole('tab').first().waitFor();
    await toEnglish(page);
    await page.getByRole('tab', { name: /To dispatch/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await shot(page, 'e2e-english');
    await page.context().close();
  });
});
