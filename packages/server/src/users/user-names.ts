import { inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { users } from './users.tables.js';

/** Display names by user id, for lists of other capabilities (who inspected, who drafted). */
export async function userNames(db: Executor, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
