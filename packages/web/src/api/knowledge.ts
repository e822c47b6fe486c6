import { http, ok } from './client.js';
import type { Answer, Body, QueryOf } from './types.js';

export type ArticleHit = Answer<'suggestArticles'>['items'][number];
export type ArticleView = Answer<'getArticle'>;
export type KnowledgeGaps = Answer<'getKnowledgeGaps'>;

/** The knowledge base: suggestions beside the narrative, search, articles, the editors' gaps, answering an order. */
export const knowledgeApi = {
  suggest: (query: QueryOf<'suggestArticles'>, signal?: AbortSignal) =>
    ok(http.GET('/api/knowledge/suggestions', { params: { query }, ...(signal ? { signal } : {}) })),
  search: (query: QueryOf<'searchArticles'>) => ok(http.GET('/api/knowledge/search', { params: { query } })),
  get: (id: string, searchId?: number) => ok(http.GET('/api/knowledge/articles/{id}', { params: { path: { id }, query: searchId ? { searchId } : {} } })),
  list: (query: QueryOf<'listArticles'>) => ok(http.GET('/api/knowledge/articles', { params: { query } })),
  gaps: () => ok(http.GET('/api/knowledge/gaps', { params: { query: {} } })),
  answer: (orderId: string, body: Body<'answerWithArticle'>) =>
    ok(http.POST('/api/orders/{id}/answer-with-article', { params: { path: { id: orderId } }, body })),
};
