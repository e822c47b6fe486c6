import { isUniqueViolation } from '../platform/db/unique-violation.js';
import { recordAudit } from '../audit/audit.repo.js';
import { pathInScope, scopeUnitIdOf } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { hashPassword, randomPassword } from '../auth/password.js';
import { checkPasswordFor, rememberPassword } from '../auth/password-history.js';
import { noMergedDuties, type MergedDuties } from '../auth/duties.js';
import type { Role } from '../auth/roles.js';
import type { ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion, type FieldError } from '../platform/errors/app-error.js';
import { maskIdNumber, maskPhone } from '../platform/privacy/mask.js';
import { requireBornByToday } from '../platform/validation/id-number.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import {
  changedFields,
  checkDutyChange,
  checkRoleSet,
  checkSelfChange,
  dedupeGrants,
  grantKey,
  lockoutLifters,
  mayLiftLockouts,
  type AccountKind,
  type RoleGrant,
  type RuleProblem,
} from './domain/role-rules.js';
import * as authRepo from '../auth/auth.repo.js';
import { lockoutOf, lockoutWindowStart, type Lockout, type LockoutRule } from '../auth/domain/lockout.js';
import { groupBy } from '../platform/collections/group-by.js';
import * as repo from './users.repo.js';
import type { AssignmentRow, UnitRef, UserRow } from './users.repo.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, UserView } from './users.schemas.js';

/**
 * Roles that read the people of their scope. Accounts, roles and passwords are the security administrator's alone
 * (三员分立, auth/duties.ts): the system administrator reads people masked, the auditor reads only the audit log.
 */
const readerRoles: Role[] = ['security', 'administrator', 'leader', 'supervisor', 'dispatcher'];
/** The one role that manages accounts; it also sees their contact data unmasked. */
export const accountManager: Role = 'security';

export const userNotFound = () => notFound('USER_NOT_FOUND', '人员不存在或不在您的管辖范围内');
const duplicateUsername = () =>
  conflict('USER_DUPLICATE_USERNAME', '用户名已被使用（不区分大小写）', { fields: [{ field: 'body.username', message: '用户名已被使用' }] });
const ruleError = (p: RuleProblem) => invalid(p.code, p.message, [{ field: p.field, message: p.message }]);

/** The user within the actor's reach, or the 404 that hides whether it exists elsewhere. */
export async function requireUserInReach(db: Executor, actor: Actor, id: string) {
  const found = await repo.findUserInReach(db, actor, id);
  if (!found) throw userNotFound();
  return found;
}

/** Audit events belong to the target's home unit; an external platform's account is logged under the admin's scope. */
export function auditScopeFor(actor: Actor, home: Pick<UnitRef, 'id' | 'path'>) {
  return pathInScope(actor, home.path) ? { unitId: home.id, path: home.path } : { unitId: scopeUnitIdOf(actor), path: actor.scopePath };
}

/**
 * `lockout`: the one in force (or null) for a viewer who may lift it; undefined for any other viewer, who gets the
 * person without the field (an absent lockout is "not shown", never "not locked").
 */
function toView(
  user: UserRow,
  home: Pick<UnitRef, 'id' | 'name'>,
  assignments: AssignmentRow[],
  unmasked: boolean,
  lockout: Lockout | null | undefined,
): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind as AccountKind,
    phone: unmasked ? user.phone : maskPhone(user.phone),
    idNumber: unmasked ? user.idNumber : maskIdNumber(user.idNumber),
    email: user.email,
    masked: !unmasked,
    unit: { id: home.id, name: home.name },
    roles: assignments.map((a) => ({ assignmentId: a.id, role: a.role, unit: { id: a.unit.id, name: a.unit.name } })),
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    ...(lockout === undefined
      ? {}
      : { lockout: lockout && { until: lockout.until.toISOString(), addresses: lockout.addresses, newAddresses: lockout.newAddresses } }),
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an account; compared unmasked, stored masked. */
function snapshot(user: Pick<UserRow, 'username' | 'displayName' | 'kind' | 'phone' | 'idNumber' | 'email' | 'unitId' | 'active'>, grants: RoleGrant[]) {
  return {
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    phone: user.phone,
    idNumber: user.idNumber,
    email: user.email,
    unitId: user.unitId,
    active: user.active,
    roles: grants.map((g) => ({ role: g.role, unitId: g.unitId })).sort((a, b) => grantKey(a).localeCompare(grantKey(b))),
  };
}
type Snapshot = ReturnType<typeof snapshot>;
const maskSnapshot = (s: Partial<Snapshot>) => ({
  ...s,
  ...('phone' in s ? { phone: maskPhone(s.phone) } : {}),
  ...('idNumber' in s ? { idNumber: maskIdNumber(s.idNumber) } : {}),
});

const grantsOf = (assignments: AssignmentRow[]): RoleGrant[] => assignments.map((a) => ({ role: a.role, unitId: a.unit.id }));

const encodeCursor = (lowerName: string) => Buffer.from(lowerName, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export function createUsersService(deps: {
  db: Db;
  clock: Clock;
  bus?: ChangeBus | undefined;
  mergedDuties?: MergedDuties;
  /** The installation's lockout rule (auth/domain/lockout.ts), to tell who is locked out now. */
  lockout: LockoutRule;
}) {
  const { db, clock } = deps;
  const merged = deps.mergedDuties ?? noMergedDuties;

  /** Each person's lockout now (persons only: an integration account signs in with a token, a login name never). */
  async function lockoutsOf(executor: Executor, people: Pick<UserRow, 'username' | 'kind'>[]): Promise<Map<string, Lockout>> {
    const now = clock.now();
    const names = [...new Set(people.filter((u) => u.kind === 'person').map((u) => u.username.toLowerCase()))];
    const failures = groupBy(await authRepo.failuresOfSince(executor, names, lockoutWindowStart(deps.lockout, now)), (f) => f.username);
    const out = new Map<string, Lockout>();
    for (const [name, rows] of failures) {
      const lockout = lockoutOf(rows, deps.lockout, now);
      if (lockout) out.set(name, lockout);
    }
    return out;
  }
  /** The person's lockout as `actor` is shown it (see toView): read only for one who may lift it. */
  const lockoutShownTo = async (executor: Executor, actor: Actor, user: UserRow) =>
    mayLiftLockouts(actor.role) ? ((await lockoutsOf(executor, [user])).get(user.username.toLowerCase()) ?? null) : undefined;

  /**
   * After a committed change of a person (sessions revoked, password reset, deactivated, roles or name changed): every
   * instance drops its cached sessions of them (auth/session-cache.ts), this one before the call returns.
   */
  const sessionsOfChanged = (userId: string) => deps.bus?.publish({ topic: 'sessions.changed', userIds: [userId] });

  /** Units an administrator names must exist, be active and lie within their reach; every bad one is named. */
  async function requireUnitsInReach(tx: Executor, actor: Actor, refs: { id: string; field: string }[]): Promise<Map<string, UnitRef>> {
    const found = new Map((await repo.findUnits(tx, [...new Set(refs.map((r) => r.id))])).map((u) => [u.id, u]));
    const fields: FieldError[] = refs
      .filter((r) => {
        const unit = found.get(r.id);
        return !unit || !unit.active || !repo.unitInReach(actor, unit);
      })
      .map((r) => ({ field: r.field, message: '单位不存在、已撤销或不在您的管辖范围内' }));
    if (fields.length) throw invalid('USER_UNIT_UNKNOWN', '单位不存在、已撤销或不在您的管辖范围内', fields);
    return found;
  }

  async function viewsOf(executor: Executor, rows: { user: UserRow; home: UnitRef }[], actor: Actor): Promise<UserView[]> {
    const assignments = await repo.assignmentsOf(
      executor,
      rows.map((r) => r.user.id),
    );
    const unmasked = actor.role === accountManager;
    // Failed logins are read only for a viewer who may lift a lockout; every other reader gets people without one.
    const lockouts = mayLiftLockouts(actor.role)
      ? await lockoutsOf(
          executor,
          rows.map((r) => r.user),
        )
      : null;
    return rows.map((r) =>
      toView(
        r.user,
        r.home,
        assignments.filter((a) => a.userId === r.user.id),
        unmasked,
        lockouts ? (lockouts.get(r.user.username.toLowerCase()) ?? null) : undefined,
      ),
    );
  }

  async function list(actor: Actor, q: ListUsersQuery) {
    requireRole(actor, ...readerRoles);
    let underPath: string | undefined;
    if (q.unitId) {
      const [unit] = await repo.findUnits(db, [q.unitId]);
      if (!unit || !repo.unitInReach(actor, unit)) throw notFound('USER_UNIT_NOT_FOUND', '单位不存在或不在您的管辖范围内');
      underPath = unit.path;
    }
    const rows = await repo.listUsersInReach(db, actor, {
      q: q.q || undefined,
      underPath,
      role: q.role,
      active: q.active,
      afterUsername: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: await viewsOf(db, page, actor), nextCursor: rows.length > q.limit && last ? encodeCursor(last.user.username.toLowerCase()) : null };
  }

  async function get(actor: Actor, id: string) {
    requireRole(actor, ...readerRoles);
    const [view] = await viewsOf(db, [await requireUserInReach(db, actor, id)], actor);
    return view!;
  }

  async function create(actor: Actor, input: CreateUserInput) {
    requireRole(actor, accountManager);
    requireBornByToday([{ field: 'body.idNumber', idNumber: input.idNumber }], localDateOf(clock.now()));
    const grants = dedupeGrants(input.roles);
    const problem = checkRoleSet(input.kind, grants, merged) ?? checkDutyChange([], { roles: grants }, merged);
    if (problem) throw ruleError(problem);
    if (input.kind === 'integration' && input.password !== undefined) {
      throw invalid('USER_INTEGRATION_PASSWORD', '接口账号没有密码，请为其签发接口令牌', [{ field: 'body.password', message: '接口账号不设密码' }]);
    }
    const unitsById = await requireUnitsInReach(db, actor, [
      { id: input.unitId, field: 'body.unitId' },
      ...input.roles.map((g, i) => ({ id: g.unitId, field: `body.roles.${i}.unitId` })),
    ]);
    if (await repo.usernameTaken(db, input.username)) throw duplicateUsername();
    if (input.password !== undefined) await checkPasswordFor(db, { username: input.username }, input.password, 'body.password');
    const password = input.kind === 'integration' ? null : (input.password ?? randomPassword());
    const passwordHash = password ? await hashPassword(password) : null;
    const now = clock.now();
    const home = unitsById.get(input.unitId)!;
    try {
      const view = await db.transaction(async (tx) => {
        const user = await repo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          kind: input.kind,
          phone: input.phone ?? null,
          idNumber: input.idNumber ?? null,
          email: input.email ?? null,
          unitId: input.unitId,
          passwordHash,
          // Whoever set the password (or read the random one) knows it: the person must replace it at once.
          mustChangePassword: password !== null,
          passwordChangedAt: password ? now : null,
          createdAt: now,
          updatedAt: now,
        });
        await repo.insertAssignments(tx, user.id, grants, now);
        if (passwordHash) await rememberPassword(tx, user.id, passwordHash, now);
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'create_user',
          targetType: 'user',
          targetId: user.id,
          scope: auditScopeFor(actor, home),
          after: maskSnapshot(snapshot(user, grants)),
        });
        return toView(user, home, await repo.assignmentsOf(tx, [user.id]), true, await lockoutShownTo(tx, actor, user));
      });
      return { user: view, password: input.password === undefined ? password : null };
    } catch (err) {
      if (isUniqueViolation(err, 'users_username_uq')) throw duplicateUsername();
      throw err;
    }
  }

  async function update(actor: Actor, id: string, input: UpdateUserInput) {
    requireRole(actor, accountManager);
    const found = await requireUserInReach(db, actor, id);
    const { version, roles: requestedRoles, ...fields } = input;
    const grants = requestedRoles ? dedupeGrants(requestedRoles) : undefined;
    const now = clock.now();
    requireBornByToday([{ field: 'body.idNumber', idNumber: fields.idNumber }], localDateOf(now));
    let changed = false;
    const view = await db.transaction(async (tx) => {
      const user = await repo.lockUser(tx, id);
      if (!user) throw userNotFound();
      if (user.version !== version) throw staleVersion('人员信息');
      const current = await repo.assignmentsOf(tx, [id]);
      if (id === actor.userId) {
        const problem = checkSelfChange({ role: actor.role, unitId: actor.unitId }, { active: fields.active, roles: requestedRoles }, grantsOf(current));
        if (problem) throw ruleError(problem);
      }
      // After the self check: granting oneself a second duty is first of all a self-grant.
      if (grants) {
        const problem = checkRoleSet(found.user.kind as AccountKind, grants, merged);
        if (problem) throw ruleError(problem);
      }
      const duty = checkDutyChange(
        grantsOf(current),
        {
          roles: grants,
          active: fields.active !== undefined && fields.active !== user.active ? fields.active : undefined,
        },
        merged,
      );
      if (duty) throw ruleError(duty);
      const currentKeys = new Set(current.map((a) => grantKey({ role: a.role, unitId: a.unit.id })));
      const nextKeys = new Set((grants ?? []).map(grantKey));
      const removed = grants ? current.filter((a) => !nextKeys.has(grantKey({ role: a.role, unitId: a.unit.id }))) : [];
      const added = (grants ?? []).filter((g) => !currentKeys.has(grantKey(g)));

      // Only what changes must be within reach: a role someone else granted above this administrator may stay.
      const refs = (requestedRoles ?? []).flatMap((g, i) => (currentKeys.has(grantKey(g)) ? [] : [{ id: g.unitId, field: `body.roles.${i}.unitId` }]));
      if (fields.unitId && fields.unitId !== user.unitId) refs.unshift({ id: fields.unitId, field: 'body.unitId' });
      const unitsById = await requireUnitsInReach(tx, actor, refs);
      if (removed.some((a) => !repo.unitInReach(actor, a.unit))) {
        throw invalid('USER_ROLE_OUT_OF_SCOPE', '不能移除您管辖范围以外单位的角色', [{ field: 'body.roles', message: '包含您无权移除的角色' }]);
      }
      if (
        (
          await authRepo.assignmentsWithTokens(
            tx,
            removed.map((a) => a.id),
          )
        ).length
      ) {
        throw conflict('USER_ROLE_HAS_TOKENS', '该角色已签发接口令牌，不能移除；如需更换单位，请新建接口账号');
      }

      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<UserRow>;
      const before = snapshot(user, grantsOf(current));
      const diff = changedFields(before, snapshot({ ...user, ...patch }, grants ?? grantsOf(current)));
      const home = (patch.unitId && unitsById.get(patch.unitId)) || found.home;
      if (!Object.keys(diff.after).length) return toView(user, home, current, true, await lockoutShownTo(tx, actor, user));

      const row = await repo.updateUserRow(tx, id, { ...patch, updatedAt: now });
      changed = true;
      // Sessions acting in a removed role fall back to the person's first remaining role (see actorFromSession).
      await authRepo.detachSessionsFrom(
        tx,
        removed.map((a) => a.id),
      );
      await repo.deleteAssignments(
        tx,
        removed.map((a) => a.id),
      );
      await repo.insertAssignments(tx, id, added, now);
      let detail: string | undefined;
      if (patch.active === false && user.active) {
        // A deactivated account must stop working now, not when its sessions happen to expire.
        const sessions = await authRepo.revokeSessionsOf(tx, id, now);
        const tokens = await authRepo.revokeTokensOf(tx, id, now);
        detail = `revoked ${sessions} session(s), ${tokens} token(s)`;
      }
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'update_user',
        targetType: 'user',
        targetId: id,
        scope: auditScopeFor(actor, home),
        before: maskSnapshot(diff.before),
        after: maskSnapshot(diff.after),
        ...(detail ? { detail } : {}),
      });
      return toView(row, home, await repo.assignmentsOf(tx, [id]), true, await lockoutShownTo(tx, actor, row));
    });
    if (changed) await sessionsOfChanged(id);
    return view;
  }

  async function resetPassword(actor: Actor, id: string, input: { password?: string | undefined }) {
    requireRole(actor, accountManager);
    const { user, home } = await requireUserInReach(db, actor, id);
    if (user.kind === 'integration') {
      throw invalid('USER_INTEGRATION_PASSWORD', '接口账号没有密码，请为其签发接口令牌', [{ field: 'body.password', message: '接口账号不设密码' }]);
    }
    if (id === actor.userId) throw invalid('USER_SELF_RESET', '请通过“修改密码”更改本人密码');
    const duty = checkDutyChange(grantsOf(await repo.assignmentsOf(db, [id])), { password: true }, merged);
    if (duty) throw ruleError(duty);
    if (input.password !== undefined) await checkPasswordFor(db, user, input.password, 'body.password');
    const password = input.password ?? randomPassword();
    const passwordHash = await hashPassword(password);
    const now = clock.now();
    await db.transaction(async (tx) => {
      await repo.updateUserRow(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now });
      await rememberPassword(tx, id, passwordHash, now);
      const sessions = await authRepo.revokeSessionsOf(tx, id, now);
      await authRepo.clearLoginFailures(tx, user.username);
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'reset_password',
        targetType: 'user',
        targetId: id,
        scope: auditScopeFor(actor, home),
        before: { mustChangePassword: user.mustChangePassword },
        after: { mustChangePassword: true },
        detail: `${input.password === undefined ? 'generated' : 'set by administrator'}; revoked ${sessions} session(s)`,
      });
    });
    await sessionsOfChanged(id);
    return { password: input.password === undefined ? password : null, mustChangePassword: true };
  }

  /** Lifts a lockout (every address's failed attempts for the account) without touching the password. */
  async function unlock(actor: Actor, id: string) {
    // The same rule as who is shown a lockout (viewsOf).
    requireRole(actor, ...lockoutLifters);
    const { user, home } = await requireUserInReach(db, actor, id);
    if (id === actor.userId) throw invalid('USER_SELF_UNLOCK', '不能为自己解除锁定：须由另一位安全管理员操作');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const cleared = await authRepo.clearLoginFailures(tx, user.username);
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'unlock_user',
        targetType: 'user',
        targetId: id,
        scope: auditScopeFor(actor, home),
        detail: `cleared ${cleared} failed attempt(s)`,
      });
      return { clearedAttempts: cleared };
    });
  }

  return { list, get, create, update, resetPassword, unlock };
}

export type UsersService = ReturnType<typeof createUsersService>;
