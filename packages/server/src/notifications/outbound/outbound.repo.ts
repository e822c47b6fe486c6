import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { outboundDeliveries, type DeliveryRow } from './outbound.tables.js';

/** What the outbound routes do to deliveries (retry by hand, phone tasks): the table is this module's (outbound.ts plans and sends). */

/** A failed webhook or SMS delivery back to pending; undefined when there is no such failed one. */
export async function reopenFailed(tx: Executor, id: string): Promise<DeliveryRow | undefined> {
  const [d] = await tx
    .update(outboundDeliveries)
    .set({ state: 'pending' })
    .where(and(eq(outboundDeliveries.id, id), eq(outboundDeliveries.state, 'failed'), sql`${outboundDeliveries.channel} in ('webhook', 'sms')`))
    .returning();
  return d;
}

export async function deliveryExists(tx: Executor, id: string): Promise<boolean> {
  const [exists] = await tx.select({ id: outboundDeliveries.id }).from(outboundDeliveries).where(eq(outboundDeliveries.id, id));
  return !!exists;
}

/** Phone tasks of the units given (a subquery: units.repo's units in reach), open ones first, newest first. */
export async function phoneTasksOf(db: Executor, unitIds: SQL, state: string | undefined, limit: number) {
  return db
    .select({ d: outboundDeliveries })
    .from(outboundDeliveries)
    .where(
      and(eq(outboundDeliveries.channel, 'phone'), state ? eq(outboundDeliveries.state, state) : undefined, inArray(outboundDeliveries.targetUnitId, unitIds)),
    )
    .orderBy(sql`${outboundDeliveries.state} = 'done'`, desc(outboundDeliveries.createdAt))
    .limit(limit);
}

export async function phoneTaskOf(db: Executor, id: string, unitIds: SQL) {
  const [row] = await db
    .select({ d: outboundDeliveries })
    .from(outboundDeliveries)
    .where(and(eq(outboundDeliveries.id, id), eq(outboundDeliveries.channel, 'phone'), inArray(outboundDeliveries.targetUnitId, unitIds)));
  return row;
}

/** Closes an open (or failed) phone task as done or failed, counting the attempt; undefined when it was done already. */
export async function closePhoneTask(db: Executor, id: string, patch: Partial<typeof outboundDeliveries.$inferInsert>) {
  const [done] = await db
    .update(outboundDeliveries)
    .set({ ...patch, attempts: sql`${outboundDeliveries.attempts} + 1` })
    .where(and(eq(outboundDeliveries.id, id), inArray(outboundDeliveries.state, ['open', 'failed'])))
    .returning();
  return done;
}
