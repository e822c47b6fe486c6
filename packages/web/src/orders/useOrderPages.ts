import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ordersApi, type ListQuery } from '../api/orders.js';
import type { OrderSummary } from '../api/types.js';

const pageSize = 30;

/** One list query's pages: the first on every change of the query, more on demand; a newer query aborts an older one. */
export function useOrderPages(query: ListQuery, nonce: number) {
  const { message } = App.useApp();
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  // Past 1,000 matches the server stops counting (order-list.ts listCountCap): the list says "1,000+".
  const [totalCapped, setTotalCapped] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Which first page the items belong to: a next page asked for before the query changed is not added to another's.
  const generation = useRef(0);

  useEffect(() => {
    const ctl = new AbortController();
    generation.current++;
    setLoading(true);
    setError(null);
    ordersApi
      .list({ ...(JSON.parse(queryKey) as ListQuery), limit: pageSize }, ctl.signal)
      .then((p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setTotal(p.total);
        setTotalCapped(p.totalCapped);
      })
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setError(e))
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
  }, [queryKey, nonce]);

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const p = await ordersApi.list({ ...query, limit: pageSize, cursor });
      if (mine !== generation.current) return;
      setItems((xs) => [...xs, ...p.items.filter((i) => !xs.some((x) => x.id === i.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };
  return { items, cursor, total, totalCapped, loading, loadingMore, error, loadMore };
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
