import { recordAudit } from '../audit/audit.repo.js';
import type { Notify } from './legal.service.js';

/**
 * How the territorial union is told that an employer entered the register. Recorded in the audit log in the
 * transaction of the evaluation (the system acts, no person); the notification centre delivers it to the unit's
 * people once it exists (see docs/architecture.md).
 */
export const riskNotices: Notify = async (tx, notices, at) => {
  for (const n of notices) {
    await recordAudit(tx, {
      at,
      actor: null,
      anonymous: { username: 'system' },
      action: `notice.${n.kind}`,
      targetType: 'unit',
      targetId: n.unitId,
      after: n,
      detail: n.title,
    });
  }
};
