import { useEffect, useMemo, useState } from 'react';
import { ordersApi, type ListQuery } from '../api/orders.js';
import { fromCursorPage, useMorePages } from '../shell/use-more-pages.js';

export const pageSize = 30;

/**
 * One list query's pages (shell/use-more-pages.ts): the first on every change of the query's content or on reload(),
 * more on demand; a newer query aborts an older one. Past 1,000 matches the server stops counting (order-list.ts
 * listCountCap): `totalCapped`, and the list says "1,000+".
 */
export function useOrderPages(query: ListQuery) {
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's content decides, not its identity
  const stable = useMemo(() => query, [queryKey]);
  return useMorePages(
    stable,
    (q, after: string | null, signal) => ordersApi.list({ ...q, limit: pageSize, ...(after ? { cursor: after } : {}) }, signal).then(fromCursorPage),
    { key: (o) => o.id },
  );
}

/**
 * The number on every view tab, all from one request (countOrderViews). The counts are the views' own, not narrowed by
 * the person's filters: the filtered total is under the list.
 */
export function useViewCounts(nonce: number): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new nonce is the refresh button asking for fresh counts
  useEffect(() => {
    const ctl = new AbortController();
    ordersApi
      .viewCounts(ctl.signal)
      .then((r) => setCounts(Object.fromEntries(r.views.map((v) => [v.key, v.count]))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [nonce]);
  return counts;
}
