import { and, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor.js';
import { reachesWholeTree } from '../units/domain/province-root.js';
import { externalUnitTypes, isExternalType } from '../units/domain/unit-types.js';
import { units } from '../units/units.tables.js';

/**
 * The access rule, in one place: a role held at a unit reaches that unit's subtree.
 * A hotline centre acts for the federation it belongs to, so its roles reach the federation's subtree.
 * Every query that reads units, people or records filters with `withinScope`.
 */
export function scopePathOf(unit: { type: string; path: string }, parent: { path: string } | null): string {
  if (unit.type === 'hotline_centre' && parent) return parent.path;
  return unit.path;
}

/** `scopePathOf` in SQL, over a role's unit (type, path) and its parent's path: the reach of each role a statement reads. */
export function scopePathSql(unitType: SQL | AnyPgColumn, unitPath: SQL | AnyPgColumn, parentPath: SQL | AnyPgColumn): SQL {
  return sql`(case when ${unitType} = 'hotline_centre' and ${parentPath} is not null then ${parentPath} else ${unitPath} end)`;
}

/**
 * Calls are the hotline's: a reach that holds an active hotline centre has them (the call records, their recordings,
 * the call figures of the cockpit and reports); any other has none. SQL over a scope path, for the session's roles;
 * the services ask the cached unit directory (`holdsHotline`), the same test, through calls/call-reach.ts, which also
 * decides which of the calls (all, or a city centre's agents').
 */
export function hotlineWithin(scopePath: SQL | string): SQL {
  return sql`exists (select 1 from ${units} hc where hc.type = 'hotline_centre' and hc.active and hc.path like ${scopePath} || '%')`;
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

export { unitIdsOnPath } from './domain/visibility.js';

/**
 * 三员分立 (auth/duties.ts): the security administrator manages accounts and the auditor reads the audit log; neither
 * has any business with workers' orders, whatever unit the role is held at.
 */
const seesNoOrders = (actor: Pick<Actor, 'role'>) => actor.role === 'security' || actor.role === 'auditor';

/**
 * Orders: a unit sees its subtree's orders, the ones it dispatched and the ones it co-handles. Each order carries
 * `visible_to`, every unit whose subtree holds a unit involved in it (intake, each hop, co-handlers), so the rule is
 * one indexed array test. An integration account sees only what it created.
 */
export function orderVisibility(actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>, cols: { visibleTo: AnyPgColumn; createdBy: AnyPgColumn }): SQL {
  if (seesNoOrders(actor)) return sql`false`;
  if (actor.role === 'integration') return sql`${cols.createdBy} = ${actor.userId}`;
  return sql`${cols.visibleTo} @> array[${scopeUnitIdOf(actor)}]::uuid[]`;
}

/**
 * The unit whose id an order's visible_to must hold for the actor to see it, for a table that keeps a copy of
 * visible_to (search_orders): null where that is not the rule (an integration account, a role that sees no orders)
 * or where every order holds it (a role at the province root, whose unit is above every unit involved).
 */
export function visibilityUnitOf(actor: Pick<Actor, 'scopePath' | 'role'>): string | null {
  return reachesWholeTree(actor.scopePath) ? null : seenUnitOf(actor);
}

/**
 * The unit in whose id the visible_to of every order the actor sees, and of no other, is: the one rows keyed by a
 * unit of visible_to stand for (order_unit_pages, the `visible` counters), the province root included. Null for an
 * integration account (it sees what it created) and a role that sees no orders.
 */
export function seenUnitOf(actor: Pick<Actor, 'scopePath' | 'role'>): string | null {
  if (seesNoOrders(actor) || actor.role === 'integration') return null;
  return scopeUnitIdOf(actor);
}

/** The same rule as `orderVisibility`, for an order already loaded (a linked or merged order named in another's record). */
export function orderVisibleTo(actor: Pick<Actor, 'scopePath' | 'role' | 'userId'>, order: { visibleTo: string[]; createdBy: string }): boolean {
  if (seesNoOrders(actor)) return false;
  if (actor.role === 'integration') return order.createdBy === actor.userId;
  return order.visibleTo.includes(scopeUnitIdOf(actor));
}

type Reach = Pick<Actor, 'scopePath'>;

/** An actor whose role reaches a whole province tree (its scope path names only the root): units/domain/province-root.ts. */
export const atProvinceRoot = (actor: Reach) => reachesWholeTree(actor.scopePath);

/**
 * The units whose people an actor may see and manage: the actor's subtree. External collaborators and platforms
 * are roots of their own beside the union tree; a role at the province root reaches their accounts too, or
 * nobody could manage the 12345 platform's integration account.
 */
export function unitInReach(actor: Reach, unit: { path: string; type: string; parentId: string | null }): boolean {
  if (pathInScope(actor, unit.path)) return true;
  return atProvinceRoot(actor) && unit.parentId === null && isExternalType(unit.type);
}

export function peopleReachCondition(actor: Reach): SQL {
  const own = withinScope(actor, units.path);
  if (!atProvinceRoot(actor)) return own;
  return or(own, and(isNull(units.parentId), inArray(units.type, [...externalUnitTypes])))!;
}
