import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { selfRatingsOf } from '../selfservice/ratings.repo.js';
import { unitsById } from '../units/units.repo.js';
import { orderCallers, orderExtensions, orderHops, workOrders } from './orders.tables.js';
import { groupBy } from '../platform/collections/group-by.js';

/**
 * An order with everything the figures are computed from, for a batch of orders in five queries: the order rows,
 * callers, hops, extensions and the worker's own rating (selfservice/). The orders capability owns these tables; analytics reads them only through here.
 */
export async function loadOrdersForFigures(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  // One after the other: inside a transaction they share one connection, which runs one query at a time anyway.
  const orders = await db.select().from(workOrders).where(inArray(workOrders.id, ids));
  const callers = await db
    .select({ orderId: orderCallers.orderId, calledAt: orderCallers.calledAt })
    .from(orderCallers)
    .where(inArray(orderCallers.orderId, ids));
  const hops = await db
    .select({
      orderId: orderHops.orderId,
      toUnitId: orderHops.toUnitId,
      dispatchedAt: orderHops.dispatchedAt,
      signDueAt: orderHops.signDueAt,
      signedAt: orderHops.signedAt,
      returnedAt: orderHops.returnedAt,
    })
    .from(orderHops)
    .where(inArray(orderHops.orderId, ids))
    .orderBy(asc(orderHops.orderId), asc(orderHops.seq));
  const extensions = await db
    .select({
      orderId: orderExtensions.orderId,
      approved: orderExtensions.approved,
      decidedAt: orderExtensions.decidedAt,
      reason: orderExtensions.reason,
      unitId: orderExtensions.requestedByUnitId,
    })
    .from(orderExtensions)
    .where(inArray(orderExtensions.orderId, ids));
  const ratings = await selfRatingsOf(db, ids);
  const units = await unitsById(db, [...hops.map((h) => h.toUnitId), ...extensions.map((e) => e.unitId)]);
  const pathOf = (id: string) => units.get(id)?.path ?? '';
  const group = <T extends { orderId: string }>(rows: T[]) => groupBy(rows, (r) => r.orderId);
  const byCallers = group(callers);
  const byHops = group(hops);
  const byExtensions = group(extensions);
  return orders.map((o) => ({
    row: o,
    selfRating: ratings.get(o.id) ?? null,
    callers: (byCallers.get(o.id) ?? []).map((c) => ({ calledAt: c.calledAt })),
    hops: (byHops.get(o.id) ?? []).map((h) => ({
      toUnitId: h.toUnitId,
      toUnitPath: pathOf(h.toUnitId),
      dispatchedAt: h.dispatchedAt,
      signDueAt: h.signDueAt,
      signedAt: h.signedAt,
      returnedAt: h.returnedAt,
    })),
    extensions: (byExtensions.get(o.id) ?? []).map((e) => ({
      approved: e.approved,
      decidedAt: e.decidedAt,
      reason: e.reason,
      unitId: e.unitId,
      unitPath: pathOf(e.unitId),
    })),
  }));
}
export type OrderForFigures = Awaited<ReturnType<typeof loadOrdersForFigures>>[number];
