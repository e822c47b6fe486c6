import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { orderVisibility } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { units } from '../units/units.tables.js';
import {
  orderAttachments,
  orderCallers,
  orderCoHandlers,
  orderEvents,
  orderExtensions,
  orderHops,
  orderLinks,
  workOrders,
} from './orders.tables.js';

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
 * Searching by a caller's number must not let a unit confirm who called about a confidential order it may not see
 * the caller of (contactAccessFor: only the intake and the dispatching unit may).
 */
export function contactSearchable(actor: Pick<Actor, 'unitId'>) {
  return sql`(not ${workOrders.confidential} or ${workOrders.intakeUnitId} = ${actor.unitId} or ${workOrders.dispatchUnitId} = ${actor.unitId})`;
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
      .select({ orderId: orderLinks.orderId, linkedOrderId: orderLinks.linkedOrderId, number: workOrders.number, state: workOrders.state, note: orderLinks.note })
      .from(orderLinks)
      .innerJoin(workOrders, eq(workOrders.id, sql`case when ${orderLinks.orderId} = ${orderId} then ${orderLinks.linkedOrderId} else ${orderLinks.orderId} end`))
      .where(sql`${orderLinks.orderId} = ${orderId} or ${orderLinks.linkedOrderId} = ${orderId}`),
  ]);
  return { callers, hops, coHandlers, extensions, attachments, links };
}

export type UnitBrief = { id: string; name: string; type: string; path: string; parentId: string | null; divisionCode: string | null; active: boolean };

export async function unitsById(db: Executor, ids: string[]): Promise<Map<string, UnitBrief>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, type: units.type, path: units.path, parentId: units.parentId, divisionCode: units.divisionCode, active: units.active })
    .from(units)
    .where(inArray(units.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listEvents(db: Executor, orderId: string) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}
