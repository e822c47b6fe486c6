import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { searchArticles, searchLog, searchSynonyms } from './search.tables.js';

/** Search's tables (the articles' index, the log, the synonyms), read and written only here. */

export type RankFilter = {
  tsq: string | null;
  pinyin: string | null | undefined;
  today: string;
  kind?: string | undefined;
  tag?: string | undefined;
  /** The caller's region, named by the search: articles of that region only (national ones too), first. */
  regionCode?: string | undefined;
  /** The searcher's province (GB/T 2260, 150000): without a caller's region, other provinces' local policies are left out. */
  homeProvince?: string | undefined;
  subjectCode?: string | undefined;
  limit: number;
};

/** The ranking and its boosts: search.service.ts says why. */
export async function rankArticles(db: Executor, f: RankFilter) {
  const { tsq, pinyin, today } = f;
  const conds: SQL[] = [
    sql`(${searchArticles.expiresOn} is null or ${searchArticles.expiresOn} > ${today}::date)`,
    sql`(${searchArticles.reviewBy} is null or ${searchArticles.reviewBy} >= ${today}::date)`,
  ];
  const matches: SQL[] = [];
  if (tsq) matches.push(sql`${searchArticles.words} @@ to_tsquery('simple', ${tsq})`);
  if (pinyin) matches.push(sql`(${searchArticles.titleInitials} like ${`${pinyin}%`} or ${searchArticles.titlePinyin} like ${`%${pinyin}%`})`);
  if (!matches.length) return [];
  conds.push(sql`(${sql.join(matches, sql` or `)})`);
  if (f.kind) conds.push(eq(searchArticles.kind, f.kind));
  if (f.tag) conds.push(sql`${searchArticles.tags} @> array[${f.tag}]::text[]`);
  const inRegion = f.regionCode
    ? sql`exists (select 1 from unnest(${searchArticles.regions}) r where ${f.regionCode} like regexp_replace(r, '(00)+$', '') || '%')`
    : sql`false`;
  // Any region inside the searcher's province (its cities and counties too): a local policy of home.
  const inProvince =
    !f.regionCode && f.homeProvince
      ? sql`exists (select 1 from unnest(${searchArticles.regions}) r where left(r, 2) = ${f.homeProvince.slice(0, 2)})`
      : sql`false`;
  if (f.regionCode) conds.push(sql`(cardinality(${searchArticles.regions}) = 0 or ${inRegion})`);
  else if (f.homeProvince) conds.push(sql`(cardinality(${searchArticles.regions}) = 0 or ${inProvince})`);
  const rankExpr = tsq ? sql`ts_rank('{0.2, 0.4, 0.7, 1.0}', ${searchArticles.words}, to_tsquery('simple', ${tsq}), 1)` : sql`0.5`;
  const pinyinBoost = pinyin ? sql`(case when ${searchArticles.titleInitials} like ${`${pinyin}%`} then 1 else 0 end)` : sql`0`;
  const subjectBoost = f.subjectCode ? sql`(case when ${searchArticles.subjects} @> array[${f.subjectCode}]::text[] then 1.3 else 1 end)` : sql`1`;
  const score = sql<number>`((${rankExpr} + ${pinyinBoost}) * (case when ${inRegion} then 1.5 when ${inProvince} then 1.3 else 1 end) * ${subjectBoost})::float8`;
  return db
    .select({
      articleId: searchArticles.articleId,
      version: searchArticles.version,
      kind: searchArticles.kind,
      title: searchArticles.title,
      body: searchArticles.body,
      subjects: searchArticles.subjects,
      regions: searchArticles.regions,
      citations: searchArticles.citations,
      score,
    })
    .from(searchArticles)
    .where(and(...conds))
    .orderBy(desc(score), searchArticles.title)
    .limit(f.limit);
}

export async function logSearch(db: Executor, row: typeof searchLog.$inferInsert): Promise<number> {
  const [log] = await db.insert(searchLog).values(row).returning({ id: searchLog.id });
  return log!.id;
}

/** Only the searcher's own log row. */
export async function markLogClicked(db: Executor, searchId: number, userId: string, articleId: string): Promise<void> {
  await db
    .update(searchLog)
    .set({ clickedArticleId: articleId })
    .where(and(eq(searchLog.id, searchId), eq(searchLog.userId, userId)));
}

/** Searches since a day, grouped by query: those that found nothing, or those whose results nobody opened. */
export async function groupedSearches(db: Executor, since: Date, which: 'noResults' | 'notClicked', limit: number) {
  const cond: SQL = which === 'noResults' ? sql`${searchLog.results} = 0` : sql`${searchLog.results} > 0 and ${searchLog.clickedArticleId} is null`;
  return db
    .select({ query: searchLog.query, times: sql<number>`count(*)::int`, lastAt: sql<Date>`max(${searchLog.at})` })
    .from(searchLog)
    .where(and(sql`${searchLog.at} >= ${since}`, cond))
    .groupBy(searchLog.query)
    .orderBy(desc(sql`count(*)`), desc(sql`max(${searchLog.at})`))
    .limit(limit);
}

export async function synonymRows(db: Executor) {
  return db.select().from(searchSynonyms).orderBy(searchSynonyms.updatedAt, searchSynonyms.id);
}

export async function insertSynonyms(db: Executor, values: typeof searchSynonyms.$inferInsert) {
  const [row] = await db.insert(searchSynonyms).values(values).returning();
  return row!;
}

export async function updateSynonyms(db: Executor, id: string, patch: Partial<typeof searchSynonyms.$inferInsert>) {
  const [row] = await db.update(searchSynonyms).set(patch).where(eq(searchSynonyms.id, id)).returning();
  return row;
}

/** False when there was no such group. */
export async function deleteSynonyms(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).returning({ id: searchSynonyms.id });
  return rows.length > 0;
}
