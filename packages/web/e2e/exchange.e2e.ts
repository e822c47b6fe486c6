import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { adminPassword, launch, settled, shot, signIn, startServer, type Server } from './support.js';

/**
 * 数据交换 on the demo installation: the administrator sees the partners, the messages with their states (one failed,
 * to retry) and the national daily uploads; an order that came from 12345 shows where it came from; the provincial
 * leader's cockpit shows the exchange's figures.
 */
describe('exchange with other platforms', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer({ demoOrders: 60 });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator sees partners, messages and their states, and the national uploads', async () => {
    const page = await signIn(browser, server.url, 'admin', { password: adminPassword, at: '/admin/exchange' });
    const partners = page.getByRole('tabpanel').locator('.ant-table-row');
    await partners.filter({ hasText: '市 12345 政务服务便民热线' }).waitFor();
    await partners.filter({ hasText: '全国 12351 职工服务平台' }).waitFor();
    assert.equal(await partners.count(), 2);
    await shot(page, 'e2e-exchange-partners');

    await page.getByRole('tab', { name: '收发消息' }).click();
    const messages = page.getByRole('tabpanel').locator('.ant-table-row');
    await messages.first().waitFor();
    await messages.filter({ hasText: '已送达' }).first().waitFor();
    await messages.filter({ hasText: '已收到' }).first().waitFor();
    // A delivered message offers no retry.
    assert.equal(
      await messages
        .filter({ hasText: '已送达' })
        .first()
        .getByRole('button', { name: /重\s?发/ })
        .count(),
      0,
    );
    // The failed one may be older than the first page: the state filter finds it, with its retry.
    await page.getByRole('tabpanel').locator('.ant-select').nth(1).click();
    await settled(page, '.ant-select-dropdown').locator('.ant-select-item-option', { hasText: '发送失败' }).click();
    await messages.filter({ hasText: '发送失败' }).first().waitFor();
    // Its error in words, the system's detail kept for the tooltip.
    assert.equal(await messages.filter({ hasText: '发送失败' }).first().getByText('对方平台拒绝连接（对方服务可能未运行）').count(), 1);
    assert.equal(await messages.filter({ hasText: '发送失败' }).first().getByText('ECONNREFUSED').count(), 0);
    assert.equal(
      await messages
        .filter({ hasText: '发送失败' })
        .first()
        .getByRole('button', { name: /重\s?发/ })
        .count(),
      1,
    );
    await shot(page, 'e2e-exchange-messages');

    await page.getByRole('tab', { name: '全总数据上报' }).click();
    const uploads = page.getByRole('tabpanel').locator('.ant-table-row');
    await uploads.first().waitFor();
    assert.equal(await uploads.count(), 3);
    assert.equal(await uploads.filter({ hasText: '已上报' }).count(), 3);
    await shot(page, 'e2e-exchange-uploads');
    await page.context().close();
  });

  it('an order that came from 12345 shows its exchange card', async () => {
    const page = await signIn(browser, server.url, 'dispatcher', { at: null });
    const received = await (await page.request.get(`${server.url}/api/exchange/messages?direction=in&pageSize=50`)).json();
    const from12345 = received.items.find((m: { partner: { name: string }; orderId: string }) => m.partner.name === '市 12345 政务服务便民热线');
    assert.ok(from12345, 'the demo has orders from 12345');
    await page.goto(`${server.url}/orders/${from12345.orderId}`);
    await page.waitForSelector('.order-header');
    const source = page.locator('[data-testid=source-partner]');
    await source.waitFor();
    assert.equal(await source.textContent(), '市 12345 政务服务便民热线');
    await page.getByText(from12345.externalId).waitFor();
    await source.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'e2e-exchange-order-card');
    await page.context().close();
  });

  it('the provincial leader’s cockpit shows the exchange per partner', async () => {
    const page = await signIn(browser, server.url, 'leader');
    await page.waitForURL((u) => u.pathname === '/cockpit');
    const card = page.locator('[data-testid=exchange-figures]');
    await card.locator('.ant-table-row').filter({ hasText: '市 12345 政务服务便民热线' }).waitFor();
    const api = await (await page.request.get(`${server.url}/api/exchange/figures`)).json();
    const row = card.locator('.ant-table-row').filter({ hasText: '市 12345 政务服务便民热线' });
    const p = api.partners.find((x: { partner: { name: string } }) => x.partner.name === '市 12345 政务服务便民热线');
    // Name, received, sent, waiting, its oldest wait, failed, its oldest failure, acknowledgements overdue: each age
    // beside its own count (the demo's one outage is failed: an age of its own, none beside "waiting 0").
    const age = /^\d+ (小时|分钟)$/;
    const cell = async (n: number) => (await row.locator('td').nth(n).textContent()) ?? '';
    assert.equal(await cell(3), String(p.waiting));
    assert.match(await cell(4), p.waiting ? age : /^—$/);
    assert.equal(await cell(5), String(p.failed));
    assert.equal(p.failed, 1);
    assert.match(await cell(6), age);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'e2e-exchange-cockpit');
    await page.context().close();
  });
});
