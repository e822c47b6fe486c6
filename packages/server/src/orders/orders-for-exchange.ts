import { asc, sql, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { workOrders } from './orders.tables.js';

/** What the exchange capability reads of the orders (the national daily upload); the orders capability owns the tables. */

/** The orders received or changed in [from, to) with the fields the upload carries (their state as it is now). */
export async function ordersChangedBetween(db: Executor, from: Date, to: Date) {
  const f = from.toISOString();
  const t = to.toISOString();
  return db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      createdAt: workOrders.createdAt,
      channel: workOrders.channel,
      typeCode: workOrders.typeCode,
      subjectCode: workOrders.subjectCode,
      priority: workOrders.priority,
      isGroup: workOrders.isGroup,
      workersInvolved: workOrders.workersInvolved,
      amountInvolved: workOrders.amountInvolved,
      divisionCode: workOrders.divisionCode,
      employerName: workOrders.employerName,
      employerCreditCode: workOrders.employerCreditCode,
      state: workOrders.state,
      closedAt: workOrders.closedAt,
      satisfaction: workOrders.handlingSatisfaction,
    })
    .from(workOrders)
    .where(
      sql`(${workOrders.createdAt} >= ${f}::timestamptz and ${workOrders.createdAt} < ${t}::timestamptz) or (${workOrders.updatedAt} >= ${f}::timestamptz and ${workOrders.updatedAt} < ${t}::timestamptz)`,
    )
    .orderBy(asc(workOrders.createdAt), asc(workOrders.number));
}

/** The day's figures of the national upload's manifest (exchange/domain/national-upload.ts), in one statement. */
export async function orderFiguresOfDay(db: Executor, from: Date, to: Date) {
  const f = sql`${from.toISOString()}::timestamptz`;
  const t = sql`${to.toISOString()}::timestamptz`;
  const inDay = (c: SQLWrapper) => sql`${c} >= ${f} and ${c} < ${t}`;
  const [r] = await db
    .select({
      received: sql<number>`count(*) filter (where ${inDay(workOrders.createdAt)})::int`,
      byChannel: sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(channel, n) from (select ${workOrders.channel} as channel, count(*)::int as n from ${workOrders} where ${inDay(workOrders.createdAt)} group by 1) c)`,
      byType: sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(type_code, n) from (select ${workOrders.typeCode} as type_code, count(*)::int as n from ${workOrders} where ${inDay(workOrders.createdAt)} group by 1) c)`,
      closed: sql<number>`count(*) filter (where ${inDay(workOrders.closedAt)})::int`,
      callbacks: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} is not null)::int`,
      satisfied: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} in ('satisfied', 'basically_satisfied'))::int`,
      dissatisfied: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} = 'dissatisfied')::int`,
      openAtEnd: sql<number>`count(*) filter (where ${workOrders.createdAt} < ${t} and (${workOrders.closedAt} is null or ${workOrders.closedAt} >= ${t}) and ${workOrders.state} not in ('merged', 'invalid'))::int`,
    })
    .from(workOrders);
  return {
    received: r?.received ?? 0,
    receivedByChannel: r?.byChannel ?? {},
    receivedByType: r?.byType ?? {},
    closed: r?.closed ?? 0,
    callbacks: r?.callbacks ?? 0,
    satisfied: r?.satisfied ?? 0,
    dissatisfied: r?.dissatisfied ?? 0,
    openAtEnd: r?.openAtEnd ?? 0,
  };
}
