import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { users } from '../../src/users/users.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * A unit's word search counts the orders it sees inside the words' GIN: each order's search row holds a copy of its
 * visible_to (search.tables.ts, drizzle/0046), written by intake and kept by a trigger when a dispatch or a
 * co-handler changes who sees the order. If the copy fell behind, a county's total would miss an order dispatched to it.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, handler2: Client, city: Client;
let county: { id: string }, otherCounty: { id: string };

type Page = { items: { id: string }[]; total: number };
/** The orders a search finds; its total (counted through the copy, order-list.ts countForm) must say as many. */
const searched = async (c: Client, q: string) => {
  const page = await ok<Page>(c.get(`/api/orders?limit=50&q=${encodeURIComponent(q)}`));
  expect(page.total).toBe(page.items.length);
  return page.items.map((o) => o.id).sort();
};

const order = (narrative: string) => ({
  channel: 'phone',
  callers: [{ name: '李女士', phone: '13904719876' }],
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

/** Orders whose search row's copy differs from the order's visible_to (as sets). */
async function copiesBehind() {
  return rowsOf<{ id: string }>(
    await t.db.execute(sql`select w.id from work_orders w join search_orders s on s.order_id = w.id
      where not (s.visible_to @> w.visible_to and w.visible_to @> s.visible_to)`),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, dispatcher, handler, handler2, city] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('handler2'),
    t.login('city'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  const [u] = await t.db.select().from(users).where(eq(users.username, 'handler2'));
  otherCounty = { id: u!.unitId! };
});
afterAll(() => t.close());

describe("a unit's word search", () => {
  it('finds and counts an order once it is dispatched to the unit or the unit co-handles it, and never before', async () => {
    const created = await ok<{ id: string; version: number }>(agent.post('/api/orders', order('食品厂拖欠保洁员的加班费已经半年。')), 201);
    const other = await ok<{ id: string; version: number }>(agent.post('/api/orders', order('另一家食品厂的加班费问题。')), 201);
    // At the hotline: the dispatcher sees both, the counties and the city neither.
    expect(await searched(dispatcher, '加班费')).toEqual([created.id, other.id].sort());
    for (const c of [handler, handler2, city]) expect(await searched(c, '加班费')).toEqual([]);

    await ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId: county.id, coHandlers: [{ unitId: otherCounty.id }] }));
    // The county it was sent to, the city above it and the co-handling county find it; none finds the other order.
    expect(await searched(handler, '加班费')).toEqual([created.id]);
    expect(await searched(city, '加班费')).toEqual([created.id]);
    expect(await searched(handler2, '食品厂 加班费')).toEqual([created.id]);
    expect(await searched(handler, '保洁员')).toEqual([created.id]);
    expect(await copiesBehind()).toEqual([]);
  });

  it("intersects the unit's orders with the words inside one index", async () => {
    // The plan of a county's search: one scan of the words' GIN with both conditions (no join of the unit's orders).
    await t.db.execute(sql`set enable_seqscan = off`);
    const plan = rowsOf<{ 'QUERY PLAN': string }>(
      await t.db.execute(
        sql`explain select s.order_id from search_orders s where s.words @@ to_tsquery('simple', '加班费') and s.visible_to @> array[${county.id}]::uuid[]`,
      ),
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    await t.db.execute(sql`reset enable_seqscan`);
    expect(plan).toMatch(/Bitmap Index Scan on search_orders_words_gin/);
    expect(plan).toMatch(/Index Cond: \(\(words @@ .*\) AND \(visible_to @> /);
  });
});
