import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import { isEmergency } from '../supervision/domain/timers.js';
import { instructionFacts } from '../supervision/instructions.repo.js';
import type { OrderFacts, Relation } from './domain/state-machine.js';
import { contactAccessFor } from './order-view.js';
import type { OrderRow } from './orders.repo.js';
import { orderCallers, orderEvents, orderExtensions } from './orders.tables.js';

/** The facts the state machine's conditions read (OrderFacts), from the order's rows; a query only where one is needed. */
export async function machineFacts(db: Executor, actor: Actor, order: OrderRow, relations: ReadonlySet<Relation>): Promise<OrderFacts> {
  const pending = order.pendingExtension
    ? ((await db.select({ requestedBy: orderExtensions.requestedBy }).from(orderExtensions).where(eq(orderExtensions.id, order.pendingExtension.id)))[0] ??
      null)
    : null;
  const [reply] =
    order.state === 'replied'
      ? await db
          .select({ by: orderEvents.actorUserId })
          .from(orderEvents)
          .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.action, 'reply')))
          .orderBy(desc(orderEvents.id))
          .limit(1)
      : [];
  // The hotline (intake, dispatching unit) always sees; for others, every caller hidden means nothing to reveal.
  const atHotline = relations.has('intake') || relations.has('order_dispatcher');
  let contactHidden = false;
  if (!atHotline && order.confidential) contactHidden = true;
  else if (!atHotline) {
    const callers = await db.select({ confidential: orderCallers.confidential }).from(orderCallers).where(eq(orderCallers.orderId, order.id));
    contactHidden = callers.length > 0 && callers.every((c) => contactAccessFor(actor, order, relations, c) === 'hidden');
  }
  return {
    userId: actor.userId,
    pendingExtension: pending ? { requestedBy: pending.requestedBy } : null,
    replyLimitUnit: order.replyLimit && order.replyLimit.amount !== null ? order.replyLimit.unit : null,
    repliedBy: reply?.by ?? null,
    callbackAttempts: order.callbackAttempts,
    contactHidden,
    instructions: await instructionFacts(db, order),
    emergency: isEmergency({ priority: order.priority, riskFlags: order.riskFlags ?? [] }),
  };
}
