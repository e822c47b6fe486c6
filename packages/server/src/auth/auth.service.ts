import { recordAudit } from '../audit/audit.repo.js';
import { scopePathOf } from '../access/scope.js';
import { reachesWholeTree } from '../units/domain/province-root.js';
import type { ChangeBus } from '../platform/bus/index.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { AppError, invalid, notFound } from '../platform/errors/app-error.js';
import type { Clock } from '../platform/clock.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { createUnitDirectory, type UnitDirectoryCache } from '../units/unit-directory.js';
import { activeRolesOf, findPersonByUsername, findUser, setOwnPassword, setStartPage as writeStartPage, type ActiveRole } from '../users/users.repo.js';
import type { Actor } from './actor.js';
import * as repo from './auth.repo.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import { checkPasswordFor, rememberPassword } from './password-history.js';
import { addressLockedUntil, lockoutRuleOf, lockoutWindowStart, newAddressesLockedUntil } from './domain/lockout.js';
import { roles, type Role } from './roles.js';
import { createSessionCache, type CachedSession } from './session-cache.js';
import { newSecret, sha256 } from './tokens.js';

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** Roles are listed in this order, and the first one is active after login. */
const roleRank = (r: string) => roles.indexOf(r as Role);

/** The roles as users.repo lists them (rows, or the json column of the session lookup), with what each reaches. */
function assignmentsFrom(value: unknown) {
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as ActiveRole[];
  return rows
    .map((r) => {
      const scopePath = scopePathOf({ type: r.unitType, path: r.unitPath }, r.parentPath ? { path: r.parentPath } : null);
      return {
        assignmentId: r.assignmentId,
        role: r.role as Role,
        unit: { id: r.unitId, name: r.unitName, type: r.unitType },
        scopePath,
        // The screens ask for province-wide figures (the exchange, the whole tree) only when the answer can be yes.
        provinceWide: reachesWholeTree(scopePath),
        // The call records' menu shows only where the calls are (access/scope.ts hotlineWithin; the server asks again).
        holdsHotline: r.holdsHotline === true,
        startPage: r.startPage ?? null,
      };
    })
    .sort((a, b) => roleRank(a.role) - roleRank(b.role));
}

type Assignment = ReturnType<typeof assignmentsFrom>[number];

export function createAuthService(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  bus?: ChangeBus | undefined;
  /** The cached unit directory (the application's): what the session tells the screens of each role's reach. */
  units?: Pick<UnitDirectoryCache, 'current'> | undefined;
}) {
  const { db, config, clock, bus } = deps;
  const units = deps.units ?? createUnitDirectory({ db, clock, bus, province: config.province });
  /**
   * Signed-in requests' sessions, per process (session-cache.ts: 30 s at most without hearing of a change). Only with
   * a bus: without one, nothing would tell it of a revocation written elsewhere in the process, so every request reads.
   */
  const sessionCache = bus ? createSessionCache<Assignment>({ clock, bus }) : null;

  /**
   * After a commit that revokes sessions or changes what they resolve to: this process drops its copies before the
   * call returns, the other instances when the bus tells them.
   */
  async function sessionsChanged(m: { sessionIds?: string[]; userIds?: string[] }): Promise<void> {
    sessionCache?.drop(m);
    await bus?.publish({ topic: 'sessions.changed', ...m });
  }

  /** The person's roles at active units, with what each reaches. */
  async function assignmentsOf(userId: string) {
    return assignmentsFrom(await activeRolesOf(db, userId));
  }

  /** A one-time password, or one older than HOTLINE_PASSWORD_MAX_AGE_DAYS (等保: passwords are changed periodically). */
  function passwordChangeRequired(u: { mustChangePassword: boolean; passwordChangedAt: Date | null; createdAt: Date; kind: string }, now: Date): boolean {
    if (u.kind !== 'person') return false;
    if (u.mustChangePassword) return true;
    if (!config.passwordMaxAgeDays) return false;
    const since = (u.passwordChangedAt ?? u.createdAt).getTime();
    return now.getTime() - since > config.passwordMaxAgeDays * 86_400_000;
  }

  /**
   * Counts the attempt before the password is checked, atomically (one advisory lock per user name), so that 150
   * simultaneous guesses check at most `lockoutAttempts` passwords. Failures are counted per account *and address*:
   * a stranger's guesses lock the stranger's address out, not the owner. Only when an account collects
   * `lockoutAccountAttempts` failures from all addresses together are addresses it never signed in from refused too.
   * The attempt is recorded as a failure up front and forgotten again if the password was right.
   */
  async function reserveAttempt(username: string, ip: string | null, now: Date): Promise<{ lockedUntil: Date } | { failureId: number }> {
    const rule = lockoutRuleOf(config);
    return db.transaction(async (tx) => {
      await repo.lockLoginName(tx, username);
      const rows = await repo.failuresSince(tx, username, lockoutWindowStart(rule, now));
      const here = addressLockedUntil(rows, ip, rule, now);
      if (here) return { lockedUntil: here };
      const everyNew = newAddressesLockedUntil(rows, rule, now);
      if (everyNew && !(await repo.knownAddress(tx, username, ip))) return { lockedUntil: everyNew };
      return { failureId: await repo.insertLoginFailure(tx, username, now, ip) };
    });
  }

  async function login(usernameRaw: string, password: string, meta: RequestMeta) {
    const now = clock.now();
    const username = usernameRaw.trim().toLowerCase();
    const attempt = await reserveAttempt(username, meta.ip, now);
    if ('lockedUntil' in attempt) {
      await recordAudit(db, { at: now, actor: null, anonymous: { username, ...meta }, action: 'login', outcome: 'failure', detail: 'locked' });
      const minutes = Math.max(1, Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 60_000));
      throw new AppError('locked', 'AUTH_LOCKED', `密码错误次数过多，已暂停从此处登录该账号，请 ${minutes} 分钟后再试`, { retryAfterSeconds: minutes * 60 });
    }
    const user = await findPersonByUsername(db, username);
    const ok = user?.passwordHash && user.active ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!user || !ok) {
      await db.transaction(async (tx) => {
        await recordAudit(tx, {
          at: now,
          actor: null,
          anonymous: { username, ...meta },
          action: 'login',
          outcome: 'failure',
          ...(user ? { targetType: 'user', targetId: user.id } : {}),
          detail: user && !user.active ? 'inactive' : 'bad_credentials',
        });
      });
      throw new AppError('unauthenticated', 'AUTH_INVALID_CREDENTIALS', '用户名或密码错误');
    }
    const assignments = await assignmentsOf(user.id);
    // A person with several roles comes back in the one they used last.
    const last = await repo.lastAssignmentOf(db, user.id);
    const first = assignments.find((a) => a.assignmentId === last) ?? assignments[0];
    if (!first) throw new AppError('forbidden', 'AUTH_NO_ROLE', '该账号尚未分配角色，请联系管理员');
    const token = newSecret('hs_');
    const session = await db.transaction(async (tx) => {
      // The right password forgets this address's failures (the reserved attempt among them), not a stranger's.
      await repo.forgetFailuresFrom(tx, username, meta.ip);
      const s = await repo.insertSession(tx, {
        tokenHash: sha256(token),
        userId: user.id,
        assignmentId: first.assignmentId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + config.sessionMaxHours * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      const unitPath = first.scopePath;
      await recordAudit(tx, {
        at: now,
        actor: { userId: user.id, username: user.username, role: first.role, unitId: first.unit.id, ...meta },
        action: 'login',
        targetType: 'user',
        targetId: user.id,
        scope: { unitId: user.unitId, path: unitPath },
      });
      return s;
    });
    return { token, sessionId: session.id, expiresAt: session.expiresAt };
  }

  /**
   * The session, its person and the person's roles in one prepared statement: every request of a signed-in person
   * runs it, so it is built once per process (and parsed once per connection) instead of twice per request.
   */
  const sessionLookup = repo.prepareSessionLookup(db);

  /** Neither past its end nor idle for longer than allowed, at `now`. */
  function sessionLive(s: { lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
    return s.expiresAt > now && s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000 > now.getTime();
  }

  /** The session lookup, from this process's cache when it is there (session-cache.ts), else from the database. */
  async function lookupSession(tokenHash: string, now: Date): Promise<CachedSession<Assignment> | null> {
    const cached = sessionCache?.get(tokenHash);
    // A copy that looks ended is read again: another instance may have kept it alive since (its lastSeenAt), and
    // the database decides whether it is closed.
    if (cached && sessionLive(cached.session, now)) return cached;
    if (cached) sessionCache!.delete(tokenHash);
    const generation = sessionCache?.generation() ?? 0;
    const [row] = await sessionLookup.execute({ tokenHash });
    if (!row?.u.active) return null;
    if (!sessionLive(row.s, now)) {
      await repo.setSession(db, row.s.id, { revokedAt: now });
      await sessionsChanged({ sessionIds: [row.s.id] });
      return null;
    }
    const { s, u } = row;
    const entry: CachedSession<Assignment> = {
      session: { id: s.id, userId: s.userId, assignmentId: s.assignmentId, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt },
      user: {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        kind: u.kind,
        mustChangePassword: u.mustChangePassword,
        passwordChangedAt: u.passwordChangedAt,
        createdAt: u.createdAt,
      },
      assignments: assignmentsFrom(row.assignments),
      loadedAt: now.getTime(),
    };
    sessionCache?.set(tokenHash, entry, generation);
    return entry;
  }

  /**
   * Resolves a session cookie to an actor; expired or idle sessions are closed on the way. A signed-in person's
   * requests read their session from this process's cache (no round trip) once one request has read it.
   */
  async function actorFromSession(token: string, meta: RequestMeta): Promise<Actor | null> {
    const now = clock.now();
    const found = await lookupSession(sha256(token), now);
    if (!found) return null;
    const { session, user, assignments } = found;
    const current = assignments.find((a) => a.assignmentId === session.assignmentId) ?? assignments[0];
    if (!current) return null;
    // Touch at most once a minute: a busy page must not turn every read into a write. The cached copy moves with it.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await repo.setSession(db, session.id, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      assignmentId: current.assignmentId,
      role: current.role,
      unitId: current.unit.id,
      scopePath: current.scopePath,
      via: 'session',
      passwordChangeRequired: passwordChangeRequired(user, now),
      sessionId: session.id,
      ...meta,
    };
  }

  async function actorFromApiToken(token: string, meta: RequestMeta): Promise<Actor | null> {
    const now = clock.now();
    const row = await repo.tokenWithUser(db, sha256(token));
    if (!row || !row.u.active || (row.t.expiresAt && row.t.expiresAt <= now)) return null;
    const assignment = (await assignmentsOf(row.u.id)).find((a) => a.assignmentId === row.t.assignmentId);
    if (!assignment) return null;
    if (!row.t.lastUsedAt || now.getTime() - row.t.lastUsedAt.getTime() > 60_000) {
      await repo.touchToken(db, row.t.id, now);
    }
    return {
      userId: row.u.id,
      username: row.u.username,
      displayName: row.u.displayName,
      assignmentId: assignment.assignmentId,
      role: assignment.role,
      unitId: assignment.unit.id,
      scopePath: assignment.scopePath,
      via: 'token',
      passwordChangeRequired: false,
      sessionId: null,
      ...meta,
    };
  }

  async function logout(actor: Actor) {
    if (!actor.sessionId) return;
    const now = clock.now();
    await db.transaction(async (tx) => {
      await repo.setSession(tx, actor.sessionId!, { revokedAt: now });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'logout',
        targetType: 'user',
        targetId: actor.userId,
        scope: { unitId: actor.unitId, path: actor.scopePath },
      });
    });
    await sessionsChanged({ sessionIds: [actor.sessionId] });
  }

  async function describeSession(actor: Actor) {
    const user = await findUser(db, actor.userId);
    const [home] = (await findUnitsByIds(db, [user!.unitId])).map((u) => ({ id: u.id, name: u.name }));
    const directory = await units.current();
    // The voice menu's item shows only where the server lets the role in (unit-directory.ts; the server asks again).
    const assignments = (await assignmentsOf(actor.userId)).map((a) => ({ ...a, holdsProvinceHotline: directory.holdsProvinceHotline(a.scopePath) }));
    const s = actor.sessionId ? await repo.findSession(db, actor.sessionId) : undefined;
    return {
      user: {
        id: user!.id,
        username: user!.username,
        displayName: user!.displayName,
        unit: home!,
        mustChangePassword: passwordChangeRequired(user!, clock.now()),
      },
      current: assignments.find((a) => a.assignmentId === actor.assignmentId)!,
      assignments,
      expiresAt: s?.expiresAt.toISOString() ?? null,
      idleTimeoutMinutes: config.sessionIdleMinutes,
    };
  }

  async function switchRole(actor: Actor, assignmentId: string) {
    const target = (await assignmentsOf(actor.userId)).find((a) => a.assignmentId === assignmentId);
    if (!target) throw notFound('ROLE_ASSIGNMENT_NOT_FOUND', '没有这个角色，或其所在单位已撤销');
    if (!actor.sessionId) throw invalid('AUTH_TOKEN_FIXED_ROLE', '接口令牌的角色是固定的，不能切换');
    const now = clock.now();
    await db.transaction(async (tx) => {
      await repo.setSession(tx, actor.sessionId!, { assignmentId });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'switch_role',
        targetType: 'user',
        targetId: actor.userId,
        scope: { unitId: target.unit.id, path: target.scopePath },
        before: { role: actor.role, unitId: actor.unitId },
        after: { role: target.role, unitId: target.unit.id },
      });
    });
    await sessionsChanged({ sessionIds: [actor.sessionId] });
    return describeSession({ ...actor, assignmentId, role: target.role, unitId: target.unit.id, scopePath: target.scopePath });
  }

  /** The person's own start page in the role they are working in now (a preference: not audited, changes no right). */
  async function setStartPage(actor: Actor, startPage: string | null) {
    if (!(await writeStartPage(db, actor.userId, actor.assignmentId, startPage)))
      throw notFound('ROLE_ASSIGNMENT_NOT_FOUND', '没有这个角色，或其所在单位已撤销');
    return describeSession(actor);
  }

  async function changePassword(actor: Actor, current: string, next: string) {
    const user = await findUser(db, actor.userId);
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
      throw invalid('AUTH_WRONG_PASSWORD', '当前密码不正确', [{ field: 'body.currentPassword', message: '当前密码不正确' }]);
    }
    if (current === next)
      throw invalid('AUTH_PASSWORD_UNCHANGED', '新密码不能与当前密码相同', [{ field: 'body.newPassword', message: '新密码不能与当前密码相同' }]);
    await checkPasswordFor(db, user, next, 'body.newPassword');
    const now = clock.now();
    const passwordHash = await hashPassword(next);
    await db.transaction(async (tx) => {
      await rememberPassword(tx, actor.userId, passwordHash, now);
      await setOwnPassword(tx, actor.userId, passwordHash, now);
      // Other sessions of the person end: a changed password should lock out whoever else had it.
      await repo.revokeOtherSessions(tx, actor.userId, actor.sessionId, now);
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'change_password',
        targetType: 'user',
        targetId: actor.userId,
        scope: { unitId: actor.unitId, path: actor.scopePath },
      });
    });
    // The other sessions end; this one's copy says the password must still be changed.
    await sessionsChanged({ userIds: [actor.userId] });
  }

  return { login, logout, actorFromSession, actorFromApiToken, describeSession, switchRole, setStartPage, changePassword, assignmentsOf };
}

export type AuthService = ReturnType<typeof createAuthService>;
