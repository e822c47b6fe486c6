import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors/app-error.js';
import { checkAttachment } from '../orders/attachments/content-check.js';
import type { AttachmentStore } from '../orders/attachments/attachment-store.js';
import { isEditor } from './domain/article.js';
import { filesLocked, inVersion } from './domain/version-files.js';
import * as repo from './knowledge.repo.js';

/** What an article may carry: documents and pictures (forms, notices as issued), 10 MB each, 10 per version. */
export const articleFileTypes: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
};
export const maxArticleFileBytes = 10 * 1024 * 1024;
const maxFilesPerVersion = 10;

export const fileView = (f: repo.ArticleFileRow) => ({
  id: f.id,
  name: f.fileName,
  contentType: f.contentType,
  size: f.sizeBytes,
  uploadedAt: f.uploadedAt.toISOString(),
});

const articleNotFound = () => notFound('KB_ARTICLE_NOT_FOUND', '知识条目不存在或尚未发布');
const editorRequired = () => new AppError('forbidden', 'KB_EDITOR_REQUIRED', '只有知识库编辑可以维护知识库');

/**
 * An article's files, version by version (domain/version-files.ts): an editor adds and removes files of the working
 * version while it is a draft; agents read the published version's files. `readable` is the article's own read rule
 * (404 for an agent on a draft or stale article).
 */
export function createArticleFiles(deps: { db: Db; clock: Clock; files: AttachmentStore; readable(actor: Actor, id: string): Promise<repo.ArticleRow> }) {
  const { db, clock } = deps;

  /** The working version, locked for the change; refused unless the actor edits and the version is a draft with room. */
  async function draftFor(tx: Db, actor: Actor, id: string, o: { lock: boolean; adding: boolean }) {
    if (!isEditor(actor.role)) throw editorRequired();
    const a = await repo.findArticle(tx, id, o.lock);
    if (!a) throw articleNotFound();
    const locked = filesLocked(a.status);
    if (locked) throw conflict(locked.code, locked.message);
    if (o.adding && (await repo.filesOf(tx, id, a.version)).length >= maxFilesPerVersion) {
      throw invalid('KB_FILE_TOO_MANY', `每个版本最多 ${maxFilesPerVersion} 个附件`, [{ field: 'file', message: '附件数量已达上限' }]);
    }
    return a;
  }

  /**
   * Whether the actor may attach a file to the article, from the path alone: the route asks before it reads a byte of
   * the body, so a refused upload (not an editor, no such article, not a draft, full) costs the server nothing.
   */
  async function mayUpload(actor: Actor, id: string): Promise<void> {
    await draftFor(db, actor, id, { lock: false, adding: true });
  }

  /**
   * An editor attaches a file to the draft: the type is read from the content (never the name), executables, macros
   * and active PDFs refused (orders/attachments/content-check.ts), then only documents and pictures kept. The bytes go
   * to the installation's attachment store; a row that cannot be written takes its bytes back out.
   */
  async function uploadFile(actor: Actor, id: string, file: { fileName: string; bytes: Buffer }) {
    await mayUpload(actor, id);
    if (!file.bytes.length) throw invalid('KB_FILE_EMPTY', '文件是空的', [{ field: 'file', message: '文件是空的' }]);
    const verdict = await checkAttachment(file.bytes, file.fileName);
    if (!verdict.ok) throw invalid(verdict.code, verdict.message, [{ field: 'file', message: verdict.message }]);
    if (!(verdict.contentType in articleFileTypes)) {
      const allowed = Object.values(articleFileTypes).join('、');
      throw invalid('KB_FILE_TYPE_NOT_ALLOWED', `知识条目的附件只能是：${allowed}`, [{ field: 'file', message: `允许：${allowed}` }]);
    }
    const storageKey = `kb-${createHash('sha256').update(file.bytes).digest('hex').slice(0, 16)}-${crypto.randomUUID()}`;
    await deps.files.put(storageKey, file.bytes);
    try {
      // Asked again under the article's lock: it may have been submitted or filled up while the body was read.
      const row = await db.transaction(async (tx) => {
        const a = await draftFor(tx, actor, id, { lock: true, adding: true });
        return repo.insertFile(tx, {
          articleId: id,
          fileName: file.fileName,
          contentType: verdict.contentType,
          sizeBytes: file.bytes.length,
          storageKey,
          versionFrom: a.version,
          uploadedBy: actor.userId,
          uploadedAt: clock.now(),
        });
      });
      return fileView(row);
    } catch (e) {
      await deps.files.remove(storageKey);
      throw e;
    }
  }

  /** A file the actor may read: editors any version's, agents the published version's of a current article. */
  async function downloadFile(actor: Actor, id: string, fileId: string) {
    const a = await deps.readable(actor, id);
    const f = await repo.findFile(db, id, fileId);
    if (!f || (!isEditor(actor.role) && !inVersion(f, a.publishedVersion!))) throw notFound('KB_FILE_NOT_FOUND', '附件不存在');
    const bytes = await deps.files.get(f.storageKey);
    if (!bytes) throw notFound('KB_FILE_MISSING', '附件文件丢失，请联系管理员');
    return { fileName: f.fileName, contentType: f.contentType, bytes };
  }

  /** Takes a file out of the draft; earlier versions keep theirs, so the bytes go only with a file of this draft alone. */
  async function removeFile(actor: Actor, id: string, fileId: string) {
    const gone = await db.transaction(async (tx) => {
      const a = await draftFor(tx, actor, id, { lock: true, adding: false });
      const f = await repo.findFile(tx, id, fileId);
      if (!f || !inVersion(f, a.version)) throw notFound('KB_FILE_NOT_FOUND', '附件不存在');
      return repo.removeFromVersion(tx, f, a.version);
    });
    if (gone) await deps.files.remove(gone.storageKey);
  }

  return { mayUpload, uploadFile, downloadFile, removeFile };
}
