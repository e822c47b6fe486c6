import { recordAudit } from '../audit/audit.repo.js';
import { noticeJob } from '../notifications/domain/notice.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { Notify } from './legal.service.js';

/**
 * How the territorial union is told that an employer entered the register: a notice to its handlers, dispatchers
 * and leaders (the nearest unit above where nobody holds those roles), delivered by the notification centre from
 * the outbox; and a line in the audit log, both in the transaction of the evaluation, so it happens exactly once.
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
  await outbox.enqueue(
    tx,
    notices.map((n) =>
      noticeJob(
        {
          kind: `legal.${n.kind}`,
          to: [{ unitId: n.unitId, roles: ['handler', 'dispatcher', 'leader'], nearest: true }],
          title: n.title,
          body: n.body,
          level: 'warning',
          key: `${n.kind}:${n.unitId}:${n.title}:${at.toISOString()}`,
          data: { link: n.link },
        },
        at,
      ),
    ),
    at,
  );
};
