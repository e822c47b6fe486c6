import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, invalid } from '../platform/errors/app-error.js';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, versionField } from '../platform/http/schemas.js';
import type { SearchService } from '../search/search.service.js';
import { articleKinds, articleStatuses } from './domain/article.js';
import {
  articleContentBody,
  articleFileView,
  articleHit,
  articleView,
  gapsView,
  regionCode,
  subjectCode,
  synonymBody,
  synonymView,
  versionView,
} from './knowledge.schemas.js';
import { maxArticleFileBytes } from './article-files.js';
import type { KnowledgeService } from './knowledge.service.js';

type Services = { knowledge: KnowledgeService; search: SearchService };
const tags = ['knowledge'];
const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');
const searchId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The multipart parser reports a broken body (no boundary, cut short) as a plain Error: the client's input, so a 400. */
function malformedUpload(e: unknown): never {
  const status = (e as { statusCode?: number }).statusCode;
  if (e instanceof AppError || (status && status >= 400 && status < 500)) throw e;
  throw invalid('KB_FILE_MALFORMED', '上传内容不完整或已损坏，请重新选择文件上传', [{ field: 'file', message: 'multipart 数据格式不正确' }]);
}
const fileParams = z.object({ id: z.uuid({ error: '知识条目编号格式不正确' }), fileId: z.uuid({ error: '附件编号格式不正确' }) }).strict();

export const knowledgeRoutes: FastifyPluginAsyncZod<Services> = async (app, { knowledge, search }) => {
  await app.register(multipart, { limits: { fileSize: maxArticleFileBytes, files: 1, fields: 2 } });

  app.post(
    '/articles/:id/files',
    {
      schema: {
        operationId: 'uploadArticleFile',
        tags,
        consumes: ['multipart/form-data'],
        ...describe(
          '上传知识条目附件（知识库编辑，仅限草稿版本：附件随版本审核和发布）：PDF、图片、Word、Excel，按内容校验类型，最大 10 MB，每个版本最多 10 个',
          'Attach a file to the working version of an article while it is a draft (editors): PDF, picture, Word or Excel, checked by content, 10 MB at most, 10 per version.',
        ),
        params: idParam,
        response: { 201: articleFileView, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('KB_FILE_NOT_MULTIPART', '请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
      // Permission comes from the path alone: decided before a byte of the body is read.
      await knowledge.mayUpload(actorOf(req), req.params.id);
      const file = await req.file().catch(malformedUpload);
      if (!file) throw invalid('KB_FILE_MISSING', '请选择要上传的文件', [{ field: 'file', message: '缺少文件' }]);
      const bytes = await file.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('too_large', 'KB_FILE_TOO_LARGE', `附件不能超过 ${maxArticleFileBytes / 1024 / 1024} MB`);
        }
        return malformedUpload(e);
      });
      // Control characters (NUL above all) cannot be stored as text and mean nothing in a file name.
      const fileName = ((file.filename ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'attachment').slice(0, 200);
      return reply.code(201).send(await knowledge.uploadFile(actorOf(req), req.params.id, { fileName, bytes }));
    },
  );

  app.get(
    '/articles/:id/files/:fileId',
    {
      schema: {
        operationId: 'getArticleFile',
        tags,
        ...describe(
          '下载知识条目附件（编辑可下载任一版本的附件；接线员仅限已发布且有效条目的发布版本附件）',
          'Download an article’s file (editors any version’s; agents only the published version’s files of a current article).',
        ),
        params: fileParams,
        response: {
          200: { description: '附件内容 / the file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const f = await knowledge.downloadFile(actorOf(req), req.params.id, req.params.fileId);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.bytes as never);
    },
  );

  app.delete(
    '/articles/:id/files/:fileId',
    {
      schema: {
        operationId: 'deleteArticleFile',
        tags,
        ...describe('从草稿版本删除附件（知识库编辑；此前版本的附件不受影响）', 'Remove a file from the draft version (editors; earlier versions keep it).'),
        params: fileParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await knowledge.removeFile(actorOf(req), req.params.id, req.params.fileId);
      return reply.code(204).send(null);
    },
  );
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

  app.post(
    '/articles/:id/submit',
    {
      schema: {
        operationId: 'submitArticle',
        tags,
        ...describe('提交审核（知识库编辑）', 'Submit the working version for review (editors).'),
        params: idParam,
        body: z.object({ version: versionField, note: z.string().trim().max(500).optional() }).strict(),
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
            note: z.string().trim().max(500).optional(),
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
            q: z.string().max(200, { error: '搜索内容最多 200 字' }),
            regionCode: regionCode.optional(),
            subjectCode: subjectCode.optional(),
            kind: z.enum(articleKinds).optional(),
            tag: z.string().max(20).optional(),
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
          .object({ text: z.string().max(2000, { error: '内容最多 2000 字' }), regionCode: regionCode.optional(), subjectCode: subjectCode.optional() })
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
