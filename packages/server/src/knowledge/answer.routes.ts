import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderSummarySchema, orderViewSchema } from '../orders/orders.schemas.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText, versionField } from '../platform/http/schemas.js';
import type { createOrderSearch } from '../search/order-search.js';
import type { createAnswerService } from './answer.service.js';

type Services = { answers: ReturnType<typeof createAnswerService>; searchOrders: ReturnType<typeof createOrderSearch> };

/** Routes under /api/orders that belong to knowledge and search: answering with an article, and order search. */
export const orderKnowledgeRoutes: FastifyPluginAsyncZod<Services> = async (app, { answers, searchOrders }) => {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchOrders',
        tags: ['orders', 'search'],
        ...describe(
          '工单检索：按工单编号、来电号码（信息脱敏的角色须输入完整号码）、用人单位（名称归一：某某建筑劳务有限公司≈某某建筑劳务）和关键词（中文分词，词序无关）',
          'Search orders by number, caller phone (whole number for roles that see it masked), employer (normalised name) and words (segmented, any order).',
        ),
        querystring: z
          .object({
            number: trimmedText()
              .regex(/^[0-9A-Za-z-]{4,30}$/, { error: '工单编号格式不正确' })
              .optional(),
            phone: trimmedText()
              .regex(/^[\d\s-]{4,20}$/, { error: '来电号码应为数字' })
              .optional(),
            employer: trimmedText().min(2, { error: '用人单位至少 2 个字' }).max(100).optional(),
            q: trimmedText().min(1).max(100, { error: '关键词最多 100 字' }).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(20),
            cursor: z.string().max(500).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(orderSummarySchema),
            nextCursor: z.string().nullable(),
            countsByState: z.record(z.string(), z.number()),
            total: z.number(),
            totalCapped: z
              .boolean()
              .describe(
                '为 true：符合条件的工单多于 total 条（计数止于上限，默认 1000）；各状态合计超过上限时不给出各状态计数 / more than total match (counted up to the cap, 1,000 by default); the counts per state are left out when all states together pass it',
              ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => searchOrders(actorOf(req), req.query),
  );

  app.post(
    '/:id/answer-with-article',
    {
      schema: {
        operationId: 'answerWithArticle',
        tags: ['orders', 'knowledge'],
        ...describe(
          '用知识条目答复：记入工单与使用统计；尚未派单的咨询当场办结',
          'Answer with an article: recorded on the order and in the usage statistics; a consultation not yet dispatched is closed on the spot.',
        ),
        params: idParam,
        body: z
          .object({
            articleId: z.uuid({ error: '知识条目编号格式不正确' }),
            version: versionField,
            searchId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
            note: trimmedText().max(1000).optional(),
          })
          .strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => answers.answerWithArticle(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/:id/articles',
    {
      schema: {
        operationId: 'listOrderArticles',
        tags: ['orders', 'knowledge'],
        ...describe('工单答复时使用过的知识条目', 'The knowledge articles used to answer the order.'),
        params: idParam,
        response: { 200: z.array(z.object({ articleId: z.string(), version: z.number(), title: z.string(), at: z.string() })), ...errorResponses },
      },
    },
    async (req) => answers.articlesOfOrder(actorOf(req), req.params.id),
  );
};
