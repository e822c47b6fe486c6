import { and, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { atProvinceRoot, withinScope } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { auditEvents } from './audit.tables.js';

export type AuditInput = {
  at: Date;
  /** A person, or the system actor (role `system`) for what the job runner does. */
  actor: (Pick<Actor, 'userId' | 'username' | 'unitId' | 'ip' | 'userAgent'> & { role: Actor['role'] | 'system' }) | null;
  /** For events without a logged-in actor (a failed login): who tried, from where. */
  anonymous?: { username?: string; ip?: string | null; userAgent?: string | null };
  action: string;
  outcome?: 'success' | 'failure';
  targetType?: string;
  targetId?: string;
  scope?: { unitId: string; path: string } | null;
  before?: unknown;
  after?: unknown;
  detail?: string;
};

/** Written in the same transaction as the change it describes, so the log and the data never disagree. */
export async function recordAudit(tx: Executor, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    at: e.at,
    actorUserId: e.actor?.userId ?? null,
    actorUsername: e.actor?.username ?? e.anonymous?.username ?? null,
    actorRole: e.actor?.role ?? null,
    actorUnitId: e.actor?.unitId ?? null,
    ip: e.actor?.ip ?? e.anonymous?.ip ?? null,
    userAgent: e.actor?.userAgent ?? e.anonymous?.userAgent ?? null,
    action: e.action,
    outcome: e.outcome ?? 'success',
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    scopeUnitId: e.scope?.unitId ?? null,
    scopePath: e.scope?.path ?? null,
    before: e.before === undefined ? null : (e.before as object),
    after: e.after === undefined ? null : (e.after as object),
    detail: e.detail ?? null,
  });
}

export type AuditFilter = {
  action?: string | undefined;
  actorUsername?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
};

export async function listAudit(db: Executor, actor: Pick<Actor, 'scopePath'>, f: AuditFilter) {
  // Events that belong to no unit (a failed login with an unknown name) are for the auditors of a whole tree.
  const scoped = withinScope(actor, auditEvents.scopePath);
  const conds: SQL[] = [atProvinceRoot(actor) ? or(scoped, isNull(auditEvents.scopePath))! : scoped];
  if (f.action) conds.push(eq(auditEvents.action, f.action));
  // User names are unique regardless of case, and failed logins record the name lower-cased.
  if (f.actorUsername) conds.push(sql`lower(${auditEvents.actorUsername}) = ${f.actorUsername.toLowerCase()}`);
  if (f.targetType) conds.push(eq(auditEvents.targetType, f.targetType));
  if (f.targetId) conds.push(eq(auditEvents.targetId, f.targetId));
  if (f.from) conds.push(gte(auditEvents.at, f.from));
  if (f.to) conds.push(lte(auditEvents.at, f.to));
  if (f.beforeId) conds.push(lt(auditEvents.id, f.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(f.limit);
}
