import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, yuan } from '../platform/http/schemas.js';
import { noteText, orderViewSchema, reasonText, versionBody } from '../orders/orders.schemas.js';
import type { createHandlingService } from './handling.service.js';
import { maxAmountYuan, maxWorkersHelped, replyDoubts } from './domain/reply-plausibility.js';

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
            amount: z.number({ error: '请填写延长的时长' }).int({ error: '延长时长应为整数' }).max(60),
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
          .object({ ...versionBody, approve: z.boolean({ error: '请选择是否同意' }), note: noteText('审批意见') })
          .strict()
          // A refusal is explained: the handler has to know why, and the timeline keeps the reason. Counted on the
          // trimmed note (noteText), so two zero-width spaces are no reason.
          .refine((b) => b.approve || (b.note?.length ?? 0) >= 2, { error: '不同意延期须填写理由（至少 2 个字）', path: ['note'] }),
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
          '办结反馈：是否解决、采取的措施、追回金额、帮助人数。超出范围的数字被拒绝（400），不会被截断：追回金额 0 至 10 亿元（工单登记的涉及金额更大时以涉及金额为限，' +
            'REPLY_AMOUNT_OUT_OF_RANGE），帮助人数 0 至 100000 的整数。数字存疑（追回金额远超涉及金额、帮助人数超过涉及人数）须在 confirmedDoubts 中逐项确认，否则 400 REPLY_DOUBTS_UNCONFIRMED（details.doubts 列出待确认项）',
          'Reply with the outcome: resolved or not, measures, amount recovered, workers helped. Figures out of range are refused (400), never cut ' +
            'down: amount recovered 0 to 1,000,000,000 yuan (or the amount involved when intake recorded more; REPLY_AMOUNT_OUT_OF_RANGE), workers ' +
            'helped a whole number 0 to 100,000. Doubtful figures (amount far above the amount involved, more workers than involved) are confirmed one ' +
            'by one in confirmedDoubts, else 400 REPLY_DOUBTS_UNCONFIRMED (details.doubts lists what to confirm).',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            outcome: z
              .object({
                resolved: z.boolean({ error: '请选择是否解决' }),
                measures: reasonText('办理措施'),
                // The outer bound is intake's for 涉及金额; the bound an order can plausibly reach is the domain's
                // (reply-plausibility.ts amountRecoveredProblem), since it depends on the order's amount involved.
                amountRecovered: yuan('追回金额').max(maxAmountYuan, { error: '追回金额不能超过 1000 亿元' }).default(0),
                workersHelped: z
                  .number({ error: '帮助人数应为整数' })
                  .int({ error: '帮助人数应为整数' })
                  .min(0, { error: '帮助人数不能为负' })
                  .max(maxWorkersHelped, { error: `帮助人数不能超过 ${maxWorkersHelped} 人` })
                  .default(0),
              })
              .strict(),
            note: noteText(),
            confirmedDoubts: z
              .array(z.enum(replyDoubts, { error: '未知的存疑项' }))
              .max(replyDoubts.length)
              .optional()
              .describe('承办人已核实并确认的数字存疑项 / the doubts about the figures the handler has checked and confirms'),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => handling.reply(actorOf(req), req.params.id, req.body),
  );
};
