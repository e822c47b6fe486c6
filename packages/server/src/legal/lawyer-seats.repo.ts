import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
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

/** Transfers with their consultation (if recorded), newest first; to these lawyers when given, of this order when given. */
export async function transfersWhere(db: Executor, q: { id?: string; lawyerIds?: string[]; orderId?: string; limit: number }) {
  return db
    .select({ transfer: lawyerTransfers, consultation: legalConsultations })
    .from(lawyerTransfers)
    .leftJoin(legalConsultations, eq(legalConsultations.transferId, lawyerTransfers.id))
    .where(
      and(
        q.lawyerIds ? inArray(lawyerTransfers.lawyerId, q.lawyerIds.length ? q.lawyerIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
        q.orderId ? eq(lawyerTransfers.orderId, q.orderId) : undefined,
        q.id ? eq(lawyerTransfers.id, q.id) : undefined,
      ),
    )
    .orderBy(desc(lawyerTransfers.at), asc(lawyerTransfers.id))
    .limit(q.limit);
}

export async function insertConsultation(tx: Executor, v: typeof legalConsultations.$inferInsert): Promise<ConsultationRow | undefined> {
  const [row] = await tx.insert(legalConsultations).values(v).onConflictDoNothing().returning();
  return row;
}

/** Per lawyer in [from, to): transfers received, consultations recorded, legal aid recommended. */
export async function figuresByLawyer(db: Executor, from: Date, to: Date) {
  const [transfers, consultations] = await Promise.all([
    db
      .select({ lawyerId: lawyerTransfers.lawyerId, n: sql<number>`count(*)::int` })
      .from(lawyerTransfers)
      .where(and(gte(lawyerTransfers.at, from), lt(lawyerTransfers.at, to)))
      .groupBy(lawyerTransfers.lawyerId),
    db
      .select({
        lawyerId: legalConsultations.lawyerId,
        n: sql<number>`count(*)::int`,
        aid: sql<number>`count(*) filter (where ${legalConsultations.legalAidRecommended})::int`,
      })
      .from(legalConsultations)
      .where(and(gte(legalConsultations.recordedAt, from), lt(legalConsultations.recordedAt, to)))
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
