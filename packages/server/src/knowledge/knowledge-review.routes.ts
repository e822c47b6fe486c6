import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText, versionField } from '../platform/http/schemas.js';
import { articleView, versionView } from './knowledge.schemas.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];

/** An article's way to the agents: submitted, reviewed, published; and its versions with their differences. */
export const knowledgeReviewRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService }> = async (app, { knowledge }) => {
  app.post(
    '/articles/:id/submit',
    {
      schema: {
        operationId: 'submitArticle',
        tags,
        ...describe('提交审核（知识库编辑）', 'Submit the working version for review (editors).'),
        params: idParam,
        body: z.object({ version: versionField, note: trimmedText().max(500).optional() }).strict(),
        response: { 200: articleView, ...errorResponses },
      },
    },
    async (req) => knowledge.submit(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/articles/:id/review',
    {
      schema: {
        operationId: 'reviewArticle',
        tags,
        ...describe('审核知识条目（另一位知识库编辑）：通过或退回修改', 'Review an article (another editor): approve, or reject back to draft.'),
        params: idParam,
        body: z
          .object({
            version: versionField,
            decision: z.enum(['approve', 'reject'], { error: '审核结论应为 approve 或 reject' }),
            note: trimmedText().max(500).optional(),
          })
          .strict(),
        response: { 200: articleView, ...errorResponses },
      },
    },
    async (req) => knowledge.review(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/articles/:id/publish',
    {
      schema: {
        operationId: 'publishArticle',
        tags,
        ...describe('发布已审核的版本（知识库编辑），接线员随即可检索到', 'Publish the approved version (editors); agents find it at once.'),
        params: idParam,
        body: z.object({ version: versionField }).strict(),
        response: { 200: articleView, ...errorResponses },
      },
    },
    async (req) => knowledge.publish(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/articles/:id/versions',
    {
      schema: {
        operationId: 'listArticleVersions',
        tags,
        ...describe('知识条目的版本历史，含与上一版本的差异（知识库编辑）', "An article's versions, each with its difference from the one before (editors)."),
        params: idParam,
        response: { 200: z.array(versionView), ...errorResponses },
      },
    },
    async (req) => knowledge.versions(actorOf(req), req.params.id),
  );
};
