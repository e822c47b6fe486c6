import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { containing } from '../platform/db/like.js';
import { textArrayLiteral } from '../platform/db/array-literal.js';
import { normaliseEmployerName } from './domain/employer.js';
import { orderEmployerNames, workOrders } from './orders.tables.js';

/**
 * The employer names orders give (order_employer_names, orders.tables.ts): written with the orders, read by the list's
 * employer filter. A filter by part of a name used to test every order's name (`employer_name ilike '%恒昌%'`): the
 * whole history, 250–520 ms at 1,000,000 orders. Now the names containing it are found among the distinct names by
 * their pieces' GIN index, and the orders are those of their keys: every spelling of the same employer (某某建筑劳务,
 * 某某建筑劳务有限公司) is found by any of them.
 */

type Named = { employerName?: unknown; employerKey?: unknown };

/**
 * The employer names these orders give, each once, with their keys (an order without a key has nothing to find it
 * by), in the order of the names: two intakes' statements that both bring the same new names insert them in the same
 * order, so neither waits for a name the other has inserted while holding one it waits for (a deadlock).
 */
export function employerNamesOf(orders: readonly Named[]): { name: string; key: string }[] {
  const byName = new Map<string, string>();
  for (const o of orders) if (typeof o.employerName === 'string' && typeof o.employerKey === 'string') byName.set(o.employerName, o.employerKey);
  return [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, key]) => ({ name, key }));
}

/** A name seen before is left as it is: its pieces are indexed once. */
export const insertEmployerNamesFrom = (json: SQLWrapper): SQL =>
  sql`insert into ${orderEmployerNames} (name, key) select x.name, x.key from json_to_recordset(${json}::json) as x(name text, key text)
    on conflict (name) do nothing`;

/** The names of orders written otherwise than by intake's statement (the demo's generated history). */
export async function recordEmployerNames(ex: Executor, orders: readonly Named[]): Promise<void> {
  const names = employerNamesOf(orders);
  if (names.length) await ex.execute(insertEmployerNamesFrom(sql`${JSON.stringify(names)}`));
}

/** Past this many keys a typed part is common (公司, 建筑): the orders are walked newest first and tested against the set. */
const fewKeys = 200;

/**
 * The list's condition for an employer typed in part: orders whose employer has a name containing it, or a
 * normalised key containing its normalised form. One statement looks up the keys (up to 201): a few are given to
 * the orders' (employer_key, created_at) index as values; more are left as a subquery, which the planner hashes
 * while it walks the orders in the page's order (a common part finds its page among the first orders it reads).
 */
export async function employerCondition(db: Executor, typed: string): Promise<SQL> {
  const key = normaliseEmployerName(typed);
  const byName = sql`(n.grams @> employer_pattern_grams(lower(${typed})) and n.name ilike ${containing(typed)})`;
  const match = key ? sql`(${byName} or (n.grams @> employer_pattern_grams(${key}) and n.key like ${containing(key)}))` : byName;
  const keysOf = sql`select distinct n.key from ${orderEmployerNames} n where ${match}`;
  const keys = rowsOf<{ key: string }>(await db.execute(sql`${keysOf} limit ${fewKeys + 1}`)).map((r) => r.key);
  if (!keys.length) return sql`false`;
  if (keys.length <= fewKeys) return sql`${workOrders.employerKey} = any(${textArrayLiteral(keys)}::text[])`;
  return sql`${workOrders.employerKey} in (${keysOf})`;
}
