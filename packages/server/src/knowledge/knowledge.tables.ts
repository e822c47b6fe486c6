import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

export type ArticleAttachment = { name: string; url: string };

/**
 * A knowledge-base article (知识库条目). The row is the working copy: the latest version an editor saved, with its
 * status. What agents read is the published version (`publishedVersion`, a row of `kb_article_versions`), indexed
 * for search by search/ — an edit of a published article does not change what agents see until it is published.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key of a seeded article, so a reinstall completes the starter set without duplicating or overwriting. */
    seedKey: text('seed_key'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    /** GB/T 2260 codes the article applies to; empty: the whole country. */
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: text('source'),
    /** Law and article numbers cited, e.g. 《劳动合同法》第八十二条. */
    citations: text('citations').array().notNull().default(sql`'{}'::text[]`),
    issuingBody: text('issuing_body'),
    effectiveFrom: date('effective_from'),
    expiresOn: date('expires_on'),
    reviewBy: date('review_by'),
    attachments: jsonb('attachments').$type<ArticleAttachment[]>().notNull().default([]),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    publishedVersion: integer('published_version'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('kb_articles_seed_key_uq').on(t.seedKey), index('kb_articles_status_idx').on(t.status)],
);

/** Every saved version of an article, whole (a diff is computed between two of them), with who saved it and why. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** What happened to this version: saved, submitted, approved, rejected, published. */
    status: text('status').notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedByName: text('saved_by_name').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [uniqueIndex('kb_article_versions_uq').on(t.articleId, t.version)],
);

/** An article used to answer an order: the usage statistics and the order's record of what it was told. */
export const kbArticleUses = pgTable(
  'kb_article_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    version: integer('version').notNull(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    closedOrder: text('closed_order').notNull(),
  },
  (t) => [index('kb_article_uses_article_idx').on(t.articleId), index('kb_article_uses_order_idx').on(t.orderId)],
);

/**
 * A file attached to an article (a form to fill in, a notice as issued): the bytes in the installation's attachment
 * store (a table on PostgreSQL, files under the data directory on the embedded default), never in this row. A file
 * belongs to the versions [versionFrom, versionTo) of its article: versions follow one another (each new version starts
 * from the working one), so a file added to draft v is in v and every later version until it is removed from a draft w
 * (versionTo = w; a file added and removed in the same draft is deleted). Only a draft's files change, so a published
 * version keeps its files while the next one is written. Agents download the published version's files only.
 */
export const kbArticleFiles = pgTable(
  'kb_article_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    /** The first version the file belongs to (the draft it was added to). */
    versionFrom: integer('version_from').notNull().default(1),
    /** The first version it no longer belongs to (the draft it was removed from); null: still in the working version. */
    versionTo: integer('version_to'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_article_files_article_idx').on(t.articleId)],
);
