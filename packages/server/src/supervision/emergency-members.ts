import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pathInScope, withinScope } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from '../users/users.tables.js';
import { emergencyMembers, unitPrincipalLeaders } from './supervision.tables.js';

/**
 * The emergency mechanism's members (应急机制成员, Shaanxi's "1 organisation"): at each unit, the people told at once
 * when an emergency order reaches that unit or the level below it, besides its leaders. Configured per unit by its
 * administrator or leader; the supervision scan reads them (`membersOf`).
 */
export async function membersOf(db: Executor, unitIds: string[]): Promise<{ unitId: string; userId: string }[]> {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: emergencyMembers.unitId, userId: emergencyMembers.userId })
    .from(emergencyMembers)
    .innerJoin(users, and(eq(users.id, emergencyMembers.userId), eq(users.active, true)))
    .where(inArray(emergencyMembers.unitId, unitIds));
}

export function createEmergencyMembersService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function list(actor: Actor) {
    requireRole(actor, 'administrator', 'leader', 'supervisor', 'dispatcher');
    const rows = await db
      .select({ unitId: units.id, unitName: units.name, path: units.path, userId: users.id, name: users.displayName, duty: emergencyMembers.duty })
      .from(emergencyMembers)
      .innerJoin(units, eq(units.id, emergencyMembers.unitId))
      .innerJoin(users, eq(users.id, emergencyMembers.userId))
      .where(withinScope(actor, units.path))
      .orderBy(asc(units.path), asc(users.displayName));
    const principals = await db
      .select({ unitId: units.id, unitName: units.name, path: units.path, userId: users.id, name: users.displayName })
      .from(unitPrincipalLeaders)
      .innerJoin(units, eq(units.id, unitPrincipalLeaders.unitId))
      .innerJoin(users, eq(users.id, unitPrincipalLeaders.userId))
      .where(withinScope(actor, units.path));
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
    const [unit] = await db.select().from(units).where(eq(units.id, unitId));
    if (!unit || !pathInScope(actor, unit.path)) throw notFound('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
    if (userId === null) {
      await db.delete(unitPrincipalLeaders).where(eq(unitPrincipalLeaders.unitId, unitId));
      return list(actor);
    }
    const [leader] = await db
      .select({ id: users.id })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.unitId, unitId), eq(roleAssignments.role, 'leader'), eq(users.active, true)));
    if (!leader) {
      throw invalid('PRINCIPAL_LEADER_INVALID', '主要领导应为本单位在用的领导', [{ field: 'body.userId', message: '该人员不是本单位的领导或已停用' }]);
    }
    const now = clock.now();
    await db
      .insert(unitPrincipalLeaders)
      .values({ unitId, userId, setByName: actor.displayName, setAt: now })
      .onConflictDoUpdate({ target: unitPrincipalLeaders.unitId, set: { userId, setByName: actor.displayName, setAt: now } });
    return list(actor);
  }

  /** Replaces a unit's members; each must be an active person of the unit's subtree. */
  async function set(actor: Actor, unitId: string, members: { userId: string; duty: string }[]) {
    requireRole(actor, 'administrator', 'leader');
    const [unit] = await db.select().from(units).where(eq(units.id, unitId));
    if (!unit || !pathInScope(actor, unit.path)) throw notFound('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
    const ids = [...new Set(members.map((m) => m.userId))];
    if (ids.length !== members.length) throw invalid('EMERGENCY_MEMBER_DUPLICATE', '成员重复', [{ field: 'body.members', message: '同一人只能列一次' }]);
    const found = ids.length
      ? await db
          .select({ id: users.id })
          .from(users)
          .innerJoin(units, eq(units.id, users.unitId))
          .where(and(inArray(users.id, ids), eq(users.active, true), eq(users.kind, 'person'), sql`${units.path} like ${unit.path + '%'}`))
      : [];
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) {
      throw invalid('EMERGENCY_MEMBER_INVALID', '成员应为本单位或下级单位的在用人员', [
        { field: `body.members.${members.findIndex((m) => m.userId === missing[0])}.userId`, message: '该人员不存在、已停用或不属于本单位' },
      ]);
    }
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx.delete(emergencyMembers).where(eq(emergencyMembers.unitId, unitId));
      if (members.length) await tx.insert(emergencyMembers).values(members.map((m) => ({ unitId, userId: m.userId, duty: m.duty, createdAt: now })));
    });
    return list(actor);
  }

  return { list, set, setPrincipal };
}

export type EmergencyMembersService = ReturnType<typeof createEmergencyMembersService>;

const membersView = z.object({
  units: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), name: z.string() }),
      principal: z.object({ userId: z.uuid(), name: z.string() }).nullable().describe('主要领导 / the unit’s principal leader'),
      members: z.array(z.object({ userId: z.uuid(), name: z.string(), duty: z.string() })),
    }),
  ),
});

export const emergencyMembersRoutes: FastifyPluginAsyncZod<{ members: EmergencyMembersService }> = async (app, { members }) => {
  app.get(
    '/supervision/emergency-members',
    {
      schema: {
        operationId: 'listEmergencyMembers',
        tags: ['supervision'],
        ...describe('应急机制成员（辖区内各单位）', "The emergency mechanism's members at each unit within reach."),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.list(actorOf(req)),
  );

  app.put(
    '/supervision/emergency-members/:id',
    {
      schema: {
        operationId: 'setEmergencyMembers',
        tags: ['supervision'],
        ...describe(
          '设置单位的应急机制成员（管理员、领导）：应急工单到达本单位或下级单位时立即通知',
          "Set a unit's emergency mechanism members (administrator, leader): told at once when an emergency order reaches the unit or the level below.",
        ),
        params: idParam,
        body: z
          .object({
            members: z
              .array(
                z
                  .object({
                    userId: z.uuid({ error: '人员编号格式不正确' }),
                    duty: z.string({ error: '请填写职责' }).trim().min(1, { error: '请填写职责' }).max(50, { error: '职责不能超过 50 个字符' }),
                  })
                  .strict(),
              )
              .max(50, { error: '成员最多 50 人' }),
          })
          .strict(),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.set(actorOf(req), req.params.id, req.body.members),
  );

  app.put(
    '/supervision/principal-leaders/:id',
    {
      schema: {
        operationId: 'setPrincipalLeader',
        tags: ['supervision'],
        ...describe(
          '指定单位的主要领导（管理员、领导）：省总交办的工单须经承办单位主要领导批示后方可办结反馈；userId 为 null 时取消指定',
          "Designate a unit's principal leader (administrator, leader): a province-dispatched order waits for their instruction before reply; null clears it.",
        ),
        params: idParam,
        body: z.object({ userId: z.uuid({ error: '人员编号格式不正确' }).nullable() }).strict(),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.setPrincipal(actorOf(req), req.params.id, req.body.userId),
  );
};
