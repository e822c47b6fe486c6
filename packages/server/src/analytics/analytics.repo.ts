import { and, between, desc, eq, inArray, sql } from 'drizzle-orm';
import { addDaysToDate, instantAt } from '../calendar/domain/working-time.js';
import type { Executor } from '../platform/db/client.js';
import type { Contribution } from './domain/contributions.js';
import { heldUnder } from '../orders/order-counts.js';
import { openStates } from '../orders/domain/states.js';
import { openStateLiterals } from '../orders/open-states.js';
import { childPathSql } from './figure-sums.js';
import { analyticsContributions, analyticsDirty, analyticsOrderFacts } from './analytics.tables.js';

export type FactRow = typeof analyticsOrderFacts.$inferInsert;
export type StoredContribution = Contribution & { orderId: string; typeCode: string; subjectCode: string };

const under = (path: string) => `${path}%`;

/**
 * Takes a batch of marked orders; concurrent refreshers skip each other's batches. The batch is picked once (an
 * array built by an init plan) and deleted through the primary key's index, whatever the planner believes of the
 * table. Written as `where order_id in (select … limit n for update skip locked)` (or joined to a CTE), a planner whose
 * statistics were stale after a bulk load (it believed the table held one row while it held 100,000 marked orders)
 * chose a nested loop over every marked row: 4–15 s per batch of 500 on PostgreSQL instead of 9 ms, and the cockpit
 * bench's refresh of 100,000 seeded orders was half done after 35 minutes.
 */
export async function takeDirty(tx: Executor, limit: number): Promise<string[]> {
  const rows = await tx.execute<{ order_id: string }>(
    sql`delete from ${analyticsDirty}
        where order_id = any(array(select order_id from ${analyticsDirty} limit ${limit} for update skip locked))
        returning order_id`,
  );
  return (rows as unknown as { rows: { order_id: string }[] }).rows.map((r) => r.order_id);
}

export async function countDirty(db: Executor): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(analyticsDirty);
  return r?.n ?? 0;
}

/** Replaces the stored contributions and fact rows of a batch of orders. */
export async function replaceFigures(tx: Executor, ids: string[], contributions: StoredContribution[], facts: FactRow[]): Promise<void> {
  await tx.delete(analyticsContributions).where(inArray(analyticsContributions.orderId, ids));
  for (let i = 0; i < contributions.length; i += 2000) {
    await tx.insert(analyticsContributions).values(
      contributions.slice(i, i + 2000).map((c) => ({
        orderId: c.orderId,
        metric: c.metric,
        day: c.day,
        unitId: c.unitId,
        unitPath: c.unitPath,
        typeCode: c.typeCode,
        subjectCode: c.subjectCode,
        detail: c.detail ?? null,
        value: c.value,
      })),
    );
  }
  await tx.delete(analyticsOrderFacts).where(inArray(analyticsOrderFacts.orderId, ids));
  for (let i = 0; i < facts.length; i += 1000) await tx.insert(analyticsOrderFacts).values(facts.slice(i, i + 1000));
}

export type Filter = { from: string; to: string; unitPath: string; typeCode?: string | undefined; subjectCode?: string | undefined };
function contributionWhere(f: Filter) {
  const c = [between(analyticsContributions.day, f.from, f.to), sql`${analyticsContributions.unitPath} like ${under(f.unitPath)}`];
  if (f.typeCode) c.push(eq(analyticsContributions.typeCode, f.typeCode));
  if (f.subjectCode) c.push(eq(analyticsContributions.subjectCode, f.subjectCode));
  return and(...c);
}

/** Orders received per subject (or type) in the period. */
export async function countBy(db: Executor, f: Filter, by: 'subject' | 'type', limit: number) {
  const col = by === 'subject' ? analyticsContributions.subjectCode : analyticsContributions.typeCode;
  return db
    .select({ code: col, count: sql<number>`sum(${analyticsContributions.value})::int` })
    .from(analyticsContributions)
    .where(and(contributionWhere(f), eq(analyticsContributions.metric, 'ordersCreated')))
    .groupBy(col)
    .orderBy(desc(sql`2`), col)
    .limit(limit);
}

/**
 * Approved extensions per reason, of the orders whose reply deadline in force falls in the period: the same period the
 * extension rate counts them in (domain/contributions.ts `extensionsApproved`), so the reasons and the rate agree.
 */
export async function extensionsByReason(db: Executor, f: Filter, limit: number) {
  return db
    .select({ reason: sql<string>`coalesce(${analyticsContributions.detail}, '')`, count: sql<number>`sum(${analyticsContributions.value})::int` })
    .from(analyticsContributions)
    .where(and(contributionWhere(f), eq(analyticsContributions.metric, 'extensionsApproved')))
    .groupBy(sql`1`)
    .orderBy(desc(sql`2`))
    .limit(limit);
}

const validState = sql`${analyticsOrderFacts.state} not in ('invalid', 'merged')`;

/** The employers most complained about in the period (valid orders received). */
export async function hotEmployers(db: Executor, f: Filter, limit: number) {
  return db
    .select({ employerKey: analyticsOrderFacts.employerKey, name: sql<string>`max(${analyticsOrderFacts.employerName})`, count: sql<number>`count(*)::int` })
    .from(analyticsOrderFacts)
    .where(
      and(
        between(analyticsOrderFacts.createdDay, f.from, f.to),
        sql`${analyticsOrderFacts.unitPath} like ${under(f.unitPath)}`,
        sql`${analyticsOrderFacts.employerKey} is not null`,
        validState,
      ),
    )
    .groupBy(analyticsOrderFacts.employerKey)
    .orderBy(desc(sql`3`), sql`2`)
    .limit(limit);
}

/** Orders received per administrative division prefix (city: 4 digits, county: 6) for the map. */
export async function countByDivision(db: Executor, f: Filter, digits: 4 | 6) {
  const code = sql<string>`substring(${analyticsOrderFacts.divisionCode} from 1 for ${sql.raw(String(digits))})`;
  const count = sql<number>`count(*)::int`;
  // Most first, as the big screen ranks them (its first 12): unordered, the list came in the hash table's order,
  // which the rows' physical order changes (the multiplication test's copied and refreshed figures disagreed on PGlite).
  return db
    .select({ code, count })
    .from(analyticsOrderFacts)
    .where(
      and(
        between(analyticsOrderFacts.createdDay, f.from, f.to),
        sql`${analyticsOrderFacts.unitPath} like ${under(f.unitPath)}`,
        sql`${analyticsOrderFacts.divisionCode} is not null`,
        validState,
      ),
    )
    .groupBy(code)
    .orderBy(desc(count), code);
}

/**
 * Open orders now, per child unit and state, with how many are past their current deadline (the cockpit's order
 * flow). The counts are the order counters (orders/order-counts.ts, kept by triggers): a few rows per unit and state
 * whatever the history. Overdue orders are read by deadline through the open orders' partial index, so the closed
 * history is never scanned; the figures are refreshed before, so the fact rows' deadlines are the orders'.
 */
export async function orderFlow(db: Executor, unitPath: string, now: Date) {
  const child = (path: string) => path.slice(0, unitPath.length + 37);
  const [held, late] = await Promise.all([
    heldUnder(db, unitPath, openStates),
    db
      .select({ child: childPathSql(analyticsOrderFacts.unitPath, unitPath), n: sql<number>`count(*)::int` })
      .from(analyticsOrderFacts)
      .where(
        and(
          // Literal states, the partial index's predicate (a bound list would not prove it).
          sql`${analyticsOrderFacts.state} in (${openStateLiterals})`,
          sql`${analyticsOrderFacts.currentDueAt} < ${now.toISOString()}::timestamptz`,
          sql`${analyticsOrderFacts.unitPath} like ${under(unitPath)}`,
        ),
      )
      .groupBy(sql`1`),
  ]);
  const counts = new Map<string, { child: string; state: string; count: number }>();
  for (const h of held) {
    const key = `${child(h.unitPath)} ${h.state}`;
    const r = counts.get(key) ?? { child: child(h.unitPath), state: h.state, count: 0 };
    r.count += h.n;
    counts.set(key, r);
  }
  // In path order: the service lists children with as many open orders in a stable order.
  const byPath = (a: { child: string }, b: { child: string }) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0);
  return { counts: [...counts.values()].sort(byPath), overdue: new Map(late.map((r) => [r.child, r.n])) };
}

/** Emergency (urgent) orders in progress, newest first. */
export async function urgentOpenOrders(db: Executor, unitPath: string, limit: number) {
  return db
    .select({
      id: analyticsOrderFacts.orderId,
      number: analyticsOrderFacts.number,
      title: analyticsOrderFacts.title,
      state: analyticsOrderFacts.state,
      unitId: analyticsOrderFacts.unitId,
      createdAt: analyticsOrderFacts.createdAt,
      currentDueAt: analyticsOrderFacts.currentDueAt,
      riskFlags: analyticsOrderFacts.riskFlags,
    })
    .from(analyticsOrderFacts)
    .where(
      and(
        inArray(analyticsOrderFacts.state, [...openStates]),
        sql`${analyticsOrderFacts.unitPath} like ${under(unitPath)}`,
        sql`(${analyticsOrderFacts.priority} = 'urgent' or cardinality(${analyticsOrderFacts.riskFlags}) > 0)`,
      ),
    )
    .orderBy(desc(analyticsOrderFacts.createdAt))
    .limit(limit);
}

/** Notable orders completed in the period: the largest amounts recovered. */
export async function largestRecoveries(db: Executor, f: Filter, limit: number) {
  return db
    .select({
      number: analyticsOrderFacts.number,
      title: analyticsOrderFacts.title,
      employerName: analyticsOrderFacts.employerName,
      amountRecovered: analyticsOrderFacts.amountRecovered,
      workersHelped: analyticsOrderFacts.workersHelped,
    })
    .from(analyticsOrderFacts)
    .where(
      and(
        sql`${analyticsOrderFacts.acceptedAt} >= ${instantAt(f.from, 0).toISOString()}::timestamptz`,
        sql`${analyticsOrderFacts.acceptedAt} < ${instantAt(addDaysToDate(f.to, 1), 0).toISOString()}::timestamptz`,
        sql`${analyticsOrderFacts.unitPath} like ${under(f.unitPath)}`,
        sql`${analyticsOrderFacts.amountRecovered} > 0`,
      ),
    )
    .orderBy(desc(analyticsOrderFacts.amountRecovered))
    .limit(limit);
}
