import { requireRole, type Actor } from '../auth/actor.js';
import type { Db } from '../platform/db/client.js';
import { invalid } from '../platform/errors/app-error.js';
import { listAudit } from './audit.repo.js';

export type AuditQuery = {
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
};

/** Reading the audit log. Writing happens only through recordAudit inside each change's transaction. */
export function createAuditService(deps: { db: Db }) {
  const { db } = deps;

  async function list(actor: Actor, q: AuditQuery) {
    // 等保 三员分立: the auditor reads the log of what administrators did; administrators do not.
    requireRole(actor, 'auditor');
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from > to) {
      throw invalid('AUDIT_RANGE_INVALID', '开始时间不能晚于结束时间', [{ field: 'querystring.from', message: '开始时间不能晚于结束时间' }]);
    }
    const rows = await listAudit(db, actor, {
      action: q.action,
      actorUsername: q.actor,
      targetType: q.targetType,
      targetId: q.targetId,
      from,
      to,
      beforeId: q.beforeId,
      limit: q.limit,
    });
    const items = rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { userId: r.actorUserId, username: r.actorUsername, role: r.actorRole, unitId: r.actorUnitId },
      ip: r.ip,
      userAgent: r.userAgent,
      action: r.action,
      outcome: r.outcome,
      targetType: r.targetType,
      targetId: r.targetId,
      scopeUnitId: r.scopeUnitId,
      before: r.before ?? null,
      after: r.after ?? null,
      detail: r.detail,
    }));
    // A full page may have more behind it; the next page starts below its last id.
    const last = items[items.length - 1];
    return { items, nextBeforeId: items.length === q.limit && last ? last.id : null };
  }

  return { list };
}

export type AuditService = ReturnType<typeof createAuditService>;
