import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { catalogSubjects, catalogTypes, riskFlags, settings, timeLimitRules } from './catalog.tables.js';
import { catalogVersionKey, defaultRiskFlags, defaultSubjects, defaultThresholds, defaultTypes, thresholdsKey } from './domain/catalog.js';
import { defaultTimeLimitRules } from './domain/time-limit-rules.js';

/**
 * Runs at every start: adds the default entries, rules and settings that are missing and never touches one that
 * exists, so an administrator's renames, reorderings, deactivations and limits survive upgrades. A default
 * added to an existing catalog moves its version, so a client holding the old one re-reads before writing.
 */
export async function seedCatalog(db: Executor, now: Date): Promise<{ inserted: number; rules: number }> {
  return db.transaction(async (tx) => {
    const types = await tx.insert(catalogTypes).values(defaultTypes).onConflictDoNothing().returning({ code: catalogTypes.code });
    const subjects = await tx.insert(catalogSubjects).values(defaultSubjects).onConflictDoNothing().returning({ code: catalogSubjects.code });
    const flags = await tx.insert(riskFlags).values(defaultRiskFlags).onConflictDoNothing().returning({ code: riskFlags.code });
    const thresholds = await tx
      .insert(settings)
      .values({ key: thresholdsKey, value: defaultThresholds, updatedAt: now })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    const rules = await tx
      .insert(timeLimitRules)
      .values(defaultTimeLimitRules.map((r) => ({ ...r, updatedAt: now })))
      .onConflictDoNothing()
      .returning({ id: timeLimitRules.id });
    const inserted = types.length + subjects.length + flags.length + thresholds.length;
    const created = await tx
      .insert(settings)
      .values({ key: catalogVersionKey, value: 1, version: 1, updatedAt: now })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    if (created.length === 0 && inserted > 0) {
      await tx
        .update(settings)
        .set({ version: sql`${settings.version} + 1`, value: sql`to_jsonb(${settings.version} + 1)`, updatedAt: now })
        .where(eq(settings.key, catalogVersionKey));
    }
    return { inserted, rules: rules.length };
  });
}
