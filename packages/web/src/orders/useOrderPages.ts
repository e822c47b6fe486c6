import { App } from 'antd';
import { useEffect, useState } from 'react';
import { ordersApi, type ListQuery } from '../api/orders.js';
import type { OrderSummary } from '../api/types.js';
import { countKey, countOf, countRequests, type Filters, type SavedView } from './views.js';

const pageSize = 30;

/** One list query's pages: the first on every change of the query, more on demand; a newer query aborts an older one. */
export function useOrderPages(query: ListQuery, nonce: number) {
  const { message } = App.useApp();
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    ordersApi
      .list({ ...(JSON.parse(queryKey) as ListQuery), limit: pageSize }, ctl.signal)
      .then((p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setTotal(p.total);
      })
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setError(e))
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
  }, [queryKey, nonce]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await ordersApi.list({ ...query, limit: pageSize, cursor });
      setItems((xs) => [...xs, ...p.items.filter((i) => !xs.some((x) => x.id === i.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };
  return { items, cursor, total, loading, loadingMore, error, loadMore };
}

/** The number on every view tab. */
export function useViewCounts(views: SavedView[], filters: Filters, nonce: number): Record<string, number> {
  const [byRequest, setByRequest] = useState<Record<string, { countsByState: Record<string, number>; total: number }>>({});
  const countsKey = JSON.stringify(countRequests(views, filters));
  useEffect(() => {
    const ctl = new AbortController();
    const reqs = JSON.parse(countsKey) as ReturnType<typeof countRequests>;
    Promise.all(reqs.map((r) => ordersApi.list(r.query, ctl.signal).then((p) => [r.key, { countsByState: p.countsByState, total: p.total }] as const)))
      .then((entries) => setByRequest(Object.fromEntries(entries)))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [countsKey, nonce]);
  const counts: Record<string, number> = {};
  for (const v of views) {
    const c = byRequest[countKey(v, filters)];
    if (c) counts[v.key] = countOf(v, c.countsByState, c.total);
  }
  return counts;
}
