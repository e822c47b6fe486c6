import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, isoInstant, trimmedText } from '../platform/http/schemas.js';
import { createAuditService } from './audit.service.js';

// Year 0000 passes the ISO format but PostgreSQL has no year 0: such a bound would fail in the query (a 500).
const instant = isoInstant.refine((s) => new Date(s).getUTCFullYear() >= 1900, { error: '时间不能早于 1900 年' });

const auditQuery = z
  .object({
    action: trimmedText().max(64, { error: '操作类型不能超过 64 个字符' }).optional(),
    actor: trimmedText().max(64, { error: '操作人用户名不能超过 64 个字符' }).optional(),
    targetType: trimmedText().max(32, { error: '对象类型不能超过 32 个字符' }).optional(),
    targetId: trimmedText().max(100, { error: '对象编号不能超过 100 个字符' }).optional(),
    from: instant.optional(),
    to: instant.optional(),
    beforeId: z.coerce
      .number({ error: '游标应为数字' })
      .int({ error: '游标应为整数' })
      .positive({ error: '游标应为正整数' })
      .max(Number.MAX_SAFE_INTEGER, { error: '游标过大' })
      .optional(),
    limit: z.coerce
      .number({ error: '条数应为数字' })
      .int({ error: '条数应为整数' })
      .min(1, { error: '条数至少为 1' })
      .max(200, { error: '条数不能超过 200' })
      .default(50),
  })
  .strict();

const auditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ userId: z.uuid().nullable(), username: z.string().nullable(), role: z.string().nullable(), unitId: z.uuid().nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  scopeUnitId: z.uuid().nullable(),
  before: z.unknown().describe('变更前（个人信息已脱敏） / before the change, personal data masked'),
  after: z.unknown().describe('变更后（个人信息已脱敏） / after the change, personal data masked'),
  detail: z.string().nullable(),
});

/** Read-only on purpose: there is no route that changes or deletes an audit event, and the database refuses it too. */
export const auditRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const audit = createAuditService({ db });

  app.get(
    '/events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        ...describe(
          '审计日志（仅审计员）：登录、登录失败与每项管理操作，含操作人、时间、来源地址、操作对象及变更前后；按编号倒序，用 beforeId 翻页',
          'The audit log (auditors only): logins, failed logins and every administrative change, with who, when, from where, what and before/after; newest first, paged with beforeId.',
        ),
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(auditEvent), nextBeforeId: z.number().int().nullable() }), ...errorResponses },
      },
    },
    async (req) => audit.list(actorOf(req), req.query),
  );
};
