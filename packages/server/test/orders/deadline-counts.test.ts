import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { deadlineCountJobKind } from '../../src/orders/deadline-counts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * The near-due and overdue tabs counted by a job (orders/deadline-counts.ts): after a count, every person's 临期 and
 * 超期 counts (the tab and the list's own total and per-state counts) equal a scan of the same list at that moment
 * and are read without comparing a deadline; they stay as counted until the next count (the stated lag), and a count
 * older than three intervals is not used.
 */
let t: TestApp;
const sent: string[] = [];
const people: Record<string, Client> = {};
const names = ['dispatcher', 'city', 'handler', 'supervisor', 'leader'];
const T0 = '2026-11-25T02:00:00Z';
let major: { id: string; version: number };

type Counts = { views: { key: string; count: number }[]; countedAt: string };
type Page = { total: number; countsByState: Record<string, number>; items: { id: string }[] };

const viewCount = (c: Counts, key: string) => c.views.find((v) => v.key === key)?.count;

/** Each person's deadline tabs, and the same lists counted by a scan (a date filter no count stands for). */
async function tabsAndScans(who: string) {
  const c = people[who]!;
  const counts = await ok<Counts>(c.get('/api/orders/view-counts'));
  const out: Record<string, { tab: number | undefined; list: number; listStates: Record<string, number>; scan: number; scanStates: Record<string, number> }> =
    {};
  for (const status of ['near_due', 'overdue']) {
    const [list, scan] = await Promise.all([
      ok<Page>(c.get(`/api/orders?limit=5&sort=due_asc&deadlineStatus=${status}`)),
      ok<Page>(c.get(`/api/orders?limit=5&sort=due_asc&deadlineStatus=${status}&from=2000-01-01`)),
    ]);
    out[status] = { tab: viewCount(counts, status), list: list.total, listStates: list.countsByState, scan: scan.total, scanStates: scan.countsByState };
  }
  return { counts, out };
}

/** An order taken by the agent now (not dispatched): its dispatch limit runs from the clock's now. */
const take = (name: string, phone: string, priority: 'normal' | 'urgent' | 'major') =>
  ok<{ id: string; version: number }>(
    people.agent!.post('/api/orders', {
      channel: 'phone',
      callers: [{ name, phone }],
      narrative: '反映拖欠工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      priority,
    }),
    201,
  );

async function recount() {
  await t.app.jobs.runDue();
  const done = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from jobs where kind = ${deadlineCountJobKind} and state = 'done'`));
  return done[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp({ at: T0, config: { sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 }, onQuery: (q) => sent.push(q) });
  for (const u of [...names, 'agent']) people[u] = await t.login(u);
  const county = await unitByDivision(t, 'county_federation', '150102');
  for (const [i, priority] of (['normal', 'urgent', 'major', 'urgent'] as const).entries()) {
    const o = await take('甲', `1390471020${i}`, priority);
    if (priority === 'major') major = o;
    // Two dispatched to the county: the handler's tabs count them, the province's and the city's too.
    if (i === 0 || i === 3) await ok(people.dispatcher!.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  }
  // An urgent order taken at 10:34 (dispatch within 30 minutes, near due from 10:58) is near due at 11:00.
  t.clock.set('2026-11-25T02:34:00Z');
  await take('丙', '13904710209', 'urgent');
  // An hour after the first: the major order's dispatch (15 minutes) and the urgent ones' limits are over.
  t.clock.set('2026-11-25T03:00:00Z');
}, 120_000);
afterAll(() => t.close());

describe('deadline tab counts', () => {
  it('before the first count, are counted live and equal the scan', async () => {
    for (const who of names) {
      const { counts, out } = await tabsAndScans(who);
      expect(counts.countedAt).toBe(t.clock.now().toISOString());
      for (const [status, x] of Object.entries(out)) {
        expect({ who, status, tab: x.tab, list: x.list, states: x.listStates }).toEqual({ who, status, tab: x.scan, list: x.scan, states: x.scanStates });
      }
    }
  });

  it('after a count, come from it, equal the scan, and compare no deadline', async () => {
    expect(await recount()).toBe(1);
    const countedAt = t.clock.now().toISOString();
    const seen = { near_due: 0, overdue: 0 };
    for (const who of names) {
      const { counts, out } = await tabsAndScans(who);
      expect(counts.countedAt).toBe(countedAt);
      for (const [status, x] of Object.entries(out)) {
        expect({ who, status, tab: x.tab, list: x.list, states: x.listStates }).toEqual({ who, status, tab: x.scan, list: x.scan, states: x.scanStates });
        seen[status as keyof typeof seen] += x.scan;
      }
    }
    // The test counted something of each: the overdue major order and both county orders, the near-due urgent one.
    expect(seen.overdue).toBeGreaterThan(2);
    expect(seen.near_due).toBeGreaterThan(0);
    sent.length = 0;
    await ok<Counts>(people.dispatcher!.get('/api/orders/view-counts'));
    // No deadline is compared in any statement: 临期/超期 come from the count (co-handling is still an indexed count).
    expect(sent.filter((q) => /current_due_at|current_near_due_at/.test(q))).toEqual([]);
    expect(sent.some((q) => /order_deadline_counts/.test(q))).toBe(true);
  });

  it('stay as counted until the next count, then follow the change', async () => {
    const province = people.dispatcher!;
    const before = await tabsAndScans('dispatcher');
    const county = await unitByDivision(t, 'county_federation', '150105');
    // The overdue major order is dispatched: its new step's deadline is ahead, it is no longer overdue.
    t.clock.advance(10_000);
    const fresh = await ok<{ version: number }>(province.get(`/api/orders/${major.id}`));
    await ok(province.post(`/api/orders/${major.id}/dispatch`, { version: fresh.version, unitId: county.id }));
    const lagging = await tabsAndScans('dispatcher');
    expect(lagging.out.overdue!.tab).toBe(before.out.overdue!.tab);
    expect(lagging.out.overdue!.scan).toBe(before.out.overdue!.scan! - 1);
    // The next slot's count.
    t.clock.advance(60_000);
    expect(await recount()).toBe(2);
    const after = await tabsAndScans('dispatcher');
    expect(after.counts.countedAt).toBe(t.clock.now().toISOString());
    expect(after.out.overdue!.tab).toBe(after.out.overdue!.scan);
    expect(after.out.overdue!.tab).toBe(before.out.overdue!.tab! - 1);
  });

  it('are counted live when the last count is older than three intervals', async () => {
    // Another order goes overdue with no count run: after three minutes the tabs count it live.
    const o = await take('乙', '13904710299', 'major');
    expect(o.id).toBeTruthy();
    t.clock.advance(20 * 60_000);
    const stale = await tabsAndScans('dispatcher');
    expect(stale.counts.countedAt).toBe(t.clock.now().toISOString());
    for (const [status, x] of Object.entries(stale.out)) expect({ status, tab: x.tab, list: x.list }).toEqual({ status, tab: x.scan, list: x.scan });
  });
});
