import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repo.js';
import { dutyRoles, type DutyRole, type MergedDuties } from '../auth/duties.js';
import { hashPassword, randomPassword } from '../auth/password.js';
import { rememberPassword } from '../auth/password-history.js';
import { roleNames } from '../auth/roles.js';
import type { BusMessage } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { findProvinceRoot } from '../units/province-root.js';
import { unitsByIdOrName } from '../units/units.repo.js';
import { checkRoleSet } from './domain/role-rules.js';
import * as authRepo from '../auth/auth.repo.js';
import * as repo from './users.repo.js';
import { roleAssignments, users } from './users.tables.js';

/**
 * The three duties (三员分立) are given, taken away, reset and switched on or off here, on the server's console, and
 * never through the API (users/domain/role-rules.ts `checkDutyChange` says why). Whoever runs this operates the
 * server itself; each change is written to the audit log as `console:<operator>` so the auditor sees it like any other.
 */
export type ConsoleContext = {
  db: Db;
  clock: Clock;
  province: string;
  merged: MergedDuties;
  operator: string;
  /** Tells the running servers of a committed change (their cached sessions of the person: auth/session-cache.ts). */
  announce?: (message: BusMessage) => Promise<void>;
};

/** After a committed change of the person's duties, password or account: the servers read their sessions again. */
const sessionsOfChanged = (ctx: ConsoleContext, userId: string) => ctx.announce?.({ topic: 'sessions.changed', userIds: [userId] });

export class ConsoleError extends Error {}

export type DutyHolder = { username: string; displayName: string; role: DutyRole; unit: string; active: boolean };

export async function listDutyHolders(db: Db): Promise<DutyHolder[]> {
  const rows = await db
    .select({ username: users.username, displayName: users.displayName, active: users.active, role: roleAssignments.role, unitId: roleAssignments.unitId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(inArray(roleAssignments.role, [...dutyRoles]));
  const unitsById = new Map((await repo.findUnits(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u.name]));
  return rows
    .map((r) => ({ username: r.username, displayName: r.displayName, role: r.role as DutyRole, unit: unitsById.get(r.unitId) ?? r.unitId, active: r.active }))
    .sort((a, b) => dutyRoles.indexOf(a.role) - dutyRoles.indexOf(b.role) || a.username.localeCompare(b.username));
}

/**
 * Gives a person one of the three duties, at the province root unless a unit is named (a county's own auditor reads
 * only the county's log): `unit` is a unit's id or its exact name.
 */
export async function grantDuty(ctx: ConsoleContext, username: string, role: DutyRole, unit?: string): Promise<void> {
  const { user, root, held } = await personWithRoles(ctx, username);
  const at = unit ? await findUnit(ctx.db, unit) : root;
  if (held.some((g) => g.role === role && g.unitId === at.id)) throw new ConsoleError(`${username} 已在${at.name}担任${roleNames[role].zh}`);
  const problem = checkRoleSet('person', [...held, { role, unitId: at.id }], ctx.merged);
  if (problem) throw new ConsoleError(problem.message);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.insertAssignments(tx, user.id, [{ role, unitId: at.id }], now);
    await audit(tx, ctx, now, 'grant_duty', user.id, at, `granted ${role} at ${at.name}`);
  });
  await sessionsOfChanged(ctx, user.id);
}

async function findUnit(db: Db, idOrName: string) {
  const found = await unitsByIdOrName(db, idOrName);
  if (found.length !== 1) throw new ConsoleError(found.length ? `有多个名为“${idOrName}”的单位，请给出单位编号（id）` : `没有单位“${idOrName}”`);
  return found[0]!;
}

/** Takes a duty away; the last active holder of a duty keeps it, or nobody could do that duty any more. */
export async function revokeDuty(ctx: ConsoleContext, username: string, role: DutyRole): Promise<void> {
  const { user, root, held } = await personWithRoles(ctx, username);
  const mine = held.filter((g) => g.role === role);
  if (!mine.length) throw new ConsoleError(`${username} 未担任${roleNames[role].zh}`);
  const others = (await listDutyHolders(ctx.db)).filter((h) => h.role === role && h.active && h.username !== user.username);
  if (!others.length) throw new ConsoleError(`${username} 是唯一在用的${roleNames[role].zh}，请先为另一人授予该职责`);
  const assignments = (await repo.assignmentsOf(ctx.db, [user.id])).filter((a) => a.role === role);
  if (
    (
      await authRepo.assignmentsWithTokens(
        ctx.db,
        assignments.map((a) => a.id),
      )
    ).length
  ) {
    throw new ConsoleError('该角色已签发接口令牌，不能收回');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const ids = assignments.map((a) => a.id);
    await authRepo.detachSessionsFrom(tx, ids);
    await repo.deleteAssignments(tx, ids);
    // Whatever they opened while holding the duty ends with it.
    const sessions = await authRepo.revokeSessionsOf(tx, user.id, now);
    await audit(tx, ctx, now, 'revoke_duty', user.id, root, `revoked ${role}; ended ${sessions} session(s)`);
  });
  await sessionsOfChanged(ctx, user.id);
}

/** A new random password for an account holding a duty; shown once, to be changed at the next sign-in. */
export async function resetDutyPassword(ctx: ConsoleContext, username: string): Promise<string> {
  const { user, root, held } = await personWithRoles(ctx, username);
  if (!held.some((g) => (dutyRoles as readonly string[]).includes(g.role))) {
    throw new ConsoleError(`${username} 不担任三员职责：其密码由安全管理员在“人员”中重置`);
  }
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserRow(tx, user.id, { passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now });
    await rememberPassword(tx, user.id, passwordHash, now);
    const sessions = await authRepo.revokeSessionsOf(tx, user.id, now);
    await authRepo.clearLoginFailures(tx, user.username);
    await audit(tx, ctx, now, 'reset_password', user.id, root, `generated on the console; revoked ${sessions} session(s)`);
  });
  await sessionsOfChanged(ctx, user.id);
  return password;
}

/** Switches a duty account off (sessions and tokens end now) or on again. */
export async function setDutyAccountActive(ctx: ConsoleContext, username: string, active: boolean): Promise<void> {
  const { user, root, held } = await personWithRoles(ctx, username);
  const duties = held.filter((g) => (dutyRoles as readonly string[]).includes(g.role));
  if (!duties.length) throw new ConsoleError(`${username} 不担任三员职责：由安全管理员在“人员”中停用或启用`);
  if (user.active === active) return;
  if (!active) {
    const holders = await listDutyHolders(ctx.db);
    const alone = duties.find((d) => !holders.some((h) => h.role === d.role && h.active && h.username !== user.username));
    if (alone) throw new ConsoleError(`${username} 是唯一在用的${roleNames[alone.role].zh}，请先为另一人授予该职责`);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserRow(tx, user.id, { active, updatedAt: now });
    let detail = active ? 'reactivated on the console' : 'deactivated on the console';
    if (!active) {
      const sessions = await authRepo.revokeSessionsOf(tx, user.id, now);
      const tokens = await authRepo.revokeTokensOf(tx, user.id, now);
      detail += `; revoked ${sessions} session(s), ${tokens} token(s)`;
    }
    await audit(tx, ctx, now, active ? 'activate_user' : 'deactivate_user', user.id, root, detail);
  });
  await sessionsOfChanged(ctx, user.id);
}

async function personWithRoles(ctx: ConsoleContext, username: string) {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.username, username), eq(users.kind, 'person')))
    .limit(1);
  if (!user) throw new ConsoleError(`没有名为 ${username} 的人员账号`);
  const root = await findProvinceRoot(ctx.db, ctx.province);
  if (!root) throw new ConsoleError('尚未安装：没有省级总工会单位');
  const held = (await repo.assignmentsOf(ctx.db, [user.id])).map((a) => ({ role: a.role, unitId: a.unit.id }));
  return { user, root, held };
}

function audit(
  tx: Parameters<typeof recordAudit>[0],
  ctx: ConsoleContext,
  at: Date,
  action: string,
  userId: string,
  scope: { id: string; path: string },
  detail: string,
) {
  return recordAudit(tx, {
    at,
    actor: null,
    anonymous: { username: `console:${ctx.operator}`, ip: null, userAgent: 'hotline duties console' },
    action,
    targetType: 'user',
    targetId: userId,
    scope: { unitId: scope.id, path: scope.path },
    detail,
  });
}
