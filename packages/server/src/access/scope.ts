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

/** The unit whose subtree the actor reaches: the last id of the scope path. */
export function scopeUnitIdOf(actor: Pick<Actor, 'scopePath'>): string {
  const parts = actor.scopePath.split('/').filter(Boolean);
  return parts[parts.length - 1]!;
}

/** Ancestors-or-self of a unit, from its path: the units whose subtree contains it. */
export const unitIdsOnPath = (path: string): string[] => path.split('/').filter(Boolean);

/**
 * Orders: a unit sees its subtree's orders, the ones it dispatched and the ones it co-handles. Each order carries
 * `visible_to`, every unit whose subtree holds a unit involved in it (intake, each hop, co-handlers), so the rule is
 * one indexed array test. An integration account sees only what it created.
 */
export function orderVisibility(actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>, cols: { visibleTo: AnyPgColumn; createdBy: AnyPgColumn }): SQL {
  if (actor.role === 'integration') return sql`${cols.createdBy} = ${actor.userId}`;
  return sql`${cols.visibleTo} @> array[${scopeUnitIdOf(actor)}]::uuid[]`;
}
