import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { createOrderTeam, ok, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';
import { expectError } from '../orders/http.js';

/**
 * The lawyers' studio (劳模律师调解工作室) invited to co-handle an order (Shaanxi's 调单: it mediates where both sides
 * agree): its lawyer answers the studio's part (协办反馈) and the county handling the order reads it. The lawyer still
 * sees no order the studio takes no part in, and never gives the main reply.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, lawyer: Client;
let county: { id: string }, studio: { id: string; name: string };

type CoHandler = { unit: { id: string }; partReply: string | null; repliedAt: string | null };
type Order = { id: string; version: number; state: string; relations: string[]; allowedActions: string[]; coHandlers: CoHandler[] };

let employers = 0;
/** A wage complaint dispatched by the hotline to the county, with the co-handlers given, and signed there. */
async function atCounty(coHandlers: { unitId: string; task: string }[]) {
  const o = await ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '孙女士', phone: '13904714444' }],
      employer: { name: `呼和浩特市第${++employers}餐饮管理有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映餐饮公司拖欠三个月工资，企业同意到工会调解。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
  const sent = await ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id, coHandlers }));
  return ok<Order>(handler.post(`/api/orders/${o.id}/sign`, { version: sent.version }));
}

beforeAll(async () => {
  // Wednesday 25 November 2026, 10:00 Beijing.
  ({ t, agent, dispatcher, handler, county } = await createOrderTeam({ at: '2026-11-25T02:00:00Z', sessionDays: 2 }));
  lawyer = await t.login('lawyer');
  [studio] = (await t.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.type, 'lawyer_studio'))) as [typeof studio];
  expect(lawyer.session.current.unit.id).toBe(studio.id);
});
afterAll(() => t.close());

describe('a lawyer of the studio co-handling an order', () => {
  it('answers the studio’s part, which the county handling the order reads on the order and its timeline', async () => {
    const o = await atCounty([{ unitId: studio.id, task: '双方同意调解，请工作室派员参与调解' }]);
    const seen = await ok<Order>(lawyer.get(`/api/orders/${o.id}`));
    expect(seen.relations).toEqual(['co_handler']);
    expect(seen.allowedActions).toContain('reply_co_handler_part');

    const part = '已组织双方调解，企业同意十五日内分两次支付欠薪';
    const answered = await ok<Order>(lawyer.post(`/api/orders/${o.id}/co-handler-reply`, { version: seen.version, reply: part }));
    expect(answered.state).toBe('handling');

    const atHolder = await ok<Order>(handler.get(`/api/orders/${o.id}`));
    const studioPart = atHolder.coHandlers.find((c) => c.unit.id === studio.id)!;
    expect(studioPart.partReply).toBe(part);
    expect(studioPart.repliedAt).toBe(t.clock.now().toISOString());
    const events = await ok<{ action: string; unit: { id: string } }[]>(handler.get(`/api/orders/${o.id}/events`));
    expect(events.filter((e) => e.action === 'reply_co_handler_part').map((e) => e.unit.id)).toEqual([studio.id]);
  });

  it('is told of the invitation and finds the order among the studio’s co-handled ones (its workplace’s 协办 queue)', async () => {
    const o = await atCounty([{ unitId: studio.id, task: '参与劳动争议调解' }]);
    await t.app.jobs.runDue();
    const told = await ok<{ items: { kind: string; orderId: string | null }[] }>(lawyer.get('/api/notifications?limit=100'));
    expect(told.items.filter((n) => n.orderId === o.id).map((n) => n.kind)).toEqual(['order.co_handler_invited']);
    const counts = await ok<{ views: { key: string; count: number }[] }>(lawyer.get('/api/orders/view-counts'));
    expect(counts.views.find((v) => v.key === 'co_handling')?.count).toBeGreaterThanOrEqual(1);
    const list = await ok<{ items: { id: string }[] }>(lawyer.get('/api/orders?involvement=co_handling&sort=created_desc&limit=100'));
    expect(list.items.map((i) => i.id)).toContain(o.id);
  });

  it('does not give the main reply, nor sign or pass the order on: those stay the county’s', async () => {
    const o = await atCounty([{ unitId: studio.id, task: '参与劳动争议调解' }]);
    const seen = await ok<Order>(lawyer.get(`/api/orders/${o.id}`));
    for (const a of ['reply', 'sign', 'return', 'dispatch', 'request_extension', 'invite_co_handler']) expect(seen.allowedActions).not.toContain(a);
    await expectError(
      lawyer.post(`/api/orders/${o.id}/reply`, {
        version: seen.version,
        outcome: { resolved: true, measures: '调解结案', amountRecovered: 30000, workersHelped: 1 },
      }),
      403,
      'ORDER_ACTION_FORBIDDEN',
    );
    expect((await ok<Order>(handler.get(`/api/orders/${o.id}`))).state).toBe('handling');
  });

  it('neither reads nor answers on an order the studio takes no part in', async () => {
    const o = await atCounty([]);
    await expectError(lawyer.get(`/api/orders/${o.id}`), 404, 'ORDER_NOT_FOUND');
    await expectError(lawyer.post(`/api/orders/${o.id}/co-handler-reply`, { version: o.version, reply: '已调解' }), 404, 'ORDER_NOT_FOUND');
    const list = await ok<{ items: { id: string }[] }>(lawyer.get('/api/orders?sort=created_desc&limit=100'));
    expect(list.items.map((i) => i.id)).not.toContain(o.id);
  });
});
