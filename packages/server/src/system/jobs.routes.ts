import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { recordAudit } from '../audit/audit.repo.js';
import { requireRole } from '../auth/actor.js';
import { notFound } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText } from '../platform/http/schemas.js';
import { english, prefersEnglish } from '../platform/i18n/english.js';
import { jobFailureKinds, type JobFailureKind } from '../platform/jobs/job-failure.js';
import { outbox, type JobRow } from '../platform/jobs/outbox.repo.js';

const jobStates = ['pending', 'running', 'done', 'failed'] as const;

const jobQuery = z
  .object({
    state: z.enum(jobStates, { error: '状态应为 pending、running、done 或 failed' }).optional(),
    kind: trimmedText().max(64, { error: '任务类型不能超过 64 个字符' }).optional(),
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

const job = z.object({
  id: z.number().int(),
  kind: z.string(),
  state: z.enum(jobStates),
  key: z.string().nullable(),
  runAt: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  leasedBy: z.string().nullable(),
  lastError: z.string().nullable().describe('最后一次失败的信息（英文界面时译为英文） / the last failure’s message, in English when asked'),
  lastErrorKind: z
    .enum(jobFailureKinds)
    .nullable()
    .describe('最后一次失败的类型，页面据此用文字说明；旧记录可能为 null / the kind of the last failure, said in words by the page; null on older rows'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  payload: z.unknown(),
});

/** A job as the page reads it: its last error said in the reader's language (the English table knows the rules' words). */
const view = (j: JobRow, lang: 'zh' | 'en' = 'zh') => ({
  id: j.id,
  kind: j.kind,
  state: j.state as (typeof jobStates)[number],
  key: j.key,
  runAt: j.runAt.toISOString(),
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  leasedBy: j.leasedBy,
  lastError: j.lastError && lang === 'en' ? english(j.lastError) : j.lastError,
  lastErrorKind: (jobFailureKinds as readonly string[]).includes(j.lastErrorKind ?? '') ? (j.lastErrorKind as JobFailureKind) : null,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
  payload: j.payload,
});

/** The job queue for administrators: what waits, what failed and why, and a retry for a failed job. */
export const jobsRoutes: FastifyPluginAsyncZod<RouteContext & { jobKinds: () => string[] }> = async (app, { db, clock, jobKinds }) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'listJobs',
        tags: ['system'],
        ...describe(
          '后台任务列表（管理员）：待执行、执行中、已完成、失败的任务，失败原因与重试次数',
          'Background jobs (administrator): pending, running, done and failed jobs with their attempts and last error.',
        ),
        querystring: jobQuery,
        response: {
          200: z.object({
            items: z.array(job),
            counts: z.record(z.string(), z.number().int()).describe('各状态的任务数 / jobs per state'),
            kinds: z.array(z.string()).describe('本实例处理的任务类型，供筛选 / the kinds this instance handles, to filter by'),
            nextBeforeId: z.number().int().nullable().describe('下一页：以此为 beforeId；没有更多时为 null / the next page’s beforeId, null at the end'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'administrator');
      const [rows, counts] = await Promise.all([outbox.list(db, { ...req.query, limit: req.query.limit + 1 }), outbox.counts(db)]);
      const page = rows.slice(0, req.query.limit);
      const more = rows.length > req.query.limit;
      const lang = prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh';
      return {
        items: page.map((j) => view(j, lang)),
        counts,
        kinds: [...new Set(jobKinds())].sort(),
        nextBeforeId: more ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/:id/retry',
    {
      schema: {
        operationId: 'retryJob',
        tags: ['system'],
        ...describe('重试失败的后台任务（管理员），从现在起重新计算尝试次数', 'Retry a failed job (administrator) from now, with a fresh count of attempts.'),
        params: z
          .object({
            id: z.coerce
              .number({ error: '编号应为数字' })
              .int({ error: '编号应为整数' })
              .positive({ error: '编号应为正整数' })
              .max(Number.MAX_SAFE_INTEGER, { error: '编号过大' }),
          })
          .strict(),
        response: { 200: job, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireRole(actor, 'administrator');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const retried = await outbox.retry(tx, req.params.id, now);
        if (!retried) return undefined;
        await recordAudit(tx, { at: now, actor, action: 'retry_job', targetType: 'job', targetId: String(retried.id), after: { kind: retried.kind } });
        return retried;
      });
      if (!row) throw notFound('JOB_NOT_FAILED', '任务不存在或不是失败状态');
      return view(row, prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh');
    },
  );
};
