import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/client.js';
import type { TestApp } from './test-app.js';

/** Whether a backend of the test's database (matching `where`, on pg_stat_activity) waits for a lock now (PostgreSQL). */
export async function waitsForLock(t: TestApp, where: SQL): Promise<boolean> {
  const rows = await t.db.execute(
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and ${where}`,
  );
  return rowsOf<{ n: number }>(rows)[0]!.n > 0;
}
