import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { adminPassword, launch, shot, signIn, startServer, type Server, go } from './support.js';

/** The administration pages against the real APIs, and a consultation closed at intake. */
describe('administration and first-contact resolution', () => {
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

  it('an agent closes a consultation on the spot', async () => {
    const page = await signIn(browser, server.url, 'agent');
    await page.waitForSelector('.intake-form');
    await page.fill('#callers_0_name', '王女士');
    await page.getByText('咨询', { exact: true }).click();
    await page.click('#subjectCode');
    await page.keyboard.type('工伤');
    await page.keyboard.press('Enter');
    await page.fill('#narrative', '工伤认定需要哪些材料？');
    await page.getByText('当场答复，办结咨询').click();
    await page.fill('#answer', '向用人单位所在地人社部门提交工伤认定申请表、劳动关系证明和医疗诊断证明。');
    await page.getByRole('button', { name: /保存并办结/ }).click();
    await page.getByText('咨询已当场办结').waitFor();
    await shot(page, 'e2e-consultation-closed');
    await page.context().close();
  });

  /** The menu entries a role is offered (antd renders each as a menu item, clipped ones included). */
  const menuOf = async (page: import('playwright-core').Page) =>
    (await page.locator('.ant-menu-item .ant-menu-title-content').allTextContents()).map((s) => s.trim()).filter(Boolean);

  it('the system administrator works with units, the catalog, time limits and the calendar; reads people only', async () => {
    const page = await signIn(browser, server.url, 'admin', { password: adminPassword });
    await page.getByText('组织树').waitFor();
    await page.getByPlaceholder('按名称或行政区划代码查找').fill('新城区');
    await page.locator('.ant-tree-title', { hasText: '新城区总工会' }).first().click();
    assert.equal(await page.inputValue('#name'), '新城区总工会');
    await shot(page, 'e2e-admin-units');
    const menu = await menuOf(page);
    assert.ok(menu.includes('单位管理') && menu.includes('工作日历'), menu.join());
    assert.ok(!menu.includes('审计日志'), `the system administrator is offered the audit log: ${menu.join()}`);
    for (const [path, text] of [
      ['/admin/users', 'handler2'],
      ['/admin/catalog', 'wage_arrears'],
      ['/admin/time-limits', '试算期限'],
      ['/admin/calendar', '每日工作时间'],
    ] as const) {
      await go(page, path);
      if (path === '/admin/catalog') {
        await page.getByRole('tab', { name: '诉求事项' }).click();
        assert.equal(await page.locator('input[value="wage_arrears"]').count(), 1);
      } else await page.getByText(text).first().waitFor();
      if (path === '/admin/users') {
        // 三员分立: people are read here, masked; accounts, roles and passwords are the security administrator's.
        assert.equal(await page.getByRole('button', { name: /新建人员/ }).count(), 0);
        assert.equal(await page.getByRole('button', { name: /重置密码/ }).count(), 0);
      }
      await shot(page, `e2e-admin${path.replaceAll('/', '-')}`);
    }
    await page.goto(`${server.url}/admin/audit`);
    await page.getByText('当前角色无权使用此页面').waitFor();
    await page.context().close();
  });

  it('the security administrator manages people, roles, passwords and lockouts, and nothing else', async () => {
    const page = await signIn(browser, server.url, 'secadmin');
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await page.getByText('handler2').first().waitFor();
    await page.getByRole('button', { name: /新建人员/ }).waitFor();
    assert.ok((await page.getByRole('button', { name: /重置密码/ }).count()) > 0);
    // 解除锁定 only where someone is locked out: nobody yet; five wrong passwords lock `callback` (server's rule).
    assert.equal(await page.getByRole('button', { name: /解除锁定/ }).count(), 0);
    for (let i = 0; i < 5; i++)
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'callback', password: 'Wrong-password-1' }),
      });
    await page.reload();
    const locked = page.locator('.ant-table-row', { hasText: '已锁定' });
    await locked.first().waitFor();
    assert.equal(await locked.count(), 1);
    assert.match(await locked.innerText(), /callback/);
    assert.equal(await page.getByRole('button', { name: /解除锁定/ }).count(), 1);
    const menu = await menuOf(page);
    assert.deepEqual(
      menu.filter((m) => ['单位管理', '分类目录', '时限规则', '工作日历', '审计日志', '工单'].includes(m)),
      [],
      `the security administrator is offered: ${menu.join()}`,
    );
    await shot(page, 'e2e-secadmin-users');
    await page.goto(`${server.url}/admin/catalog`);
    await page.getByText('当前角色无权使用此页面').waitFor();
    await page.context().close();
  });

  it('the auditor reads the audit log and sees the sign-ins', async () => {
    const page = await signIn(browser, server.url, 'auditor');
    await page.waitForURL((u) => u.pathname === '/admin/audit');
    await page.locator('.ant-table-row', { hasText: 'login' }).first().waitFor();
    assert.deepEqual(await menuOf(page), ['审计日志']);
    await shot(page, 'e2e-audit');
    await page.context().close();
  });
});
