import { useEffect, useMemo, useState } from 'react';
import { ordersApi, type ListQuery } from '../api/orders.js';
import { fromCursorPage, useMorePages } from '../shell/use-more-pages.js';

export const pageSize = 30;

/**
 * One list query's pages (shell/use-more-pages.ts): the first on every change of the query's content or on reload(),
 * more on demand; a newer query aborts an older one. Past 1,000 matches the server stops counting (order-list.ts
 * listCountCap): `totalCapped`, and the list says "1,000+". A first page the server did not count (its count would
 * range over the history: a text, a type over the years) says so (`countsDeferred`); it is shown at once and its
 * count asked for beside it (`counting` until it comes; a failed count leaves "more than the page").
 */
export function useOrderPages(query: ListQuery) {
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's content decides, not its identity
  const stable = useMemo(() => query, [queryKey]);
  const list = useMorePages(
    stable,
    // Each page keeps the query it answers: its count is asked for with that query's filters, not a newer one's.
    (q, after: string | null, signal) =>
      ordersApi.list({ ...q, limit: pageSize, ...(after ? { cursor: after } : {}) }, signal).then((p) => ({ ...fromCursorPage(p), asked: q })),
    { key: (o) => o.id },
  );
  const first = list.first;
  // A failed count (not an aborted one) ends the counting: the page's own "more than the page" stays.
  const [counted, setCounted] = useState<{ of: typeof first; total: number; totalCapped: boolean } | { of: typeof first; failed: true } | null>(null);
  useEffect(() => {
    // Only a total the page could not give is asked for: the list shows no counts per state.
    if (!first?.countsDeferred || !first.totalCapped) return;
    const ctl = new AbortController();
    const { sort: _sort, ...filters } = first.asked;
    ordersApi
      .count(filters, ctl.signal)
      .then((c) => setCounted({ of: first, total: c.total, totalCapped: c.totalCapped }))
      .catch(() => {
        if (!ctl.signal.aborted) setCounted({ of: first, failed: true });
      });
    return () => ctl.abort();
  }, [first]);
  // A count belongs to the first page it was asked for: a newer page (another query, a reload) waits for its own.
  const mine = counted && counted.of === first ? counted : null;
  const total = mine && !('failed' in mine) ? mine : null;
  return {
    ...list,
    total: total ? total.total : list.total,
    totalCapped: total ? total.totalCapped : list.totalCapped,
    counting: first?.countsDeferred === true && first.totalCapped && !mine,
  };
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
