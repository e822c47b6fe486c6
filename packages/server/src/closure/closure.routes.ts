import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import { noteText, orderViewSchema, reasonText, satisfaction, versionBody } from '../orders/orders.schemas.js';
import type { createClosureService } from './closure.service.js';

const idParams = z.object({ id: z.uuid({ error: '工单编号格式不正确' }) }).strict();
const tags = ['closure'];
const ok = { 200: orderViewSchema, ...errorResponses };

export const closureRoutes: FastifyPluginAsyncZod<{ closure: ReturnType<typeof createClosureService> }> = async (app, { closure }) => {
  app.post(
    '/:id/review',
    {
      schema: {
        operationId: 'reviewOrder',
        tags,
        ...describe(
          '审核办结反馈：通过，或退回重办（须说明理由，重新计算办理时限）；通过数字存疑的反馈须填写审核意见（否则 400 REVIEW_COMMENT_REQUIRED）',
          'Review the reply: accept, or send back for rework with a reason (the reply limit restarts); accepting a reply whose figures are in doubt needs a comment (else 400 REVIEW_COMMENT_REQUIRED).',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            decision: z.enum(['accept', 'rework'], { error: '审核结果应为 accept 或 rework' }),
            reason: noteText('审核意见'),
          })
          .strict()
          // A rework is explained: the handler has to know what to do again, and the timeline keeps the reason.
          .refine((b) => b.decision !== 'rework' || b.reason !== undefined, { error: '请填写退回重办的理由', path: ['reason'] }),
        response: ok,
      },
    },
    async (req) => closure.review(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/callback',
    {
      schema: {
        operationId: 'recordCallback',
        tags,
        ...describe(
          '回访：对办理结果与热线服务的满意度，或未接通；群体工单可逐人记录（整单结果由各人结果得出）',
          'Callback: satisfaction with the handling and with the call, or unreachable; a group order may be called back caller by caller (the order’s result follows from theirs).',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            result: z.enum(['reached', 'unreachable'], { error: '回访结果应为 reached 或 unreachable' }).optional(),
            handlingSatisfaction: satisfaction.optional(),
            callSatisfaction: satisfaction.optional(),
            // A group order, caller by caller: then the order's result is theirs and the three fields above stay empty.
            callers: z
              .array(
                z
                  .object({
                    callerId: z.uuid({ error: '来电人编号格式不正确' }),
                    result: z.enum(['reached', 'unreachable'], { error: '回访结果应为 reached 或 unreachable' }),
                    handlingSatisfaction: satisfaction.optional(),
                    callSatisfaction: satisfaction.optional(),
                  })
                  .strict(),
              )
              .min(1, { error: '至少记录一名来电人的回访结果' })
              .max(500)
              .optional(),
            note: noteText(),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => closure.callback(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/reopen',
    {
      schema: {
        operationId: 'reopenOrder',
        tags,
        ...describe('回访不满意后重启工单（限一次）', 'Reopen an order after a dissatisfied callback (once).'),
        params: idParams,
        body: z.object({ ...versionBody, reason: reasonText('重启理由') }).strict(),
        response: ok,
      },
    },
    async (req) => closure.reopen(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/archive',
    {
      schema: {
        operationId: 'archiveOrder',
        tags,
        ...describe('归档（此后只读）', 'Archive the order (read-only afterwards).'),
        params: idParams,
        body: z.object({ ...versionBody, note: noteText() }).strict(),
        response: ok,
      },
    },
    async (req) => closure.archive(actorOf(req), req.params.id, req.body),
  );
};
