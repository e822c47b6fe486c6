import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { catalogSubjects, catalogTypes, riskFlags, settings } from './catalog.tables.js';
import { catalogVersionKey, defaultThresholds, thresholdsKey, type Thresholds } from './domain/catalog.js';

export type TypeRow = typeof catalogTypes.$inferSelect;
export type SubjectRow = typeof catalogSubjects.$inferSelect;
export type RiskFlagRow = typeof riskFlags.$inferSelect;

export const listTypes = (db: Executor): Promise<TypeRow[]> => db.select().from(catalogTypes).orderBy(asc(catalogTypes.sortOrder), asc(catalogTypes.code));
export const listSubjects = (db: Executor): Promise<SubjectRow[]> =>
  db.select().from(catalogSubjects).orderBy(asc(catalogSubjects.sortOrder), asc(catalogSubjects.code));
export const listRiskFlags = (db: Executor): Promise<RiskFlagRow[]> => db.select().from(riskFlags).orderBy(asc(riskFlags.sortOrder), asc(riskFlags.code));

/** The thresholds behind suggested risk flags; a key missing from the stored value falls back to the default. */
export async function readThresholds(db: Executor): Promise<Thresholds> {
  const [row] = await db.select().from(settings).where(eq(settings.key, thresholdsKey));
  return { ...defaultThresholds, ...((row?.value as Partial<Thresholds> | undefined) ?? {}) };
}

export async function writeThresholds(tx: Executor, value: Thresholds, now: Date): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: thresholdsKey, value, version: 1, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, version: sql`${settings.version} + 1`, updatedAt: now } });
}

export async function readCatalogVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: settings.version }).from(settings).where(eq(settings.key, catalogVersionKey));
  return row?.version ?? 1;
}

/** Moves the catalog version from `expected` to the next one; false when someone moved it first. */
export async function bumpCatalogVersion(tx: Executor, expected: number, now: Date): Promise<boolean> {
  const rows = await tx
    .update(settings)
    .set({ version: expected + 1, value: expected + 1, updatedAt: now })
    .where(and(eq(settings.key, catalogVersionKey), eq(settings.version, expected)))
    .returning({ version: settings.version });
  return rows.length === 1;
}

export async function upsertType(tx: Executor, row: TypeRow): Promise<void> {
  const { code: _code, ...rest } = row;
  await tx.insert(catalogTypes).values(row).onConflictDoUpdate({ target: catalogTypes.code, set: rest });
}

export async function upsertSubject(tx: Executor, row: SubjectRow): Promise<void> {
  const { code: _code, ...rest } = row;
  await tx.insert(catalogSubjects).values(row).onConflictDoUpdate({ target: catalogSubjects.code, set: rest });
}

export async function upsertRiskFlag(tx: Executor, row: RiskFlagRow): Promise<void> {
  const { code: _code, ...rest } = row;
  await tx.insert(riskFlags).values(row).onConflictDoUpdate({ target: riskFlags.code, set: rest });
}
