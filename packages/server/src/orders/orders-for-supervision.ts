import { and, desc, sql, type SQL } from 'drizzle-orm';
import { orderVisibility } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import { workOrders } from './orders.tables.js';

type Orders = typeof workOrders;

/**
 * The orders visible to the actor for which `where` holds (supervision's open emergency orders, over the columns it
 * is given): how many, and the newest `limit` with `extra` (supervision's own column over the order's id: the way
 * chosen). Two statements.
 */
export async function visibleOrdersWhere(
  db: Executor,
  actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>,
  where: (o: Orders) => SQL,
  extra: (orderId: SQL) => SQL<string | null>,
  limit: number,
) {
  const cond = and(orderVisibility(actor, workOrders), where(workOrders));
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(workOrders).where(cond);
  const rows = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      title: workOrders.title,
      state: workOrders.state,
      priority: workOrders.priority,
      riskFlags: workOrders.riskFlags,
      holderUnitId: workOrders.holderUnitId,
      createdAt: workOrders.createdAt,
      // Spelt out: inside a select drizzle drops table names, and the caller's subquery would compare its own id.
      extra: extra(sql.raw('work_orders.id')),
    })
    .from(workOrders)
    .where(cond)
    .orderBy(desc(workOrders.createdAt))
    .limit(limit);
  return { total: Number(n), rows };
}
