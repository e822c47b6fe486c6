import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { beijing as bj, createOrderTeam, ok, runJobsAt, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * After a dissatisfied callback (回访不满意) the order waits for the dispatching unit's desk to reopen or archive it
 * (state-machine.ts); workflow.md sets no limit for that decision. The callback made on time is not overdue weeks
 * later, no timer urges anyone about a callback already made, and the supervision board and 催办 name the unit that
 * decides (the hotline centre that dispatched the order), not the county still holding it, which may only add notes.
 * Clock injected: Monday 14 September 2026, 10:00 in Beijing.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client;
let county: { id: string };

type Order = { id: string; number: string; version: number; state: string; dispatchUnit: { id: string } | null; deadlines: any; allowedActions: string[] };

let employers = 0;
async function dissatisfiedOrder(over: Record<string, unknown> = {}) {
  let o = await ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '孙先生', phone: '13904713333' }],
      employer: { name: `呼和浩特市第${++employers}回访不满意测试有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映公司拖欠三个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      ...over,
    }),
    201,
  );
  const post = (c: Client, path: string, body: Record<string, unknown> = {}) =>
    ok<Order>(c.post(`/api/orders/${o.id}/${path}`, { version: o.version, ...body }));
  o = await post(dispatcher, 'dispatch', { unitId: county.id });
  o = await post(handler, 'sign');
  o = await post(handler, 'reply', { outcome: { resolved: false, measures: '已约谈企业负责人，企业承诺月底支付' } });
  o = await post(dispatcher, 'review', { decision: 'accept' });
  expect(o.deadlines.currentStep).toBe('callback');
  o = await post(agent, 'callback', { result: 'reached', handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied' });
  expect(o.state).toBe('callback_dissatisfied');
  return o;
}

const inbox = async (c: Client, kind: string, orderId: string) =>
  ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string }[]).filter((n) => n.kind === kind && n.orderId === orderId);

beforeAll(async () => {
  ({ t, agent, dispatcher, handler, supervisor, county } = await createOrderTeam({ at: '2026-09-14T02:00:00Z', sessionDays: 120 }));
}, 300_000);
afterAll(() => t.close());

describe('an order after a dissatisfied callback', () => {
  let order: Order;

  it('waits for the desk to reopen or archive, against no deadline: the callback made on time is not overdue later', async () => {
    order = await dissatisfiedOrder();
    expect(order.deadlines.currentStep).toBe('reopen_or_archive');
    expect(order.deadlines.current).toBeNull();
    // The callback's own deadline (two working days after the accepted reply) long past, and the timers run.
    await runJobsAt(t, '2026-11-30T10:00:00');
    const now = await ok<Order>(dispatcher.get(`/api/orders/${order.id}`));
    expect(now.deadlines).toMatchObject({ currentStep: 'reopen_or_archive', current: null });
    expect(now.allowedActions).toEqual(expect.arrayContaining(['reopen', 'archive']));
    const actions = ((await ok(dispatcher.get(`/api/orders/${order.id}/events`))) as { action: string; data: any }[]).map((e) => e.action);
    expect(actions.filter((a) => ['near_due_reminder', 'overdue_urge', 'overdue_escalation', 'callback_reminder'].includes(a))).toEqual([]);
    // The callback step ended with the call, on time.
    const called = ((await ok(dispatcher.get(`/api/orders/${order.id}/events`))) as { action: string; data: any }[]).find(
      (e) => e.action === 'callback_dissatisfied',
    );
    expect(called!.data.step).toMatchObject({ step: 'callback', met: true });
  });

  it('is urged at the dispatching unit, whose dispatchers are told; not the county holding it', async () => {
    const urged = await ok(supervisor.post(`/api/orders/${order.id}/urge`, { message: '请尽快决定重启或归档，并答复来电人。' }));
    expect(urged.unit.id).toBe(order.dispatchUnit!.id);
    expect(urged.unit.id).not.toBe(county.id);
    await t.app.jobs.runDue();
    expect(await inbox(dispatcher, 'supervision.urge', order.id)).toHaveLength(1);
    expect(await inbox(handler, 'supervision.urge', order.id)).toEqual([]);
    const event = ((await ok(dispatcher.get(`/api/orders/${order.id}/events`))) as { action: string; data: any }[]).find((e) => e.action === 'urge');
    expect(event!.data.toUnit.id).toBe(order.dispatchUnit!.id);
  });

  it('is listed on the supervision board under the dispatching unit', async () => {
    // On the board an order with no deadline shows only in the emergency mechanism: a flagged one (聚集, 众).
    const flagged = await dissatisfiedOrder({ riskFlags: ['mass'], narrative: '三十余名农民工聚集讨薪。', workersInvolved: 32 });
    const board = await ok<{ units: { unit: { id: string }; orders: { id: string; step: string | null; status: string | null }[] }[] }>(
      supervisor.get('/api/supervision/board'),
    );
    const group = board.units.find((u) => u.orders.some((o) => o.id === flagged.id));
    expect(group?.unit.id).toBe(flagged.dispatchUnit!.id);
    expect(group!.orders.find((o) => o.id === flagged.id)).toMatchObject({ step: 'reopen_or_archive', status: null });
  });
});

describe('an urge with an answer-by time already past', () => {
  it('is refused on the field, in English on an English page', async () => {
    const order = await dissatisfiedOrder();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: 'Demo12351' } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/urge`,
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en-US,en;q=0.9' },
      // Before the day the test began, so past whatever the clock says now.
      payload: { message: 'Please answer', answerBy: bj('2026-09-01T09:00:00').toISOString() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'URGE_ANSWER_BY_PAST',
      details: { fields: [{ field: 'body.answerBy', message: expect.not.stringMatching(/[\u4e00-\u9fff]/) }] },
    });
    expect(res.json().message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the migration of the orders already waiting after a dissatisfied callback', () => {
  it('puts them on the desk decision, from the callback, with no deadline; other orders stay as they were', async () => {
    const order = await dissatisfiedOrder();
    // As the callback left it before: still at the callback step, with the callback's deadline.
    await t.db.execute(sql`update work_orders set current_step = 'callback', current_step_started_at = accepted_at,
      current_due_at = callback_due_at, current_near_due_at = callback_due_at where id = ${order.id}`);
    const file = new URL('../../drizzle/0057_callback_dissatisfied_step.sql', import.meta.url);
    const others = async () =>
      rowsOf<Record<string, unknown>>(
        await t.db.execute(sql`select id, current_step, current_due_at from work_orders where state <> 'callback_dissatisfied' order by id`),
      );
    const untouched = await others();
    await t.db.execute(sql.raw(readFileSync(file, 'utf8')));
    const [row] = rowsOf<Record<string, unknown>>(
      await t.db.execute(sql`select current_step, current_step_started_at = callback_at as from_callback, current_due_at, current_near_due_at
        from work_orders where id = ${order.id}`),
    );
    expect(row).toEqual({ current_step: 'reopen_or_archive', from_callback: true, current_due_at: null, current_near_due_at: null });
    expect(await others()).toEqual(untouched);
  });
});
