import { and, asc, count, eq, ilike, inArray, isNull, like, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { withinScope } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import { externalUnitTypes, type UnitType } from './domain/unit-types.js';
import { units } from './units.tables.js';
import { containing } from '../platform/db/like.js';

export type UnitRow = typeof units.$inferSelect;
export type UnitWithChildren = UnitRow & { childCount: number };
type Reach = Pick<Actor, 'scopePath'>;

const external = [...externalUnitTypes];
const isExternalRoot = and(isNull(units.parentId), inArray(units.type, external))!;

/** What an actor may read: their subtree, plus the external collaborators, which are a directory shared by everyone. */
export function visibleTo(actor: Reach, includeExternal = true): SQL {
  if (!includeExternal) return and(withinScope(actor, units.path), notInArray(units.type, external))!;
  return or(withinScope(actor, units.path), isExternalRoot)!;
}

/**
 * The ids of the units in the actor's subtree, as a subquery another capability's statement filters by (a letter's
 * issuing union in reach): one round trip, and only this module names the table.
 */
export const unitIdsInScope = (actor: Reach): SQL => sql`(select ${units.id} from ${units} where ${withinScope(actor, units.path)})`;

/** The ids of the units above the actor's scope unit and the scope unit itself (what a record kept there reaches down to). */
export const unitIdsAbove = (actor: Reach): SQL => sql`(select ${units.id} from ${units} where ${actor.scopePath} like ${units.path} || '%')`;

/**
 * A unit's path by its id, as a column of another capability's statement: the supervision scan reads the paths of the
 * units an order names (the level above the one it waits for hears its reports) with its candidates, in one statement.
 * `unitIdExpr`: that statement's SQL for the unit's id.
 */
export const unitPathText = (unitIdExpr: string) => `(select up.path from units up where up.id = ${unitIdExpr})`;

/** Of these units, those in the actor's subtree: id and name. */
export async function unitsInScopeByIds(db: Executor, actor: Reach, ids: string[]): Promise<Map<string, { id: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inArray(units.id, [...new Set(ids)]), withinScope(actor, units.path)));
  return new Map(rows.map((r) => [r.id, r]));
}

const withChildCount = {
  unit: units,
  // Spelled out: inside a select drizzle drops table names, and the inner "parent_id" = "id" would compare a row with itself.
  childCount: sql<number>`(select count(*) from "units" "child_unit" where "child_unit"."parent_id" = "units"."id")::int`.mapWith(Number),
};
const flatten = (rows: { unit: UnitRow; childCount: number }[]): UnitWithChildren[] => rows.map((r) => ({ ...r.unit, childCount: r.childCount }));

export async function findVisibleUnit(db: Executor, actor: Reach, id: string): Promise<UnitWithChildren | undefined> {
  const rows = await db
    .select(withChildCount)
    .from(units)
    .where(and(eq(units.id, id), visibleTo(actor)));
  return flatten(rows)[0];
}

export async function findUnitsByIds(db: Executor, ids: string[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return db.select().from(units).where(inArray(units.id, ids));
}

/** A unit named by its id or its exact name (the console's argument): up to two, so a caller can tell a name is ambiguous. */
export async function unitsByIdOrName(db: Executor, idOrName: string): Promise<Pick<UnitRow, 'id' | 'name' | 'path'>[]> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  return db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(uuid ? eq(units.id, idOrName) : eq(units.name, idOrName))
    .limit(2);
}

/** The rows, locked in id order so two administrators' moves queue instead of deadlocking, with their current paths. */
export async function lockUnits(tx: Executor, ids: string[]): Promise<UnitRow[]> {
  return tx.select().from(units).where(inArray(units.id, ids)).orderBy(asc(units.id)).for('update');
}

export type UnitFilter = {
  parentId?: string | undefined;
  q?: string | undefined;
  type?: UnitType | undefined;
  active?: boolean | undefined;
  includeExternal: boolean;
  limit: number;
};

/** A flat list for building the tree client-side: union units first, top down, then in their set order. */
export async function listVisibleUnits(db: Executor, actor: Reach, f: UnitFilter): Promise<{ rows: UnitWithChildren[]; total: number }> {
  const conds: SQL[] = [visibleTo(actor, f.includeExternal)];
  if (f.parentId) conds.push(eq(units.parentId, f.parentId));
  if (f.type) conds.push(eq(units.type, f.type));
  if (f.active !== undefined) conds.push(eq(units.active, f.active));
  if (f.q) {
    const pattern = containing(f.q);
    const byCode = /^\d+$/.test(f.q) ? [like(units.divisionCode, `${f.q}%`)] : [];
    conds.push(or(ilike(units.name, pattern), ilike(units.shortName, pattern), ...byCode)!);
  }
  const where = and(...conds);
  const rows = await db
    .select(withChildCount)
    .from(units)
    .where(where)
    .orderBy(asc(inArray(units.type, external)), asc(units.depth), asc(units.sortOrder), asc(units.name), asc(units.id))
    .limit(f.limit);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(units).where(where);
  return { rows: flatten(rows), total: n };
}

export async function activeDescendantCount(db: Executor, path: string): Promise<number> {
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(units)
    .where(and(sql`${units.path} like ${path + '%'}`, ne(units.path, path), eq(units.active, true)));
  return n;
}

export async function findByDivision(db: Executor, type: UnitType, divisionCode: string): Promise<UnitRow | undefined> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.type, type), eq(units.divisionCode, divisionCode)));
  return row;
}

/** An active sibling of that name: two units with one name under one parent cannot be told apart in a picker. */
export async function findActiveSiblingNamed(db: Executor, parentId: string | null, name: string, exceptId?: string): Promise<UnitRow | undefined> {
  const conds: SQL[] = [parentId ? eq(units.parentId, parentId) : isNull(units.parentId), eq(units.name, name), eq(units.active, true)];
  if (exceptId) conds.push(ne(units.id, exceptId));
  const [row] = await db
    .select()
    .from(units)
    .where(and(...conds))
    .limit(1);
  return row;
}

export async function insertUnit(tx: Executor, values: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await tx.insert(units).values(values).returning();
  return row!;
}

export async function updateUnitRow(tx: Executor, id: string, patch: Partial<typeof units.$inferInsert>): Promise<UnitRow> {
  const [row] = await tx
    .update(units)
    .set({ ...patch, version: sql`${units.version} + 1` })
    .where(eq(units.id, id))
    .returning();
  return row!;
}

/** Re-roots a whole subtree in one statement: every path under the old prefix gets the new one, every depth shifts. */
export async function relocateSubtree(tx: Executor, move: { oldPath: string; newPath: string; depthDelta: number }, at: Date): Promise<number> {
  const rows = await tx
    .update(units)
    .set({
      path: sql`${move.newPath} || substr(${units.path}, ${move.oldPath.length + 1})`,
      depth: sql`${units.depth} + ${move.depthDelta}`,
      updatedAt: at,
    })
    .where(sql`${units.path} like ${move.oldPath + '%'}`)
    .returning({ id: units.id });
  return rows.length;
}

/** PostgreSQL gave up on one of two transactions that waited on each other; the other one went through. */
export function isDeadlock(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '40P01' || e.code === '40001') return true;
  }
  return false;
}

/** Units that carry one of these division codes (for territorial routing of a place read from a narrative). */
export async function unitsWithDivisionCodes(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: units.id, type: units.type, divisionCode: units.divisionCode, active: units.active, name: units.name })
    .from(units)
    .where(inArray(units.divisionCode, codes));
}

/** The active units of a type (the hotline centres, to tell their supervisors of a surge). */
export async function activeUnitsOfType(db: Executor, type: UnitType) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.type, type), eq(units.active, true)));
}

/** What other capabilities need of a unit (names, places in the tree, whether it can receive orders). */
export type UnitBrief = Pick<UnitRow, 'id' | 'name' | 'type' | 'path' | 'parentId' | 'divisionCode' | 'active' | 'depth'>;

/** Every unit, briefly: the unit directory's cached copy (a province has thousands, not millions). */
export async function allUnitBriefs(db: Executor): Promise<UnitBrief[]> {
  return db
    .select({
      id: units.id,
      name: units.name,
      type: units.type,
      path: units.path,
      parentId: units.parentId,
      divisionCode: units.divisionCode,
      active: units.active,
      depth: units.depth,
    })
    .from(units);
}

/** Some units by id, briefly (outside a cached directory: inside a transaction, or for a handful of ids). */
export async function unitsById(db: Executor, ids: readonly string[]): Promise<Map<string, UnitBrief>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      type: units.type,
      path: units.path,
      parentId: units.parentId,
      divisionCode: units.divisionCode,
      active: units.active,
      depth: units.depth,
    })
    .from(units)
    .where(inArray(units.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}
