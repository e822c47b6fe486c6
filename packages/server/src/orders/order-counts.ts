import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { scopeUnitIdOf } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { ListOrdersQuery } from './order-list.js';
import { orderCounts } from './order-counts.tables.js';
import { units as unitRows } from '../units/units.tables.js';

/** How a unit is involved in the orders counted (order-counts.tables.ts, drizzle/0027_order_counts.sql). */
export type CountKind = 'visible' | 'holder' | 'subtree' | 'emergency' | 'intake' | 'consult';
export type CounterKey = { kind: CountKind; unitId: string };
export type StateCount = { state: string; n: number };

/** The query's conditions besides visibility, state and the unit/involvement ones a counter kind stands for. */
const otherFilters = [
  'priority',
  'subjectCode',
  'tier',
  'riskFlag',
  'deadlineStatus',
  'from',
  'to',
  'channel',
  'callerPhone',
  'employer',
  'q',
  'number',
  'confidential',
  'awaitingCheck',
  'metric',
] as const;

/**
 * The counter that holds exactly the orders a list query selects before its state filter, or null when the query
 * needs a scan (a filter no counter stands for, a deadline that moves with the clock, an integration account's own
 * orders). Each kind equals the list's condition because the holder and the intake unit are themselves in
 * visible_to, with every unit above them (access/domain/visibility.ts): an order held or taken in inside the
 * person's scope is one the person may see. test/orders/order-counts.test.ts compares every answer to a scan.
 */
export function counterKeyOf(
  actor: Pick<Actor, 'role' | 'scopePath' | 'unitId'>,
  q: Omit<ListOrdersQuery, 'limit' | 'sort'>,
  units: UnitDirectory,
): CounterKey | null {
  if (actor.role === 'integration' || actor.role === 'security' || actor.role === 'auditor') return null;
  // A filter given empty (`subjectCode=`, a cleared field) filters nothing in the list (order-list.ts conditions),
  // so it does not keep a counter from standing for it either.
  if (otherFilters.some((f) => q[f] !== undefined && q[f] !== '')) return null;
  const typeConsult = q.typeCode === 'consult';
  if (q.typeCode && !typeConsult) return null;
  if (q.emergency === false) return null;
  const parts = [q.unitId !== undefined, q.involvement !== undefined, typeConsult].filter(Boolean).length;
  if (parts > 1) return null;
  if (q.emergency && !(q.unitId && q.includeSubtree)) return null;
  if (typeConsult) return { kind: 'consult', unitId: scopeUnitIdOf(actor) };
  if (q.involvement === 'holder') return { kind: 'holder', unitId: actor.unitId };
  if (q.involvement === 'intake') return { kind: 'intake', unitId: actor.unitId };
  if (q.involvement !== undefined) return null;
  if (q.unitId) {
    const unit = units.get(q.unitId);
    // Outside the person's scope the list intersects with visibility: scan (it finds nothing or little).
    if (!unit || !unit.path.startsWith(actor.scopePath)) return null;
    if (!q.includeSubtree) return { kind: 'holder', unitId: unit.id };
    return { kind: q.emergency ? 'emergency' : 'subtree', unitId: unit.id };
  }
  return { kind: 'visible', unitId: scopeUnitIdOf(actor) };
}

const keyOf = (k: CounterKey) => `${k.kind}:${k.unitId}`;

/** Per-state counts for several counters in one statement: the shards summed, states with nothing left out. */
export async function readCounts(db: Executor, keys: readonly CounterKey[]): Promise<Map<string, StateCount[]>> {
  const out = new Map<string, StateCount[]>(keys.map((k) => [keyOf(k), []]));
  if (!keys.length) return out;
  // Several views share a counter (every state tab of the whole list): read each once.
  const distinct = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  const rows = await db
    .select({ unitId: orderCounts.unitId, kind: orderCounts.kind, state: orderCounts.state, n: sql<number>`sum(${orderCounts.n})::int` })
    .from(orderCounts)
    .where(or(...distinct.map((k) => and(eq(orderCounts.unitId, k.unitId), eq(orderCounts.kind, k.kind))))!)
    .groupBy(orderCounts.unitId, orderCounts.kind, orderCounts.state)
    .having(sql`sum(${orderCounts.n}) <> 0`);
  for (const r of rows) out.get(`${r.kind}:${r.unitId}`)?.push({ state: r.state, n: Number(r.n) });
  return out;
}

export const countsOf = (all: Map<string, StateCount[]>, key: CounterKey) => all.get(keyOf(key)) ?? [];

/** The total of the counts in `states` (all of them when none is named). */
export const totalOf = (counts: readonly StateCount[], states?: readonly string[]) =>
  counts.reduce((s, c) => s + (states?.length ? (states.includes(c.state) ? c.n : 0) : c.n), 0);

/**
 * The bulk path (drizzle/0033_bulk_copies.sql): a transaction that inserts orders with `hotline.bulk` on adds their
 * counts itself, here, in the same transaction, so they can never be left out or counted twice. `groups` selects the
 * counted columns of the orders written (visible_to, holder_unit_id, holder_unit_path, intake_unit_id, priority,
 * risk_flags, type_code, state) and `n`, how many orders with exactly those were written: copies of one template
 * share them all, so the keys are computed once per template instead of once per copy. One aggregate statement, rows
 * in key order under this connection's shard (or the one named), as the trigger writes them.
 */
export async function addBulkCounts(tx: Executor, groups: SQL, shard?: number): Promise<void> {
  // A bulk writer may name its shard (readers sum them all): the seeder's two connections each take their range's,
  // where by their backends' pids they could share one and each wait for the other's commit (demo/multiply.ts).
  const at = shard === undefined ? sql`(pg_backend_pid() % 16)` : sql`(${Math.abs(Math.trunc(shard)) % 16}::int)`;
  await tx.execute(sql`insert into order_counts as c (unit_id, kind, state, shard, n)
    select k.unit_id, k.kind, o.state, ${at}::smallint, sum(o.n)::int
    from (${groups}) o, lateral order_count_keys(o.visible_to, o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.priority, o.risk_flags, o.type_code) k
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (unit_id, kind, state, shard) do update set n = c.n + excluded.n`);
}

/**
 * The unit pages of orders inserted in bulk: `orders` selects each one's id, created_at and visible_to, orders new to
 * the table (their pages cannot be there: a page already there fails the insert). In key order: the primary key's
 * leaves are visited once each, left to right, not at random (a million copies' 3.6 million pages).
 */
export async function addBulkUnitPages(tx: Executor, orders: SQL): Promise<void> {
  await tx.execute(sql`insert into order_unit_pages (unit_id, created_at, order_id)
    select v.u, o.created_at, o.id from (${orders}) o, lateral (select distinct u from unnest(o.visible_to) u) v
    order by 1, 2, 3`);
}

/**
 * The orders each unit of a subtree holds now in each of `states` (kind 'holder', shards summed), with the unit's
 * path: the cockpit's order flow (analytics/analytics.repo.ts orderFlow) groups them by child unit. A few rows per
 * unit and state, however many orders were ever closed.
 */
export async function heldUnder(db: Executor, unitPath: string, states: readonly string[]): Promise<{ unitPath: string; state: string; n: number }[]> {
  const rows = await db
    .select({ unitPath: unitRows.path, state: orderCounts.state, n: sql<number>`sum(${orderCounts.n})::int` })
    .from(orderCounts)
    .innerJoin(unitRows, eq(unitRows.id, orderCounts.unitId))
    .where(and(eq(orderCounts.kind, 'holder'), inArray(orderCounts.state, [...states]), sql`${unitRows.path} like ${`${unitPath}%`}`))
    .groupBy(unitRows.path, orderCounts.state)
    .having(sql`sum(${orderCounts.n}) <> 0`);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
