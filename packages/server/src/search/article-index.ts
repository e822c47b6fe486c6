import { pinyin } from 'pinyin-pro';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { plainText } from '../platform/text/rich-text.js';
import { indexText } from '../platform/text/segment.js';
import { searchArticles } from './search.tables.js';

/** What search needs of a published article version. */
export type IndexableArticle = {
  articleId: string;
  version: number;
  kind: string;
  title: string;
  body: string;
  subjects: string[];
  regions: string[];
  tags: string[];
  citations: string[];
  expiresOn: string | null;
  reviewBy: string | null;
};

/** Full pinyin and initials of a title, letters only: 劳动合同 → laodonghetong, ldht. */
export function titlePinyin(title: string): { full: string; initials: string } {
  const han = title.replace(/[^\p{Script=Han}a-zA-Z0-9]/gu, '');
  const full = pinyin(han, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
  const initials = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
  return { full, initials };
}

/**
 * Writes (or replaces) the search row of an article's published version. Title words weigh most (A), then tags and
 * citations (B), then the body (C): a caller's words found in a title say more than the same words in a long body.
 */
export async function indexArticle(tx: Executor, a: IndexableArticle, now: Date): Promise<void> {
  const { full, initials } = titlePinyin(a.title);
  const words = sql`setweight(to_tsvector('simple', ${indexText(a.title)}), 'A')
    || setweight(to_tsvector('simple', ${indexText([...a.tags, ...a.citations].join(' '))}), 'B')
    || setweight(to_tsvector('simple', ${indexText(plainText(a.body))}), 'C')`;
  const row = {
    articleId: a.articleId,
    version: a.version,
    kind: a.kind,
    title: a.title,
    // Snippets and highlights are cut from the plain text (the body's markup is the web's to render).
    body: plainText(a.body),
    subjects: a.subjects,
    regions: a.regions,
    tags: a.tags,
    citations: a.citations,
    expiresOn: a.expiresOn,
    reviewBy: a.reviewBy,
    titlePinyin: full,
    titleInitials: initials,
    words,
    indexedAt: now,
  };
  await tx
    .insert(searchArticles)
    .values(row as unknown as typeof searchArticles.$inferInsert)
    .onConflictDoUpdate({
      target: searchArticles.articleId,
      set: { ...(row as unknown as Partial<typeof searchArticles.$inferInsert>), articleId: undefined },
    });
}

export async function removeArticle(tx: Executor, articleId: string): Promise<void> {
  await tx.delete(searchArticles).where(eq(searchArticles.articleId, articleId));
}
