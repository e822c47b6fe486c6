import { inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import { indexArticle } from '../search/article-index.js';
import { seedDefaultSynonyms } from '../search/synonyms.js';
import type { ArticleContent } from './domain/article.js';
import { kbArticles, kbArticleVersions } from './knowledge.tables.js';
import { starterArticles } from './seed/index.js';

/** Seeded articles are due for an editor's review a year after installation: the law changes, the set must be kept current. */
const reviewAfterDays = 365;

/**
 * The starter knowledge base (≥ 60 articles written from public law, each citing its articles) and the callers'
 * synonyms. Runs at every start: an article whose seed key is missing is added and published; one that exists is
 * never touched again (an editor may have changed it). Synonyms are added only to an empty table.
 */
export async function seedKnowledge(db: Db, now: Date): Promise<{ articles: number }> {
  const reviewBy = new Date(now.getTime() + reviewAfterDays * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const keys = starterArticles.map((a) => a.key);
  const existing = new Set((await db.select({ key: kbArticles.seedKey }).from(kbArticles).where(inArray(kbArticles.seedKey, keys))).map((r) => r.key));
  const missing = starterArticles.filter((a) => !existing.has(a.key));
  await db.transaction(async (tx) => {
    await seedDefaultSynonyms(tx, now);
    for (const s of missing) {
      const content: ArticleContent = {
        kind: s.kind,
        title: s.title,
        body: s.body.trim(),
        subjects: s.subjects,
        regions: s.regions ?? [],
        tags: s.tags ?? [],
        source: s.source ?? null,
        citations: s.citations,
        issuingBody: s.issuingBody ?? null,
        effectiveFrom: s.effectiveFrom ?? null,
        expiresOn: null,
        reviewBy,
        attachments: [],
      };
      const [row] = await tx
        .insert(kbArticles)
        .values({ ...content, seedKey: s.key, status: 'published', version: 1, publishedVersion: 1, createdAt: now, updatedAt: now })
        .returning({ id: kbArticles.id });
      await tx.insert(kbArticleVersions).values({
        articleId: row!.id,
        version: 1,
        content,
        status: 'published',
        savedBy: null,
        savedByName: '系统预置',
        savedAt: now,
        publishedAt: now,
        note: '预置知识库条目',
      });
      await indexArticle(tx, { articleId: row!.id, version: 1, ...content }, now);
    }
  });
  return { articles: missing.length };
}
