import { localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import type { Db } from '../platform/db/client.js';
import { loadOrdersForFigures, type OrderForFigures } from '../orders/orders-for-figures.js';
import * as repo from './analytics.repo.js';
import { contributionsOf, type OrderFacts } from './domain/contributions.js';

/** An order's facts for the pure functions, and its fact row for grouping. */
export function factsOf(o: OrderForFigures): OrderFacts {
  const r = o.row;
  return {
    id: r.id,
    state: r.state,
    typeCode: r.typeCode,
    subjectCode: r.subjectCode,
    unitId: r.holderUnitId,
    unitPath: r.holderUnitPath,
    createdAt: r.createdAt,
    firstDispatchedAt: r.firstDispatchedAt,
    signedAt: r.signedAt,
    repliedAt: r.repliedAt,
    acceptedAt: r.acceptedAt,
    closedAt: r.closedAt,
    replyDueAt: r.replyDueAt,
    extensionCount: r.extensionCount,
    reworkCount: r.reworkCount,
    reopenCount: r.reopenCount,
    callbackAt: r.callbackAt,
    handlingSatisfaction: r.handlingSatisfaction,
    callSatisfaction: r.callSatisfaction,
    selfRating: o.selfRating,
    amountRecovered: r.outcome?.amountRecovered ?? null,
    workersHelped: r.outcome?.workersHelped ?? null,
    callers: o.callers,
    hops: o.hops,
    extensions: o.extensions,
  };
}

export function factRowOf(o: OrderForFigures): repo.FactRow {
  const r = o.row;
  return {
    orderId: r.id,
    number: r.number,
    state: r.state,
    unitId: r.holderUnitId,
    unitPath: r.holderUnitPath,
    typeCode: r.typeCode,
    subjectCode: r.subjectCode,
    priority: r.priority,
    riskFlags: r.riskFlags,
    divisionCode: r.divisionCode,
    employerKey: r.employerKey,
    employerName: r.employerName,
    title: r.title,
    createdAt: r.createdAt,
    createdDay: localDateOf(r.createdAt),
    currentDueAt: r.currentDueAt,
    acceptedAt: r.acceptedAt,
    amountInvolved: r.amountInvolved,
    amountRecovered: r.outcome?.amountRecovered ?? null,
    workersInvolved: r.workersInvolved,
    workersHelped: r.outcome?.workersHelped ?? null,
    callerCount: r.callerCount,
  };
}

/** The stored contributions of loaded orders. */
export const storedContributionsOf = (orders: OrderForFigures[], cal: WorkingCalendar | null): repo.StoredContribution[] =>
  orders.flatMap((o) => contributionsOf(factsOf(o), cal).map((c) => ({ ...c, orderId: o.row.id, typeCode: o.row.typeCode, subjectCode: o.row.subjectCode })));

/**
 * Recomputes every marked order, a batch of 500 (`batch`) per transaction (concurrent refreshers skip each other's batches);
 * the number of orders recomputed. The service's refresh runs this; so does the seeder before it copies figures.
 */
export async function refreshMarked(db: Db, cal: WorkingCalendar | null, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const ids = await repo.takeDirty(tx, batch);
      if (!ids.length) return 0;
      const orders = await loadOrdersForFigures(tx, ids);
      await repo.replaceFigures(tx, ids, storedContributionsOf(orders, cal), orders.map(factRowOf));
      return ids.length;
    });
    total += n;
    if (n === 0) return total;
  }
}
