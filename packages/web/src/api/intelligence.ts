import { http, ok } from './client.js';
import type { Answer, Body } from './types.js';

export type Reading = Answer<'analyzeRequest'>;
export type OutcomeBody = Body<'recordReadingOutcome'>;

/** Reading a narrative (suggestions for the intake form) and recording what the agent did with them. */
export const intelligenceApi = {
  analyze: (body: Body<'analyzeRequest'>, signal?: AbortSignal) => ok(http.POST('/api/intelligence/analyze', { body, ...(signal ? { signal } : {}) })),
  recordOutcome: (body: OutcomeBody) => ok(http.POST('/api/intelligence/outcomes', { body })),
};
