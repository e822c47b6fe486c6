import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshMarked } from '../../src/analytics/figures-refresh.js';
import { createCalendarService } from '../../src/calendar/calendar.service.js';
import { addDaysToDate, localDateOf } from '../../src/calendar/domain/working-time.js';
import { seedOrders } from '../../src/demo/demo.seed.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { malformed, requestFor } from '../support/order-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13: the roll-up (analytics_daily, kept by triggers on analytics_contributions, drizzle/0034) equals a GROUP BY
 * of the contributions after every kind of change an order goes through — a seeded history (multi-row statements),
 * then orders created, dispatched, signed, replied, reviewed, called back, reopened, extended, merged and invalidated
 * through the API, each read refreshing their figures (a delete and an insert of their rows) — and after a refresh
 * from scratch; on PostgreSQL also after refreshes running side by side on several connections (the advisory lock
 * that keeps them from deadlocking). The cockpit's order flow, read from the order counters, equals a scan.
 * The bulk copies are checked in src/demo/multiply.test.ts.
 */
let t: TestApp;
const people: Record<string, Client> = {};
const names = ['agent', 'dispatcher', 'supervisor', 'handler', 'handler2', 'city', 'callback', 'leader'];
let targets: string[] = [];
const pool: string[] = [];
const applied = new Map<string, number>();
type Order = { id: string; version: number; state: string; allowedActions: string[] };

const reason = '汇总表测试';
/** The actions this walk tries (test/support/order-requests.ts has the request of each). */
const actionsTried = new Set([
  'dispatch',
  'sign',
  'request_extension',
  'decide_extension',
  'reply',
  'review_accept',
  'review_rework',
  'callback_satisfied',
  'callback_dissatisfied',
  'reopen',
  'invalidate',
]);
const requestOf = (action: string, o: Order, pick: number) => requestFor(action, o.version, { pick, targets, reason, only: actionsTried });

/** The first person who may act on the order takes the `pick`-th of the actions above it allows. */
async function act(id: string, pick: number) {
  for (const name of names) {
    const who = people[name]!;
    const res = await who.get(`/api/orders/${id}`);
    if (res.statusCode === 404) continue;
    const o = res.json() as Order;
    const tried = o.allowedActions.filter((a) => a !== 'invalidate' || pick % 5 === 0).flatMap((a) => requestOf(a, o, pick) ?? []);
    const r = tried[pick % Math.max(tried.length, 1)];
    if (!r) continue;
    const answer = await who.post(`/api/orders/${o.id}/${r.path}`, r.body);
    expect(answer.statusCode, answer.body).toBeLessThan(500);
    // A request the product cannot route or read is the test's mistake (test/support/order-requests.ts), not luck.
    expect(malformed(answer), r.path).toBeNull();
    if (answer.statusCode < 300) applied.set(r.path, (applied.get(r.path) ?? 0) + 1);
    return;
  }
}

/** The roll-up's rows that hold contributions, and a GROUP BY of the contributions, comparable. */
async function rollupAndFresh() {
  const rollup = rowsOf(await t.db.execute(sql`select day::text, unit_path, metric, value::text, n from analytics_daily where n <> 0 order by 1, 2, 3`));
  const fresh = rowsOf(
    await t.db.execute(sql`select day::text, unit_path, metric, sum(value)::numeric(20, 2)::text as value, count(*)::int as n
      from analytics_contributions group by 1, 2, 3 order by 1, 2, 3`),
  );
  return { rollup, fresh };
}

async function expectExact() {
  // A read refreshes the marked orders first.
  await ok(people.leader!.get('/api/analytics/order-flow'));
  const { rollup, fresh } = await rollupAndFresh();
  expect(fresh.length).toBeGreaterThan(0);
  expect(rollup).toEqual(fresh);
}

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-02T01:00:00Z', config: { sessionIdleMinutes: 3650 * 24 * 60, sessionMaxHours: 3650 * 24, passwordMaxAgeDays: 0 } });
  const to = t.clock.now();
  await seedOrders(t.db, { province: '150000', count: 200, from: new Date(to.getTime() - 40 * 86_400_000), to, seed: 13, batchSize: 80 });
  for (const n of names) people[n] = await t.login(n);
  targets = [
    (await unitByDivision(t, 'county_federation', '150102')).id,
    (await unitByDivision(t, 'county_federation', '150105')).id,
    people.handler2!.session.current.unit.id,
  ];
}, 120_000);
afterAll(() => t.close());

describe('the figures’ roll-up (analytics_daily)', () => {
  it('equals a GROUP BY of the contributions after a seeded history', expectExact);

  it('stays equal through created, dispatched, extended, replied, reopened, merged and invalidated orders', async () => {
    for (let i = 0; i < 8; i++) {
      const o = await ok<Order>(
        people.agent!.post('/api/orders', {
          channel: 'phone',
          callers: [{ name: '王师傅', phone: `139047${String(20000 + i)}` }],
          employer: { name: `呼和浩特市第${i % 3}建筑劳务有限公司` },
          narrative: '反映拖欠工资，请工会帮助。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
          priority: 'normal',
          riskFlags: [],
        }),
        201,
      );
      pool.push(o.id);
    }
    await expectExact();
    // Two merged into a third while all three are new.
    const [target, ...sources] = await Promise.all(pool.slice(0, 3).map((id) => ok<Order>(people.agent!.get(`/api/orders/${id}`))));
    const merged = await people.agent!.post(`/api/orders/${target!.id}/merge`, {
      version: target!.version,
      sources: sources.map((s) => ({ id: s.id, version: s.version })),
      note: reason,
    });
    expect(merged.statusCode, merged.body).toBeLessThan(300);
    await expectExact();
    for (let round = 0; round < 14; round++) {
      t.clock.advance(7 * 3_600_000);
      for (const [k, id] of pool.entries()) await act(id, round + k);
      await expectExact();
    }
    // The walk went through the kinds of change the figures move with.
    for (const path of ['dispatch', 'extension', 'extension-decision', 'reply', 'review', 'callback', 'reopen', 'invalidate'])
      expect([path, applied.get(path) ?? 0]).not.toEqual([path, 0]);
  }, 300_000);

  it('equals the GROUP BY after a refresh from scratch, and after the contributions were truncated and refreshed', async () => {
    await t.db.execute(sql`insert into analytics_dirty (order_id) select id from work_orders on conflict do nothing`);
    await expectExact();
    await t.db.execute(sql`truncate analytics_contributions`);
    expect(rowsOf(await t.db.execute(sql`select count(*)::int as n from analytics_daily`))).toEqual([{ n: 0 }]);
    await t.db.execute(sql`delete from analytics_order_facts`);
    await t.db.execute(sql`insert into analytics_dirty (order_id) select id from work_orders on conflict do nothing`);
    await expectExact();
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'stays exact when refreshes run side by side on several connections',
    async () => {
      const cal = await createCalendarService({ db: t.db, clock: t.clock }).current();
      for (let i = 0; i < 3; i++) {
        await t.db.execute(sql`insert into analytics_dirty (order_id) select id from work_orders on conflict do nothing`);
        // Small batches, one transaction each: a delete and inserts touching the same days and units as the others'.
        const done = await Promise.all(Array.from({ length: 4 }, () => refreshMarked(t.db, cal, 15)));
        expect(done.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        const { rollup, fresh } = await rollupAndFresh();
        expect(rollup).toEqual(fresh);
      }
    },
    120_000,
  );

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('serializes the roll-up writers: crossing writes wait instead of deadlocking', async () => {
    // T1 writes day X, then T2 starts writing Y and then X, then T1 writes Y. Row locks alone would deadlock (T1
    // waits for T2's Y, T2 for T1's X) and PostgreSQL would abort one; with the advisory lock T2 waits at its first
    // write until T1 commits.
    const [x, y] = ['2001-01-01', '2001-01-02'];
    const write = (tx: { execute: typeof t.db.execute }, day: string, id: string) =>
      tx.execute(sql`insert into analytics_contributions (order_id, metric, day, unit_id, unit_path, type_code, subject_code, value)
        select ${id}::uuid, 'ordersCreated', ${day}::date, id, path, 'complaint', 'wage_arrears', 1 from units where parent_id is null order by path limit 1`);
    const [id1, id2] = [crypto.randomUUID(), crypto.randomUUID()];
    let pid2 = 0;
    let second: Promise<unknown> = Promise.resolve();
    await t.db.transaction(async (tx1) => {
      await write(tx1, x, id1);
      second = t.db.transaction(async (tx2) => {
        pid2 = rowsOf<{ pid: number }>(await tx2.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
        await write(tx2, y, id2);
        await write(tx2, x, id2);
      });
      // Until T2 waits for a lock (the advisory lock here; T1's row of X without it).
      for (;;) {
        const [w] = rowsOf<{ w: string | null }>(await t.db.execute(sql`select wait_event_type as w from pg_stat_activity where pid = ${pid2}`));
        if (pid2 && w?.w === 'Lock') break;
      }
      await write(tx1, y, id1);
    });
    await second;
    expect(
      rowsOf(await t.db.execute(sql`select day::text, value::text, n from analytics_daily where day in (${x}::date, ${y}::date) and n <> 0 order by 1`)),
    ).toEqual([
      { day: x, value: '2.00', n: 2 },
      { day: y, value: '2.00', n: 2 },
    ]);
    await t.db.execute(sql`delete from analytics_contributions where order_id in (${id1}::uuid, ${id2}::uuid)`);
    const { rollup, fresh } = await rollupAndFresh();
    expect(rollup).toEqual(fresh);
  });

  it("leaves a bulk transaction's inserts to the writer that adds them set-based, and keeps its deletes (drizzle/0035)", async () => {
    // The seeder's copies (hotline.bulk) add their roll-up once at the end (analytics/copied-figures.ts addCopiedRollup,
    // checked against a GROUP BY in src/demo/multiply.test.ts); anything else a bulk transaction does stays on the trigger.
    const day = '2001-02-03';
    const rowAt = async () =>
      rowsOf(await t.db.execute(sql`select value::text, n from analytics_daily where day = ${day}::date and unit_path = (select min(path) from units)`));
    const insert = (tx: { execute: typeof t.db.execute }, id: string) =>
      tx.execute(sql`insert into analytics_contributions (order_id, metric, day, unit_id, unit_path, type_code, subject_code, value)
        select ${id}::uuid, 'ordersCreated', ${day}::date, id, path, 'complaint', 'wage_arrears', 1 from units where parent_id is null order by path limit 1`);
    const bulk = (fn: (tx: { execute: typeof t.db.execute }) => Promise<unknown>) =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('hotline.bulk', 'on', true)`);
        await fn(tx);
      });
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    await insert(t.db, a);
    expect(await rowAt()).toEqual([{ value: '1.00', n: 1 }]);
    await bulk((tx) => insert(tx, b));
    expect(await rowAt()).toEqual([{ value: '1.00', n: 1 }]);
    await bulk((tx) => tx.execute(sql`delete from analytics_contributions where order_id = ${a}::uuid`));
    expect(await rowAt()).toEqual([{ value: '0.00', n: 0 }]);
    // What the bulk writer would add for its insert; then the roll-up equals the GROUP BY again.
    await t.db.execute(sql`update analytics_daily set value = value + 1, n = n + 1 where day = ${day}::date`);
    expect((await rollupAndFresh()).rollup).toEqual((await rollupAndFresh()).fresh);
    await t.db.execute(sql`delete from analytics_contributions where order_id = ${b}::uuid`);
    expect(await rowAt()).toEqual([{ value: '0.00', n: 0 }]);
  });

  it('the order flow (order counters, overdue by deadline) equals a scan of the open orders', async () => {
    const flow = await ok(people.leader!.get('/api/analytics/order-flow'));
    const now = t.clock.now().toISOString();
    const scan = rowsOf<{ state: string; n: number; overdue: number }>(
      await t.db.execute(sql`select state, count(*)::int as n, (count(*) filter (where current_due_at < ${now}::timestamptz))::int as overdue
        from work_orders where state in ('pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied')
        group by 1`),
    );
    expect(flow.open).toBe(scan.reduce((s, r) => s + r.n, 0));
    expect(flow.overdue).toBe(scan.reduce((s, r) => s + r.overdue, 0));
    expect(flow.overdue).toBeGreaterThan(0);
    for (const r of scan) expect([r.state, flow.totals[r.state]]).toEqual([r.state, r.n]);
    const units = flow.units as { total: number; overdue: number; byState: Record<string, number> }[];
    expect(units.reduce((s, u) => s + u.total, 0)).toBe(flow.open);
    expect(units.reduce((s, u) => s + u.overdue, 0)).toBe(flow.overdue);
    for (const u of units) expect(Object.values(u.byState).reduce((a, b) => a + b, 0)).toBe(u.total);
  });

  it('reads the same KPIs from the roll-up as from the contributions (a type filter reads those)', async () => {
    const today = localDateOf(t.clock.now());
    const q = `from=${addDaysToDate(today, -40)}&to=${today}`;
    const all = await ok(people.leader!.get(`/api/analytics/kpis?${q}`));
    const types = rowsOf<{ t: string }>(await t.db.execute(sql`select distinct type_code as t from analytics_contributions`)).map((r) => r.t);
    expect(types.length).toBeGreaterThan(1);
    const byType = await Promise.all(types.map((typeCode) => ok(people.leader!.get(`/api/analytics/kpis?${q}&typeCode=${typeCode}`))));
    expect(all.ordersCreated).toBeGreaterThan(0);
    for (const f of ['ordersCreated', 'ordersDispatched', 'dueInPeriod', 'completedOnTime'])
      expect([f, byType.reduce((s, k) => s + (k[f] as number), 0)]).toEqual([f, all[f]]);
  });
});
