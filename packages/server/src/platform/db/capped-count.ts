import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

/**
 * How many rows of `table` match, counted up to `cap` and no further: `{ total: cap, capped: true }` means "more
 * than". A list shows a page and how big it is; counting every match of a decade on every page was a scan of the
 * history (five million calls, 760 ms). The figures and reports count exactly.
 */
export async function countUpTo(db: Executor, table: PgTable, where: SQL | undefined, cap: number): Promise<{ total: number; capped: boolean }> {
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(table)
    .where(where)
    .limit(cap + 1)
    .as('matches');
  const [r] = await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(matches);
  const n = r?.n ?? 0;
  return { total: Math.min(n, cap), capped: n > cap };
}
