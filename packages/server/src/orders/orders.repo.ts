import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { orderVisibility } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { units } from '../units/units.tables.js';
import { orderAttachments, orderCallers, orderCoHandlers, orderEvents, orderExtensions, orderHops, orderLinks, workOrders } from './orders.tables.js';

export type OrderRow = typeof workOrders.$inferSelect;
export type OrderEventInsert = typeof orderEvents.$inferInsert;

/** The order, locked for the rest of the transaction: concurrent changes queue here and then see the new version. */
export async function lockOrder(tx: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row;
}

export async function findVisibleOrder(db: Executor, actor: Actor, id: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, id), orderVisibility(actor, workOrders)));
  return row;
}

export async function isVisible(db: Executor, actor: Actor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.id, id), orderVisibility(actor, workOrders)));
  return !!row;
}

/**
 * Searching by a caller's number must not let a unit confirm who called about an order it may not see that caller
 * of (contactAccessFor: a confidential order or caller is seen only by the intake and the dispatching unit).
 * `phoneMatch` is the condition on the caller row aliased `oc`; the caller row itself must be one the unit may see.
 */
export function callerSearch(actor: Pick<Actor, 'unitId'>, phoneMatch: SQL) {
  return sql`exists (select 1 from ${orderCallers} oc where oc.order_id = ${workOrders.id} and ${phoneMatch}
    and ((not ${workOrders.confidential} and not oc.confidential) or ${workOrders.intakeUnitId} = ${actor.unitId} or ${workOrders.dispatchUnitId} = ${actor.unitId}))`;
}

/** Several timeline events at once (the supervision scan records each signal it produced). */
export async function insertEvents(tx: Executor, es: OrderEventInsert[]): Promise<void> {
  for (let i = 0; i < es.length; i += 500) await tx.insert(orderEvents).values(es.slice(i, i + 500));
}

export async function insertEvent(tx: Executor, e: OrderEventInsert): Promise<void> {
  await tx.insert(orderEvents).values(e);
}

export async function activeCoHandlers(db: Executor, orderId: string) {
  return db
    .select()
    .from(orderCoHandlers)
    .where(and(eq(orderCoHandlers.orderId, orderId), isNull(orderCoHandlers.removedAt)));
}

export async function orderDetails(db: Executor, orderId: string) {
  const [callers, hops, coHandlers, extensions, attachments, links] = await Promise.all([
    db.select().from(orderCallers).where(eq(orderCallers.orderId, orderId)).orderBy(asc(orderCallers.calledAt)),
    db.select().from(orderHops).where(eq(orderHops.orderId, orderId)).orderBy(asc(orderHops.seq)),
    db.select().from(orderCoHandlers).where(eq(orderCoHandlers.orderId, orderId)).orderBy(asc(orderCoHandlers.invitedAt)),
    db.select().from(orderExtensions).where(eq(orderExtensions.orderId, orderId)).orderBy(asc(orderExtensions.requestedAt)),
    db.select().from(orderAttachments).where(eq(orderAttachments.orderId, orderId)).orderBy(asc(orderAttachments.uploadedAt)),
    db
      .select({
        orderId: orderLinks.orderId,
        linkedOrderId: orderLinks.linkedOrderId,
        number: workOrders.number,
        state: workOrders.state,
        note: orderLinks.note,
        visibleTo: workOrders.visibleTo,
        createdBy: workOrders.createdBy,
      })
      .from(orderLinks)
      .innerJoin(
        workOrders,
        eq(workOrders.id, sql`case when ${orderLinks.orderId} = ${orderId} then ${orderLinks.linkedOrderId} else ${orderLinks.orderId} end`),
      )
      .where(sql`${orderLinks.orderId} = ${orderId} or ${orderLinks.linkedOrderId} = ${orderId}`),
  ]);
  return { callers, hops, coHandlers, extensions, attachments, links };
}

export type UnitBrief = { id: string; name: string; type: string; path: string; parentId: string | null; divisionCode: string | null; active: boolean };

export async function unitsById(db: Executor, ids: string[]): Promise<Map<string, UnitBrief>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      type: units.type,
      path: units.path,
      parentId: units.parentId,
      divisionCode: units.divisionCode,
      active: units.active,
    })
    .from(units)
    .where(inArray(units.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listEvents(db: Executor, orderId: string) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}

/** Who may see each of these orders (for records of one order that name others: links, merges). */
export async function visibilityOf(db: Executor, ids: string[]): Promise<Map<string, { visibleTo: string[]; createdBy: string }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: workOrders.id, visibleTo: workOrders.visibleTo, createdBy: workOrders.createdBy })
    .from(workOrders)
    .where(inArray(workOrders.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

// ——— Reads for intelligence (surges, forecasts, related requests): the orders table stays this module's. ———

type Scope = Pick<Actor, 'scopePath' | 'role' | 'userId'>;
/** China has no daylight saving: a local (Asia/Shanghai) day is the UTC instant plus eight hours. */
const localDay = sql<string>`to_char((${workOrders.createdAt} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/** Requests per local day × subject × city (the first four digits of the place's division code) since `since`; invalid orders left out. */
export async function dailyRequestCounts(db: Executor, scope: Scope | null, since: Date) {
  const city = sql<string>`substr(${workOrders.divisionCode}, 1, 4) || '00'`;
  const conds: SQL[] = [
    sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`,
    sql`${workOrders.state} <> 'invalid'`,
    sql`${workOrders.divisionCode} is not null`,
  ];
  if (scope) conds.push(orderVisibility(scope, workOrders));
  return db
    .select({ subjectCode: workOrders.subjectCode, cityCode: city, day: localDay, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(workOrders)
    .where(and(...conds))
    .groupBy(workOrders.subjectCode, city, localDay);
}

/** Requests per local day × subject (every place), for forecasts. */
export async function dailySubjectCounts(db: Executor, scope: Scope, since: Date) {
  return db
    .select({ subjectCode: workOrders.subjectCode, day: localDay, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(workOrders)
    .where(and(sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`, sql`${workOrders.state} <> 'invalid'`, orderVisibility(scope, workOrders)))
    .groupBy(workOrders.subjectCode, localDay);
}

/** The recent requests an actor may see, newest first: what a new request is compared with for groups and duplicates. */
export async function recentVisibleOrders(db: Executor, scope: Scope, since: Date, limit: number) {
  return db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      state: workOrders.state,
      title: workOrders.title,
      narrative: workOrders.narrative,
      employerName: workOrders.employerName,
      employerKey: workOrders.employerKey,
      divisionCode: workOrders.divisionCode,
      subjectCode: workOrders.subjectCode,
      isGroup: workOrders.isGroup,
      callerCount: workOrders.callerCount,
      createdAt: workOrders.createdAt,
    })
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`,
        sql`${workOrders.state} <> 'invalid'`,
        isNull(workOrders.mergedIntoId),
        orderVisibility(scope, workOrders),
      ),
    )
    .orderBy(sql`${workOrders.createdAt} desc`)
    .limit(limit);
}
