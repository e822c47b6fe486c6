import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import type { SearchService } from '../search/search.service.js';
import { synonymBody, synonymView } from './knowledge.schemas.js';

const tags = ['knowledge'];

/** The synonym groups search expands callers' words with (editors write them; searches use them at once). */
export const knowledgeSynonymRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.get(
    '/synonyms',
    {
      schema: {
        operationId: 'listSynonyms',
        tags,
        ...describe('同义词组列表（来电人的说法）', "Synonym groups (callers' words)."),
        response: { 200: z.array(synonymView), ...errorResponses },
      },
    },
    async () => search.listSynonyms(),
  );

  app.post(
    '/synonyms',
    {
      schema: {
        operationId: 'createSynonyms',
        tags,
        ...describe('新增同义词组（知识库编辑），立即用于检索', 'Add a synonym group (editors); searches use it at once.'),
        body: synonymBody,
        response: { 201: synonymView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await search.createSynonyms(actorOf(req), req.body)),
  );

  app.put(
    '/synonyms/:id',
    {
      schema: {
        operationId: 'updateSynonyms',
        tags,
        ...describe('修改同义词组（知识库编辑）', 'Change a synonym group (editors).'),
        params: idParam,
        body: synonymBody,
        response: { 200: synonymView, ...errorResponses },
      },
    },
    async (req) => search.updateSynonyms(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/synonyms/:id',
    {
      schema: {
        operationId: 'deleteSynonyms',
        tags,
        ...describe('删除同义词组（知识库编辑）', 'Delete a synonym group (editors).'),
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await search.deleteSynonyms(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
