import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, shot, signIn, startServer, type Server } from './support.js';

const get = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

/** The agent pastes a narrative: the form's suggestions appear, are accepted in one click, and the order saves with them. */
describe('suggestions read from the narrative at intake', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('pastes, accepts the suggestions, saves, and the accepted fields are counted', async () => {
    const page = await signIn(browser, server.url, 'agent');
    await page.waitForSelector('.intake-form');
    await page.fill('#callers_0_phone', '13904719999');
    await page.fill('#callers_0_name', '赵师傅');
    await page.fill('#narrative', '喂，你好，我在呼和浩特市新城区的工地干活，我们二十多个人，包工头老王欠了我们工钱一共26万，明天大家要去区政府门口拉横幅。');
    const panel = page.getByTestId('suggestions');
    await panel
      .getByTestId('suggestion-place')
      .getByText(/新城区总工会/)
      .waitFor();
    // Suggested, not yet filled: the form's subject is still empty.
    assert.equal((await panel.getByText('建议', { exact: true }).count()) > 0, true);
    await shot(page, 'intel-01-suggested');
    await page.getByTestId('accept-all').click();
    await panel.getByTestId('suggestion-subject').getByText('已采纳').waitFor();
    assert.equal(await page.locator('#workersInvolved').inputValue(), '20');
    assert.equal((await page.locator('#amountInvolved').inputValue()).replace(/,/g, ''), '260000');
    await shot(page, 'intel-02-accepted');
    await page.keyboard.press('Control+Enter');
    const big = page.locator('.order-number-big');
    await big.waitFor();
    const number = (await big.innerText()).replace(/\s/g, '');
    const list = (await get(page, `/api/orders?q=${number}`)) as { items: { id: string; number: string }[] };
    const order = (await get(page, `/api/orders/${list.items.find((o) => o.number === number)!.id}`)) as Record<string, unknown>;
    assert.equal(order.typeCode, 'complaint');
    assert.equal(order.subjectCode, 'wage_arrears');
    assert.equal(order.workersInvolved, 20);
    assert.equal(order.amountInvolved, 260000);
    assert.deepEqual([...(order.riskFlags as string[])].sort(), ['hidden', 'mass']);

    const supervisor = await signIn(browser, server.url, 'supervisor');
    // The outcome is posted right after the save: wait for it to be counted.
    let report: { fields: { field: string; total: number; accepted: number }[] } = { fields: [] };
    for (let i = 0; i < 20 && !report.fields.find((f) => f.field === 'subject')?.total; i++) {
      report = (await get(supervisor, '/api/intelligence/accuracy')) as typeof report;
      if (!report.fields.find((f) => f.field === 'subject')?.total) await supervisor.waitForTimeout(250);
    }
    for (const field of ['type', 'subject', 'workers', 'amountYuan', 'place']) {
      assert.deepEqual(
        report.fields.find((f) => f.field === field),
        { ...report.fields.find((f) => f.field === field), total: 1, accepted: 1 },
        field,
      );
    }
  });
});
