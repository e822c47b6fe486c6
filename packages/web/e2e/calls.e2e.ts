import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, reportCalls, shot, signIn, startServer, type Server, go } from './support.js';

/**
 * Calls in the browser: the telephony system reports a call answered by the agent; the agent, away from the intake
 * console, is taken to it with the number filled and the caller's earlier call shown; the order saved is linked.
 */
describe('calls in the browser', () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const report = (events: object[]) => reportCalls(base, events);
  const call = (id: string, caller: string, startedAgo: number, ended: boolean) => {
    const at = (s: number) => new Date(Date.now() - (startedAgo - s) * 1000).toISOString();
    return [
      { eventId: `${id}-1`, callId: id, type: 'offered', at: at(0), from: caller, to: '12351' },
      { eventId: `${id}-2`, callId: id, type: 'queued', at: at(4), queue: 'general' },
      { eventId: `${id}-3`, callId: id, type: 'answered', at: at(9), agent: 'agent' },
      ...(ended ? [{ eventId: `${id}-4`, callId: id, type: 'ended', at: at(120), reason: 'agent_hangup' }] : []),
    ];
  };

  it('an answered call pops on the agent’s screen with the number and history; the order saved is linked to it', async () => {
    await report(call('e2e-earlier', '13904716666', 86_400, true));
    const page = await signIn(browser, base, 'agent');
    await page.waitForSelector('.intake-form');
    // Away from the console, with the live stream open.
    const streaming = page.waitForResponse((r) => r.url().includes('/api/notifications/stream'));
    await page.goto(`${base}/orders`);
    await streaming;
    await report(call('e2e-now', '13904716666', 10, false));
    await page.waitForURL(/\/intake$/);
    await page.getByTestId('screen-pop').waitFor();
    // The queue the caller waited in by its name (the voice menu's configuration), not its id. The names arrive by
    // their own request, which may land after the pop: wait for the name rather than read the first paint.
    await page.getByTestId('screen-pop').getByText('综合坐席').waitFor();
    assert.match(await page.getByTestId('screen-pop').innerText(), /13904716666[\s\S]*综合坐席[\s\S]*此前来电 1 次/);
    assert.equal(await page.inputValue('#callers_0_phone'), '13904716666');
    await page.fill('#callers_0_name', '钱女士');
    await page.getByText('投诉', { exact: true }).click();
    await page.click('#subjectCode');
    await page.keyboard.type('欠薪');
    await page.keyboard.press('Enter');
    await page.fill('#narrative', '在某物流公司做分拣工，两个月工资没有发。');
    await shot(page, 'calls-screen-pop');
    const linked = page.waitForResponse((r) => r.url().endsWith('/api/calls/e2e-now/orders') && r.request().method() === 'POST');
    await page.keyboard.press('Control+Enter');
    await page.locator('.order-number-big').waitFor();
    assert.equal((await linked).status(), 200);
    const record = await page.evaluate(async () => (await fetch('/api/calls/e2e-now')).json());
    assert.equal(record.orders.length, 1);
    await page.context().close();
  });

  it('the wallboard shows the queue now and the agent on the call', async () => {
    const page = await signIn(browser, base, 'supervisor', { at: '/calls/wallboard' });
    await page.getByTestId('wallboard').waitFor();
    // e2e-now is still going: the demo agent is on it.
    await page.locator('.ant-table-row', { hasText: 'agent' }).getByText('通话中').waitFor();
    await shot(page, 'calls-wallboard');
    // Live, without a reload or a timer: a caller queues, then hangs up, and the wall follows each (the stream's `calls`).
    const waiting = () => page.locator('.ant-statistic', { hasText: '排队中' }).locator('.ant-statistic-content-value');
    const before = Number(await waiting().innerText());
    const at = (s: number) => new Date(Date.now() - (10 - s) * 1000).toISOString();
    await report([
      { eventId: 'e2e-wait-1', callId: 'e2e-wait', type: 'offered', at: at(0), from: '13904718888', to: '12351' },
      { eventId: 'e2e-wait-2', callId: 'e2e-wait', type: 'queued', at: at(2), queue: 'general' },
    ]);
    await waiting()
      .getByText(String(before + 1), { exact: true })
      .waitFor();
    await report([{ eventId: 'e2e-wait-3', callId: 'e2e-wait', type: 'ended', at: at(8), reason: 'caller_hangup' }]);
    await waiting().getByText(String(before), { exact: true }).waitFor();
    await page.context().close();
  });

  it('call records: the supervisor filters, opens the call with its trail and linked order; the lawyer seat takes a transfer', async () => {
    const page = await signIn(browser, base, 'supervisor', { at: '/calls' });
    await page.getByTestId('call-records').waitFor();
    // The day's calls counted under the list (paged by cursor, 50 at a time).
    await page
      .getByTestId('call-records')
      .locator('.list-footer', { hasText: /共 \d+ 条，已显示 \d+ 条/ })
      .waitFor();
    const row = page.locator('.ant-table-row', { hasText: '139****6666' }).first();
    await row.getByText('综合坐席', { exact: true }).waitFor();
    await row.click();
    const detail = page.getByTestId('call-detail');
    await detail.waitFor();
    await detail.getByText('坐席接听').first().waitFor();
    assert.match(await detail.innerText(), /关联工单[\s\S]*在某物流公司/);
    await shot(page, 'calls-records');
    // The supervisor sets up the roster: three lawyers, two a day, the rotation counted from today (Beijing).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const roster = await page.evaluate(async (anchorDate) => {
      const lawyers = ['李明', '王静', '张伟'].map((name, i) => ({
        name,
        firm: '北疆律师事务所',
        phone: `1390471200${i}`,
        username: i === 0 ? 'lawyer' : null,
        active: true,
      }));
      const r = await fetch('/api/legal/lawyer-roster', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: 0, perDay: 2, anchorDate, lawyers }),
      });
      return r.status;
    }, today);
    assert.equal(roster, 200);
    await go(page, '/legal/lawyers');
    await page.getByTestId('lawyer-seats').waitFor();
    await page.getByRole('tab', { name: '值班表设置' }).click();
    await page.getByTestId('roster-editor').waitFor();
    assert.equal(await page.getByTestId('roster-editor').locator('input[placeholder="律师事务所"]').count(), 3);
    await page.context().close();

    // The agent at the console sees today's lawyers; on a working day the call in progress goes to the first of them.
    const agent = await signIn(browser, base, 'agent', { at: '/intake' });
    await agent.getByTestId('on-duty-lawyers').waitFor();
    const shifts = await agent.evaluate(async () => (await fetch('/api/legal/lawyer-shifts')).json());
    assert.equal(shifts.roster.lawyers.length, 3);
    if (shifts.onDuty.length) {
      await report(call('e2e-law', '13904717777', 10, false));
      await agent.getByTestId('screen-pop').waitFor();
      await agent.getByTestId('transfer-to-lawyer').click();
      await agent.getByPlaceholder('请简述来电人咨询的法律问题').fill('咨询未签劳动合同的二倍工资');
      await agent.getByRole('button', { name: /OK|确\s*定/ }).click();
      await agent.getByText(`已转值班律师 ${shifts.onDuty[0].name}`).waitFor();
      const record = await agent.evaluate(async () => (await fetch('/api/calls/e2e-law')).json());
      assert.equal(record.transfers[0].target, 'lawyer');
    } else await agent.getByText('今日无值班律师').waitFor();
    await shot(agent, 'calls-lawyers-on-duty');
    await agent.context().close();
  });

  it('the voice menu: the supervisor adds a key under the main menu and saves a new version', async () => {
    const page = await signIn(browser, base, 'supervisor', { at: '/admin/ivr' });
    await page.getByTestId('ivr-editor').waitFor();
    await page.getByTestId('ivr-add-key').click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/ivr/') && r.request().method() === 'PUT');
    await page.getByTestId('ivr-save').click();
    assert.equal((await saved).status(), 200);
    await page.getByText('孙丽（督办员）', { exact: false }).first().waitFor();
    const exported = await page.evaluate(async () => (await fetch('/api/ivr/export')).json());
    assert.equal(exported.version, 1);
    assert.equal(exported.nodes.main.keys['6'], 'main-1');
    await shot(page, 'calls-ivr');
    await page.context().close();
  });
});
