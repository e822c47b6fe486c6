import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { createOrderTeam, ok, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The lawyers' studio (劳模律师调解工作室) signs and replies by its lawyer and mediator (state-machine.ts). What the
 * supervision scan and a leader ask of the unit holding an order (a deadline near or passed, an emergency, an
 * instruction to acknowledge) reaches them at the studio, not the nearest unit above with a handler or dispatcher,
 * and the holding unit's queues (待签收, 我的待办) are theirs too.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, leader: Client, lawyer: Client, mediator: Client;
let studio: { id: string };

type Order = { id: string; version: number; state: string; deadlines: { current: { dueAt: string; nearDueAt: string } | null } };
type Inbox = { items: { kind: string; orderId: string | null }[] };

const told = async (c: Client, o: { id: string }) =>
  (await ok<Inbox>(c.get('/api/notifications?limit=100'))).items
    .filter((n) => n.orderId === o.id)
    .map((n) => n.kind)
    .sort();

/** Moves the clock to an instant and runs what is due then (the scan, the notices' delivery), as the poll loop would. */
async function runAt(instant: Date) {
  t.clock.set(instant);
  await t.app.jobs.runDue();
}

let seq = 0;
async function sentToStudio(over: Record<string, unknown> = {}) {
  const o = await ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '钱女士', phone: `1390471${String(5600 + ++seq)}` }],
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '咨询公司单方解除劳动合同未支付经济补偿，能否申请调解。',
      typeCode: 'consult',
      subjectCode: 'labor_contract',
      ...over,
    }),
    201,
  );
  return ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: studio.id }));
}

beforeAll(async () => {
  // Wednesday 25 November 2026, 10:00 Beijing; sessions outlive the days the clock moves.
  ({ t, agent, dispatcher, supervisor, leader } = await createOrderTeam({ at: '2026-11-25T02:00:00Z', sessionDays: 30 }));
  [lawyer, mediator] = await Promise.all([t.login('lawyer'), t.login('mediator')]);
  [studio] = (await t.db.select({ id: units.id }).from(units).where(eq(units.type, 'lawyer_studio'))) as [typeof studio];
  expect(lawyer.session.current.unit.id).toBe(studio.id);
  expect(mediator.session.current.unit.id).toBe(studio.id);
});
afterAll(() => t.close());

describe('an order the lawyers’ studio has to sign', () => {
  let o: Order;

  it('is in its lawyer’s and mediator’s queues', async () => {
    o = await sentToStudio();
    expect(o.state).toBe('pending_sign');
    for (const c of [lawyer, mediator]) {
      const counts = await ok<{ views: { key: string; count: number }[] }>(c.get('/api/orders/view-counts'));
      const count = (k: string) => counts.views.find((v) => v.key === k)?.count;
      expect({ toSign: count('to_sign'), myWork: count('my_work') }).toEqual({ toSign: 1, myWork: 1 });
    }
  });

  it('reminds them when the sign step is near due, and urges them, not the hotline’s desk, once it is overdue', async () => {
    const step = o.deadlines.current!;
    await runAt(new Date(new Date(step.nearDueAt).getTime() + 60_000));
    for (const c of [lawyer, mediator]) expect(await told(c, o)).toEqual(['order.dispatched', 'supervision.near_due']);

    await runAt(new Date(new Date(step.dueAt).getTime() + 60_000));
    for (const c of [lawyer, mediator]) expect(await told(c, o)).toEqual(['order.dispatched', 'supervision.near_due', 'supervision.overdue']);
    // The level above hears of it as a report, as for any unit; the hotline's dispatchers are not urged in its place.
    expect(await told(supervisor, o)).toContain('supervision.overdue_report');
    expect(await told(dispatcher, o)).not.toContain('supervision.overdue');
    expect(await told(dispatcher, o)).not.toContain('supervision.near_due');
  });
});

describe('an emergency order held by the lawyers’ studio', () => {
  it('tells its lawyer and mediator at once', async () => {
    const o = await sentToStudio({ priority: 'major' });
    await runAt(new Date(t.clock.now().getTime() + 5 * 60_000));
    for (const c of [lawyer, mediator]) expect(await told(c, o)).toContain('supervision.emergency');
  });
});

describe('a leader’s instruction on an order held by the lawyers’ studio', () => {
  it('asks everyone there who may acknowledge it: its lawyer and its mediator', async () => {
    const o = await sentToStudio();
    await ok(leader.post(`/api/orders/${o.id}/instructions`, { text: '请工作室尽快联系职工，依法调解。' }));
    await t.app.jobs.runDue();
    for (const c of [lawyer, mediator]) expect(await told(c, o)).toContain('instruction.added');
    // And the mediator, told, may acknowledge it.
    const acked = await ok<{ items: { acknowledged: unknown }[] }>(mediator.post(`/api/orders/${o.id}/instructions/acknowledge`, { note: '已收到' }));
    expect(acked.items.every((i) => i.acknowledged)).toBe(true);
  });
});
