import { api, http, ok } from './client.js';
import type { Answer, Body, QueryOf } from './types.js';

export type ArticleHit = Answer<'suggestArticles'>['items'][number];
export type ArticleView = Answer<'getArticle'>;
export type KnowledgeGaps = Answer<'getKnowledgeGaps'>;
export type ArticleVersion = Answer<'listArticleVersions'>[number];
export type ArticleContent = Body<'createArticle'>;
export type SynonymGroup = Answer<'listSynonyms'>[number];
export type ArticleFile = Answer<'uploadArticleFile'>;
const byId = (id: string) => ({ params: { path: { id } } });

/** The knowledge base: suggestions beside the narrative, search, articles, the editors' gaps, answering an order. */
export const knowledgeApi = {
  suggest: (query: QueryOf<'suggestArticles'>, signal?: AbortSignal) =>
    ok(http.GET('/api/knowledge/suggestions', { params: { query }, ...(signal ? { signal } : {}) })),
  search: (query: QueryOf<'searchArticles'>) => ok(http.GET('/api/knowledge/search', { params: { query } })),
  get: (id: string, searchId?: number) => ok(http.GET('/api/knowledge/articles/{id}', { params: { path: { id }, query: searchId ? { searchId } : {} } })),
  list: (query: QueryOf<'listArticles'>) => ok(http.GET('/api/knowledge/articles', { params: { query } })),
  gaps: () => ok(http.GET('/api/knowledge/gaps', { params: { query: {} } })),
  create: (body: Body<'createArticle'>) => ok(http.POST('/api/knowledge/articles', { body })),
  update: (id: string, body: Body<'updateArticle'>) => ok(http.PUT('/api/knowledge/articles/{id}', { ...byId(id), body })),
  submit: (id: string, body: Body<'submitArticle'>) => ok(http.POST('/api/knowledge/articles/{id}/submit', { ...byId(id), body })),
  review: (id: string, body: Body<'reviewArticle'>) => ok(http.POST('/api/knowledge/articles/{id}/review', { ...byId(id), body })),
  publish: (id: string, body: Body<'publishArticle'>) => ok(http.POST('/api/knowledge/articles/{id}/publish', { ...byId(id), body })),
  uploadFile: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<ArticleFile>(`/knowledge/articles/${encodeURIComponent(id)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `/api/knowledge/articles/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`,
  deleteFile: (id: string, fileId: string) => ok(http.DELETE('/api/knowledge/articles/{id}/files/{fileId}', { params: { path: { id, fileId } } })),
  versions: (id: string) => ok(http.GET('/api/knowledge/articles/{id}/versions', byId(id))),
  synonyms: () => ok(http.GET('/api/knowledge/synonyms', {})),
  createSynonyms: (body: Body<'createSynonyms'>) => ok(http.POST('/api/knowledge/synonyms', { body })),
  updateSynonyms: (id: string, body: Body<'updateSynonyms'>) => ok(http.PUT('/api/knowledge/synonyms/{id}', { ...byId(id), body })),
  deleteSynonyms: (id: string) => ok(http.DELETE('/api/knowledge/synonyms/{id}', byId(id))),
  answer: (orderId: string, body: Body<'answerWithArticle'>) =>
    ok(http.POST('/api/orders/{id}/answer-with-article', { params: { path: { id: orderId } }, body })),
};
