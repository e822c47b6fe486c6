import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { createOrderTeam, ok, runJobsAt, unitByName, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';
import { ordersInTwoCities, type PlacedOrder } from '../support/two-cities.js';

/**
 * A weekly review's follow-up is owned by a unit that reads its order (access/scope.ts, the order's visible_to): the
 * owner is told the order's number and the decision, and marks the item done, so one that cannot read the order is
 * refused when the meeting is recorded, and an item owned so (recorded before) cannot be marked done by it nor is
 * reminded of it: its reminders go to the one who recorded the meeting (supervision.scan.ts). On the
 * demo tree: an order of 新城区 (Hohhot) and one of `handler2`'s county in another city.
 */
let t: TestApp;
let dispatcher: Client, supervisor: Client, handler2: Client;
let ours: PlacedOrder, theirs: PlacedOrder;
let countyId: string, otherCountyId: string, otherCountyName: string;

const item = (orderId: string, ownerUnitId: string, decision: string) => ({ orderId, reasons: ['returned'], decision, ownerUnitId, dueOn: '2026-11-27' });
const meeting = (title: string, items: ReturnType<typeof item>[]) =>
  supervisor.post('/api/supervision/reviews', { heldOn: '2026-11-24', weekStart: '2026-11-16', title, items });
const noticesOf = async (c: Client) =>
  ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string; title: string }[]).filter((n) => n.kind === 'supervision.review_item');
type Meetings = { meetings: { title: string; items: { id: string; order: { id: string } }[] }[] };
const titlesOf = async (c: Client) => (await ok<Meetings>(c.get('/api/supervision/reviews'))).meetings.map((m) => m.title);

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Beijing: the meetings below review the week of 16 November.
  const team = await createOrderTeam({ at: '2026-11-24T02:00:00Z', sessionDays: 10 });
  ({ t, dispatcher, supervisor } = team);
  ({ handler2, countyId, otherCountyId, ours, theirs } = await ordersInTwoCities(team));
  const [other] = await t.db.select({ name: units.name }).from(units).where(eq(units.id, otherCountyId));
  otherCountyName = other!.name;
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

describe("a follow-up's reminders", () => {
  it('go to the one who recorded the meeting, not to an owner that cannot read the order (an item recorded before owners had to)', async () => {
    const m = await ok(meeting('省级周例会（旧记录，待提醒）', [item(ours.id, countyId, '新城区总工会核实欠薪人数')]), 201);
    const id = m.items[0].id as string;
    await t.db.execute(sql`update review_items set owner_unit_id = ${otherCountyId}::uuid where id = ${id}::uuid`);
    type Told = { kind: string; title: string; body: string | null };
    const told = async (c: Client, kind: string) =>
      ((await ok(c.get('/api/notifications?limit=100'))).items as Told[]).filter((n) => n.kind === kind && n.title.includes(ours.number));
    // Friday 27 November, its due day (the scan, then the notices' delivery); Monday 30 November, overdue.
    for (const [day, kind] of [
      ['2026-11-27', 'supervision.review_due'],
      ['2026-11-30', 'supervision.review_overdue'],
    ] as const) {
      await runJobsAt(t, `${day}T10:00:00`);
      await runJobsAt(t, `${day}T10:05:00`);
      expect({ kind, owner: await told(handler2, kind) }).toEqual({ kind, owner: [] });
      const recorder = (await told(supervisor, kind)).filter((n) => n.title.includes('责任单位无权查看'));
      expect(recorder).toHaveLength(1);
      expect(recorder[0]!.body).toBe(
        `责任单位「${otherCountyName}」无权查看该工单，收不到提醒，也无法标记完成：请另行记录由能查看该工单的单位负责的督办事项，并将本项标记完成。会议决定：新城区总工会核实欠薪人数`,
      );
    }
    // Still open, and the recorder may close it.
    expect(await ok(supervisor.post(`/api/supervision/review-items/${id}/done`))).toEqual({ id, state: 'done' });
  });
});
