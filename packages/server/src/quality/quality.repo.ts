import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { countUpTo } from '../platform/db/capped-count.js';
import type { Executor } from '../platform/db/client.js';
import { qaInspections, qaRectifications, qaScoreSheets } from './quality.tables.js';

export type InspectionRow = typeof qaInspections.$inferSelect;
export type RectificationRow = typeof qaRectifications.$inferSelect;
export type SheetRow = typeof qaScoreSheets.$inferSelect;

export async function activeSheet(db: Executor): Promise<SheetRow | undefined> {
  const [row] = await db.select().from(qaScoreSheets).where(eq(qaScoreSheets.active, true)).orderBy(desc(qaScoreSheets.createdAt)).limit(1);
  return row;
}

export async function sheetsById(db: Executor, ids: string[]): Promise<Map<string, SheetRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(qaScoreSheets)
    .where(inArray(qaScoreSheets.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertSheet(db: Executor, values: typeof qaScoreSheets.$inferInsert): Promise<SheetRow> {
  const [row] = await db.insert(qaScoreSheets).values(values).returning();
  return row!;
}

export async function deactivateSheets(tx: Executor): Promise<void> {
  await tx.update(qaScoreSheets).set({ active: false }).where(eq(qaScoreSheets.active, true));
}

/** Inserts the drawn inspections; an order or call already in the day's sample is kept as it is (a re-draw adds only new ones). */
export async function insertInspections(tx: Executor, rows: (typeof qaInspections.$inferInsert)[]): Promise<InspectionRow[]> {
  if (!rows.length) return [];
  return tx.insert(qaInspections).values(rows).onConflictDoNothing().returning();
}

export async function findInspection(db: Executor, id: string, scope: SQL): Promise<InspectionRow | undefined> {
  const [row] = await db
    .select()
    .from(qaInspections)
    .where(and(eq(qaInspections.id, id), scope));
  return row;
}

export async function lockInspection(tx: Executor, id: string): Promise<InspectionRow | undefined> {
  const [row] = await tx.select().from(qaInspections).where(eq(qaInspections.id, id)).for('update');
  return row;
}

export async function updateInspection(tx: Executor, id: string, patch: Partial<typeof qaInspections.$inferInsert>): Promise<InspectionRow> {
  const [row] = await tx.update(qaInspections).set(patch).where(eq(qaInspections.id, id)).returning();
  return row!;
}

export type InspectionFilter = {
  scope: SQL;
  day?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  state?: string | undefined;
  agentUserId?: string | undefined;
};

/** Where a page of inspections ends: the last one's day, creation time (as PostgreSQL prints it) and id. */
export type InspectionsAfter = { day: string; createdAt: string; id: string };

const whereOf = (f: InspectionFilter) =>
  and(
    f.scope,
    f.day ? eq(qaInspections.day, f.day) : undefined,
    f.from ? gte(qaInspections.day, f.from) : undefined,
    f.to ? lt(qaInspections.day, f.to) : undefined,
    f.state ? eq(qaInspections.state, f.state) : undefined,
    f.agentUserId ? eq(qaInspections.agentUserId, f.agentUserId) : undefined,
  );

/**
 * A page of inspections in the list's order, newest day first and each day's in the order they were drawn, after
 * `after` (keyset: an agent's own inspections over the years, never OFFSET). The day descends and the rest ascends,
 * so the keyset is stated in two parts.
 */
export async function inspectionsPage(db: Executor, f: InspectionFilter, limit: number, after?: InspectionsAfter) {
  const next = after
    ? sql`(${qaInspections.day} < ${after.day}::date or (${qaInspections.day} = ${after.day}::date and (${qaInspections.createdAt}, ${qaInspections.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)))`
    : undefined;
  return db
    .select({ ...getTableColumns(qaInspections), sortValue: sql<string>`(${qaInspections.createdAt})::text` })
    .from(qaInspections)
    .where(and(whereOf(f), next))
    .orderBy(desc(qaInspections.day), asc(qaInspections.createdAt), asc(qaInspections.id))
    .limit(limit);
}

export const countInspections = (db: Executor, f: InspectionFilter, cap: number) => countUpTo(db, qaInspections, whereOf(f), cap);

export async function inspectionFacts(db: Executor, scope: SQL, from: string, to: string) {
  return db
    .select({ agentUserId: qaInspections.agentUserId, state: qaInspections.state, passed: qaInspections.passed })
    .from(qaInspections)
    .where(and(scope, gte(qaInspections.day, from), lt(qaInspections.day, to)));
}

export async function insertRectifications(tx: Executor, rows: (typeof qaRectifications.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(qaRectifications).values(rows);
}

export async function openRectificationsOf(tx: Executor, inspectionId: string): Promise<RectificationRow[]> {
  return tx
    .select()
    .from(qaRectifications)
    .where(and(eq(qaRectifications.inspectionId, inspectionId), isNull(qaRectifications.closedAt), isNull(qaRectifications.withdrawnAt)));
}

export async function withdrawRectifications(tx: Executor, ids: string[], at: Date): Promise<void> {
  if (ids.length) await tx.update(qaRectifications).set({ withdrawnAt: at }).where(inArray(qaRectifications.id, ids));
}

export async function lockRectification(tx: Executor, id: string): Promise<RectificationRow | undefined> {
  const [row] = await tx.select().from(qaRectifications).where(eq(qaRectifications.id, id)).for('update');
  return row;
}

export async function closeRectification(tx: Executor, id: string, at: Date, note: string): Promise<RectificationRow> {
  const [row] = await tx.update(qaRectifications).set({ closedAt: at, closedNote: note }).where(eq(qaRectifications.id, id)).returning();
  return row!;
}

/** Rectifications with their inspection's scope, for lists and the rectification rate. */
export async function listRectifications(
  db: Executor,
  f: { scope: SQL; ownerUserId?: string | undefined; open?: boolean | undefined; dueFrom?: Date | undefined; dueTo?: Date | undefined },
) {
  return db
    .select({ r: qaRectifications, day: qaInspections.day, orderId: qaInspections.orderId, agentUserId: qaInspections.agentUserId })
    .from(qaRectifications)
    .innerJoin(qaInspections, eq(qaInspections.id, qaRectifications.inspectionId))
    .where(
      and(
        f.scope,
        isNull(qaRectifications.withdrawnAt),
        f.ownerUserId ? eq(qaRectifications.ownerUserId, f.ownerUserId) : undefined,
        f.open ? isNull(qaRectifications.closedAt) : undefined,
        f.dueFrom ? gte(qaRectifications.dueAt, f.dueFrom) : undefined,
        f.dueTo ? lt(qaRectifications.dueAt, f.dueTo) : undefined,
      ),
    )
    .orderBy(asc(qaRectifications.dueAt), asc(qaRectifications.id))
    .limit(500);
}

export { qaInspections };
