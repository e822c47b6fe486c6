import { asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { mediationAgreements, mediationCases, mediationSessions } from './mediation.tables.js';

export type CaseRow = typeof mediationCases.$inferSelect;
export type SessionRow = typeof mediationSessions.$inferSelect;
export type AgreementRow = typeof mediationAgreements.$inferSelect;

/** Whether the order has an open case, as a column of another module's read of the order (orders.repo.ts orderDetails). */
export const hasOpenCase = (orderId: SQL | string) => sql`exists (select 1 from ${mediationCases} mc where mc.order_id = ${orderId} and mc.state = 'open')`;

/** The index that keeps one open case per order when two people open one at the same moment (mediation.service.ts open). */
export const oneOpenCaseIndex = 'mediation_cases_one_open_uq';

export async function insertCase(tx: Executor, values: typeof mediationCases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(mediationCases).values(values).returning();
  return row!;
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(mediationCases).where(eq(mediationCases.id, id));
  return row;
}

export async function lockCase(tx: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(mediationCases).where(eq(mediationCases.id, id)).for('update');
  return row;
}

export async function updateCase(tx: Executor, id: string, patch: Partial<typeof mediationCases.$inferInsert>): Promise<CaseRow> {
  const [row] = await tx.update(mediationCases).set(patch).where(eq(mediationCases.id, id)).returning();
  return row!;
}

export async function casesOfOrders(db: Executor, orderIds: string[]): Promise<CaseRow[]> {
  if (!orderIds.length) return [];
  return db.select().from(mediationCases).where(inArray(mediationCases.orderId, orderIds)).orderBy(desc(mediationCases.openedAt));
}

export async function insertSession(tx: Executor, values: typeof mediationSessions.$inferInsert): Promise<void> {
  await tx.insert(mediationSessions).values(values);
}

export async function sessionsOf(db: Executor, caseId: string): Promise<SessionRow[]> {
  return db.select().from(mediationSessions).where(eq(mediationSessions.caseId, caseId)).orderBy(asc(mediationSessions.at));
}

export async function agreementOf(db: Executor, caseId: string): Promise<AgreementRow | undefined> {
  const [row] = await db.select().from(mediationAgreements).where(eq(mediationAgreements.caseId, caseId));
  return row;
}

export async function insertAgreement(tx: Executor, values: typeof mediationAgreements.$inferInsert): Promise<void> {
  await tx.insert(mediationAgreements).values(values);
}

export async function updateAgreement(tx: Executor, caseId: string, patch: Partial<typeof mediationAgreements.$inferInsert>): Promise<void> {
  await tx.update(mediationAgreements).set(patch).where(eq(mediationAgreements.caseId, caseId));
}

/** Cases matching a condition, newest first, with the total for paging. */
export async function listCases(db: Executor, where: SQL | undefined, page: { limit: number; offset: number }) {
  const [rows, [count]] = await Promise.all([
    db.select().from(mediationCases).where(where).orderBy(desc(mediationCases.openedAt), desc(mediationCases.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(mediationCases).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export const caseCols = { orderId: mediationCases.orderId, state: mediationCases.state, unitId: mediationCases.unitId };

export async function sessionsOfCases(db: Executor, caseIds: string[]): Promise<SessionRow[]> {
  if (!caseIds.length) return [];
  return db.select().from(mediationSessions).where(inArray(mediationSessions.caseId, caseIds)).orderBy(asc(mediationSessions.at));
}

export async function agreementsOfCases(db: Executor, caseIds: string[]): Promise<AgreementRow[]> {
  if (!caseIds.length) return [];
  return db.select().from(mediationAgreements).where(inArray(mediationAgreements.caseId, caseIds));
}
