import { and, desc, inArray, sql, type SQL } from 'drizzle-orm';
import { orderVisibility } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import type { OrderState } from './domain/states.js';
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

/** What a phone task's caller reads out about an order: what it is about, whom, and where it stands now. */
export type TaskOrderLine = { id: string; title: string; employerName: string | null; state: OrderState; step: string | null; holderUnitId: string | null };

/**
 * The orders of phone tasks the actor may see (`ids`, at most a few hundred: the tasks of one page), as they are now:
 * a task is written when the order goes near due, and by the time someone calls, the order may be replied or
 * archived. One statement; an order outside the actor's sight is left out (the task shows only its number).
 */
export async function taskOrderLines(db: Executor, actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>, ids: readonly string[]): Promise<TaskOrderLine[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: workOrders.id,
      title: workOrders.title,
      employerName: workOrders.employerName,
      state: sql<OrderState>`${workOrders.state}`,
      step: workOrders.currentStep,
      holderUnitId: workOrders.holderUnitId,
    })
    .from(workOrders)
    .where(and(inArray(workOrders.id, [...ids]), orderVisibility(actor, workOrders)));
}
