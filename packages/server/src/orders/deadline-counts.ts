import { and, eq, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { orderDeadlineCounted, orderDeadlineCounts } from './deadline-counts.tables.js';
import { counterKeyOf, type StateCount } from './order-counts.js';
import type { ListOrdersQuery } from './order-list.js';
import { workOrders } from './orders.tables.js';

/**
 * The near-due (临期) and overdue (超期) tabs' counts, taken by a job (issue 18: "counts from maintained counters …
 * or by a job with a bounded lag you state"). An order's deadline status changes when the clock passes its
 * near-due or due instant, with no transition to keep a counter by (order_counts is kept by the transitions'
 * triggers), so every `everyMs` one instance counts the open orders that are near due or overdue, per unit that may
 * see them and state, in one statement over the open orders only, and replaces the snapshot in the job's
 * transaction. The tabs then read a few rows. The lag: a count is at most one interval plus the job poll old (by
 * default 60 + 5 s); a snapshot older than three intervals (the jobs stopped) is not used and the list counts live.
 */
export type DeadlineStatus = 'near_due' | 'overdue';
export type DeadlineKey = { unitId: string; status: DeadlineStatus };
export const deadlineCountJobKind = 'orders.deadline_counts';

/**
 * The snapshot row that holds exactly the orders a list query selects before its state filter, or null: a query
 * that is a deadline status and nothing else a counter of kind `visible` stands for (order-counts.ts decides that),
 * which is what the saved views 临期 and 超期 are.
 */
export function deadlineKeyOf(
  actor: Pick<Actor, 'role' | 'scopePath' | 'unitId'>,
  q: Omit<ListOrdersQuery, 'limit' | 'sort'>,
  units: UnitDirectory,
): DeadlineKey | null {
  if (q.deadlineStatus !== 'near_due' && q.deadlineStatus !== 'overdue') return null;
  const key = counterKeyOf(actor, { ...q, deadlineStatus: undefined }, units);
  return key?.kind === 'visible' ? { unitId: key.unitId, status: q.deadlineStatus } : null;
}

/**
 * Counts again, as of `now`: the same conditions as the list's deadline filter (order-list.ts `conditions`), each
 * order once per unit of its visible_to. Only open orders have a deadline (closing clears it), so the statement
 * reads the open orders, never the history.
 */
export async function recountDeadlines(tx: Executor, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await tx.delete(orderDeadlineCounts);
  await tx.execute(sql`insert into ${orderDeadlineCounts} (unit_id, status, state, n)
    select v.u, case when o.current_due_at < ${at} then 'overdue' else 'near_due' end, o.state, count(*)::int
    from ${workOrders} o, lateral (select distinct u from unnest(o.visible_to) u) v
    where o.current_due_at is not null and (o.current_due_at < ${at} or o.current_near_due_at <= ${at})
    group by 1, 2, 3 order by 1, 2, 3`);
  await tx
    .insert(orderDeadlineCounted)
    .values({ id: 1, countedAt: now })
    .onConflictDoUpdate({ target: orderDeadlineCounted.id, set: { countedAt: now } });
}

const keyOf = (k: DeadlineKey) => `${k.status}:${k.unitId}`;

/**
 * The per-state counts of each key as of the last count, and when that was; null when there is no count within
 * `staleAfterMs` of `now` (before the first run, or the jobs stopped): the caller counts live then. One statement.
 */
export async function readDeadlineCounts(
  db: Executor,
  keys: readonly DeadlineKey[],
  now: Date,
  staleAfterMs: number,
): Promise<{ countedAt: Date; counts: Map<string, StateCount[]> } | null> {
  if (!keys.length) return null;
  const c = orderDeadlineCounts;
  const rows = await db
    .select({ countedAt: orderDeadlineCounted.countedAt, unitId: c.unitId, status: c.status, state: c.state, n: c.n })
    .from(orderDeadlineCounted)
    .leftJoin(c, or(...keys.map((k) => and(eq(c.unitId, k.unitId), eq(c.status, k.status)))));
  const countedAt = rows[0]?.countedAt;
  // A clock set back (or another instance's a little behind) is as far from the count as one ahead.
  if (!countedAt || Math.abs(now.getTime() - countedAt.getTime()) > staleAfterMs) return null;
  const counts = new Map<string, StateCount[]>(keys.map((k) => [keyOf(k), []]));
  for (const r of rows) if (r.unitId && r.state && r.n) counts.get(`${r.status}:${r.unitId}`)?.push({ state: r.state, n: r.n });
  return { countedAt, counts };
}

export const deadlineCountsOf = (snapshot: { counts: Map<string, StateCount[]> }, key: DeadlineKey) => snapshot.counts.get(keyOf(key)) ?? [];

/** The count as a scheduled job: one instance per slot, the snapshot replaced in the job's own transaction. */
export function registerDeadlineCounts(jobs: JobRunner, everyMs: number) {
  jobs.register(deadlineCountJobKind, async (_job, ctx) => {
    await ctx.complete((tx) => recountDeadlines(tx, ctx.now));
  });
  jobs.every(deadlineCountJobKind, everyMs);
}
