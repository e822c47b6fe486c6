import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { timeLimitRules } from './catalog.tables.js';

export type TimeLimitRuleRow = typeof timeLimitRules.$inferSelect;
export type NewTimeLimitRule = typeof timeLimitRules.$inferInsert;

/** Every rule, active or not, of one step or all; callers sort for display and `selectRule` ignores inactive ones. */
export async function listRules(db: Executor, step?: string): Promise<TimeLimitRuleRow[]> {
  const q = db.select().from(timeLimitRules);
  return (step ? q.where(eq(timeLimitRules.step, step)) : q).orderBy(asc(timeLimitRules.step), asc(timeLimitRules.id));
}

/** The active rules, what other capabilities pass to `deadlineFor`. */
export async function listActiveRules(db: Executor): Promise<TimeLimitRuleRow[]> {
  return db.select().from(timeLimitRules).where(eq(timeLimitRules.active, true));
}

export async function findRule(db: Executor, id: string): Promise<TimeLimitRuleRow | null> {
  const [row] = await db.select().from(timeLimitRules).where(eq(timeLimitRules.id, id));
  return row ?? null;
}

/** Inserts a rule; null when a rule with the same selectors exists (the table's unique selector, nulls equal). */
export async function insertRule(tx: Executor, rule: NewTimeLimitRule): Promise<TimeLimitRuleRow | null> {
  const [row] = await tx.insert(timeLimitRules).values(rule).onConflictDoNothing().returning();
  return row ?? null;
}

/** Writes the new limit if the row is still at `expected`; null when someone changed it first. */
export async function updateRule(
  tx: Executor,
  id: string,
  expected: number,
  set: Pick<TimeLimitRuleRow, 'amount' | 'unit' | 'countFrom' | 'note' | 'active' | 'updatedAt'>,
): Promise<TimeLimitRuleRow | null> {
  const [row] = await tx
    .update(timeLimitRules)
    .set({ ...set, version: expected + 1 })
    .where(and(eq(timeLimitRules.id, id), eq(timeLimitRules.version, expected)))
    .returning();
  return row ?? null;
}
