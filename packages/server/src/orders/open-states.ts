import { sql } from 'drizzle-orm';
import { openStates } from './domain/states.js';

/**
 * The open states as SQL literals, `'pending_dispatch', …` (wrap in parentheses for `in`): the planner proves a
 * partial index's predicate (`state in (…)`) only from literal values, never from bound ones; and a partial index
 * defined with these is the same text as the queries that use it.
 */
export const openStateLiterals = sql.raw(openStates.map((s) => `'${s}'`).join(', '));
