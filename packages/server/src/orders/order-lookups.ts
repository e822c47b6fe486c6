import { and, asc, eq, inArray } from 'drizzle-orm';
import { orderVisibility } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import { orderCallers, orderEvents, workOrders } from './orders.tables.js';

/** What other capabilities look up of an order by id or number; the orders capability owns the tables. */

/** The numbers of these orders (ids absent or unknown are skipped). */
export async function orderNumbersOf(db: Executor, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((x): x is string => !!x);
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: workOrders.id, number: workOrders.number }).from(workOrders).where(inArray(workOrders.id, wanted));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The order with this number, if the phone is one of its callers' (a worker following their request). */
export async function orderFollowedBy(db: Executor, number: string, phone: string) {
  const [row] = await db
    .select({ order: workOrders })
    .from(workOrders)
    .innerJoin(orderCallers, and(eq(orderCallers.orderId, workOrders.id), eq(orderCallers.phone, phone)))
    .where(eq(workOrders.number, number))
    .limit(1);
  return row?.order;
}

/** The order's events of these actions, in order (the steps shown on the public progress page). */
export async function eventsOfActions(db: Executor, orderId: string, actions: string[]) {
  return db
    .select({ action: orderEvents.action, at: orderEvents.at, unitName: orderEvents.unitName, data: orderEvents.data })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), inArray(orderEvents.action, actions)))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
}

/** Of these orders, those visible to the actor (the access rule), with their numbers. */
export async function visibleOrderNumbers(
  db: Executor,
  actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>,
  ids: string[],
): Promise<{ id: string; number: string }[]> {
  if (!ids.length) return [];
  return db
    .select({ id: workOrders.id, number: workOrders.number })
    .from(workOrders)
    .where(and(inArray(workOrders.id, ids), orderVisibility(actor, workOrders)));
}
