import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import { queryWords } from '../platform/text/segment.js';
import { anyOf, planQuery, type PlannedQuery } from './domain/query.js';
import { findHighlights, highlightWords, makeSnippet } from './domain/snippet.js';
import * as repo from './search.repo.js';
import { createSynonymCache, type SynonymCache } from './synonyms.js';

export type ArticleSearchInput = {
  q: string;
  regionCode?: string | undefined;
  subjectCode?: string | undefined;
  kind?: string | undefined;
  tag?: string | undefined;
  limit: number;
};

export type ArticleHit = {
  articleId: string;
  version: number;
  kind: string;
  title: string;
  titleHighlights: [number, number][];
  snippet: string;
  highlights: [number, number][];
  subjects: string[];
  regions: string[];
  citations: string[];
  score: number;
};

/** The day in China (the hotline's calendar), for expiry and review dates. */
export const localDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A narrative can be long; the suggestions use its last words, where the caller's actual question usually is. */
export const suggestionWindow = 400;
const maxQueryConcepts = 40;

export function createSearchService(deps: {
  db: Db;
  clock: Clock;
  synonyms?: SynonymCache;
  /** Where a searcher's unit is (its division code); the installation's province when it has none. */
  homeRegion?: (actor: Actor) => Promise<string | null>;
}) {
  const { db, clock } = deps;
  /** The searcher's province: 150102 → 150000. */
  const homeProvince = async (actor: Actor) => {
    const code = deps.homeRegion ? await deps.homeRegion(actor) : null;
    return code ? `${code.slice(0, 2)}0000` : undefined;
  };
  // The app passes the one cache it shares with the order list (dropped across instances through the change bus).
  const synonyms = deps.synonyms ?? createSynonymCache({ db, clock });

  /**
   * Published, current articles ranked for the caller: ts_rank over the weighted words (title A … body C),
   * × 1.5 for an article of the caller's own region (a local policy is more specific than the national law),
   * × 1.3 for the caller's subject. Articles of another region are left out; national ones apply everywhere.
   * Without a caller's region, the searcher's province stands in: its local policies (any of its cities or counties)
   * × 1.3, other provinces' left out — a Chongqing policy reaches an Inner Mongolia agent only when the caller's
   * region names Chongqing.
   * Latin letters are matched against titles' pinyin and initials as well.
   */
  async function rank(actor: Actor, query: string, plan: PlannedQuery, input: Omit<ArticleSearchInput, 'q'>): Promise<ArticleHit[]> {
    const rows = await repo.rankArticles(db, {
      homeProvince: input.regionCode ? undefined : await homeProvince(actor),
      tsq: anyOf(plan),
      pinyin: plan.pinyin,
      today: localDay(clock.now()),
      kind: input.kind,
      tag: input.tag,
      regionCode: input.regionCode,
      subjectCode: input.subjectCode,
      limit: input.limit,
    });
    const marked = highlightWords(plan.words, query);
    return rows.map((r) => {
      const s = makeSnippet(r.body, marked);
      return {
        articleId: r.articleId,
        version: r.version,
        kind: r.kind,
        title: r.title,
        titleHighlights: findHighlights(r.title, marked),
        snippet: s.text,
        highlights: s.highlights,
        subjects: r.subjects,
        regions: r.regions,
        citations: r.citations,
        score: Math.round(r.score * 10000) / 10000,
      };
    });
  }

  async function plan(text: string): Promise<PlannedQuery> {
    const p = planQuery(text, await synonyms.current(), queryWords);
    return { ...p, groups: p.groups.slice(0, maxQueryConcepts) };
  }

  /** An explicit search: ranked articles, and a log row so editors see what found nothing or led nowhere. */
  async function search(actor: Actor, input: ArticleSearchInput) {
    const q = input.q.trim();
    if (!q) throw invalid('SEARCH_QUERY_EMPTY', '请输入要搜索的内容', [{ field: 'querystring.q', message: '不能为空' }]);
    const items = await rank(actor, q, await plan(q), input);
    const searchId = await repo.logSearch(db, { at: clock.now(), userId: actor.userId, query: q.slice(0, 200), results: items.length });
    return { searchId, items };
  }

  /** Suggestions beside a narrative being typed: the best five, nothing logged (a pause is not a search). */
  async function suggest(actor: Actor, input: { text: string; regionCode?: string | undefined; subjectCode?: string | undefined }) {
    const text = input.text.trim().slice(-suggestionWindow);
    if (!text) return { items: [] };
    return { items: await rank(actor, text, await plan(text), { ...input, limit: 5 }) };
  }

  /** The search led to this article: it is no longer a search "not clicked". Only the searcher's own log row. */
  async function markClicked(actor: Actor, searchId: number, articleId: string): Promise<void> {
    await repo.markLogClicked(db, searchId, actor.userId, articleId);
  }

  async function listSynonyms() {
    const rows = await repo.synonymRows(db);
    return rows.map((r) => ({ id: r.id, words: r.words, updatedAt: r.updatedAt.toISOString() }));
  }

  const cleanGroup = (words: string[]) => [...new Set(words.map((w) => w.normalize('NFKC').trim().toLowerCase()).filter(Boolean))];

  function checkGroup(words: string[]) {
    if (words.length < 2) throw invalid('SEARCH_SYNONYM_TOO_FEW', '同义词组至少需要两个不同的词', [{ field: 'body.words', message: '至少两个不同的词' }]);
  }

  async function createSynonyms(actor: Actor, input: { words: string[] }) {
    requireRole(actor, 'editor');
    const words = cleanGroup(input.words);
    checkGroup(words);
    const row = await repo.insertSynonyms(db, { words, updatedBy: actor.userId, updatedAt: clock.now() });
    await synonyms.invalidate();
    return { id: row.id, words: row.words, updatedAt: row.updatedAt.toISOString() };
  }

  async function updateSynonyms(actor: Actor, id: string, input: { words: string[] }) {
    requireRole(actor, 'editor');
    const words = cleanGroup(input.words);
    checkGroup(words);
    const row = await repo.updateSynonyms(db, id, { words, updatedBy: actor.userId, updatedAt: clock.now() });
    if (!row) throw notFound('SEARCH_SYNONYM_NOT_FOUND', '同义词组不存在');
    await synonyms.invalidate();
    return { id: row.id, words: row.words, updatedAt: row.updatedAt.toISOString() };
  }

  async function deleteSynonyms(actor: Actor, id: string) {
    requireRole(actor, 'editor');
    if (!(await repo.deleteSynonyms(db, id))) throw notFound('SEARCH_SYNONYM_NOT_FOUND', '同义词组不存在');
    await synonyms.invalidate();
  }

  /** Searches since a day that found nothing, and those whose results nobody opened: the editors' to-write list. */
  async function unansweredSearches(since: Date, limit: number) {
    const grouped = (which: 'noResults' | 'notClicked') => repo.groupedSearches(db, since, which, limit);
    const view = (rows: { query: string; times: number; lastAt: Date }[]) =>
      rows.map((r) => ({ query: r.query, times: Number(r.times), lastAt: new Date(r.lastAt).toISOString() }));
    return {
      noResults: view(await grouped('noResults')),
      notClicked: view(await grouped('notClicked')),
    };
  }

  return { search, suggest, markClicked, homeProvince, unansweredSearches, listSynonyms, createSynonyms, updateSynonyms, deleteSynonyms };
}

export type SearchService = ReturnType<typeof createSearchService>;
