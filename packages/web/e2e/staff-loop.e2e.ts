import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, shot, signIn, startServer, type Server } from './support.js';

/**
 * Issue 8's later workplace items in the browser: the dispatcher's header at 1366 px holds every menu item and the
 * user menu takes a plain click; the tab counts come from one request.
 */
describe('the staff loop in the browser', () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  before(async () => {
    server = await startServer({ demoOrders: 40 });
    base = server.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the dispatcher's header fits at 1366 px and the tabs are counted by one request", async () => {
    const page = await signIn(browser, base, 'dispatcher');
    const listRequests: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/orders/view-counts' || u.pathname === '/api/orders/') listRequests.push(`${u.pathname}${u.search}`);
    });
    await page.goto(`${base}/orders?view=to_dispatch`);
    await page.getByRole('tab', { name: /待派单\s*\d+/ }).waitFor();
    await page.locator('.ant-tabs-tab .ant-badge').last().waitFor();
    // Every one of the dispatcher's destinations is in the bar itself, none folded into the overflow "…".
    for (const name of ['驾驶舱', '受理台', '工单', '知识库', '督办', '人员与角色']) {
      assert.equal(await page.locator('.app-menu > .ant-menu-item:not(.ant-menu-overflow-item-rest)', { hasText: name }).isVisible(), true, name);
    }
    assert.equal(await page.locator('.app-menu .ant-menu-overflow-item-rest:visible').count(), 0, 'nothing folded');
    const counts = listRequests.filter((r) => r.startsWith('/api/orders/view-counts'));
    const pages = listRequests.filter((r) => r.startsWith('/api/orders/?'));
    assert.equal(counts.length, 1, listRequests.join('\n'));
    assert.equal(pages.length, 1, 'one request for the page itself, none per tab');
    await shot(page, 'staff-dispatcher-header');
    // A plain click reaches the user menu (nothing lies over it), which names the unit.
    await page.locator('.user-menu').click();
    await page.locator('.user-menu-who').waitFor();
    assert.match((await page.locator('.user-menu-who').textContent()) ?? '', /12351热线服务中心/);
    await page.context().close();
  });
});
