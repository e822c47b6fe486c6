import { sql } from 'drizzle-orm';
import { bigserial, customType, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's tsvector; drizzle has no built-in type for it. Written and read only through SQL expressions. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search index of published articles (one row per article, its published version). The words are cut by jieba
 * in the application (platform/text/segment.ts) and stored space-separated in a 'simple' tsvector, weighted:
 * title A, tags/citations/synonym-bearing keywords B, body C. See docs/decisions/0005-search-in-the-database.md.
 */
export const searchArticles = pgTable(
  'search_articles',
  {
    articleId: uuid('article_id').primaryKey(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    citations: text('citations').array().notNull().default(sql`'{}'::text[]`),
    expiresOn: date('expires_on'),
    reviewBy: date('review_by'),
    titlePinyin: text('title_pinyin').notNull(),
    titleInitials: text('title_initials').notNull(),
    words: tsvector('words').notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('search_articles_words_gin').using('gin', t.words), index('search_articles_subjects_gin').using('gin', t.subjects)],
);

/**
 * The search words of each order (title, narrative, employer, place), kept beside the order by intake, with a copy of
 * the order's `visible_to` (kept by a trigger on work_orders, drizzle/0046): one GIN over both intersects a unit's
 * orders with the words inside the index, so a county's search does not join its ~90,000 orders at a million to the
 * words' hundreds of thousands (docs/decisions/0010).
 */
export const searchOrders = pgTable(
  'search_orders',
  {
    orderId: uuid('order_id').primaryKey(),
    words: tsvector('words').notNull(),
    visibleTo: uuid('visible_to').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('search_orders_words_gin').using('gin', t.words, t.visibleTo)],
);

/** Callers' words that mean the same (欠薪 / 拖欠工资 / 不发工资 / 讨薪): one row per group, editable by editors. */
export const searchSynonyms = pgTable('search_synonyms', {
  id: uuid('id').primaryKey().defaultRandom(),
  words: text('words').array().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Each explicit article search, for the editors' to-write list: searches that found nothing or led to no article. */
export const searchLog = pgTable(
  'search_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    userId: uuid('user_id'),
    query: text('query').notNull(),
    results: integer('results').notNull(),
    clickedArticleId: uuid('clicked_article_id'),
  },
  (t) => [index('search_log_at_idx').on(t.at)],
);
