import { http, ok } from './client.js';
import type { Answer, Body } from './types.js';

export type Reading = Answer<'analyzeRequest'>;
export type OutcomeBody = Body<'recordReadingOutcome'>;
export type Surges = Answer<'listSurges'>;
export type Forecast = Answer<'getForecast'>;
export type ReadingAccuracy = Answer<'getReadingAccuracy'>;

/** Reading a narrative (suggestions for the intake form) and recording what the agent did with them. */
export const intelligenceApi = {
  analyze: (body: Body<'analyzeRequest'>, signal?: AbortSignal) => ok(http.POST('/api/intelligence/analyze', { body, ...(signal ? { signal } : {}) })),
  recordOutcome: (body: OutcomeBody) => ok(http.POST('/api/intelligence/outcomes', { body })),
  surges: (signal?: AbortSignal) => ok(http.GET('/api/intelligence/surges', { ...(signal ? { signal } : {}) })),
  forecast: (weeks: number, signal?: AbortSignal) =>
    ok(http.GET('/api/intelligence/forecast', { params: { query: { weeks } }, ...(signal ? { signal } : {}) })),
  accuracy: (days: number, signal?: AbortSignal) => ok(http.GET('/api/intelligence/accuracy', { params: { query: { days } }, ...(signal ? { signal } : {}) })),
};
