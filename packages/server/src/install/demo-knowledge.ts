import { eq } from 'drizzle-orm';
import { contentOf } from '../knowledge/knowledge.repo.js';
import { createKnowledgeService } from '../knowledge/knowledge.service.js';
import { kbArticles } from '../knowledge/knowledge.tables.js';
import { createDbStore } from '../orders/attachments/attachment-store.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { createSearchService } from '../search/search.service.js';
import { actorOf } from './demo-legal.js';

/**
 * The demo's revision waiting for review: the starter script it revises, its author (`editor`, 冯雪 at the hotline
 * centre) and what it adds. The other demo editor (`editor2`, 蒋涛 at the province federation) is the one who may
 * review it: an author never reviews their own version (knowledge/domain/article.ts).
 */
export const demoRevision = {
  seedKey: 'script-wage-arrears-intake',
  author: 'editor',
  note: '补充：单位愿意协商的，先转调解组织',
  line: '转办前：单位愿意协商、来电人也同意的，可先转工会的调解组织（如劳模律师调解工作室）调解；调解不成，再告知仲裁和劳动保障监察投诉的途径。',
  tag: '转调解',
} as const;

/**
 * The knowledge base's 待我审核 on first start: the demo's first editor has revised a starter script and submitted the
 * new version, so the second editor finds it waiting for them. Through the service the editor's page calls (update
 * with submit), so the version is in the article's history under its author with its note, the published version
 * stays what agents read until it is approved and published, and the notice asking the other editor for a review is
 * written to the outbox in the same transaction (delivered by the first job run). Only the starter version as seeded
 * is revised: an article an editor already changed is left alone.
 */
export async function seedDemoKnowledgeReview(db: Db, clock: Clock): Promise<void> {
  const author = await actorOf(db, demoRevision.author, 'editor');
  if (!author) return;
  const [article] = await db.select().from(kbArticles).where(eq(kbArticles.seedKey, demoRevision.seedKey));
  if (!article || article.status !== 'published' || article.version !== 1) return;
  // The revision touches no file (a starter article has none): the attachment store is never asked.
  const knowledge = createKnowledgeService({ db, clock, search: createSearchService({ db, clock }), files: createDbStore(db) });
  const content = contentOf(article);
  // The new line goes before the script's closing words, or at its end if they were reworded.
  const closing = content.body.indexOf('\n结束：');
  const body = closing < 0 ? `${content.body}\n${demoRevision.line}` : `${content.body.slice(0, closing)}\n${demoRevision.line}${content.body.slice(closing)}`;
  await knowledge.update(author, article.id, {
    ...content,
    body,
    tags: [...new Set([...content.tags, demoRevision.tag])],
    version: article.version,
    submit: true,
    note: demoRevision.note,
  });
}
