import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeBatcher, createTransactionalIntakeBatcher } from '../../src/orders/intake-batch.js';
import { insertNewOrders, type NewOrder } from '../../src/orders/new-order.repo.js';
import { orderCallers, orderEvents, workOrders } from '../../src/orders/orders.tables.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { isUniqueViolation } from '../../src/platform/db/unique-violation.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Group commit for intake (orders/intake-batch.ts): intakes that arrive together are written by one statement, each
 * order with exactly its own callers, first event and search words, and one bad order fails only its own request.
 */
let t: TestApp;
let agent: Client;
const orderInserts: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ onQuery: (s) => /^with o as \(insert into "work_orders"/.test(s) && orderInserts.push(s) });
  agent = await t.login('agent');
});
afterAll(async () => {
  await t.close();
});

const body = (i: number) => ({
  channel: 'phone',
  callers: [
    { name: `并发来电人${i}`, phone: `1390000${String(i).padStart(4, '0')}` },
    { name: `同行工友${i}`, relation: 'colleague' },
  ],
  employer: { name: `批量写入测试公司${i % 3}` },
  narrative: `批量受理第${i}号诉求，拖欠工资${i + 1}个月，暗号批次${i}号`,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

/** Copies of an order the API wrote (its row, caller and first event) as new orders to hand a batcher directly. */
async function copiesOf(i: number, number: string, name: string) {
  const template = await ok<{ id: string }>(agent.post('/api/orders', body(i)), 201);
  const [row] = await t.db.select().from(workOrders).where(eq(workOrders.id, template.id));
  const [caller] = await t.db.select().from(orderCallers).where(eq(orderCallers.orderId, template.id));
  const [event] = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, template.id));
  return (n: number): NewOrder => {
    const id = randomUUID();
    return {
      order: { ...row!, id, number: `${number}-${n}-${id.slice(0, 8)}` },
      callers: [{ ...caller!, id: randomUUID(), orderId: id, name: `${name}${n}` }],
      event: { ...event!, id: undefined, orderId: id } as NewOrder['event'],
      words: `${name} ${n}`,
    };
  };
}

/** A batcher whose first statement waits until `release`: the intakes handed meanwhile form the next batch. */
function gatedBatcher() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const sizes: number[] = [];
  const batcher = createIntakeBatcher(t.db, {
    inFlight: 1,
    write: async (ex, input) => {
      sizes.push(input.length);
      if (sizes.length === 1) await gate;
      return insertNewOrders(ex, input);
    },
  });
  return { batcher, sizes, release };
}

describe('intakes that arrive together', () => {
  it('are each written whole and with their own callers, event and words', async () => {
    const n = 30;
    orderInserts.length = 0;
    const created = await Promise.all(
      Array.from({ length: n }, (_, i) => ok<{ id: string; number: string; callers: { name: string }[] }>(agent.post('/api/orders', body(i)), 201)),
    );
    expect(new Set(created.map((o) => o.number)).size).toBe(n);
    // Whether they meet in a batch depends on timing (PGlite runs one statement at a time, each before the next intake
    // arrives): the batching itself is the next test's; here every order must come out whole whichever way it went.
    expect(orderInserts.length).toBeGreaterThan(0);
    expect(orderInserts.length).toBeLessThanOrEqual(n);
    for (const [i, o] of created.entries()) {
      // The reply carries this order's callers, not a neighbour's in the batch.
      expect(o.callers.map((c) => c.name)).toEqual([`并发来电人${i}`, `同行工友${i}`]);
      const callers = await t.db.select().from(orderCallers).where(eq(orderCallers.orderId, o.id)).orderBy(asc(orderCallers.name));
      expect(callers.map((c) => [c.name, c.isPrimary, c.relation])).toEqual(
        [
          [`同行工友${i}`, false, 'colleague'],
          [`并发来电人${i}`, true, 'self'],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id));
      expect(events.map((e) => e.action)).toEqual(['create']);
    }
    // The reply is what the database holds: the order read back is the same view, relations in the same order.
    const view = (o: Record<string, unknown>) => ({ ...o, callers: undefined });
    const readBack = await ok<Record<string, unknown>>(agent.get(`/api/orders/${created[3]!.id}`));
    expect(view(readBack)).toEqual(view(created[3]! as Record<string, unknown>));
    // Each order is found by its own words (its search row came with it).
    const hits = await ok<{ items: { id: string }[] }>(agent.get(`/api/orders?q=${encodeURIComponent('暗号批次17号')}`));
    expect(hits.items.map((h) => h.id)).toContain(created[17]!.id);
    const words = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from search_orders where order_id in ${sql.raw(`(${created.map((o) => `'${o.id}'`).join(',')})`)}`),
    );
    expect(words[0]!.n).toBe(n);
  });

  it('fails only the bad order of a batch; the others are written', async () => {
    const template = await ok<{ id: string }>(agent.post('/api/orders', body(99)), 201);
    const [row] = await t.db.select().from(workOrders).where(eq(workOrders.id, template.id));
    const [caller] = await t.db.select().from(orderCallers).where(eq(orderCallers.orderId, template.id));
    const [event] = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, template.id));
    const copy = (i: number, createdBy = row!.createdBy): NewOrder => {
      const id = randomUUID();
      return {
        order: { ...row!, id, number: `BATCH-${i}-${id.slice(0, 8)}`, createdBy },
        callers: [{ ...caller!, id: randomUUID(), orderId: id, name: `批内${i}` }],
        event: { ...event!, id: undefined, orderId: id } as NewOrder['event'],
        words: `批内 ${i}`,
      };
    };
    // The first statement waits until three more intakes are queued: they then go as one statement.
    const { batcher, sizes, release } = gatedBatcher();
    const first = batcher.write(copy(0));
    const rest = [batcher.write(copy(1)), batcher.write(copy(2, randomUUID())), batcher.write(copy(3))];
    release();
    const results = await Promise.allSettled([first, ...rest]);
    // One alone, then the three together (failed on the unknown person), then each of the three alone.
    expect(sizes).toEqual([1, 3, 1, 1, 1]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const written = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(written.map((w) => w.callers.map((c) => c.name))).toEqual([['批内0'], ['批内1'], ['批内3']]);
    const ids = written.map((w) => w.order.id);
    expect((await t.db.select({ id: workOrders.id }).from(workOrders).where(inArray(workOrders.id, ids))).length).toBe(3);
    expect(batcher.stats()).toMatchObject({ largest: 3 });
  });

  it("with writes of their own (a partner's receipt, a key) share one transaction; one refused runs the others alone", async () => {
    const copy = await copiesOf(98, 'TXB', '事务批内');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Which transaction each intake's own write ran in, attempt by attempt.
    const seen: { i: number; txid: string; orders: number }[] = [];
    const batcher = createTransactionalIntakeBatcher(t.db, { inFlight: 1 });
    const submit = (i: number, refuse = false) =>
      batcher.write({
        order: copy(i),
        within: async (tx, written) => {
          if (i === 0) await gate;
          const [r] = rowsOf<{ txid: string; orders: number }>(
            await tx.execute(sql`select txid_current()::text as txid, (select count(*)::int from work_orders where number like 'TXB-%') as orders`),
          );
          seen.push({ i, txid: r!.txid, orders: r!.orders });
          expect(written.order.number).toMatch(new RegExp(`^TXB-${i}-`));
          if (refuse) throw new Error(`intake ${i} refused`);
        },
      });
    const first = submit(0);
    const rest = [submit(1), submit(2, true), submit(3)];
    release();
    const results = await Promise.allSettled([first, ...rest]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // 0 alone; 1–3 in one transaction, which saw its three orders; refused by 2, so 1, 2 and 3 ran again each alone.
    expect(seen.slice(0, 3).map((x) => x.i)).toEqual([0, 1, 2]);
    expect(
      seen
        .slice(3)
        .map((x) => x.i)
        .sort(),
    ).toEqual([1, 2, 3]); // alone, at once (in any order on PostgreSQL)
    expect(seen[1]!.txid).toBe(seen[2]!.txid);
    expect(seen[1]!.orders - seen[0]!.orders).toBe(3);
    expect(new Set(seen.slice(3).map((x) => x.txid)).size).toBe(3);
    expect(batcher.stats()).toEqual({ batches: 2, orders: 4, largest: 3 });
    // Nothing of the refused intake is left; the others are written once each.
    const names = await t.db.select({ name: orderCallers.name }).from(orderCallers).where(sql`${orderCallers.name} like '事务批内%'`);
    expect(names.map((n) => n.name).sort()).toEqual(['事务批内0', '事务批内1', '事务批内3']);
  });

  it('write the rows another module gives alongside by their own statement; a row refused fails only its intake', async () => {
    // A table of another module, keyed to the orders and with a unique key of its own (as a partner's receipt message is).
    await t.db.execute(sql`create table if not exists test_alongside (order_id uuid not null references work_orders(id), tag text not null unique)`);
    const insertFrom = (json: SQLWrapper) =>
      sql`insert into test_alongside (order_id, tag) select (r->>'o')::uuid, r->>'tag' from json_array_elements(${json}::json) r`;
    const copy = await copiesOf(97, 'ALB', '同句');
    const withRow = (n: number, tag: string): NewOrder => {
      const o = copy(n);
      return { ...o, alongside: { key: 'test_alongside', insertFrom, row: { o: o.order.id, tag } } };
    };
    orderInserts.length = 0;
    const { batcher, sizes, release } = gatedBatcher();
    const first = batcher.write(withRow(0, 'a0'));
    // A plain intake is another shape: it does not join the orders with rows alongside.
    const rest = [batcher.write(withRow(1, 'a1')), batcher.write(copy(2)), batcher.write(withRow(3, 'a3'))];
    release();
    const written = await Promise.all([first, ...rest]);
    expect(sizes).toEqual([1, 2, 1]);
    const tags = async (ids: string[]) =>
      rowsOf<{ order_id: string; tag: string }>(
        await t.db.execute(
          sql`select order_id, tag from test_alongside where order_id in ${sql.raw(`(${ids.map((id) => `'${id}'`).join(',')})`)} order by tag`,
        ),
      );
    expect(await tags(written.map((w) => w.order.id))).toEqual([
      { order_id: written[0]!.order.id, tag: 'a0' },
      { order_id: written[1]!.order.id, tag: 'a1' },
      { order_id: written[3]!.order.id, tag: 'a3' },
    ]);
    // No statement of its own: the rows rode in the orders' statements.
    expect(orderInserts.length).toBe(3);
    expect(orderInserts.filter((q) => q.includes('test_alongside'))).toHaveLength(2);
    // A row the table refuses (a tag taken before) fails its batch; run again order by order,
    // only its own intake fails, and nothing of its order is left.
    const again = gatedBatcher();
    const blocker = again.batcher.write(withRow(4, 'b4'));
    const second = [again.batcher.write(withRow(5, 'b5')), again.batcher.write(withRow(6, 'a1')), again.batcher.write(withRow(7, 'b7'))];
    again.release();
    const results = await Promise.allSettled([blocker, ...second]);
    expect(again.sizes).toEqual([1, 3, 1, 1, 1]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(isUniqueViolation((results[2] as PromiseRejectedResult).reason, 'test_alongside_tag_key')).toBe(true);
    const names = await t.db.select({ name: orderCallers.name }).from(orderCallers).where(sql`${orderCallers.name} like '同句%'`);
    expect(names.map((n) => n.name).sort()).toEqual(['同句0', '同句1', '同句2', '同句3', '同句4', '同句5', '同句7']);
  });

  it('on PGlite, arriving as a server reads them (one callback each), are still one statement', async () => {
    // A server reads each request from its socket in a callback of its own, and PGlite runs a statement on this thread
    // without letting the next callback in: each intake was written before the next arrived, one statement each. A
    // run now waits one turn of the event loop for what arrives meanwhile (coalesce.ts `gather`).
    const n = 12;
    orderInserts.length = 0;
    const created = await Promise.all(
      Array.from(
        { length: n },
        (_, i) =>
          new Promise<{ number: string }>((resolve, reject) =>
            setImmediate(() => ok<{ number: string }>(agent.post('/api/orders', body(200 + i)), 201).then(resolve, reject)),
          ),
      ),
    );
    expect(new Set(created.map((o) => o.number)).size).toBe(n);
    if (process.env.TEST_DATABASE_URL) expect(orderInserts.length).toBeLessThanOrEqual(n);
    else expect(orderInserts.length).toBe(1);
  });
});
