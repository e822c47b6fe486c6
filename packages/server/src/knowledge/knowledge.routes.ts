import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SearchService } from '../search/search.service.js';
import { maxArticleFileBytes } from './article-files.js';
import { knowledgeArticleRoutes } from './knowledge-articles.routes.js';
import { knowledgeFileRoutes } from './knowledge-files.routes.js';
import { knowledgeReviewRoutes } from './knowledge-review.routes.js';
import { knowledgeSearchRoutes } from './knowledge-search.routes.js';
import { knowledgeSynonymRoutes } from './knowledge-synonyms.routes.js';
import type { KnowledgeService } from './knowledge.service.js';

type Services = { knowledge: KnowledgeService; search: SearchService };

/**
 * The knowledge base's API, one file per capability, registered in this order (the OpenAPI document lists them so).
 * The multipart parser is registered here, for the whole prefix, as it always was (only the file upload uses it).
 */
export const knowledgeRoutes: FastifyPluginAsyncZod<Services> = async (app, { knowledge, search }) => {
  await app.register(multipart, { limits: { fileSize: maxArticleFileBytes, files: 1, fields: 2 } });
  await app.register(knowledgeFileRoutes, { knowledge });
  await app.register(knowledgeArticleRoutes, { knowledge });
  await app.register(knowledgeReviewRoutes, { knowledge });
  await app.register(knowledgeSearchRoutes, { knowledge, search });
  await app.register(knowledgeSynonymRoutes, { search });
};
