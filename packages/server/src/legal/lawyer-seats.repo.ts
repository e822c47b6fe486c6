import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CallReach } from '../calls/call-reach.js';
import { callIdInReach } from '../calls/calls.repo.js';
import type { Executor } from '../platform/db/client.js';
import { lawyerRosters, lawyerSwaps, lawyerTransfers, lawyers, legalConsultations } from './legal.tables.js';

export type LawyerRow = typeof lawyers.$inferSelect;
export type TransferRow = typeof lawyerTransfers.$inferSelect;
export type ConsultationRow = typeof legalConsultations.$inferSelect;
export type SwapRow = typeof lawyerSwaps.$inferSelect;

const rosterId = 1;

export async function rosterRow(db: Executor, lock = false) {
  const q = db.select().from(lawyerRosters).where(eq(lawyerRosters.id, rosterId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function putRoster(tx: Executor, r: { perDay: number; anchorDate: string; version: number; updatedAt: Date }) {
  await tx
    .insert(lawyerRosters)
    .values({ id: rosterId, ...r })
    .onConflictDoUpdate({ target: lawyerRosters.id, set: r });
}

/** Every lawyer ever on the roster, in rotation order (inactive ones last). */
export async function allLawyers(db: Executor): Promise<LawyerRow[]> {
  return db.select().from(lawyers).orderBy(desc(lawyers.active), asc(lawyers.position), asc(lawyers.createdAt));
}

export async function insertLawyer(tx: Executor, v: typeof lawyers.$inferInsert): Promise<LawyerRow> {
  const [row] = await tx.insert(lawyers).values(v).returning();
  return row!;
}

export async function updateLawyer(tx: Executor, id: string, v: Partial<typeof lawyers.$inferInsert>) {
  await tx.update(lawyers).set(v).where(eq(lawyers.id, id));
}

/** Swaps touching [from, to] (either of their days), oldest first: the order they are applied in. */
export async function swapsAround(db: Executor, from: string, to: string): Promise<SwapRow[]> {
  return db
    .select()
    .from(lawyerSwaps)
    .where(or(and(gte(lawyerSwaps.date, from), sql`${lawyerSwaps.date} <= ${to}`), and(gte(lawyerSwaps.withDate, from), sql`${lawyerSwaps.withDate} <= ${to}`)))
    .orderBy(asc(lawyerSwaps.seq));
}

export async function insertSwap(tx: Executor, v: typeof lawyerSwaps.$inferInsert): Promise<SwapRow> {
  const [row] = await tx.insert(lawyerSwaps).values(v).returning();
  return row!;
}

export async function insertTransfer(tx: Executor, v: typeof lawyerTransfers.$inferInsert): Promise<TransferRow> {
  const [row] = await tx.insert(lawyerTransfers).values(v).returning();
  return row!;
}

export async function lockTransfer(tx: Executor, id: string): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(lawyerTransfers).where(eq(lawyerTransfers.id, id)).for('update');
  return row;
}

/**
 * Who may read which transfer, for a reader who neither received nor made it: a transfer of an order when the reader
 * may read the order (`orderIds`: orders/order-facts.ts `visibleOrderIds`, the access rule), one of a call without an
 * order when the call is in the reader's call reach (calls/call-reach.ts).
 */
export type TransferReaders = { orderIds: SQL; calls: CallReach };

/**
 * The transfers a reader reads without naming an order (lawyer-seats.service.ts `readerOfTransfers`): those to these
 * lawyers (a lawyer's own), those this person made (an agent's), or those readable by the reader.
 */
export type TransferReach = { lawyerIds: string[] } | { by: string } | { readableBy: TransferReaders };

const toLawyers = (ids: string[]) => inArray(lawyerTransfers.lawyerId, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);

const readable = (r: TransferReaders) =>
  or(
    and(isNotNull(lawyerTransfers.orderId), inArray(lawyerTransfers.orderId, r.orderIds)),
    and(isNull(lawyerTransfers.orderId), callIdInReach(lawyerTransfers.callId, r.calls)),
  );

/** A reach as a condition on `lawyer_transfers`: the one test the list and the figures share. */
const withinReach = (reach: TransferReach) =>
  'lawyerIds' in reach ? toLawyers(reach.lawyerIds) : 'by' in reach ? eq(lawyerTransfers.by, reach.by) : readable(reach.readableBy);

/**
 * Transfers with their consultation (if recorded), newest first; to these lawyers, made by this person, of this order,
 * readable by this reader, when given.
 */
export async function transfersWhere(
  db: Executor,
  q: { id?: string; lawyerIds?: string[]; by?: string; orderId?: string; readableBy?: TransferReaders; limit: number },
) {
  return db
    .select({ transfer: lawyerTransfers, consultation: legalConsultations })
    .from(lawyerTransfers)
    .leftJoin(legalConsultations, eq(legalConsultations.transferId, lawyerTransfers.id))
    .where(
      and(
        q.lawyerIds ? toLawyers(q.lawyerIds) : undefined,
        q.by ? eq(lawyerTransfers.by, q.by) : undefined,
        q.orderId ? eq(lawyerTransfers.orderId, q.orderId) : undefined,
        q.id ? eq(lawyerTransfers.id, q.id) : undefined,
        q.readableBy ? readable(q.readableBy) : undefined,
      ),
    )
    .orderBy(desc(lawyerTransfers.at), asc(lawyerTransfers.id))
    .limit(q.limit);
}

export async function insertConsultation(tx: Executor, v: typeof legalConsultations.$inferInsert): Promise<ConsultationRow | undefined> {
  const [row] = await tx.insert(legalConsultations).values(v).onConflictDoNothing().returning();
  return row;
}

/**
 * Per lawyer in [from, to): transfers received, consultations recorded, legal aid recommended; of the transfers in the
 * reader's reach (a consultation by its transfer), as the list reads them.
 */
export async function figuresByLawyer(db: Executor, from: Date, to: Date, reach: TransferReach) {
  const [transfers, consultations] = await Promise.all([
    db
      .select({ lawyerId: lawyerTransfers.lawyerId, n: sql<number>`count(*)::int` })
      .from(lawyerTransfers)
      .where(and(gte(lawyerTransfers.at, from), lt(lawyerTransfers.at, to), withinReach(reach)))
      .groupBy(lawyerTransfers.lawyerId),
    db
      .select({
        lawyerId: legalConsultations.lawyerId,
        n: sql<number>`count(*)::int`,
        aid: sql<number>`count(*) filter (where ${legalConsultations.legalAidRecommended})::int`,
      })
      .from(legalConsultations)
      .innerJoin(lawyerTransfers, eq(lawyerTransfers.id, legalConsultations.transferId))
      .where(and(gte(legalConsultations.recordedAt, from), lt(legalConsultations.recordedAt, to), withinReach(reach)))
      .groupBy(legalConsultations.lawyerId),
  ]);
  return { transfers, consultations };
}

/** Consultations recorded in [from, to): the figure analytics reports for the hotline. */
export async function countConsultations(db: Executor, from: Date, to: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(legalConsultations)
    .where(and(gte(legalConsultations.recordedAt, from), lt(legalConsultations.recordedAt, to)));
  return r?.n ?? 0;
}
