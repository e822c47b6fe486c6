import { sql } from 'drizzle-orm';
import { openStates } from './domain/states.js';

/**
 * The open states as SQL literals, `'pending_dispatch', …` (wrap in parentheses for `in`): the planner proves a
 * partial index's predicate (`state in (…)`) only from literal values, never from bound ones; and a partial index
 * defined with these is the same text as the queries that use it.
 */
const literals = (states: readonly string[]) => sql.raw(states.map((s) => `'${s}'`).join(', '));

export const openStateLiterals = literals(openStates);

/**
 * The states of orders that are no request of their own: 无效 and the duplicates merged into another order. They are
 * not counted as an employer's requests, at intake ("same employer in 30 days") or in the risk register, and the
 * partial index those counts use (work_orders_employer_counted_idx) is defined with the same literals.
 */
export const notCountedStateLiterals = literals(['invalid', 'merged']);
