import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { caseReferrals, letterSequences, registerRankOf, riskEmployers, riskEmployerVisits, supervisionLetters } from './legal.tables.js';

export type LetterRow = typeof supervisionLetters.$inferSelect;
export type RiskEmployerRow = typeof riskEmployers.$inferSelect;
export type VisitRow = typeof riskEmployerVisits.$inferSelect;
export type ReferralRow = typeof caseReferrals.$inferSelect;

export async function insertLetter(tx: Executor, values: typeof supervisionLetters.$inferInsert): Promise<LetterRow> {
  const [row] = await tx.insert(supervisionLetters).values(values).returning();
  return row!;
}

export async function findLetter(db: Executor, id: string): Promise<LetterRow | undefined> {
  const [row] = await db.select().from(supervisionLetters).where(eq(supervisionLetters.id, id));
  return row;
}

export async function lockLetter(tx: Executor, id: string): Promise<LetterRow | undefined> {
  const [row] = await tx.select().from(supervisionLetters).where(eq(supervisionLetters.id, id)).for('update');
  return row;
}

export async function updateLetter(tx: Executor, id: string, patch: Partial<typeof supervisionLetters.$inferInsert>): Promise<LetterRow> {
  const [row] = await tx.update(supervisionLetters).set(patch).where(eq(supervisionLetters.id, id)).returning();
  return row!;
}

export async function lettersWhere(db: Executor, where: SQL | undefined): Promise<LetterRow[]> {
  return db.select().from(supervisionLetters).where(where).orderBy(desc(supervisionLetters.draftedAt)).limit(500);
}

export const letterCols = supervisionLetters;

/** The next number of a union's letters of a kind in a year: one atomic upsert, so two approvals never share one. */
export async function nextLetterSeq(tx: Executor, unitId: string, kind: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(letterSequences)
    .values({ unitId, kind, year, last: 1 })
    .onConflictDoUpdate({ target: [letterSequences.unitId, letterSequences.kind, letterSequences.year], set: { last: sql`${letterSequences.last} + 1` } })
    .returning({ last: letterSequences.last });
  return row!.last;
}

/** Where a page of the register ends: the last row's rank, orders in the window and key (legal/register-cursor.ts). */
export type RegisterPosition = { rank: number; orders: number; key: string };

const rank = registerRankOf(riskEmployers.level);
const rankOfLevel = { high: 0, medium: 1, low: 2 } as const;

/**
 * The employers of a level, stated on its rank (a level is one of the three: assessEmployer), so that a level's page
 * is one range of the index. As `level = 'low'` it walked the index past every high and medium employer (40,000 on
 * the register: 84 ms for 51 rows, 6 ms so); stated both ways, the planner misjudged the pair and sorted the level.
 */
export const registerLevelIs = (level: keyof typeof rankOfLevel): SQL => sql`${rank} = ${rankOfLevel[level]}::int`;

/**
 * One page of the register in its order: high, medium, low, then more orders in the window first, then the key (the
 * primary key: a total order, so a page ends where the next begins). The order and the keyset are one ascending
 * tuple, the one `risk_employers_rank_idx` holds for the employers on the register: a page after `after` is that
 * index read from a point, not the register sorted.
 */
export async function registerPage(
  db: Executor,
  where: SQL | undefined,
  q: { after: RegisterPosition | null; limit: number },
): Promise<(RiskEmployerRow & { rank: number })[]> {
  const negated = sql`(-${riskEmployers.ordersInWindow})`;
  const after = q.after
    ? sql`(${rank}, ${negated}, ${riskEmployers.employerKey}) > (${q.after.rank}::int, ${-q.after.orders}::int, ${q.after.key}::text)`
    : undefined;
  return db
    .select({ ...getTableColumns(riskEmployers), rank: rank.mapWith(Number) })
    .from(riskEmployers)
    .where(and(where, after))
    .orderBy(rank, negated, asc(riskEmployers.employerKey))
    .limit(q.limit);
}

/** The entry of one employer, if the condition (the reader's territory) holds for it. */
export async function registerEntry(db: Executor, key: string, where: SQL | undefined): Promise<RiskEmployerRow | undefined> {
  const [row] = await db
    .select()
    .from(riskEmployers)
    .where(and(eq(riskEmployers.employerKey, key), where));
  return row;
}

/** How many employers of the register meet the condition, per level: exact (the register in force is bounded by its window). */
export async function registerCounts(db: Executor, where: SQL | undefined): Promise<{ level: string; n: number }[]> {
  return db
    .select({ level: riskEmployers.level, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(riskEmployers)
    .where(where)
    .groupBy(riskEmployers.level);
}

export const registerCols = riskEmployers;

export async function registerByKeys(db: Executor, keys: string[]): Promise<Map<string, RiskEmployerRow>> {
  if (!keys.length) return new Map();
  const rows = await db.select().from(riskEmployers).where(inArray(riskEmployers.employerKey, keys));
  return new Map(rows.map((r) => [r.employerKey, r]));
}

export type RiskEmployerInsert = typeof riskEmployers.$inferInsert;

/** The register's rows as an evaluation found them, a thousand to a statement (a province's register runs to thousands). */
export async function upsertRegister(tx: Executor, rows: RiskEmployerInsert[]): Promise<void> {
  const { employerKey: _k, ...columns } = getTableColumns(riskEmployers);
  const set = Object.fromEntries(Object.entries(columns).map(([field, c]) => [field, sql.raw(`excluded.${c.name}`)]));
  for (let i = 0; i < rows.length; i += 1_000)
    await tx
      .insert(riskEmployers)
      .values(rows.slice(i, i + 1_000))
      .onConflictDoUpdate({ target: riskEmployers.employerKey, set });
}

export async function activeRegisterKeys(db: Executor): Promise<string[]> {
  const rows = await db.select({ k: riskEmployers.employerKey }).from(riskEmployers).where(isNull(riskEmployers.leftAt));
  return rows.map((r) => r.k);
}

export async function markLeft(tx: Executor, keys: string[], at: Date): Promise<void> {
  if (keys.length)
    await tx
      .update(riskEmployers)
      .set({ leftAt: at, evaluatedAt: at })
      .where(and(inArray(riskEmployers.employerKey, keys), isNull(riskEmployers.leftAt)));
}

export async function insertVisit(tx: Executor, values: typeof riskEmployerVisits.$inferInsert): Promise<VisitRow> {
  const [row] = await tx.insert(riskEmployerVisits).values(values).returning();
  return row!;
}

export async function lockVisit(tx: Executor, id: string): Promise<VisitRow | undefined> {
  const [row] = await tx.select().from(riskEmployerVisits).where(eq(riskEmployerVisits.id, id)).for('update');
  return row;
}

export async function updateVisit(tx: Executor, id: string, patch: Partial<typeof riskEmployerVisits.$inferInsert>): Promise<void> {
  await tx.update(riskEmployerVisits).set(patch).where(eq(riskEmployerVisits.id, id));
}

export async function visitsOf(db: Executor, keys: string[]): Promise<VisitRow[]> {
  if (!keys.length) return [];
  return db.select().from(riskEmployerVisits).where(inArray(riskEmployerVisits.employerKey, keys)).orderBy(asc(riskEmployerVisits.plannedFor));
}

export async function insertReferral(tx: Executor, values: typeof caseReferrals.$inferInsert): Promise<ReferralRow> {
  const [row] = await tx.insert(caseReferrals).values(values).returning();
  return row!;
}

export async function lockReferral(tx: Executor, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(caseReferrals).where(eq(caseReferrals.id, id)).for('update');
  return row;
}

export async function updateReferral(tx: Executor, id: string, patch: Partial<typeof caseReferrals.$inferInsert>): Promise<ReferralRow> {
  const [row] = await tx.update(caseReferrals).set(patch).where(eq(caseReferrals.id, id)).returning();
  return row!;
}

export async function referralsOf(db: Executor, orderId: string): Promise<ReferralRow[]> {
  return db.select().from(caseReferrals).where(eq(caseReferrals.orderId, orderId)).orderBy(asc(caseReferrals.referredAt));
}
