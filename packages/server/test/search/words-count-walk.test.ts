import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrders } from '../../src/orders/orders.tables.js';
import { users } from '../../src/users/users.tables.js';
import { countStatements } from '../support/statement-count.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * A unit's word search counted by a walk of its newest orders (orders/domain/word-walk.ts, order-list.ts
 * walkedCounts), with the count's cap at 3: a sample of the 2 newest, a walk of at most 40. Whatever the plan, the
 * total is the GIN's: more than the cap when the walk passes it, exact when the walk tested every order of the unit,
 * and counted by the GIN when the walk ended short of the cap.
 *
 * The county's orders, newest first: 2 with 高温 and 加班费, 6 with 加班费, then 2 with neither (one of those the
 * only one with 尘肺). The other county has one order.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, handler2: Client;
let statements: ReturnType<typeof countStatements>;
let otherOrder: string;
type Page = { items: { id: string }[]; countsByState: Record<string, number>; total: number; totalCapped: boolean };

const isWalk = (s: string) =>
  s.includes('found (order_id) as materialized') && s.includes('order_unit_pages') && s.includes('search_orders s where s.order_id');
/** A page read from the unit's own rows of order_unit_pages, each order's words tested by key (order-list.ts page). */
const isUnitWordPage = (s: string) =>
  !s.includes('found (order_id) as materialized') && s.includes('"order_unit_pages"') && s.includes('search_orders s where s.order_id');
/** The GIN's capped count (order-list.ts cappedCounts): the words' orders read by their index, then counted. */
const isGin = (s: string) => s.includes('count(') && s.includes('search_orders s where s.words @@');

async function sendTo(unitId: string, narrative: string, employer?: string) {
  t.clock.advance(10_000);
  const o = await ok<{ id: string; version: number }>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '李女士', phone: '13904719876' }],
      narrative,
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      ...(employer ? { employer: { name: employer } } : {}),
    }),
    201,
  );
  await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId }));
  return o.id;
}

/** The search's page and total, and which ways the total was counted. */
async function search(c: Client, q: string) {
  const { value, sql } = await statements.during(() => ok<Page>(c.get(`/api/orders?limit=50&q=${encodeURIComponent(q)}`)));
  // A page that read the words' few matches first (order-list.ts fewForm), instead of walking the list's order.
  const fewFirst = sql.filter((s) => s.includes('= any(array(select s.order_id from search_orders s')).length;
  return { page: value, walks: sql.filter(isWalk).length, gin: sql.filter(isGin).length, fewFirst };
}

beforeAll(async () => {
  t = await createTestApp({ config: { listCountCap: 3 } });
  [agent, dispatcher, handler, handler2] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler'), t.login('handler2')]);
  const county = await unitByDivision(t, 'county_federation', '150102');
  const [other] = await t.db.select().from(users).where(eq(users.username, 'handler2'));
  await sendTo(county.id, '矿上工友咳嗽查出尘肺，单位不管。');
  await sendTo(county.id, '反映食堂卫生问题。');
  for (let i = 0; i < 6; i++) await sendTo(county.id, `车间周末加班没有加班费，第${i}个月。`);
  for (let i = 0; i < 2; i++) await sendTo(county.id, `高温天气户外作业，没有加班费，第${i}天。`);
  otherOrder = await sendTo(other!.unitId!, '宏远物流拖欠司机工资。', '呼和浩特市宏远物流有限公司');
  statements = countStatements(t.database);
});
afterAll(() => t.close());

describe("a unit's word search counted by a walk", () => {
  it('passes the cap on a walk when the word is common among its newest orders, without the GIN', async () => {
    const { page, walks, gin, fewFirst } = await search(handler, '加班费');
    expect(page.items).toHaveLength(8);
    expect(page).toMatchObject({ total: 3, totalCapped: true, countsByState: {} });
    // The sample (2 of 2 match: walk 8), then the walk that passes the cap; many matches: the page walks the list.
    expect(walks).toBe(2);
    expect(gin).toBe(0);
    expect(fewFirst).toBe(0);
  });

  it('counts by the GIN when the walk ends short of the cap: older orders may still match', async () => {
    const { page, walks, gin } = await search(handler, '高温');
    expect(page.items).toHaveLength(2);
    expect(page).toMatchObject({ total: 2, totalCapped: false, countsByState: { pending_sign: 2 } });
    expect(walks).toBe(2);
    expect(gin).toBe(1);
  });

  it('leaves a word absent from the sample to the GIN', async () => {
    const { page, walks, gin, fewFirst } = await search(handler, '尘肺');
    expect(page).toMatchObject({ total: 1, totalCapped: false, countsByState: { pending_sign: 1 } });
    expect(page.items).toHaveLength(1);
    expect(walks).toBe(1);
    expect(gin).toBe(1);
    // Counted under the cap: the page reads the one match first instead of walking every order for it.
    expect(fewFirst).toBe(1);
  });

  it('reads few matches first for the page, in the order asked, and pages them by cursor', async () => {
    // 加班费 in 8 of the county's orders: over the cap of 3 for the count, so the page walks; 高温's 2 are few.
    const few = await search(handler, '高温');
    expect(few.fewFirst).toBe(1);
    const walked = await search(dispatcher, '食堂');
    expect(walked.page.items).toHaveLength(1);
    expect(walked.fewFirst).toBe(1);
    const oldest = await ok<Page & { nextCursor: string | null }>(handler.get(`/api/orders?limit=1&sort=created_asc&q=${encodeURIComponent('高温')}`));
    const newest = await ok<Page & { nextCursor: string | null }>(handler.get(`/api/orders?limit=1&q=${encodeURIComponent('高温')}`));
    expect(oldest.items[0]!.id).not.toBe(newest.items[0]!.id);
    const next = await ok<Page & { nextCursor: string | null }>(
      handler.get(`/api/orders?limit=1&q=${encodeURIComponent('高温')}&cursor=${encodeURIComponent(newest.nextCursor!)}`),
    );
    expect(next.items.map((o) => o.id)).toEqual(oldest.items.map((o) => o.id));
    expect(next.nextCursor).toBeNull();
  });

  it('counts exactly from the walk when it tested every order of the unit', async () => {
    const { page, walks, gin } = await search(handler2, '司机');
    expect(page).toMatchObject({ total: 1, totalCapped: false, countsByState: { pending_sign: 1 } });
    expect(walks).toBe(1);
    expect(gin).toBe(0);
  });

  it("counts the text's other ways with the walk: an order number is in no order's words", async () => {
    const [row] = await t.db.select({ number: workOrders.number }).from(workOrders).where(eq(workOrders.id, otherOrder));
    const { page, walks, gin } = await search(handler2, row!.number);
    expect(page.items.map((o) => o.id)).toEqual([otherOrder]);
    expect(page).toMatchObject({ total: 1, totalCapped: false, countsByState: { pending_sign: 1 } });
    expect(walks).toBe(1);
    expect(gin).toBe(0);
  });

  it("walks the province's newest orders for a role that sees them all", async () => {
    // Newest first: the other county's order (no 加班费), then the two with 高温: 1 of 2 in the sample, a walk of 16.
    const { page, walks, gin } = await search(dispatcher, '加班费');
    expect(page.items).toHaveLength(8);
    expect(page).toMatchObject({ total: 3, totalCapped: true });
    expect(walks).toBe(2);
    expect(gin).toBe(0);
  });

  it('shows a page found among the newest orders first, and walks for its count only when the count is asked for', async () => {
    const q = `q=${encodeURIComponent('加班费')}`;
    // The sample stops at one more than the page (2 of the 2 newest): a page now, its count left for later.
    const listed = await statements.during(() => ok<Page & { countsDeferred: boolean }>(handler.get(`/api/orders?limit=1&${q}`)));
    expect(listed.value.items).toHaveLength(1);
    expect(listed.value).toMatchObject({ total: 1, totalCapped: true, countsDeferred: true, countsByState: {} });
    expect(listed.sql.filter(isWalk)).toHaveLength(1);
    expect(listed.sql.filter(isGin)).toHaveLength(0);
    // The page walks the county's own orders, not every order by creation.
    expect(listed.sql.filter(isUnitWordPage)).toHaveLength(1);
    // The count: the whole sample, then the walk past the cap, as the list counted before.
    const counted = await statements.during(() => ok<Page>(handler.get(`/api/orders/count?${q}`)));
    expect(counted.value).toEqual({ total: 3, totalCapped: true, countsByState: {} });
    expect(counted.sql.filter(isWalk)).toHaveLength(2);
    expect(counted.sql.filter(isGin)).toHaveLength(0);
  });

  it("pages a number's tail by its own index: the words' own matches, not the number's, say a walk finds a page", async () => {
    // Every order of the day has the day in its number and none in its words: walked for a page of words, the
    // county's rows were read to their end (a province's million for q=0007).
    const [row] = await t.db.select({ number: workOrders.number }).from(workOrders).where(eq(workOrders.id, otherOrder));
    const day = row!.number.split('-')[2]!;
    const { value, sql } = await statements.during(() => ok<Page>(handler.get(`/api/orders?limit=1&q=${day}`)));
    expect(value.items).toHaveLength(1);
    expect(value).toMatchObject({ total: 3, totalCapped: true });
    expect(sql.filter(isUnitWordPage)).toHaveLength(0);
  });

  it("reads a next page as its first page decided, without counting again (the web keeps the first page's total)", async () => {
    const q = `q=${encodeURIComponent('加班费')}`;
    const first = await ok<Page & { nextCursor: string }>(handler.get(`/api/orders?limit=1&${q}`));
    const next = await statements.during(() => ok<Page & { nextCursor: string }>(handler.get(`/api/orders?limit=1&${q}&cursor=${first.nextCursor}`)));
    expect(next.sql.filter(isWalk)).toHaveLength(0);
    expect(next.sql.filter(isGin)).toHaveLength(0);
    expect(next.sql.filter(isUnitWordPage)).toHaveLength(1);
    expect(next.value.items).toHaveLength(1);
    expect(next.value.items[0]!.id).not.toBe(first.items[0]!.id);
    // Oldest first the count comes first and finds 高温's 2 few: the next page reads them first again, uncounted.
    const oldest = `limit=1&sort=created_asc&q=${encodeURIComponent('高温')}`;
    const few = await ok<Page & { nextCursor: string }>(handler.get(`/api/orders?${oldest}`));
    expect(few).toMatchObject({ total: 2, totalCapped: false });
    const fewNext = await statements.during(() => ok<Page>(handler.get(`/api/orders?${oldest}&cursor=${few.nextCursor}`)));
    expect(fewNext.sql.filter((s) => s.includes('= any(array(select s.order_id from search_orders s'))).toHaveLength(1);
    expect(fewNext.sql.filter(isWalk).length + fewNext.sql.filter(isGin).length).toBe(0);
  });

  it('does not walk with another filter: the walk tests the words only', async () => {
    const filters = `typeCode=complaint&q=${encodeURIComponent('加班费')}`;
    // The page holds all 8: its own count, nothing walked.
    const typed = await statements.during(() => ok<Page>(handler.get(`/api/orders?limit=50&${filters}`)));
    expect(typed.value).toMatchObject({ total: 8, totalCapped: false });
    expect(typed.sql.filter(isWalk)).toHaveLength(0);
    // Counted apart: by the GIN, past the cap, still without a walk.
    const counted = await statements.during(() => ok<Page>(handler.get(`/api/orders/count?${filters}`)));
    expect(counted.value).toMatchObject({ total: 3, totalCapped: true });
    expect(counted.sql.filter(isWalk)).toHaveLength(0);
    expect(counted.sql.filter(isGin)).toHaveLength(1);
  });
});
