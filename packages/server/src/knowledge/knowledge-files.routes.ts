import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import { filePart } from '../platform/http/upload.js';
import { maxArticleFileBytes } from './article-files.js';
import { articleFileView } from './knowledge.schemas.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];

/** The multipart parser reports a broken body (no boundary, cut short) as a plain Error: the client's input, so a 400. */
function malformedUpload(e: unknown): never {
  const status = (e as { statusCode?: number }).statusCode;
  if (e instanceof AppError || (status && status >= 400 && status < 500)) throw e;
  throw invalid('KB_FILE_MALFORMED', '上传内容不完整或已损坏，请重新选择文件上传', [{ field: 'file', message: 'multipart 数据格式不正确' }]);
}
const fileParams = z.object({ id: z.uuid({ error: '知识条目编号格式不正确' }), fileId: z.uuid({ error: '附件编号格式不正确' }) }).strict();

/** An article's files (per version): upload to the draft, download, remove. The multipart parser is knowledge.routes.ts'. */
export const knowledgeFileRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService }> = async (app, { knowledge }) => {
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
      const file = await filePart(req).catch(malformedUpload);
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
};
