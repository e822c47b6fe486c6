/**
 * Who acts when nobody did: the job runner (a reminder sent, an order marked overdue, an automatic archive).
 * It is a real account (`system`, no password, no role: see `ensureSystemUser`) so every timeline event and audit
 * row names it the way it names a person, with the role `system` the interface shows as 系统.
 */
export type SystemActor = {
  kind: 'system';
  userId: string;
  username: 'system';
  displayName: '系统';
  role: 'system';
  /** The province root: the system acts for the whole installation. */
  unitId: string;
  unitName: string;
  scopePath: string;
};

export const systemRole = 'system' as const;

/** The fields of an audit row's actor for the system (no address, no user agent). */
export function systemAuditActor(s: SystemActor) {
  return { userId: s.userId, username: s.username, role: s.role, unitId: s.unitId, ip: null, userAgent: null };
}
