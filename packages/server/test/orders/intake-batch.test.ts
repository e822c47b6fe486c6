import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeBatcher, createTransactionalIntakeBatcher } from '../../src/orders/intake-batch.js';
import { insertNewOrders, type NewOrder } from '../../src/orders/new-order.repo.js';
import { orderCallers, orderEvents, workOrders } from '../../src/orders/orders.tables.js';
import { rowsOf } from '../../src/platform/db/client.js';
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

  it('write the rows they write together by one call per transaction; a row refused runs each intake alone', async () => {
    const copy = await copiesOf(97, 'TGB', '合写');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Each call of `write`: the rows it was given (each row names its order's number).
    const calls: { rows: string[] }[] = [];
    const batcher = createTransactionalIntakeBatcher(t.db, { inFlight: 1 });
    const submit = (i: number, refuse = false) =>
      batcher.write({
        order: copy(i),
        within: async () => {
          if (i === 0) await gate;
        },
        together: {
          key: 'test_rows',
          // One write serves the whole key (the first intake's): what it refuses is told by the rows.
          row: (w) => ({ number: w.order.number, refuse }),
          write: async (_tx, rows) => {
            const given = rows as { number: string; refuse: boolean }[];
            calls.push({ rows: given.map((x) => x.number.split('-').slice(0, 2).join('-')) });
            return given.map((x) => !x.refuse);
          },
          refused: () => new Error(`row of intake ${i} refused`),
        },
      });
    const first = submit(0);
    const rest = [submit(1), submit(2), submit(3)];
    release();
    expect((await Promise.all([first, ...rest])).map((w) => w.order.number.split('-')[1])).toEqual(['0', '1', '2', '3']);
    // 0 alone; 1–3 share a transaction and one call of write with their three rows, in order.
    expect(calls.map((c) => c.rows)).toEqual([['TGB-0'], ['TGB-1', 'TGB-2', 'TGB-3']]);
    // A refused row fails its batch (nothing of it is left) and each intake runs again alone.
    calls.length = 0;
    let release2!: () => void;
    const gate2 = new Promise<void>((r) => (release2 = r));
    const blocker = batcher.write({ order: copy(4), within: () => gate2 });
    const second = [submit(5), submit(6, true), submit(7)];
    release2();
    const results = await Promise.allSettled([blocker, ...second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('row of intake 6 refused');
    expect(calls[0]!.rows).toEqual(['TGB-5', 'TGB-6', 'TGB-7']);
    expect(
      calls
        .slice(1)
        .map((c) => c.rows[0])
        .sort(),
    ).toEqual(['TGB-5', 'TGB-6', 'TGB-7']);
    const names = await t.db.select({ name: orderCallers.name }).from(orderCallers).where(sql`${orderCallers.name} like '合写%'`);
    expect(names.map((n) => n.name).sort()).toEqual(['合写0', '合写1', '合写2', '合写3', '合写4', '合写5', '合写7']);
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
