import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, launch, shot, startServer, type Server } from './support.js';

/**
 * The worker's own page on a phone (390×844, WeChat's browser): a worker submits a request with a code sent by SMS,
 * follows it by number and, once the hotline has answered, rates it; another worker applies to join the union.
 * The SMS gateway is a local server the test reads the codes from.
 */
describe('the worker’s own page on a phone', () => {
  let server: Server;
  let browser: Browser;
  let gateway: http.Server;
  const sms: { to: string; text: string }[] = [];

  before(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        sms.push(JSON.parse(body));
        res.end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    process.env.HOTLINE_SMS_GATEWAY_URL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => gateway?.close(r));
  });

  async function phonePage(): Promise<Page> {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
    });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('[phone] page error:', e.message));
    await page.goto(`${server.url}/self-service`);
    return page;
  }

  /** Asks for a code on the form `form` and types the one the gateway received. */
  async function verify(page: Page, form: string, phone: string) {
    await page.fill(`#${form}_phone`, phone);
    const before = sms.length;
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已发送至/).waitFor();
    const text = sms.slice(before).find((m) => m.to === phone)?.text ?? '';
    await page.fill(`#${form}_code`, /验证码是 (\d{6})/.exec(text)![1]!);
  }

  const noSideways = async (page: Page) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the page scrolls sideways');

  /** The staff's part of the loop, over the API: the agent checks, the desk dispatches, the county handles, the desk accepts. */
  async function staff(username: string) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return async (method: string, path: string, body?: object) => {
      const r = await fetch(`${server.url}/api${path}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
      return r.json();
    };
  }

  it('a worker submits, follows by number, and rates the answer', async () => {
    const page = await phonePage();
    const phone = '13904718801';
    await page.fill('#submit_name', '李师傅');
    await verify(page, 'submit', phone);
    await page.fill('#submit_narrative', '呼和浩特市新城区某建筑公司拖欠我们 12 名工人三个月工资，老板不接电话。');
    await page.fill('#submit_place', '呼和浩特市新城区');
    await noSideways(page);
    await shot(page, 'e2e-selfservice-submit');
    await page.getByRole('button', { name: '提交诉求' }).click();
    const number = (await page.getByTestId('request-number').textContent())!.trim();
    await page.getByRole('button', { name: '查询进度' }).click();
    await page.getByText('已收到，热线工作人员正在核实').waitFor();

    const [agent, dispatcher, handler] = await Promise.all([staff('agent'), staff('dispatcher'), staff('handler')]);
    const found = await agent('GET', `/orders?q=${number}`);
    let o = await agent('GET', `/orders/${found.items[0].id}`);
    assert.equal(o.channel, 'self_service');
    o = await agent('POST', `/orders/${o.id}/check`, { version: o.version, typeCode: o.typeCode, subjectCode: o.subjectCode });
    const units = await dispatcher('GET', '/units');
    const county = (units.items ?? units).find((u: { name: string }) => u.name === '新城区总工会');
    o = await dispatcher('POST', `/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id });
    o = await handler('POST', `/orders/${o.id}/sign`, { version: o.version });
    o = await handler('POST', `/orders/${o.id}/reply`, {
      version: o.version,
      outcome: { resolved: true, measures: '经协调，公司已补发全部工资', amountRecovered: 90000, workersHelped: 12 },
      // More workers than intake read from the narrative: the handler confirms the figure, the reviewer says why.
      confirmedDoubts: ['workers_above_involved'],
    });
    await dispatcher('POST', `/orders/${o.id}/review`, { version: o.version, decision: 'accept', reason: '已电话核实 12 人均已领到工资' });

    await page.getByRole('tab', { name: '评价' }).click();
    await page.fill('#find_number', number);
    await page.fill('#find_phone', phone);
    await page.getByRole('button', { name: '查找要评价的诉求' }).click();
    await page.getByText('经协调，公司已补发全部工资').waitFor();
    await page.getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('您的评价：满意').waitFor();
    await noSideways(page);
    await shot(page, 'e2e-selfservice-rated');
    await page.context().close();
  });

  it('another worker applies to join the union', async () => {
    const page = await phonePage();
    await page.getByRole('tab', { name: '申请入会' }).click();
    await page.fill('#join_name', '赵敏');
    await verify(page, 'join', '13904718802');
    await page.fill('#join_employer', '呼和浩特市某某餐饮有限公司');
    await page.fill('#join_place', '呼和浩特市新城区');
    await page.fill('#join_industry', '餐饮');
    await page.getByRole('button', { name: '申请入会' }).last().click();
    await page.getByText('入会申请已提交').waitFor();
    assert.match((await page.locator('.ant-result-subtitle').textContent()) ?? '', /新城区总工会/);
    await noSideways(page);
    await shot(page, 'e2e-selfservice-joined');
    // The application's number leads to its state, as a request's does.
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    await page.getByRole('button', { name: '查询进度' }).click();
    await page.getByTestId('application-progress').getByText('您的入会申请：已收到').waitFor();
    assert.equal(await page.locator('#follow_number').inputValue(), number);
    await page.context().close();
  });
});
