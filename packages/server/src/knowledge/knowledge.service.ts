import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import { noticeJob } from '../notifications/domain/notice.js';
import { holdersOfRolesAnywhere } from '../users/users.repo.js';
import { AppError, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import type { AttachmentStore } from '../orders/attachments/attachment-store.js';
import { createArticleFiles, fileView } from './article-files.js';
import { filesByVersion } from './domain/version-files.js';
import { indexArticle } from '../search/article-index.js';
import { localDay, type SearchService } from '../search/search.service.js';
import {
  checkContent,
  decideArticle,
  editorRoles,
  isEditor,
  staleReason,
  type ArticleAction,
  type ArticleContent,
  type ArticleStatus,
} from './domain/article.js';
import { diffContent } from './domain/diff.js';
import * as repo from './knowledge.repo.js';
import type { ArticleRow } from './knowledge.repo.js';

type Optional = 'source' | 'issuingBody' | 'effectiveFrom' | 'expiresOn' | 'reviewBy';
export type ArticleInput = Omit<ArticleContent, Optional> & { [K in Optional]?: string | null | undefined } & {
  submit?: boolean | undefined;
  note?: string | undefined;
};

const articleNotFound = () => notFound('KB_ARTICLE_NOT_FOUND', '知识条目不存在或尚未发布');

/** The notice kind of a version submitted for review (to the other editors). */
export const reviewRequestedKind = 'knowledge.review_requested';

export function createKnowledgeService(deps: { db: Db; clock: Clock; search: SearchService; files: AttachmentStore }) {
  const { db, clock } = deps;

  const refuse = (d: { ok: false; code: string; message: string; english?: string }): never => {
    throw new AppError(d.code === 'KB_INVALID_TRANSITION' ? 'conflict' : 'forbidden', d.code, d.message, undefined, d.english);
  };

  function checked(input: ArticleInput): ArticleContent {
    const content: ArticleContent = {
      kind: input.kind,
      title: input.title.trim(),
      body: input.body.replace(/\r\n/g, '\n').trim(),
      subjects: [...new Set(input.subjects)],
      regions: [...new Set(input.regions)],
      tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))],
      source: input.source?.trim() || null,
      citations: [...new Set(input.citations.map((c) => c.trim()).filter(Boolean))],
      issuingBody: input.issuingBody?.trim() || null,
      effectiveFrom: input.effectiveFrom ?? null,
      expiresOn: input.expiresOn ?? null,
      reviewBy: input.reviewBy ?? null,
      attachments: input.attachments ?? [],
    };
    const problems = checkContent(content);
    if (problems.length) throw invalid('KB_ARTICLE_INVALID', problems[0]!.message, problems);
    return content;
  }

  /** The view of an article: editors see the working copy and its workflow; everyone else the published version. */
  async function view(actor: Actor, a: ArticleRow, uses?: number) {
    const today = localDay(clock.now());
    const editor = isEditor(actor.role);
    let content = repo.contentOf(a);
    let version = a.version;
    if (!editor) {
      if (a.publishedVersion === null) throw articleNotFound();
      const published = await repo.findVersion(db, a.id, a.publishedVersion);
      content = published!.content as ArticleContent;
      version = a.publishedVersion;
      if (staleReason(content, today)) throw articleNotFound();
    }
    return {
      id: a.id,
      ...content,
      version,
      status: a.status as ArticleStatus,
      publishedVersion: a.publishedVersion,
      stale: staleReason(content, today),
      uses: uses ?? (await repo.usesByArticle(db, [a.id])).get(a.id) ?? 0,
      files: (await repo.filesOf(db, a.id, version)).map(fileView),
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  /** The article as the actor may read it (404 otherwise: a draft or stale article for an agent). */
  async function readable(actor: Actor, id: string) {
    const a = await repo.findArticle(db, id);
    if (!a) throw articleNotFound();
    await view(actor, a, 0);
    return a;
  }
  const files = createArticleFiles({ db, clock, files: deps.files, readable });

  /**
   * A version submitted for review is announced to the other editors (in-app, through the notices' outbox, in the
   * submission's transaction): neither the one who saved it (who may not review it) nor the one who submitted it.
   * No key: a version sent back and submitted again is asked for again.
   */
  async function askForReview(
    tx: Executor,
    actor: Actor,
    a: { id: string; title: string; version: number; savedBy: string | null; note?: string | null | undefined },
    now: Date,
  ) {
    const reviewers = (await holdersOfRolesAnywhere(tx, editorRoles)).filter((id) => id !== actor.userId && id !== a.savedBy).sort();
    if (!reviewers.length) return;
    const notice = noticeJob(
      {
        kind: reviewRequestedKind,
        to: reviewers.map((userId) => ({ userId })),
        title: `知识条目待审核：${a.title}`,
        body: `${actor.displayName} 提交了第 ${a.version} 版${a.note ? `：${a.note}` : ''}`,
        data: { articleId: a.id, version: a.version, path: `/knowledge?tab=review&article=${a.id}` },
      },
      now,
    );
    await outbox.enqueue(tx, [notice], now);
  }

  async function list(
    actor: Actor,
    q: {
      reviewable?: boolean | undefined;
      status?: string | undefined;
      kind?: string | undefined;
      subjectCode?: string | undefined;
      regionCode?: string | undefined;
      stale?: boolean | undefined;
      limit: number;
      offset: number;
    },
  ) {
    const editor = isEditor(actor.role);
    const today = localDay(clock.now());
    if (!editor && (q.status || q.stale || q.reviewable)) requireRole(actor, 'editor');
    // A region named by the request shows that province's local policies; without one, an agent sees home's only
    // (editors see every province's unless they name one).
    const province = q.regionCode ?? (editor ? undefined : await deps.search.homeProvince(actor));
    const { rows, total } = await repo.listArticles(
      db,
      {
        status: q.status,
        kind: q.kind,
        subjectCode: q.subjectCode,
        province,
        publishedOnly: !editor,
        staleOn: q.stale ? today : undefined,
        reviewableBy: q.reviewable ? actor.userId : undefined,
      },
      q.limit,
      q.offset,
    );
    const uses = await repo.usesByArticle(
      db,
      rows.map((r) => r.id),
    );
    const items = [];
    for (const a of rows) {
      // Agents see published, current articles only; a stale one is left out of their page (the total is the editors').
      try {
        const v = await view(actor, a, uses.get(a.id) ?? 0);
        items.push({ ...v, body: v.body.slice(0, 200) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    return { items, total: editor ? total : items.length };
  }

  async function get(actor: Actor, id: string, searchId?: number) {
    const a = await repo.findArticle(db, id);
    if (!a) throw articleNotFound();
    const v = await view(actor, a);
    if (searchId !== undefined) await deps.search.markClicked(actor, searchId, id);
    return v;
  }

  async function create(actor: Actor, input: ArticleInput) {
    const decision = decideArticle('draft', input.submit ? 'submit' : 'save', { role: actor.role, userId: actor.userId, savedBy: actor.userId });
    if (!decision.ok) refuse(decision);
    const content = checked(input);
    const now = clock.now();
    const status: ArticleStatus = input.submit ? 'in_review' : 'draft';
    const a = await db.transaction(async (tx) => {
      const row = await repo.insertArticle(tx, {
        ...content,
        status,
        version: 1,
        createdBy: actor.userId,
        createdAt: now,
        updatedBy: actor.userId,
        updatedAt: now,
      });
      await repo.insertVersion(tx, {
        articleId: row.id,
        version: 1,
        content,
        status,
        savedBy: actor.userId,
        savedByName: actor.displayName,
        savedAt: now,
        note: input.note ?? null,
      });
      if (input.submit) await askForReview(tx, actor, { id: row.id, title: content.title, version: 1, savedBy: actor.userId, note: input.note }, now);
      return row;
    });
    return view(actor, a, 0);
  }

  /** A new version: always a draft (or submitted at once); the published version stays what agents read. */
  async function update(actor: Actor, id: string, input: ArticleInput & { version: number }) {
    const decision = decideArticle('draft', 'save', { role: actor.role, userId: actor.userId, savedBy: null });
    if (!decision.ok) refuse(decision);
    const content = checked(input);
    const now = clock.now();
    const a = await db.transaction(async (tx) => {
      const current = await repo.findArticle(tx, id, true);
      if (!current) throw articleNotFound();
      if (current.version !== input.version) throw staleVersion('知识条目');
      const version = current.version + 1;
      const status: ArticleStatus = input.submit ? 'in_review' : 'draft';
      await repo.insertVersion(tx, {
        articleId: id,
        version,
        content,
        status,
        savedBy: actor.userId,
        savedByName: actor.displayName,
        savedAt: now,
        note: input.note ?? null,
      });
      if (input.submit) await askForReview(tx, actor, { id, title: content.title, version, savedBy: actor.userId, note: input.note }, now);
      return repo.updateArticle(tx, id, { ...content, status, version, updatedBy: actor.userId, updatedAt: now });
    });
    return view(actor, a);
  }

  /** Moves the working version through the workflow; publishing re-indexes it for search. */
  async function act(actor: Actor, id: string, action: ArticleAction, input: { version: number; note?: string | undefined }) {
    const now = clock.now();
    const a = await db.transaction(async (tx) => {
      const current = await repo.findArticle(tx, id, true);
      if (!current) throw articleNotFound();
      if (current.version !== input.version) throw staleVersion('知识条目');
      const saved = await repo.findVersion(tx, id, current.version);
      const decision = decideArticle(current.status as ArticleStatus, action, { role: actor.role, userId: actor.userId, savedBy: saved?.savedBy ?? null });
      if (!decision.ok) return refuse(decision);
      const review =
        action === 'approve' || action === 'reject'
          ? { reviewedBy: actor.userId, reviewedByName: actor.displayName, reviewedAt: now, reviewNote: input.note ?? null }
          : {};
      await repo.updateVersion(tx, id, current.version, { status: decision.next, ...review, ...(action === 'publish' ? { publishedAt: now } : {}) });
      const set: Partial<ArticleRow> = { status: decision.next, updatedAt: now, updatedBy: actor.userId };
      if (action === 'submit')
        await askForReview(tx, actor, { id, title: current.title, version: current.version, savedBy: saved?.savedBy ?? null, note: input.note }, now);
      if (action === 'publish') {
        set.publishedVersion = current.version;
        await indexArticle(tx, { articleId: id, version: current.version, ...repo.contentOf(current) }, now);
      }
      return repo.updateArticle(tx, id, set);
    });
    return view(actor, a);
  }

  const submit = (actor: Actor, id: string, input: { version: number; note?: string | undefined }) => act(actor, id, 'submit', input);
  const review = (actor: Actor, id: string, input: { version: number; decision: 'approve' | 'reject'; note?: string | undefined }) =>
    act(actor, id, input.decision, input);
  const publish = (actor: Actor, id: string, input: { version: number }) => act(actor, id, 'publish', input);

  /** Every version with what changed from the one before (editors). */
  async function versions(actor: Actor, id: string) {
    requireRole(actor, 'editor');
    const a = await repo.findArticle(db, id);
    if (!a) throw articleNotFound();
    const rows = await repo.listVersions(db, id);
    const filesOf = filesByVersion(
      await repo.allFilesOf(db, id),
      rows.map((v) => v.version),
    );
    return rows.map((v, i) => ({
      version: v.version,
      status: v.status,
      title: String(v.content.title ?? ''),
      savedBy: v.savedByName,
      savedAt: v.savedAt.toISOString(),
      reviewedBy: v.reviewedByName,
      reviewedAt: v.reviewedAt?.toISOString() ?? null,
      reviewNote: v.reviewNote,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      note: v.note,
      published: a.publishedVersion === v.version,
      changes: diffContent(i > 0 ? rows[i - 1]!.content : null, v.content),
      files: (filesOf.get(v.version) ?? []).map(fileView),
    }));
  }

  /** Editors' to-write list: most and never used articles, searches that found nothing or led to no article. */
  async function gaps(actor: Actor, q: { days: number }) {
    requireRole(actor, 'editor');
    const since = new Date(clock.now().getTime() - q.days * 86_400_000);
    const today = localDay(clock.now());
    const [mostUsed, neverUsed, searches, stale] = [
      await repo.mostUsed(db, since, 20),
      await repo.neverUsed(db, since, 50),
      await deps.search.unansweredSearches(since, 30),
      await repo.listArticles(db, { publishedOnly: true, staleOn: today }, 50, 0),
    ];
    return {
      since: since.toISOString(),
      mostUsed: mostUsed.map((r) => ({ articleId: r.articleId, title: r.title, kind: r.kind, uses: Number(r.uses) })),
      neverUsed: neverUsed.map((r) => ({ articleId: r.articleId, title: r.title, kind: r.kind })),
      noResults: searches.noResults,
      notClicked: searches.notClicked,
      stale: stale.rows.map((a) => ({ articleId: a.id, title: a.title, reason: staleReason(a, today) ?? 'expired' })),
    };
  }

  /** For the order's answer: the published version, as an agent sees it (404 when not published or stale). */
  async function publishedForAnswer(actor: Actor, id: string) {
    const a = await repo.findArticle(db, id);
    if (!a || a.publishedVersion === null) throw articleNotFound();
    const v = await repo.findVersion(db, id, a.publishedVersion);
    const content = v!.content as ArticleContent;
    if (staleReason(content, localDay(clock.now()))) throw articleNotFound();
    return { id, version: a.publishedVersion, content };
  }

  return { list, get, create, update, submit, review, publish, versions, gaps, publishedForAnswer, ...files };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
