import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createOrderTeam, ok, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';
import { ordersInTwoCities, type PlacedOrder } from '../support/two-cities.js';

/**
 * Reviews are scoped like orders: a weekly review meeting held above a unit is read there (a county follows the
 * province's decisions about it), but only its follow-ups about orders the reader may read (access/scope.ts), and a
 * meeting above that decided nothing the reader may read is not listed. On the demo tree: an order of 新城区 (the
 * `handler`'s county, in Hohhot) and one of `handler2`'s county in another city.
 */
let t: TestApp;
let dispatcher: Client, handler: Client, supervisor: Client, leader: Client, handler2: Client, city: Client;
let ours: PlacedOrder, theirs: PlacedOrder;
let countyId: string, otherCountyId: string;
type Meetings = { meetings: { id: string; title: string; items: { order: { id: string; number: string }; decision: string; owner: { id: string } }[] }[] };

const item = (orderId: string, ownerUnitId: string, decision: string) => ({ orderId, reasons: ['returned'], decision, ownerUnitId, dueOn: '2026-11-27' });
/** Records a weekly review meeting held on Tuesday 24 November about the week of 16 November. */
const meeting = (c: Client, title: string, items: ReturnType<typeof item>[]) =>
  ok(c.post('/api/supervision/reviews', { heldOn: '2026-11-24', weekStart: '2026-11-16', title, items }), 201);
const meetingsOf = async (c: Client) => (await ok<Meetings>(c.get('/api/supervision/reviews'))).meetings;
const itemsOf = (ms: Meetings['meetings']) => Object.fromEntries(ms.map((m) => [m.title, m.items.map((i) => i.order.number).sort()]));

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Beijing: the meetings below review the week of 16 November.
  const team = await createOrderTeam({ at: '2026-11-24T02:00:00Z', sessionDays: 10 });
  ({ t, dispatcher, handler, supervisor, leader } = team);
  ({ handler2, countyId, otherCountyId, ours, theirs } = await ordersInTwoCities(team));
  city = await t.login('city');
  await meeting(supervisor, '省级周例会（两地）', [
    item(ours.id, countyId, '新城区总工会约谈餐饮公司负责人'),
    item(theirs.id, otherCountyId, '责成包头市某某建筑工程有限公司三日内结清欠薪'),
  ]);
  await meeting(supervisor, '省级周例会（仅另一区县）', [item(theirs.id, otherCountyId, '联合人社部门督促清欠')]);
  // A meeting held by the county itself, about its own order.
  const countyLeader = await addPerson(t, 'xc-leader', 'leader', countyId);
  await meeting(countyLeader, '新城区周例会', [item(ours.id, countyId, '区总工会跟进回访')]);
}, 300_000);
afterAll(() => t.close());

describe("a weekly review meeting's follow-ups are read where their order is", () => {
  it("a county handler gets the province meeting with its own order's item only, and not the meeting that decided only on another's", async () => {
    const got = await meetingsOf(handler);
    expect(itemsOf(got)).toEqual({ '省级周例会（两地）': [ours.number], 新城区周例会: [ours.number] });
    const text = JSON.stringify(got);
    for (const leaked of [theirs.number, theirs.id, '包头市某某建筑工程有限公司', '联合人社部门督促清欠', otherCountyId]) expect(text).not.toContain(leaked);
    // The same order is a 404 for this reader: the list agrees with it.
    expect((await handler.get(`/api/orders/${theirs.id}`)).statusCode).toBe(404);
  });

  it("the other county's handler gets both province meetings with its order's items only, not the county's meeting", async () => {
    const got = await meetingsOf(handler2);
    expect(itemsOf(got)).toEqual({ '省级周例会（两地）': [theirs.number], '省级周例会（仅另一区县）': [theirs.number] });
    expect(JSON.stringify(got)).not.toContain(ours.number);
  });

  it("a city's dispatcher gets the items of its counties' orders: the counts it is shown are the items it gets", async () => {
    const got = await meetingsOf(city);
    expect(itemsOf(got)).toEqual({ '省级周例会（两地）': [ours.number], 新城区周例会: [ours.number] });
  });

  it('the province still reads every meeting and every item, the county’s meeting included', async () => {
    for (const c of [leader, supervisor, dispatcher])
      expect(itemsOf(await meetingsOf(c))).toEqual({
        '省级周例会（两地）': [ours.number, theirs.number].sort(),
        '省级周例会（仅另一区县）': [theirs.number],
        新城区周例会: [ours.number],
      });
  });
});
