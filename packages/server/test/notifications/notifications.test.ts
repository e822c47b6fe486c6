import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { openSse } from '../support/sse.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The notification centre and urging by hand: a supervisor urges an order, the handler's unread count rises (in the
 * list and on the live stream), the handler reads it; the board shows the order under its unit with the urge counted.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, handler2: Client;
let county: { id: string };
let order: { id: string; version: number; number: string };

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-23T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 7, sessionMaxHours: 24 * 7 } });
  [agent, dispatcher, handler, supervisor, handler2] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('supervisor'),
    t.login('handler2'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  const o = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '李女士', phone: '13904712222' }],
      employer: { name: '呼和浩特市某建筑公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映建筑公司拖欠三个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
  order = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  await t.app.jobs.runDue();
});
afterAll(() => t.close());

describe('urging an order', () => {
  it('is for supervisors and leaders, on an open order they can see, with a message', async () => {
    expect((await handler.post(`/api/orders/${order.id}/urge`, { message: '请尽快办理' })).json()).toMatchObject({ code: 'ORDER_ACTION_FORBIDDEN' });
    expect((await supervisor.post(`/api/orders/${order.id}/urge`, { message: '' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const past = await supervisor.post(`/api/orders/${order.id}/urge`, { message: '请答复', answerBy: '2026-11-01T09:00:00+08:00' });
    expect(past.json()).toMatchObject({ code: 'URGE_ANSWER_BY_PAST' });
    expect((await supervisor.post(`/api/orders/00000000-0000-4000-8000-000000000000/urge`, { message: '请尽快办理' })).statusCode).toBe(404);
  });

  it("raises the handler's unread count live, puts the urge on the timeline and counts it for the unit", async () => {
    // A session of the handler's own for the browser-like stream; its first frame is the unread count.
    const stream = await openSse(t, 'handler', '/api/notifications/stream');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const before = (await stream.until('unread')).data.unread as number;

    const urged = await ok(
      supervisor.post(`/api/orders/${order.id}/urge`, { message: '该单已临近期限，请今日内联系企业并报告进展。', answerBy: '2026-11-24T17:30:00+08:00' }),
    );
    expect(urged).toMatchObject({ number: order.number, unit: { id: county.id }, unitUrges30d: 1, answerBy: '2026-11-24T09:30:00.000Z' });
    await t.app.jobs.runDue();
    expect((await stream.until('unread', 1)).data.unread).toBe(before + 1);
    stream.close();

    const list = await ok(handler.get('/api/notifications?unread=true'));
    const urge = list.items.find((n: { kind: string }) => n.kind === 'supervision.urge');
    expect(urge).toMatchObject({ orderId: order.id, level: 'urgent' });
    expect(urge.body).toContain('请今日内联系企业');
    expect(list.unread).toBe(before + 1);
    // Another county's handler hears nothing of it.
    expect((await ok(handler2.get('/api/notifications'))).items.filter((n: { orderId: string }) => n.orderId === order.id)).toEqual([]);

    const events = await ok(handler.get(`/api/orders/${order.id}/events`));
    expect(events.find((e: { action: string }) => e.action === 'urge')).toMatchObject({
      note: '该单已临近期限，请今日内联系企业并报告进展。',
      actor: { role: 'supervisor' },
    });
  });

  it('reads in English when the interface is English: the stored Chinese translated, the words people wrote kept', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password: 'Demo12351' } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const list = async (language?: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/notifications',
          headers: { cookie: `${c.name}=${c.value}`, ...(language ? { 'accept-language': language } : {}) },
        })
      ).json() as { items: { kind: string; title: string; body: string | null }[] };
    const zh = (await list()).items.find((n) => n.kind === 'supervision.urge')!;
    expect(zh.title).toBe(`催办：工单 ${order.number}（欠薪讨薪）`);
    const en = (await list('en-US,en;q=0.9')).items;
    expect(en.find((n) => n.kind === 'supervision.urge')).toMatchObject({
      title: `Urged: order ${order.number} (Wage arrears)`,
      body: expect.stringMatching(/: 该单已临近期限，请今日内联系企业并报告进展。 \(answer by 2026-11-24T09:30:00.000Z\)$/),
    });
    expect(en.find((n) => n.kind === 'order.dispatched')).toMatchObject({ title: `New order to sign for: ${order.number}` });
  });

  it('is read and marked read by its own person only', async () => {
    const list = await ok(handler.get('/api/notifications?unread=true'));
    const id = list.items[0].id;
    expect(await ok(supervisor.post('/api/notifications/read', { ids: [id] }))).toMatchObject({ marked: 0 });
    expect(await ok(handler.post('/api/notifications/read', { ids: [id] }))).toMatchObject({ marked: 1, unread: list.unread - 1 });
    expect(await ok(handler.post('/api/notifications/read', { all: true }))).toMatchObject({ unread: 0 });
    expect((await handler.post('/api/notifications/read', {})).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await handler.get('/api/notifications?cursor=bm90LWEtY3Vyc29y')).json()).toMatchObject({ code: 'NOTIFICATION_CURSOR_INVALID' });
  });
});

describe("the supervisor's board", () => {
  it('groups the near-due and overdue orders by unit, with the urges counted, within reach only', async () => {
    // Past the sign-for limit (1 working day): overdue.
    t.clock.set('2026-11-25T02:00:00Z');
    const board = await ok(supervisor.get('/api/supervision/board'));
    const group = board.units.find((u: { unit: { id: string } }) => u.unit.id === county.id);
    expect(group).toMatchObject({ overdue: 1, urges30d: 1 });
    expect(group.orders).toEqual([expect.objectContaining({ id: order.id, status: 'overdue', urges: 1, step: 'sign' })]);
    expect(board.totals.overdue).toBeGreaterThanOrEqual(1);
    expect((await handler.get('/api/supervision/board')).json()).toMatchObject({ code: 'ROLE_REQUIRED' });
  });
});
