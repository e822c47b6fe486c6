import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { createOrderTeam, ok, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * An order sent to the lawyers' studio (劳模律师调解工作室) waits for its lawyer or mediator: they sign and reply there
 * (state-machine.ts). What asks the studio to act (a new order to sign, a reply sent back, an urge) reaches them, and
 * everyone told can open the order.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, lawyer: Client, mediator: Client;
let studio: { id: string };

type Order = { id: string; version: number; state: string };
type Inbox = { items: { kind: string; orderId: string | null }[] };

/** The kinds of notice a person has about the order, by name (the test clock stands still: no order in time). */
async function toldOf(c: Client, o: Order) {
  const inbox = await ok<Inbox>(c.get('/api/notifications?limit=100'));
  return inbox.items
    .filter((n) => n.orderId === o.id)
    .map((n) => n.kind)
    .sort();
}

beforeAll(async () => {
  // Wednesday 25 November 2026, 10:00 Beijing.
  ({ t, agent, dispatcher, supervisor } = await createOrderTeam({ at: '2026-11-25T02:00:00Z', sessionDays: 2 }));
  [lawyer, mediator] = await Promise.all([t.login('lawyer'), t.login('mediator')]);
  [studio] = (await t.db.select({ id: units.id }).from(units).where(eq(units.type, 'lawyer_studio'))) as [typeof studio];
  expect(lawyer.session.current.unit.id).toBe(studio.id);
  expect(mediator.session.current.unit.id).toBe(studio.id);
});
afterAll(() => t.close());

describe('an order held by the lawyers’ studio', () => {
  it('tells its lawyer and mediator that it waits to be signed, sent back for rework, urged', async () => {
    let o = await ok<Order>(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱女士', phone: '13904715555' }],
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: '咨询公司单方解除劳动合同未支付经济补偿，能否申请调解。',
        typeCode: 'consult',
        subjectCode: 'labor_contract',
      }),
      201,
    );
    o = await ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: studio.id }));
    await t.app.jobs.runDue();
    expect(await toldOf(lawyer, o)).toEqual(['order.dispatched']);
    expect(await toldOf(mediator, o)).toEqual(['order.dispatched']);

    o = await ok<Order>(mediator.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    const outcome = { resolved: true, measures: '已电话解答：用人单位单方解除应依法支付经济补偿', amountRecovered: 0, workersHelped: 1 };
    o = await ok<Order>(lawyer.post(`/api/orders/${o.id}/reply`, { version: o.version, outcome }));
    o = await ok<Order>(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'rework', reason: '请补充调解建议' }));
    expect(o.state).toBe('handling');
    await ok(supervisor.post(`/api/orders/${o.id}/urge`, { message: '请今日内补充答复' }));
    await t.app.jobs.runDue();

    for (const c of [lawyer, mediator]) {
      expect(await toldOf(c, o)).toEqual(['order.dispatched', 'order.rework', 'supervision.urge'].sort());
      // Told, and able to open it.
      expect((await ok<Order>(c.get(`/api/orders/${o.id}`))).id).toBe(o.id);
    }
    // The urge reached the studio itself, not the nearest unit above with a handler or dispatcher (the hotline's desk).
    expect(await toldOf(dispatcher, o)).not.toContain('supervision.urge');
  });
});
