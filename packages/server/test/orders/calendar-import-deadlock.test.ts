import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { notice2027Ics } from '../support/calendar-notices.js';
import { waitsForLock } from '../support/lock-waits.js';

/**
 * Entering a year's notice recomputes every provisional deadline in the import's transaction
 * (orders/provisional-deadlines.ts): one statement locks those orders sorted by id, then each is written. A
 * transaction that changes several orders one after another (merge, unmerge, link) can hold a later one of them and
 * ask for an earlier one: a cycle. When PostgreSQL aborts the import, the import runs again (orders/deadlock-retry.ts)
 * and enters the year once: every order recomputed once, one event each. PostgreSQL only: PGlite has one connection.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

let t: TestApp;
let admin: Client, agent: Client, dispatcher: Client;
let other: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' }); // 2026 is the last year of the calendar's data
  [admin, agent, dispatcher] = await Promise.all([t.login('admin'), t.login('agent'), t.login('dispatcher')]);
  other = new pg.Client({ connectionString: (t.database as { url?: string }).url });
  await other.connect();
});
afterAll(async () => {
  if (!onPostgres) return;
  await other.end();
  await t.close();
});

/** A complex order dispatched to a county: its 30-working-day reply deadline runs into the provisional 2027. */
async function provisionalOrder(i: number): Promise<string> {
  const county = await unitByDivision(t, 'county_federation', '150102');
  const o = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: `王${i}` }],
      employer: { name: `呼和浩特市第${i}建筑有限公司` },
      narrative: '反映建筑公司拖欠三个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      tier: 'complex',
    }),
    201,
  );
  const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  expect(d.deadlineProvisional).toBe(true);
  return o.id;
}

describe('entering a year while orders are being changed', () => {
  it.skipIf(!onPostgres)('[PostgreSQL only: TEST_DATABASE_URL] the import chosen as a deadlock victim runs again and recomputes each order once', async () => {
    await provisionalOrder(1);
    await provisionalOrder(2);
    // In the order the import locks them.
    const ids = rowsOf<{ id: string }>(await t.db.execute(sql`select id::text from work_orders where deadline_provisional order by id`)).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const [first, last] = ids as [string, string];
    const lock = (id: string) => other.query('select id from work_orders where id = $1::uuid for update', [id]);
    const otherPid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const waiting = (where: ReturnType<typeof sql>) => waitsForLock(t, where);

    // The other transaction (as a merge would) holds the later order, then asks for the earlier one. It checks for
    // deadlocks only after a minute: the import, checking after a second, is the one that finds the cycle.
    await other.query(`set deadlock_timeout = '60s'`);
    await other.query('begin');
    await lock(last);
    const entered = admin.post('/api/calendar/years/file', { year: 2027, format: 'ics', content: notice2027Ics });
    // Until the import holds the first order and waits for the last.
    while (!(await waiting(sql`pid <> ${otherPid} and query like '%deadline_provisional%'`)));
    const closing = lock(first);
    while (!(await waiting(sql`pid = ${otherPid}`)));
    // Ours once the import's first attempt is rolled back: it could not end otherwise, waiting for our last order.
    await closing;
    await other.query('commit');

    const res = await ok(entered, 201);
    expect(res).toMatchObject({ year: 2027, days: 365, recomputedOrders: 2 });
    for (const id of ids) {
      const events = await ok<{ action: string }[]>(dispatcher.get(`/api/orders/${id}/events`));
      expect(events.filter((e) => e.action === 'deadlines_recomputed')).toHaveLength(1);
      expect((await ok(dispatcher.get(`/api/orders/${id}`))).deadlineProvisional).toBe(false);
    }
    const days = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from calendar_days where day >= '2027-01-01' and day < '2028-01-01' and source = 'import'`),
    );
    expect(days[0]!.n).toBe(365);
  });
});
