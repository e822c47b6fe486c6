import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import type { ArticleContent } from './domain/article.js';
import { removal } from './domain/version-files.js';
import { kbArticleFiles, kbArticles, kbArticleUses, kbArticleVersions } from './knowledge.tables.js';

/** Every query on the knowledge tables. Methods take the executor first (the database or an open transaction). */
export type ArticleRow = typeof kbArticles.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;

export const contentOf = (a: ArticleRow): ArticleContent => ({
  kind: a.kind as ArticleContent['kind'],
  title: a.title,
  body: a.body,
  subjects: a.subjects,
  regions: a.regions,
  tags: a.tags,
  source: a.source,
  citations: a.citations,
  issuingBody: a.issuingBody,
  effectiveFrom: a.effectiveFrom,
  expiresOn: a.expiresOn,
  reviewBy: a.reviewBy,
  attachments: a.attachments,
});

export async function findArticle(db: Executor, id: string, lock = false): Promise<ArticleRow | undefined> {
  const q = db.select().from(kbArticles).where(eq(kbArticles.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findVersion(db: Executor, articleId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)));
  return row;
}

export async function listVersions(db: Executor, articleId: string): Promise<VersionRow[]> {
  return db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId)).orderBy(asc(kbArticleVersions.version));
}

export async function insertArticle(db: Executor, row: typeof kbArticles.$inferInsert): Promise<ArticleRow> {
  const [a] = await db.insert(kbArticles).values(row).returning();
  return a!;
}

export async function updateArticle(db: Executor, id: string, set: Partial<typeof kbArticles.$inferInsert>): Promise<ArticleRow> {
  const [a] = await db.update(kbArticles).set(set).where(eq(kbArticles.id, id)).returning();
  return a!;
}

export async function insertVersion(db: Executor, row: typeof kbArticleVersions.$inferInsert): Promise<void> {
  await db.insert(kbArticleVersions).values(row);
}

export async function updateVersion(db: Executor, articleId: string, version: number, set: Partial<typeof kbArticleVersions.$inferInsert>): Promise<void> {
  await db
    .update(kbArticleVersions)
    .set(set)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)));
}

export type ArticleFilter = {
  status?: string | undefined;
  kind?: string | undefined;
  subjectCode?: string | undefined;
  publishedOnly: boolean;
  staleOn?: string | undefined;
  /** National articles and those of this region's province only (GB/T 2260: its first two digits). */
  province?: string | undefined;
  /** Versions waiting for this editor's review: submitted, and saved by someone else (four eyes). */
  reviewableBy?: string | undefined;
};

export async function listArticles(db: Executor, f: ArticleFilter, limit: number, offset: number) {
  const c: SQL[] = [];
  if (f.status) c.push(eq(kbArticles.status, f.status));
  if (f.kind) c.push(eq(kbArticles.kind, f.kind));
  if (f.subjectCode) c.push(sql`${kbArticles.subjects} @> array[${f.subjectCode}]::text[]`);
  if (f.publishedOnly) c.push(sql`${kbArticles.publishedVersion} is not null`);
  if (f.province)
    c.push(
      sql`(cardinality(${kbArticles.regions}) = 0 or exists (select 1 from unnest(${kbArticles.regions}) r where left(r, 2) = ${f.province.slice(0, 2)}))`,
    );
  if (f.reviewableBy)
    c.push(
      eq(kbArticles.status, 'in_review'),
      sql`not exists (select 1 from ${kbArticleVersions} v where v.article_id = ${kbArticles.id} and v.version = ${kbArticles.version} and v.saved_by = ${f.reviewableBy})`,
    );
  if (f.staleOn) c.push(sql`(${kbArticles.expiresOn} <= ${f.staleOn}::date or ${kbArticles.reviewBy} < ${f.staleOn}::date)`);
  const where = c.length ? and(...c) : undefined;
  const rows = await db.select().from(kbArticles).where(where).orderBy(desc(kbArticles.updatedAt), asc(kbArticles.title)).limit(limit).offset(offset);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(kbArticles).where(where);
  return { rows, total: n };
}

export async function usesByArticle(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: kbArticleUses.articleId, n: count() })
    .from(kbArticleUses)
    .where(inArray(kbArticleUses.articleId, ids))
    .groupBy(kbArticleUses.articleId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function insertUse(db: Executor, row: typeof kbArticleUses.$inferInsert): Promise<void> {
  await db.insert(kbArticleUses).values(row);
}

export async function usesOfOrder(db: Executor, orderId: string) {
  return db
    .select({ articleId: kbArticleUses.articleId, version: kbArticleUses.version, title: kbArticles.title, at: kbArticleUses.at })
    .from(kbArticleUses)
    .innerJoin(kbArticles, eq(kbArticles.id, kbArticleUses.articleId))
    .where(eq(kbArticleUses.orderId, orderId))
    .orderBy(asc(kbArticleUses.at));
}

/** Most used published articles since a day, with their count. */
export async function mostUsed(db: Executor, since: Date, limit: number) {
  return db
    .select({ articleId: kbArticles.id, title: kbArticles.title, kind: kbArticles.kind, uses: count(kbArticleUses.id) })
    .from(kbArticleUses)
    .innerJoin(kbArticles, eq(kbArticles.id, kbArticleUses.articleId))
    .where(sql`${kbArticleUses.at} >= ${since}`)
    .groupBy(kbArticles.id, kbArticles.title, kbArticles.kind)
    .orderBy(desc(count(kbArticleUses.id)), asc(kbArticles.title))
    .limit(limit);
}

/** Published articles nobody used since a day. */
export async function neverUsed(db: Executor, since: Date, limit: number) {
  return db
    .select({ articleId: kbArticles.id, title: kbArticles.title, kind: kbArticles.kind, publishedVersion: kbArticles.publishedVersion })
    .from(kbArticles)
    .leftJoin(kbArticleUses, and(eq(kbArticleUses.articleId, kbArticles.id), sql`${kbArticleUses.at} >= ${since}`))
    .where(and(sql`${kbArticles.publishedVersion} is not null`, isNull(kbArticleUses.id)))
    .orderBy(asc(kbArticles.title))
    .limit(limit);
}

export type ArticleFileRow = typeof kbArticleFiles.$inferSelect;

/** The files of one version of an article (see kbArticleFiles: a file belongs to versions [versionFrom, versionTo)). */
export async function filesOf(db: Executor, articleId: string, version: number): Promise<ArticleFileRow[]> {
  return db
    .select()
    .from(kbArticleFiles)
    .where(
      and(
        eq(kbArticleFiles.articleId, articleId),
        sql`${kbArticleFiles.versionFrom} <= ${version}`,
        sql`(${kbArticleFiles.versionTo} is null or ${kbArticleFiles.versionTo} > ${version})`,
      ),
    )
    .orderBy(asc(kbArticleFiles.uploadedAt), asc(kbArticleFiles.id));
}

/** Every file the article ever had, for the version history (each version's files picked out by their range). */
export async function allFilesOf(db: Executor, articleId: string): Promise<ArticleFileRow[]> {
  return db.select().from(kbArticleFiles).where(eq(kbArticleFiles.articleId, articleId)).orderBy(asc(kbArticleFiles.uploadedAt), asc(kbArticleFiles.id));
}

export async function findFile(db: Executor, articleId: string, fileId: string): Promise<ArticleFileRow | undefined> {
  const [row] = await db
    .select()
    .from(kbArticleFiles)
    .where(and(eq(kbArticleFiles.articleId, articleId), eq(kbArticleFiles.id, fileId)));
  return row;
}

export async function insertFile(db: Executor, row: typeof kbArticleFiles.$inferInsert): Promise<ArticleFileRow> {
  const [f] = await db.insert(kbArticleFiles).values(row).returning();
  return f!;
}

/**
 * Takes a file out of the draft `version`: gone for good when it was added in that draft (returned: its bytes may go),
 * else it ends before this version and the earlier versions keep it (undefined returned).
 */
export async function removeFromVersion(db: Executor, f: ArticleFileRow, version: number): Promise<ArticleFileRow | undefined> {
  if (removal(f, version) === 'delete') {
    const [gone] = await db.delete(kbArticleFiles).where(eq(kbArticleFiles.id, f.id)).returning();
    return gone;
  }
  await db.update(kbArticleFiles).set({ versionTo: version }).where(eq(kbArticleFiles.id, f.id));
  return undefined;
}
