import { desc } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { ivrConfigs } from './calls.tables.js';

/** The voice menu's versions: the table is read and written only here. */
export async function latestIvr(ex: Executor) {
  const [row] = await ex.select().from(ivrConfigs).orderBy(desc(ivrConfigs.version)).limit(1);
  return row;
}

export async function ivrHistory(db: Executor, limit: number) {
  return db
    .select({ version: ivrConfigs.version, savedAt: ivrConfigs.savedAt, savedByName: ivrConfigs.savedByName, note: ivrConfigs.note })
    .from(ivrConfigs)
    .orderBy(desc(ivrConfigs.version))
    .limit(limit);
}

/** The next version once: false when another editor saved that version first (its key collides). */
export async function insertIvrVersion(tx: Executor, values: typeof ivrConfigs.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(ivrConfigs).values(values).onConflictDoNothing().returning({ version: ivrConfigs.version });
  return inserted.length > 0;
}
