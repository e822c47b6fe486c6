import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, versionField } from '../platform/http/schemas.js';
import { articleKinds, articleStatuses } from './domain/article.js';
import { articleContentBody, articleView, regionCode, subjectCode } from './knowledge.schemas.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];
const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');
const searchId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Articles: the list (by role), writing a new one, reading one (a search's click), changing the working version. */
export const knowledgeArticleRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService }> = async (app, { knowledge }) => {
  app.get(
    '/articles',
    {
      schema: {
        operationId: 'listArticles',
        tags,
        ...describe(
          '知识条目列表：编辑看到全部版本状态与过期待复核条目，其他角色只看到已发布且有效的条目',
          'List articles: editors see every status and the stale ones; everyone else published, current articles.',
        ),
        querystring: z
          .object({
            status: z.enum(articleStatuses).optional(),
            kind: z.enum(articleKinds).optional(),
            subjectCode: subjectCode.optional(),
            regionCode: regionCode
              .optional()
              .describe('只看全国通用与该地区所在省份的条目；不填时接线员只看到本省的地方政策 / national articles and that province’s only'),
            stale: boolString.optional().describe('只看已过期或过复核日期的条目（编辑） / only expired or review-due articles (editors)'),
            reviewable: boolString
              .optional()
              .describe('待我审核：已提交审核、且不是本人保存的版本（编辑） / waiting for my review: submitted versions someone else saved (editors)'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(100000).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(articleView), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => knowledge.list(actorOf(req), req.query),
  );

  app.post(
    '/articles',
    {
      schema: {
        operationId: 'createArticle',
        tags,
        ...describe('新建知识条目（知识库编辑）：保存为草稿或直接提交审核', 'Create an article (editors): saved as a draft or submitted for review.'),
        body: articleContentBody.strict(),
        response: { 201: articleView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await knowledge.create(actorOf(req), req.body)),
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        operationId: 'getArticle',
        tags,
        ...describe('知识条目详情；带 searchId 时记为该次搜索的点击', 'An article; with searchId the search is recorded as having led to it.'),
        params: idParam,
        querystring: z.object({ searchId: searchId.optional() }).strict(),
        response: { 200: articleView, ...errorResponses },
      },
    },
    async (req) => knowledge.get(actorOf(req), req.params.id, req.query.searchId),
  );

  app.put(
    '/articles/:id',
    {
      schema: {
        operationId: 'updateArticle',
        tags,
        ...describe(
          '修改知识条目（知识库编辑）：生成新版本（草稿），已发布版本在新版本发布前保持不变',
          'Edit an article (editors): a new draft version; the published version stays until the new one is published.',
        ),
        params: idParam,
        body: articleContentBody.extend({ version: versionField }).strict(),
        response: { 200: articleView, ...errorResponses },
      },
    },
    async (req) => knowledge.update(actorOf(req), req.params.id, req.body),
  );
};
