import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, settled, shot, signIn, startServer, type Server } from './support.js';

/**
 * Supervision in the browser: the supervisor's board shows an emergency order held by a county, one click urges it,
 * and the county handler's header count rises without a reload (outbox → job → notification → SSE). With Shaanxi's
 * rule on, an order from the national platform is on the board as awaiting the provincial leader's instruction. Then
 * the supervisor opens the weekly review and drafts this month's 通报 from the supervision area's tabs.
 */
describe('supervision: board, urge, live count, reviews and 通报', () => {
  let server: Server;
  let browser: Browser;
  let number = '';
  let orderId = '';
  let nationalNumber = '';

  const api = async (page: Page, method: 'GET' | 'POST', path: string, data?: unknown) => {
    const res = await page.request.fetch(`${server.url}${path}`, {
      method,
      headers: { origin: server.url, 'content-type': 'application/json' },
      ...(data ? { data } : {}),
    });
    assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };

  before(async () => {
    server = await startServer({ env: { HOTLINE_INSTRUCTION_RULE: 'true' } });
    browser = await launch();
    // Forty workers gathering for their wages (众): an emergency order, dispatched to 新城区总工会.
    const agent = await signIn(browser, server.url, 'agent', { at: null });
    const created = await api(agent, 'POST', '/api/orders', {
      channel: 'phone',
      callers: [{ name: '张师傅', phone: '13904715555' }],
      employer: { name: '内蒙古鑫源物业服务有限公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '四十余名保洁员被拖欠三个月工资，准备到公司聚集讨薪。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      workersInvolved: 40,
      riskFlags: ['mass'],
    });
    number = created.number;
    orderId = created.id;
    // From the national federation's platform: waits for a provincial leader's instruction before dispatch.
    const national = await api(agent, 'POST', '/api/orders', {
      channel: 'upper_platform',
      callers: [{ name: '刘女士', phone: '13904716666' }],
      employer: { name: '内蒙古某某餐饮管理有限公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '全国总工会平台转来：反映餐饮公司拖欠两个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    });
    nationalNumber = national.number;
    await agent.context().close();
    const dispatcher = await signIn(browser, server.url, 'dispatcher', { at: null });
    const units = await api(dispatcher, 'GET', `/api/units?q=${encodeURIComponent('新城区总工会')}`);
    const county = (units.items as { id: string; name: string }[]).find((u) => u.name === '新城区总工会')!;
    await api(dispatcher, 'POST', `/api/orders/${created.id}/dispatch`, { version: created.version, unitId: county.id });
    await dispatcher.context().close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a supervisor urges an order from the board and the handler's header count rises without reload", async () => {
    const handler = await signIn(browser, server.url, 'handler', { at: '/orders' });
    const badge = handler.getByTestId('unread-count');
    await badge.waitFor();
    const unread = async () => Number((await badge.getAttribute('data-unread')) || 0);
    const notices = async () =>
      (await api(handler, 'GET', '/api/notifications/?limit=50')) as { unread: number; items: { kind: string; orderId: string | null }[] };
    // The dispatch's own notice has arrived and is counted in the header before the urge is sent.
    for (let i = 0; i < 100 && !(await notices()).items.some((n) => n.kind === 'order.dispatched' && n.orderId === orderId); i++) {
      await handler.waitForTimeout(200);
    }
    const { unread: counted } = await notices();
    await handler.waitForFunction((n) => document.querySelector('[data-testid="unread-count"]')?.getAttribute('data-unread') === String(n), counted);
    const before = await unread();

    const supervisor = await signIn(browser, server.url, 'supervisor', { at: '/supervision' });
    await supervisor.getByTestId(`awaiting-${nationalNumber}`).waitFor();
    assert.equal(await supervisor.getByTestId(`awaiting-${nationalNumber}`).textContent(), '待省总领导批示');
    await supervisor.getByTestId(`urge-${number}`).click();
    const dialog = settled(supervisor, '.ant-modal');
    await dialog.getByTestId('urge-message').fill('聚集风险，请今天内约谈企业并报告进展');
    await dialog.getByRole('button', { name: '发送催办' }).click();
    await supervisor
      .getByText(/已催办/)
      .first()
      .waitFor();
    await shot(supervisor, 'supervision-board');

    await handler.waitForFunction((n) => Number(document.querySelector('[data-testid="unread-count"]')?.getAttribute('data-unread') || 0) > n, before, {
      timeout: 20_000,
    });
    assert.ok(
      (await notices()).items.some((n) => n.kind === 'supervision.urge' && n.orderId === orderId),
      'the urge itself reached the handler',
    );
    await handler.context().close();

    await supervisor.getByTestId('tab-reviews').click();
    await supervisor.getByText('周例会议程：').waitFor();
    await supervisor.getByText('会议记录与督办事项').waitFor();
    await supervisor.getByTestId('tab-circulars').click();
    await supervisor.getByTestId('generate-circular').click();
    await supervisor.getByText('草稿').first().waitFor();
    await shot(supervisor, 'supervision-circulars');
    await supervisor.context().close();
  });
});
