import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor.js';

/**
 * The access rule, in one place: a role held at a unit reaches that unit's subtree.
 * A hotline centre acts for the federation it belongs to, so its roles reach the federation's subtree.
 * Every query that reads units, people or records filters with `withinScope`.
 */
export function scopePathOf(unit: { type: string; path: string }, parent: { path: string } | null): string {
  if (unit.type === 'hotline_centre' && parent) return parent.path;
  return unit.path;
}

/** SQL condition: the path column lies in the actor's subtree. Paths hold only uuids and '/', so LIKE needs no escaping. */
export function withinScope(actor: Pick<Actor, 'scopePath'>, pathColumn: AnyPgColumn | SQL): SQL {
  return sql`${pathColumn} like ${actor.scopePath + '%'}`;
}

export function pathInScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  return path.startsWith(actor.scopePath);
}
