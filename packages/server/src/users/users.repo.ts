import { and, asc, eq, exists, gt, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor.js';
import { roles, type Role } from '../auth/roles.js';
import { hotlineWithin, scopePathSql, peopleReachCondition as reachCondition, unitInReach } from '../access/scope.js';
export { unitInReach };
import type { Executor } from '../platform/db/client.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from './users.tables.js';
import { containing } from '../platform/db/like.js';

export type UserRow = typeof users.$inferSelect;
export type UnitRef = { id: string; name: string; path: string; type: string; parentId: string | null; active: boolean };
export type AssignmentRow = { id: string; userId: string; role: Role; unit: Omit<UnitRef, 'active'> };

type Reach = Pick<Actor, 'scopePath'>;

/** The system account (jobs act as it) is no person to manage: it never appears in the users API. */
const notSystem = sql`${users.kind} <> 'system'`;

/**
 * The account the job runner acts as (`system`): no password, no role, at the province root, so the timeline and
 * the audit log name it like anyone else. Created once; returns its id.
 */
export async function ensureSystemUser(db: Executor, rootUnitId: string, at: Date): Promise<string> {
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.kind, 'system')).limit(1);
  if (found) return found.id;
  const [row] = await db
    .insert(users)
    .values({ username: 'system', displayName: '系统', kind: 'system', unitId: rootUnitId, passwordHash: null, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (row) return row.id;
  const [again] = await db.select({ id: users.id }).from(users).where(eq(users.kind, 'system')).limit(1);
  return again!.id;
}

const unitColumns = { id: units.id, name: units.name, path: units.path, type: units.type, parentId: units.parentId, active: units.active };

export async function findUnits(db: Executor, ids: string[]): Promise<UnitRef[]> {
  return (await findUnitsByIds(db, ids)).map((u) => ({ id: u.id, name: u.name, path: u.path, type: u.type, parentId: u.parentId, active: u.active }));
}

/** The person and their home unit, if the home unit is within the actor's reach. */
export async function findUserInReach(db: Executor, actor: Reach, id: string): Promise<{ user: UserRow; home: UnitRef } | undefined> {
  const [row] = await db
    .select({ user: users, home: unitColumns })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, id), reachCondition(actor), notSystem));
  return row;
}

/** The row, locked for the rest of the transaction: concurrent edits queue here and then see the new version. */
export async function lockUser(tx: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export type UserFilter = {
  q?: string | undefined;
  underPath?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  afterUsername?: string | undefined;
  limit: number;
};

/** A page of the people within reach, ordered by user name (case-insensitive, as it is unique that way). */
export async function listUsersInReach(db: Executor, actor: Reach, f: UserFilter) {
  const conds: SQL[] = [reachCondition(actor), notSystem];
  if (f.q) {
    const like = containing(f.q);
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (f.underPath) conds.push(sql`${units.path} like ${f.underPath + '%'}`);
  if (f.active !== undefined) conds.push(eq(users.active, f.active));
  if (f.role) {
    const holds = db
      .select({ one: sql`1` })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, f.role)));
    conds.push(exists(holds));
  }
  if (f.afterUsername !== undefined) conds.push(gt(sql`lower(${users.username})`, f.afterUsername));
  return db
    .select({ user: users, home: unitColumns })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(...conds))
    .orderBy(asc(sql`lower(${users.username})`))
    .limit(f.limit);
}

export async function assignmentsOf(db: Executor, userIds: string[]): Promise<AssignmentRow[]> {
  if (!userIds.length) return [];
  const rows = await db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      unit: { id: units.id, name: units.name, path: units.path, type: units.type, parentId: units.parentId },
    })
    .from(roleAssignments)
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(units.depth), asc(units.name), asc(roleAssignments.id));
  // The order the session lists roles in (auth.service): by role, then from the top of the tree down.
  return rows.map((r) => ({ ...r, role: r.role as Role })).sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return !!row;
}

export async function insertUser(tx: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function updateUserRow(tx: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function insertAssignments(tx: Executor, userId: string, grants: { role: Role; unitId: string }[], at: Date): Promise<void> {
  if (!grants.length) return;
  await tx.insert(roleAssignments).values(grants.map((g) => ({ userId, role: g.role, unitId: g.unitId, createdAt: at })));
}

/**
 * Removes role assignments. The caller detaches the sessions acting in them first (authRepo.detachSessionsFrom):
 * sessions are auth's rows, and calling auth from here would make users.repo and auth.repo import each other.
 */
export async function deleteAssignments(tx: Executor, assignmentIds: string[]): Promise<void> {
  if (!assignmentIds.length) return;
  await tx.delete(roleAssignments).where(inArray(roleAssignments.id, assignmentIds));
}

/**
 * People who hold one of `roles` at one of `unitIds`, or at a hotline centre directly under one of them (a centre
 * acts for its federation: decision 0002). Active persons only. For notices: each row says where the role is held.
 */
export async function holdersOfRoles(db: Executor, unitIds: string[], wanted: readonly Role[]) {
  if (!unitIds.length || !wanted.length) return [];
  return db
    .select({ userId: users.id, unitId: roleAssignments.unitId, unitType: units.type, parentId: units.parentId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(
      and(
        inArray(roleAssignments.role, [...wanted]),
        eq(users.active, true),
        eq(users.kind, 'person'),
        or(inArray(roleAssignments.unitId, unitIds), and(eq(units.type, 'hotline_centre'), inArray(units.parentId, unitIds))),
      ),
    );
}

/** Active persons holding one of the roles at any unit (the knowledge base's editors: one base for the whole province). */
export async function holdersOfRolesAnywhere(db: Executor, wanted: readonly Role[]): Promise<string[]> {
  if (!wanted.length) return [];
  const rows = await db
    .selectDistinct({ userId: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.role, [...wanted]), eq(users.active, true), eq(users.kind, 'person')));
  return rows.map((r) => r.userId);
}

const parentUnits = alias(units, 'parent_unit');

export type ActiveRole = {
  assignmentId: string;
  role: string;
  unitId: string;
  unitName: string;
  unitType: string;
  unitPath: string;
  parentPath: string | null;
  startPage: string | null;
  /** The role's reach holds a hotline centre: it has the hotline's calls (access/scope.ts hotlineWithin). */
  holdsHotline: boolean;
};

/**
 * `activeRolesOf` as one json column over the person row of the caller's statement (`users` not aliased): the
 * session lookup (auth.repo.ts) reads the session, the person and the roles in one prepared statement.
 */
export const activeRolesColumn = sql<unknown>`coalesce((select json_agg(json_build_object('assignmentId', ra.id, 'role', ra.role, 'unitId', u.id,
    'unitName', u.name, 'unitType', u.type, 'unitPath', u.path, 'parentPath', p.path, 'startPage', ra.start_page,
    'holdsHotline', ${hotlineWithin(scopePathSql(sql`u.type`, sql`u.path`, sql`p.path`))}) order by u.depth, u.name)
  from ${roleAssignments} ra join ${units} u on u.id = ra.unit_id left join ${units} p on p.id = u.parent_id
  where ra.user_id = ${users.id} and u.active), '[]'::json)`;

/** The person's roles at active units, with each unit's path and its parent's (what the role reaches). */
export async function activeRolesOf(db: Executor, userId: string): Promise<ActiveRole[]> {
  return db
    .select({
      assignmentId: roleAssignments.id,
      role: roleAssignments.role,
      unitId: units.id,
      unitName: units.name,
      unitType: units.type,
      unitPath: units.path,
      parentPath: parentUnits.path,
      startPage: roleAssignments.startPage,
      holdsHotline: sql<boolean>`${hotlineWithin(scopePathSql(units.type, units.path, parentUnits.path))}`,
    })
    .from(roleAssignments)
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .leftJoin(parentUnits, eq(parentUnits.id, units.parentId))
    .where(and(eq(roleAssignments.userId, userId), eq(units.active, true)))
    .orderBy(asc(units.depth), asc(units.name));
}

/** The person's own start page in one of their roles (null: the role's). Returns whether the role was theirs. */
export async function setStartPage(db: Executor, userId: string, assignmentId: string, startPage: string | null): Promise<boolean> {
  const rows = await db
    .update(roleAssignments)
    .set({ startPage })
    .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
    .returning({ id: roleAssignments.id });
  return rows.length > 0;
}

/** The person signing in by this (lower-cased) user name. */
export async function findPersonByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.username}) = ${username}`, eq(users.kind, 'person')));
  return user;
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** The person's own new password: no longer a one-time one. */
export async function setOwnPassword(tx: Executor, id: string, passwordHash: string, now: Date): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

/** The active people's ids, as a subquery another capability's statement filters by (who is still to be told). */
export const activeUserIds = (): SQL => sql`(select ${users.id} from ${users} where ${users.active})`;

/** Whether the person is an active leader at the unit. */
export async function isActiveLeaderAt(db: Executor, userId: string, unitId: string): Promise<boolean> {
  const [leader] = await db
    .select({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.unitId, unitId), eq(roleAssignments.role, 'leader'), eq(users.active, true)));
  return !!leader;
}

/** Of these people, the active persons whose unit lies under `path`. */
export async function activePersonsUnder(db: Executor, ids: string[], path: string): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(inArray(users.id, ids), eq(users.active, true), eq(users.kind, 'person'), sql`${units.path} like ${path + '%'}`));
  return rows.map((r) => r.id);
}

/** The phone numbers of these people, active ones with a number only (urgent notices by SMS). */
export async function activePhonesOf(db: Executor, ids: string[]): Promise<{ id: string; phone: string | null }[]> {
  return db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(and(inArray(users.id, ids), isNotNull(users.phone), eq(users.active, true)));
}

/** Gives the role at the unit unless the person holds it there already; true when it was given. */
export async function grantIfAbsent(tx: Executor, userId: string, role: Role, unitId: string, at: Date): Promise<boolean> {
  const granted = await tx.insert(roleAssignments).values({ userId, role, unitId, createdAt: at }).onConflictDoNothing().returning({ id: roleAssignments.id });
  return granted.length > 0;
}
