import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { createOrderTeam, ok, unitByName, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A weekly review's follow-up is owned by a unit that reads its order (access/scope.ts, the order's visible_to): the
 * owner is told the order's number and the decision, and marks the item done, so one that cannot read the order is
 * refused when the meeting is recorded, and an item owned so (recorded before) cannot be marked done by it. On the
 * demo tree: an order of 新城区 (Hohhot) and one of `handler2`'s county in another city.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, handler2: Client;
let ours: { id: string; number: string }, theirs: { id: string; number: string };
let countyId: string, otherCountyId: string, otherCountyName: string;

const order = (narrative: string, place: { text: string; divisionCode?: string }) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '包头市某某建筑工程有限公司' },
  place,
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

async function dispatched(body: ReturnType<typeof order>, unitId: string) {
  const created = await ok(agent.post('/api/orders', body), 201);
  await ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId }));
  return { id: created.id as string, number: created.number as string };
}

const item = (orderId: string, ownerUnitId: string, decision: string) => ({ orderId, reasons: ['returned'], decision, ownerUnitId, dueOn: '2026-11-27' });
const meeting = (title: string, items: ReturnType<typeof item>[]) =>
  supervisor.post('/api/supervision/reviews', { heldOn: '2026-11-24', weekStart: '2026-11-16', title, items });
const noticesOf = async (c: Client) =>
  ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string; title: string }[]).filter((n) => n.kind === 'supervision.review_item');
type Meetings = { meetings: { title: string; items: { id: string; order: { id: string } }[] }[] };
const titlesOf = async (c: Client) => (await ok<Meetings>(c.get('/api/supervision/reviews'))).meetings.map((m) => m.title);

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Beijing: the meetings below review the week of 16 November.
  let county: { id: string };
  ({ t, agent, dispatcher, supervisor, county } = await createOrderTeam({ at: '2026-11-24T02:00:00Z', sessionDays: 10 }));
  handler2 = await t.login('handler2');
  countyId = county.id;
  otherCountyId = handler2.session.current.unit.id;
  const [other] = await t.db.select({ name: units.name }).from(units).where(eq(units.id, otherCountyId));
  otherCountyName = other!.name;
  ours = await dispatched(order('反映餐饮公司拖欠两个月工资。', { text: '呼和浩特市新城区', divisionCode: '150102' }), countyId);
  theirs = await dispatched(order('反映包头某建筑公司拖欠农民工工资三个月。', { text: '另一城市某区' }), otherCountyId);
}, 300_000);
afterAll(() => t.close());

describe("a follow-up's owner", () => {
  it('that cannot read the order is refused (400, under the item, naming it): no meeting, no notice to it', async () => {
    const res = await meeting('省级周例会（责任单位看不到工单）', [
      item(theirs.id, otherCountyId, '区总工会约谈建筑公司负责人'),
      item(ours.id, otherCountyId, '另一区县核实新城区餐饮公司欠薪'),
    ]);
    expect(res.statusCode).toBe(400);
    const message = `第 2 项督办事项：责任单位「${otherCountyName}」无权查看工单 ${ours.number}，请改选能查看该工单的单位`;
    expect(res.json()).toMatchObject({
      code: 'REVIEW_OWNER_CANNOT_SEE_ORDER',
      message,
      details: { fields: [{ field: 'body.items.1.ownerUnitId', message }] },
    });
    expect(await titlesOf(supervisor)).not.toContain('省级周例会（责任单位看不到工单）');
    await t.app.jobs.runDue();
    expect(JSON.stringify(await noticesOf(handler2))).not.toContain(ours.number);
  });

  it("that reads the order is accepted: the order's county, its city, the province's hotline centre (its federation's reach)", async () => {
    const city = await unitByName(t, '呼和浩特市总工会');
    const centreId = dispatcher.session.current.unit.id;
    const m = await ok(
      meeting('省级周例会（责任单位可见）', [
        item(ours.id, countyId, '新城区总工会约谈餐饮公司负责人'),
        item(ours.id, city.id, '市总工会督促新城区跟进'),
        item(theirs.id, centreId, '热线中心回访来电人'),
        item(theirs.id, otherCountyId, '区总工会约谈建筑公司负责人'),
      ]),
      201,
    );
    expect(m.items).toHaveLength(4);
    await t.app.jobs.runDue();
    expect(JSON.stringify(await noticesOf(handler2))).toContain(theirs.number);
  });
});

describe('marking a follow-up done', () => {
  it('is refused (404) to an owner that cannot read the order, as the list hides the item from it; its reviewer still may', async () => {
    const m = await ok(meeting('省级周例会（旧记录）', [item(ours.id, countyId, '新城区总工会核实欠薪')]), 201);
    const id = m.items[0].id as string;
    // As recorded before an owner had to read the order: the other city's county owns the item about 新城区's order.
    await t.db.execute(sql`update review_items set owner_unit_id = ${otherCountyId}::uuid where id = ${id}::uuid`);
    const seen = (await ok<Meetings>(handler2.get('/api/supervision/reviews'))).meetings.flatMap((x) => x.items.map((i) => i.id));
    expect(seen).not.toContain(id);
    const refused = await handler2.post(`/api/supervision/review-items/${id}/done`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('REVIEW_ITEM_NOT_FOUND');
    expect(await ok(supervisor.post(`/api/supervision/review-items/${id}/done`))).toEqual({ id, state: 'done' });
  });
});
