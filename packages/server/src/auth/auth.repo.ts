import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../platform/db/client.js';
import { activeRolesColumn } from '../users/users.repo.js';
import { users } from '../users/users.tables.js';
import { apiTokens, loginFailures, sessions } from './auth.tables.js';

/**
 * Sessions, login failures and API tokens: the auth capability's tables, read and written only here. The users
 * capability (resets, role removal, deactivation, token issuing) calls these functions.
 *
 * Exception (docs/architecture.md): `prepareSessionLookup`, `tokenWithUser` and `knownAddress` join the people table
 * (users/) in the same statement: the first two run on every request, where a second round trip would cost more than
 * the rule is worth.
 */
export type TokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

/** Takes the per-user-name advisory lock that serializes login attempts until the transaction ends. */
export async function lockLoginName(tx: Executor, username: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${username}`}))`);
}

export async function failuresSince(tx: Executor, username: string, since: Date) {
  return tx
    .select({ at: loginFailures.at, ip: loginFailures.ip })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gte(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at));
}

/** The failures of several accounts since a time, oldest first (the people list's lockouts; names as login stores them). */
export async function failuresOfSince(db: Executor, usernames: string[], since: Date) {
  if (!usernames.length) return [];
  return db
    .select({ username: loginFailures.username, at: loginFailures.at, ip: loginFailures.ip })
    .from(loginFailures)
    .where(and(inArray(loginFailures.username, usernames), gte(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at), asc(loginFailures.id));
}

/** Whether the account ever had a session from this address. */
export async function knownAddress(tx: Executor, username: string, ip: string | null): Promise<boolean> {
  const [known] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(sql`lower(${users.username}) = ${username}`, ip === null ? isNull(sessions.ip) : eq(sessions.ip, ip)))
    .limit(1);
  return !!known;
}

export async function insertLoginFailure(tx: Executor, username: string, at: Date, ip: string | null): Promise<number> {
  const [f] = await tx.insert(loginFailures).values({ username, at, ip }).returning({ id: loginFailures.id });
  return f!.id;
}

/** The right password forgets this address's failures, not a stranger's. */
export async function forgetFailuresFrom(tx: Executor, username: string, ip: string | null): Promise<void> {
  await tx.delete(loginFailures).where(and(eq(loginFailures.username, username), ip === null ? isNull(loginFailures.ip) : eq(loginFailures.ip, ip)));
}

/** A reset password should also lift a lockout: that is usually why the person called the administrator. */
export async function clearLoginFailures(tx: Executor, username: string): Promise<number> {
  const rows = await tx.delete(loginFailures).where(eq(loginFailures.username, username.toLowerCase())).returning({ username: loginFailures.username });
  return rows.length;
}

/** The role the person used last (their most recent session's). */
export async function lastAssignmentOf(db: Executor, userId: string): Promise<string | null | undefined> {
  const [last] = await db
    .select({ assignmentId: sessions.assignmentId })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(1);
  return last?.assignmentId;
}

export async function insertSession(tx: Executor, values: NewSession): Promise<SessionRow> {
  const [s] = await tx.insert(sessions).values(values).returning();
  return s!;
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, id));
  return s;
}

/** The session by its token's hash, its person and the person's roles (users.repo's json column): a prepared statement. */
export function prepareSessionLookup(db: Db) {
  return db
    .select({ s: sessions, u: users, assignments: activeRolesColumn })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt)))
    .prepare('auth_session_actor');
}

export async function setSession(db: Executor, id: string, patch: Partial<Pick<SessionRow, 'revokedAt' | 'lastSeenAt' | 'assignmentId'>>): Promise<void> {
  await db.update(sessions).set(patch).where(eq(sessions.id, id));
}

/** Ends the person's open sessions, but the one named (theirs, after changing their own password). */
export async function revokeOtherSessions(tx: Executor, userId: string, keep: string | null, at: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.id} <> ${keep ?? '00000000-0000-0000-0000-000000000000'}`));
}

export async function revokeSessionsOf(tx: Executor, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Sessions acting in a removed role fall back to the person's first remaining role (see actorFromSession). */
export async function detachSessionsFrom(tx: Executor, assignmentIds: string[]): Promise<void> {
  if (!assignmentIds.length) return;
  await tx.update(sessions).set({ assignmentId: null }).where(inArray(sessions.assignmentId, assignmentIds));
}

export async function tokenWithUser(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ t: apiTokens, u: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchToken(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Assignments that API tokens are bound to: removing one would strand its tokens. */
export async function assignmentsWithTokens(db: Executor, assignmentIds: string[]): Promise<string[]> {
  if (!assignmentIds.length) return [];
  const rows = await db.selectDistinct({ id: apiTokens.assignmentId }).from(apiTokens).where(inArray(apiTokens.assignmentId, assignmentIds));
  return rows.map((r) => r.id);
}

export async function revokeTokensOf(tx: Executor, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export async function tokensOf(db: Executor, userId: string): Promise<TokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

export async function insertToken(tx: Executor, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await tx.insert(apiTokens).values(values).returning();
  return row!;
}

export async function lockToken(tx: Executor, userId: string, tokenId: string): Promise<TokenRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .for('update');
  return row;
}

export async function revokeToken(tx: Executor, tokenId: string, at: Date): Promise<TokenRow> {
  const [row] = await tx.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, tokenId)).returning();
  return row!;
}
