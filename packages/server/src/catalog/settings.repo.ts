import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { settings } from './catalog.tables.js';

/**
 * The `settings` table (small versioned key/value pairs) is the catalog's; the other capabilities that keep a setting
 * in it (calendar: working hours, supervision: Shaanxi's rule and the review weekday) read and write it through here.
 */
export type SettingRow = typeof settings.$inferSelect;

export async function readSetting(db: Executor, key: string): Promise<SettingRow | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row;
}

/** Writes the value whatever was there, moving the version. */
export async function upsertSetting(db: Executor, key: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, version: sql`${settings.version} + 1` } });
}

/** The first value of a key; null when it is there already (someone wrote it first). */
export async function insertSettingIfAbsent(tx: Executor, key: string, value: unknown, now: Date): Promise<number | null> {
  const rows = await tx.insert(settings).values({ key, value, version: 1, updatedAt: now }).onConflictDoNothing().returning({ version: settings.version });
  return rows[0]?.version ?? null;
}

/** Replaces the value when `version` is still current; null when someone changed it first. */
export async function updateSettingAtVersion(tx: Executor, key: string, value: unknown, version: number, now: Date): Promise<number | null> {
  const rows = await tx
    .update(settings)
    .set({ value, version: version + 1, updatedAt: now })
    .where(and(eq(settings.key, key), eq(settings.version, version)))
    .returning({ version: settings.version });
  return rows[0]?.version ?? null;
}

/**
 * The setting's value (jsonb, null when absent) as an expression, for a statement of another capability that reads
 * it in the same round trip (the order's read carries Shaanxi's rule: supervision/instructions.repo.ts).
 */
export function settingValueText(key: string): string {
  if (!/^[a-z_.]+$/.test(key)) throw new Error(`setting key not literal-safe: ${key}`);
  return `(select s.value from settings s where s.key = '${key}')`;
}
