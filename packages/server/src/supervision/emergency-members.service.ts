import { sql } from 'drizzle-orm';
import { pathInScope } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import { findUnitsByIds, unitIdsInScope } from '../units/units.repo.js';
import { userNames } from '../users/user-names.js';
import { activePersonsUnder, activeUserIds, isActiveLeaderAt } from '../users/users.repo.js';
import * as repo from './emergency-members.repo.js';

/**
 * The emergency mechanism's members (应急机制成员, Shaanxi's "1 organisation"): at each unit, the people told at once
 * when an emergency order reaches that unit or the level below it, besides its leaders. Configured per unit by its
 * administrator or leader; the supervision scan reads them (`membersOf`).
 */
export async function membersOf(db: Executor, unitIds: string[]): Promise<{ unitId: string; userId: string }[]> {
  if (!unitIds.length) return [];
  const rows = await repo.membersWhere(
    db,
    sql`(${sql.join(
      unitIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
    activeUserIds(),
  );
  return rows.map((r) => ({ unitId: r.unitId, userId: r.userId }));
}

export function createEmergencyMembersService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function list(actor: Actor) {
    requireRole(actor, 'administrator', 'leader', 'supervisor', 'dispatcher');
    // The tables of units and people are read through their owners: the names and paths in two more statements.
    const members = await repo.membersWhere(db, unitIdsInScope(actor));
    const principalRows = await repo.principalsWhere(db, unitIdsInScope(actor));
    const names = await userNames(
      db,
      [...members, ...principalRows].map((r) => r.userId),
    );
    const unitRows = new Map((await findUnitsByIds(db, [...new Set([...members, ...principalRows].map((r) => r.unitId))])).map((u) => [u.id, u]));
    const withNames = <R extends { unitId: string; userId: string }>(r: R) => {
      const u = unitRows.get(r.unitId)!;
      return { ...r, unitName: u.name, path: u.path, name: names.get(r.userId) ?? '' };
    };
    const rows = members.map(withNames).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name.localeCompare(b.name, 'zh-CN')));
    const principals = principalRows.map(withNames);
    type Group = {
      unit: { id: string; name: string };
      path: string;
      principal: { userId: string; name: string } | null;
      members: { userId: string; name: string; duty: string }[];
    };
    const byUnit = new Map<string, Group>();
    const group = (r: { unitId: string; unitName: string; path: string }) => {
      const g = byUnit.get(r.unitId) ?? { unit: { id: r.unitId, name: r.unitName }, path: r.path, principal: null, members: [] };
      byUnit.set(r.unitId, g);
      return g;
    };
    for (const r of rows) group(r).members.push({ userId: r.userId, name: r.name, duty: r.duty });
    for (const p of principals) group(p).principal = { userId: p.userId, name: p.name };
    return { units: [...byUnit.values()].sort((a, b) => a.path.localeCompare(b.path)).map(({ path: _path, ...g }) => g) };
  }

  /**
   * 主要领导: designates (or clears, with null) the unit's principal leader, who must hold the leader role at the unit.
   * From then on only their instruction releases a province-dispatched order held there for reply (Shaanxi's rule).
   */
  async function setPrincipal(actor: Actor, unitId: string, userId: string | null) {
    requireRole(actor, 'administrator', 'leader');
    const [unit] = await findUnitsByIds(db, [unitId]);
    if (!unit || !pathInScope(actor, unit.path)) throw notFound('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
    if (userId === null) {
      await repo.clearPrincipal(db, unitId);
      return list(actor);
    }
    if (!(await isActiveLeaderAt(db, userId, unitId))) {
      throw invalid('PRINCIPAL_LEADER_INVALID', '主要领导应为本单位在用的领导', [{ field: 'body.userId', message: '该人员不是本单位的领导或已停用' }]);
    }
    const now = clock.now();
    await repo.setPrincipalLeader(db, unitId, userId, { name: actor.displayName, at: now });
    return list(actor);
  }

  /** Replaces a unit's members; each must be an active person of the unit's subtree. */
  async function set(actor: Actor, unitId: string, members: { userId: string; duty: string }[]) {
    requireRole(actor, 'administrator', 'leader');
    const [unit] = await findUnitsByIds(db, [unitId]);
    if (!unit || !pathInScope(actor, unit.path)) throw notFound('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
    const ids = [...new Set(members.map((m) => m.userId))];
    if (ids.length !== members.length) throw invalid('EMERGENCY_MEMBER_DUPLICATE', '成员重复', [{ field: 'body.members', message: '同一人只能列一次' }]);
    const found = await activePersonsUnder(db, ids, unit.path);
    const missing = ids.filter((id) => !found.includes(id));
    if (missing.length) {
      throw invalid('EMERGENCY_MEMBER_INVALID', '成员应为本单位或下级单位的在用人员', [
        { field: `body.members.${members.findIndex((m) => m.userId === missing[0])}.userId`, message: '该人员不存在、已停用或不属于本单位' },
      ]);
    }
    const now = clock.now();
    await db.transaction((tx) => repo.replaceMembers(tx, unitId, members, now));
    return list(actor);
  }

  return { list, set, setPrincipal };
}

export type EmergencyMembersService = ReturnType<typeof createEmergencyMembersService>;
