import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import { orderViewSchema, reasonText, versionBody } from '../orders/orders.schemas.js';
import type { createHandlingService } from './handling.service.js';

const idParams = z.object({ id: z.uuid({ error: '工单编号格式不正确' }) }).strict();
const tags = ['handling'];
const ok = { 200: orderViewSchema, ...errorResponses };

export const handlingRoutes: FastifyPluginAsyncZod<{ handling: ReturnType<typeof createHandlingService> }> = async (app, { handling }) => {
  app.post(
    '/:id/co-handler-reply',
    {
      schema: {
        operationId: 'replyCoHandlerPart',
        tags,
        ...describe('协办单位反馈本单位承担部分的办理情况', 'A co-handling unit replies for its part.'),
        params: idParams,
        body: z.object({ ...versionBody, reply: reasonText('协办反馈') }).strict(),
        response: ok,
      },
    },
    async (req) => handling.replyCoHandlerPart(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/extension',
    {
      schema: {
        operationId: 'requestExtension',
        tags,
        ...describe(
          '申请延期：须在期限届满前，最长不超过原时限，并告知来电人',
          'Ask for an extension: before the limit, at most the original limit again, the caller told.',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            amount: z.number({ error: '请填写延长的时长' }).int({ error: '延长时长应为整数' }).min(1, { error: '至少延长 1' }).max(60),
            reason: reasonText('延期理由'),
            callerInformed: z.boolean({ error: '请确认是否已告知来电人' }),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => handling.requestExtension(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/extension-decision',
    {
      schema: {
        operationId: 'decideExtension',
        tags,
        ...describe('审批延期申请（交办单位）；不同意须说明理由', 'Approve or refuse an extension (the dispatching unit); a refusal gives its reason.'),
        params: idParams,
        body: z
          .object({ ...versionBody, approve: z.boolean({ error: '请选择是否同意' }), note: z.string().max(1000).optional() })
          .strict()
          // A refusal is explained: the handler has to know why, and the timeline keeps the reason.
          .refine((b) => b.approve || (b.note?.trim().length ?? 0) >= 2, { error: '不同意延期须填写理由（至少 2 个字）', path: ['note'] }),
        response: ok,
      },
    },
    async (req) => handling.decideExtension(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/reply',
    {
      schema: {
        operationId: 'replyOrder',
        tags,
        ...describe(
          '办结反馈：是否解决、采取的措施、追回金额、帮助人数',
          'Reply with the outcome: resolved or not, measures, amount recovered, workers helped.',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            outcome: z
              .object({
                resolved: z.boolean({ error: '请选择是否解决' }),
                measures: reasonText('办理措施'),
                amountRecovered: z.number({ error: '追回金额应为数字' }).min(0, { error: '追回金额不能为负' }).max(1e11).default(0),
                workersHelped: z.number({ error: '帮助人数应为整数' }).int().min(0).max(100000).default(0),
              })
              .strict(),
            note: z.string().max(1000).optional(),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => handling.reply(actorOf(req), req.params.id, req.body),
  );
};
