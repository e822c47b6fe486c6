import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { readingOutcomes, surges } from './intelligence.tables.js';

export type OutcomeInsert = typeof readingOutcomes.$inferInsert;
export type SurgeRow = typeof surges.$inferSelect;

/** One row per order and field; saving the same order's outcome again replaces it (the agent's last word counts). */
export async function upsertOutcomes(tx: Executor, rows: OutcomeInsert[]): Promise<void> {
  if (!rows.length) return;
  await tx
    .insert(readingOutcomes)
    .values(rows)
    .onConflictDoUpdate({
      target: [readingOutcomes.orderId, readingOutcomes.field],
      set: {
        modelVersion: sql`excluded.model_version`,
        suggested: sql`excluded.suggested`,
        final: sql`excluded.final`,
        accepted: sql`excluded.accepted`,
        recordedBy: sql`excluded.recorded_by`,
        recordedAt: sql`excluded.recorded_at`,
      },
    });
}

/** Accepted and changed suggestions per model version and field since a time. */
export async function outcomeCounts(db: Executor, since: Date) {
  return db
    .select({
      modelVersion: readingOutcomes.modelVersion,
      field: readingOutcomes.field,
      total: sql<number>`count(*)::int`.mapWith(Number),
      accepted: sql<number>`count(*) filter (where ${readingOutcomes.accepted})::int`.mapWith(Number),
    })
    .from(readingOutcomes)
    .where(gte(readingOutcomes.recordedAt, since))
    .groupBy(readingOutcomes.modelVersion, readingOutcomes.field);
}

/** The last day a surge of this subject × city × window was recorded (to tell a new surge from a continuing one). */
export async function lastSurgeDay(db: Executor, s: { subjectCode: string; cityCode: string; window: string }): Promise<string | null> {
  const [row] = await db
    .select({ day: surges.day })
    .from(surges)
    .where(and(eq(surges.subjectCode, s.subjectCode), eq(surges.cityCode, s.cityCode), eq(surges.window, s.window)))
    .orderBy(desc(surges.day))
    .limit(1);
  return row?.day ?? null;
}

/** Records a surge's start; false when another instance recorded it first (unique per day). */
export async function insertSurge(tx: Executor, row: typeof surges.$inferInsert): Promise<boolean> {
  const out = await tx.insert(surges).values(row).onConflictDoNothing().returning({ id: surges.id });
  return out.length > 0;
}

export async function recordedSurges(db: Executor, sinceDay: string): Promise<SurgeRow[]> {
  return db.select().from(surges).where(gte(surges.day, sinceDay)).orderBy(desc(surges.day), desc(surges.detectedAt)).limit(200);
}
