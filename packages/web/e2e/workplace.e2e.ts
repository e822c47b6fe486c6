import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, launch, settled, shot, startServer, type Server } from './support.js';

/**
 * The workplace as each role meets it: the first load is clean (no 401, no page error), every role lands on its own
 * work, and the intake console's pickers and helpers do what the agent expects. Screenshots per role for review.
 */
describe('the workplace in the browser', () => {
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

  /** A fresh page that records every console error, page error and 4xx/5xx answer. */
  async function watched(): Promise<{ page: Page; problems: string[] }> {
    // The default motion (support.ts launch asks the other tests' pages for reduced motion).
    const ctx = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'no-preference',
    });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${new URL(r.url()).pathname}`));
    return { page, problems };
  }

  async function signInAs(page: Page, username: string) {
    await page.goto(`${base}/login`);
    await page.fill('#username', username);
    await page.fill('#password', demoPassword);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  it('the first load and sign-in log no 401 and no error', async () => {
    const { page, problems } = await watched();
    await page.goto(base);
    await page.waitForSelector('#username');
    await signInAs(page, 'agent');
    await page.waitForSelector('.intake-form');
    // Submitting an empty form shows the messages in place and throws nothing.
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.ant-form-item-explain-error');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  const homes: [string, RegExp, string][] = [
    ['agent', /\/intake$/, '.intake-form'],
    ['dispatcher', /view=to_dispatch/, '.ant-table'],
    ['handler', /view=my_work/, '.ant-table'],
    ['supervisor', /view=overdue/, '.ant-table'],
    ['leader', /\/cockpit/, 'body'],
    ['lawyer', /view=consultations/, '.ant-table'],
    ['auditor', /\/admin\/audit/, '.ant-table'],
    // The agent who does the callbacks chose the callback queue as her start page (demo); the inspector's desk is quality.
    ['callback', /view=to_callback/, '.ant-table'],
    ['inspector', /\/quality/, 'body'],
  ];
  for (const [username, url, ready] of homes) {
    it(`${username} lands on their own work`, async () => {
      const { page, problems } = await watched();
      await signInAs(page, username);
      await page.waitForURL(url);
      await page.waitForSelector(ready);
      assert.equal(await page.locator('.ant-result-403').count(), 0);
      await page.waitForLoadState('networkidle');
      await shot(page, `workplace-home-${username}`);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  it('a dispatcher below the province visits the intake console and the cockpit without a refused request', async () => {
    const { page, problems } = await watched();
    await signInAs(page, 'city');
    for (const path of ['/intake', '/cockpit']) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('a handler sets the queue they work as their start page, and starts there next time (设为我的首页)', async () => {
    const { page } = await watched();
    await signInAs(page, 'handler2');
    await page.waitForURL(/view=my_work/);
    await page.goto(`${base}/orders?view=subtree`);
    await page.waitForSelector('.ant-table');
    await page.getByRole('button', { name: '个人菜单' }).click();
    await settled(page, '.ant-dropdown').getByText('设为我的首页').click();
    await page.getByText('已设为首页，下次登录从这里开始').waitFor();
    await page.getByRole('button', { name: '个人菜单' }).click();
    await settled(page, '.ant-dropdown').getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await signInAs(page, 'handler2');
    await page.waitForURL(/view=subtree/);
    // And back to the role's own start page.
    await page.getByRole('button', { name: '个人菜单' }).click();
    await settled(page, '.ant-dropdown').getByText('恢复默认首页').click();
    await page.getByText('已恢复默认首页').waitFor();
    await page.context().close();
  });

  it('intake: the timer waits for the call, a place name and Enter picks it, 其他 finds the subject 其他, a returning caller is named', async () => {
    const { page } = await watched();
    await signInAs(page, 'agent');
    await page.waitForSelector('.intake-form');
    // An earlier call from this number.
    const created = await page.evaluate(async () => {
      const r = await fetch('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'phone',
          callers: [{ name: '张建军', phone: '13904713333' }],
          employer: { name: '内蒙古恒泰建筑工程有限公司' },
          narrative: '工地拖欠工资。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
        }),
      });
      return r.status;
    });
    assert.equal(created, 201);
    await page.reload();
    await page.waitForSelector('.intake-form');
    assert.equal(await page.locator('.call-timer-start').count(), 1, 'no clock before the call starts');
    await page.fill('#callers_0_phone', '13904713333');
    assert.equal(await page.locator('[role=timer]').count(), 1, 'the first keystroke starts the clock');
    await page.waitForFunction(() => (document.querySelector('#callers_0_name') as HTMLInputElement | null)?.value === '张建军');
    await page.click('#division');
    await page.keyboard.type('新城区');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document
        .querySelector('.intake-form .ant-cascader .ant-select-content, .intake-form .ant-cascader-selection-item, .intake-form .ant-cascader')
        ?.textContent?.includes('新城区'),
    );
    await page.fill('#employerName', '恒泰建筑');
    await page.waitForFunction(() => /同一用人单位的在办工单\s*1/.test(document.querySelector('.intake-side')?.textContent ?? ''));
    await page.getByText('咨询', { exact: true }).click();
    await page.click('#subjectCode');
    await page.keyboard.type('其他');
    await page.keyboard.press('Enter');
    const picked = () =>
      page.evaluate(
        () => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('hotline.intake.draft'))!)!).values.subjectCode ?? null,
      );
    // No subject is called 其他: Enter picks nothing (it used to pick the first subject of the group named 其他).
    assert.equal(await picked(), null);
    await page.keyboard.press('Escape');
    await page.click('#subjectCode');
    await page.keyboard.type('工伤');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.intake-form')?.textContent?.includes('工伤与职业病'));
    assert.equal(await picked(), 'work_injury');
    await shot(page, 'workplace-intake');
    await page.context().close();
  });
});
