import { useMemo } from 'react';
import { legalApi, type RegisterQuery } from '../api/legal.js';
import { fromCursorPage, useMorePages } from '../shell/use-more-pages.js';

const pageSize = 50;

/**
 * The risk-employer register's pages for one query (shell/use-more-pages.ts): the first on every change of the
 * query's content or on reload(), the next on demand by its cursor; `first.countsByLevel` the territory's employers
 * per level; replace() an employer's entry as a visit action answered with it.
 */
export function useRegisterPages(query: Omit<RegisterQuery, 'limit' | 'cursor'>) {
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's content decides, not its identity
  const stable = useMemo(() => query, [queryKey]);
  return useMorePages(
    stable,
    (q, after: string | null, signal) => legalApi.register({ ...q, limit: pageSize, ...(after ? { cursor: after } : {}) }, signal).then(fromCursorPage),
    { key: (e) => e.employerKey },
  );
}
