import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { waitsForLock } from '../support/lock-waits.js';

/**
 * Intake is one INSERT (orders/new-order.repo.ts) whose trigger takes the new order's counter rows (order_counts), sorted
 * within the statement. A transaction that holds one of the later rows and then asks for an earlier one closes a cycle
 * with it; PostgreSQL aborts the intake when the intake is the one that detects it, and intake runs its INSERT again
 * (orders/deadlock-retry.ts). The order is then taken in once: one order, one caller, one event, the counters right.
 * PostgreSQL only: PGlite has one connection and serialises everything.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

let t: TestApp;
let agent: Client;
let other: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  agent = await t.login('agent');
  other = new pg.Client({ connectionString: (t.database as { url?: string }).url });
  await other.connect();
});
afterAll(async () => {
  if (!onPostgres) return;
  await other.end();
  await t.close();
});

const request = (name: string) => ({
  channel: 'phone',
  callers: [{ name, phone: '13904719001' }],
  narrative: '受理语句成为死锁的牺牲者',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

type Key = { unit_id: string; kind: string; state: string };

describe('intake as the victim of a deadlock', () => {
  it.skipIf(!onPostgres)('[PostgreSQL only: TEST_DATABASE_URL] runs its INSERT again and takes the order in once', async () => {
    // An order like the one to come: its counter keys, in the order the insert trigger takes them (ORDER BY 1, 2, 3).
    const like = await ok(agent.post('/api/orders', request('先来的')), 201);
    const keys = rowsOf<Key>(
      await t.db.execute(sql`select k.unit_id::text as unit_id, k.kind, o.state
        from work_orders o, lateral order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
        where o.id = ${like.id}::uuid group by k.unit_id, k.kind, o.state order by k.unit_id, k.kind, o.state`),
    );
    expect(keys.length).toBeGreaterThan(1);
    const [first, last] = [keys[0]!, keys.at(-1)!];
    // A key's row in every shard: whichever connection of the pool the intake gets, its row is among them.
    const lock = (k: Key) =>
      other.query(
        `insert into order_counts (unit_id, kind, state, shard, n) select $1::uuid, $2, $3, s, 0 from generate_series(0, 15) s
         on conflict (unit_id, kind, state, shard) do update set n = order_counts.n`,
        [k.unit_id, k.kind, k.state],
      );
    const pidOf = async (c: pg.Client) => (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const otherPid = await pidOf(other);
    const waiting = (where: ReturnType<typeof sql>) => waitsForLock(t, where);

    // The other transaction checks for deadlocks only after a minute: the intake, checking after a second, is the
    // one that finds the cycle and is aborted.
    await other.query(`set deadlock_timeout = '60s'`);
    await other.query('begin');
    await lock(last);
    const intake = agent.post('/api/orders', request('后来的'));
    // Until the intake holds its first rows and waits for the last one (ours).
    while (!(await waiting(sql`pid <> ${otherPid} and query like '%"work_orders"%'`)));
    const closing = lock(first);
    // We wait for the intake's first row while it waits for our last: a cycle, that only the intake's abort breaks.
    while (!(await waiting(sql`pid = ${otherPid}`)));
    await closing;
    await other.query('commit');

    const created = await ok(intake, 201);
    const count = async (q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.db.execute(q))[0]!.n;
    expect(await count(sql`select count(*)::int as n from work_orders where narrative = ${request('').narrative}`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from order_callers where order_id = ${created.id}::uuid`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from order_events where order_id = ${created.id}::uuid`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from work_orders where number = ${created.number}`)).toBe(1);
    // The counters still equal a count of the orders (the aborted attempt left nothing behind).
    const counted = rowsOf(
      await t.db.execute(sql`select unit_id::text, kind, state, sum(n)::int as n from order_counts group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`),
    );
    const scanned = rowsOf(
      await t.db.execute(
        sql`select k.unit_id::text, k.kind, o.state, count(*)::int as n
          from work_orders o, lateral order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
          group by 1, 2, 3 order by 1, 2, 3`,
      ),
    );
    expect(counted).toEqual(scanned);
  });
});
