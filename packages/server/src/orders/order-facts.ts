import { notCountedStateLiterals } from './open-states.js';
import { and, eq, gt, gte, inArray, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { orderVisibility } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { textArrayLiteral } from '../platform/db/array-literal.js';
import { type orderFactKinds, parseOrderEvent } from './domain/events.js';
import { insertEvent } from './orders.repo.js';

export type OrderFactKind = (typeof orderFactKinds)[number];
import { workOrders } from './orders.tables.js';

/**
 * What other capabilities (quality, mediation, legal) read of orders and add to their timelines, kept in the
 * orders capability that owns the tables: they never query `work_orders` or `order_events` themselves.
 */

/** Orders an agent created in [from, to) within a scope (visible_to holds the scope unit), with the inspection reasons. */
export async function ordersForInspection(db: Executor, q: { scopeUnitId: string; from: Date; to: Date }) {
  const visible = sql`${workOrders.visibleTo} @> array[${q.scopeUnitId}]::uuid[]`;
  const created = and(gte(workOrders.createdAt, q.from), lt(workOrders.createdAt, q.to), eq(workOrders.createdByRole, 'agent'));
  // A dissatisfied callback of the day is inspected whenever the order was created: the caller's verdict is the signal.
  const dissatisfied = and(
    isNotNull(workOrders.callbackAt),
    gte(workOrders.callbackAt, q.from),
    lt(workOrders.callbackAt, q.to),
    or(eq(workOrders.handlingSatisfaction, 'dissatisfied'), eq(workOrders.callSatisfaction, 'dissatisfied')),
  );
  return db
    .select({
      orderId: workOrders.id,
      agentUserId: workOrders.createdBy,
      createdAt: workOrders.createdAt,
      subjectCode: workOrders.subjectCode,
      typeCode: workOrders.typeCode,
      state: workOrders.state,
      callSatisfaction: workOrders.callSatisfaction,
      handlingSatisfaction: workOrders.handlingSatisfaction,
      callbackAt: workOrders.callbackAt,
      inDay: sql<boolean>`(${created}) is true`,
    })
    .from(workOrders)
    .where(and(visible, or(created, dissatisfied), sql`${workOrders.state} <> 'invalid'`));
}

/** Count of agent-created orders in [from, to) within a scope: the coverage denominator. */
export async function countAgentOrders(db: Executor, q: { scopeUnitId: string; from: Date; to: Date }): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.visibleTo} @> array[${q.scopeUnitId}]::uuid[]`,
        gte(workOrders.createdAt, q.from),
        lt(workOrders.createdAt, q.to),
        eq(workOrders.createdByRole, 'agent'),
        sql`${workOrders.state} <> 'invalid'`,
      ),
    );
  return r?.n ?? 0;
}

/**
 * The ids of the orders an actor may read, as a subquery another capability filters its own rows by (a mediation
 * case, a letter): the same rule as every order read (access/scope.ts), kept where the table is owned.
 */
export function visibleOrderIds(actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>): SQL {
  return sql`(select ${workOrders.id} from ${workOrders} where ${orderVisibility(actor, workOrders)})`;
}

/** Short facts of orders by id, for lists of other capabilities (number, title, state). */
export async function orderBriefs(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { id: string; number: string; title: string; state: string; subjectCode: string; employerName: string | null }>();
  const rows = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      title: workOrders.title,
      state: workOrders.state,
      subjectCode: workOrders.subjectCode,
      employerName: workOrders.employerName,
    })
    .from(workOrders)
    .where(inArray(workOrders.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * What the orders naming each employer in (after, until] add up to, invalid and merged orders left out (a duplicate
 * merged into another is not a second request): the figures the risk-employer register decides on
 * (legal/domain/risk-assessment.ts). Summed by the database, one row per employer, however many orders name it: the
 * register's hourly run held every order of its 90 days before (~1.1 KB each, some 200 MB for a wage-arrears group of
 * 200,000 orders).
 */
export async function employerWindows(db: Executor, q: { after: Date; until: Date }) {
  const flagged = (flag: string) => sql<boolean>`bool_or(${workOrders.riskFlags} @> array[${flag}]::text[])`.mapWith(Boolean);
  return db
    .select({
      employerKey: sql<string>`${workOrders.employerKey}`,
      orders: sql<number>`count(*)::int`.mapWith(Number),
      amountTotal: sql<number>`coalesce(sum(${workOrders.amountInvolved}), 0)`.mapWith(Number),
      amountMax: sql<number>`coalesce(max(${workOrders.amountInvolved}), 0)`.mapWith(Number),
      workersMax: sql<number>`coalesce(max(${workOrders.workersInvolved}), 0)::int`.mapWith(Number),
      danger: flagged('danger'),
      hidden: flagged('hidden'),
    })
    .from(workOrders)
    .where(
      and(
        isNotNull(workOrders.employerKey),
        gt(workOrders.createdAt, q.after),
        lte(workOrders.createdAt, q.until),
        sql`${workOrders.state} not in (${notCountedStateLiterals})`,
      ),
    )
    .groupBy(workOrders.employerKey);
}

export type EmployerOfRecord = {
  employerName: string | null;
  creditCode: string | null;
  /** The union of the place: the holder of the newest dispatched order (the intake desk holds undispatched ones). */
  territorialUnitId: string;
  territorialUnitPath: string;
};

/**
 * For each employer key, what its newest orders in (after, until] say of it: the name it was last given, the newest
 * credit code and the union of the place. Three index probes per key on (employer_key, created_at), not its orders.
 */
export async function employersOfRecord(db: Executor, keys: string[], q: { after: Date; until: Date }): Promise<Map<string, EmployerOfRecord>> {
  if (!keys.length) return new Map();
  const within = sql`w.employer_key = k.key and w.created_at > ${q.after}::timestamptz and w.created_at <= ${q.until}::timestamptz`;
  const rows = rowsOf<{ key: string; name: string | null; credit: string | null; unit_id: string; unit_path: string }>(
    await db.execute(sql`
      select k.key, n.employer_name as name, c.employer_credit_code as credit,
        coalesce(d.holder_unit_id, n.holder_unit_id) as unit_id, coalesce(d.holder_unit_path, n.holder_unit_path) as unit_path
      from unnest(${textArrayLiteral(keys)}::text[]) k(key)
      join lateral (select w.employer_name, w.holder_unit_id, w.holder_unit_path from ${workOrders} w
        where ${within} order by w.created_at desc limit 1) n on true
      left join lateral (select w.employer_credit_code from ${workOrders} w
        where ${within} and w.employer_credit_code is not null order by w.created_at desc limit 1) c on true
      left join lateral (select w.holder_unit_id, w.holder_unit_path from ${workOrders} w
        where ${within} and w.first_dispatched_at is not null order by w.created_at desc limit 1) d on true`),
  );
  return new Map(rows.map((r) => [r.key, { employerName: r.name, creditCode: r.credit, territorialUnitId: r.unit_id, territorialUnitPath: r.unit_path }]));
}

/**
 * The newest orders of each employer that a unit may see (its `visible_to`), at most `limit` each: the register's
 * history of its employers, one statement for a page of them, each walked newest first on (employer_key, created_at).
 */
export async function recentOrdersOfEmployers(db: Executor, keys: string[], q: { limit: number; visibleTo: string }) {
  const byKey = new Map<
    string,
    { id: string; number: string; title: string; state: string; createdAt: Date; amountInvolved: number | null; workersInvolved: number | null }[]
  >();
  if (!keys.length) return byKey;
  const rows = rowsOf<{
    key: string;
    id: string;
    number: string;
    title: string;
    state: string;
    created_at: string | Date;
    amount: string | number | null;
    workers: number | null;
  }>(
    await db.execute(sql`
      select k.key, o.id, o.number, o.title, o.state, o.created_at, o.amount_involved as amount, o.workers_involved as workers
      from unnest(${textArrayLiteral(keys)}::text[]) k(key)
      join lateral (select w.id, w.number, w.title, w.state, w.created_at, w.amount_involved, w.workers_involved from ${workOrders} w
        where w.employer_key = k.key and w.visible_to @> array[${q.visibleTo}]::uuid[]
        order by w.created_at desc limit ${q.limit}) o on true
      order by k.key, o.created_at desc`),
  );
  for (const r of rows) {
    const list = byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!;
    list.push({
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.state,
      createdAt: new Date(r.created_at),
      amountInvolved: r.amount === null ? null : Number(r.amount),
      workersInvolved: r.workers,
    });
  }
  return byKey;
}

/**
 * A fact another capability adds to an order's timeline (a mediation session, a supervision letter sent, a
 * referral): the order's state does not change, so it does not bump the version (decisions/0003).
 */
export async function recordOrderFact(
  tx: Executor,
  e: {
    orderId: string;
    state: string;
    at: Date;
    action: OrderFactKind;
    actor: Pick<Actor, 'userId' | 'displayName' | 'unitId'> & { role: Actor['role'] | 'system' };
    unitName: string;
    data: Record<string, unknown>;
    note?: string | null;
  },
): Promise<void> {
  parseOrderEvent({ action: e.action, data: e.data });
  await insertEvent(tx, {
    orderId: e.orderId,
    at: e.at,
    action: e.action,
    fromState: e.state,
    toState: e.state,
    actorUserId: e.actor.userId,
    actorName: e.actor.displayName,
    actorRole: e.actor.role,
    unitId: e.actor.unitId,
    unitName: e.unitName,
    data: e.data,
    note: e.note ?? null,
  });
}

/** Open orders a unit holds that name an employer, oldest first (the demo starts legal work on them). */
/** Open orders a unit can read (holds, co-handles or dispatched) that name an employer, oldest first: demo legal work. */
export async function openOrdersSeenBy(db: Executor, unitId: string, limit: number) {
  return db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.visibleTo} @> array[${unitId}]::uuid[]`,
        isNotNull(workOrders.employerName),
        inArray(workOrders.state, ['handling', 'signed', 'pending_review']),
      ),
    )
    .orderBy(workOrders.createdAt)
    .limit(limit);
}

export async function heldOrdersWithEmployer(db: Executor, unitId: string, limit: number) {
  return db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.holderUnitId, unitId),
        isNotNull(workOrders.employerName),
        inArray(workOrders.state, ['handling', 'signed', 'pending_review', 'pending_callback']),
      ),
    )
    .orderBy(workOrders.createdAt)
    .limit(limit);
}
