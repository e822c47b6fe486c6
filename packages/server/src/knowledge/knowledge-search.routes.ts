import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText } from '../platform/http/schemas.js';
import type { SearchService } from '../search/search.service.js';
import { articleKinds } from './domain/article.js';
import { articleHit, gapsView, regionCode, subjectCode } from './knowledge.schemas.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];

/** Finding articles: the agents' search, the suggestions while a narrative is typed, and the editors' gaps. */
export const knowledgeSearchRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService; search: SearchService }> = async (app, { knowledge, search }) => {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchArticles',
        tags,
        ...describe(
          '检索知识库：中文分词、同义词、拼音首字母，按来电人地区与诉求事项排序，返回高亮摘要',
          "Search the knowledge base: Chinese word segmentation, synonyms, pinyin initials; ranked for the caller's region and subject, with highlighted snippets.",
        ),
        querystring: z
          .object({
            q: trimmedText().max(200, { error: '搜索内容最多 200 字' }),
            regionCode: regionCode.optional(),
            subjectCode: subjectCode.optional(),
            kind: z.enum(articleKinds).optional(),
            tag: trimmedText().max(20).optional(),
            limit: z.coerce.number().int().min(1).max(50).default(10),
          })
          .strict(),
        response: { 200: z.object({ searchId: z.number(), items: z.array(articleHit) }), ...errorResponses },
      },
    },
    async (req) => search.search(actorOf(req), req.query),
  );

  app.get(
    '/suggestions',
    {
      schema: {
        operationId: 'suggestArticles',
        tags,
        ...describe(
          '受理时的知识推荐：按正在录入的诉求内容给出最相关的 5 条',
          'Suggestions while the narrative is typed: the five best articles for the text so far.',
        ),
        querystring: z
          .object({ text: trimmedText().max(2000, { error: '内容最多 2000 字' }), regionCode: regionCode.optional(), subjectCode: subjectCode.optional() })
          .strict(),
        response: { 200: z.object({ items: z.array(articleHit) }), ...errorResponses },
      },
    },
    async (req) => search.suggest(actorOf(req), req.query),
  );

  app.get(
    '/gaps',
    {
      schema: {
        operationId: 'getKnowledgeGaps',
        tags,
        ...describe(
          '知识库待补清单（知识库编辑）：最常用与从未使用的条目、无结果和无点击的搜索、过期待复核条目',
          "The editors' to-write list: most and never used articles, searches that found nothing or were not clicked, stale articles.",
        ),
        querystring: z.object({ days: z.coerce.number().int().min(1).max(3650).default(90) }).strict(),
        response: { 200: gapsView, ...errorResponses },
      },
    },
    async (req) => knowledge.gaps(actorOf(req), req.query),
  );
};
