import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A list read page by page with "load more" (people, the audit log): the first page again whenever `query` changes
 * or on reload(), later pages appended after `next` (the server's cursor). An answer for an older query is dropped.
 * A list that counts its matches gives `total` (and `totalCapped` past the server's cap) with the first page.
 */
export function useMorePages<Q, I, C>(
  query: Q,
  load: (query: Q, after: C | null) => Promise<{ items: I[]; next: C | null; total?: number; totalCapped?: boolean }>,
) {
  const { message } = App.useApp();
  const [items, setItems] = useState<I[]>([]);
  const [next, setNext] = useState<C | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const [count, setCount] = useState<{ total: number; capped: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Which first page the items belong to: a next page asked for before the query changed is not added to another's.
  const generation = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a fresh function each render; the query decides.
  useEffect(() => {
    let live = true;
    generation.current++;
    setLoading(true);
    setError(null);
    load(query, null)
      .then((r) => live && (setItems(r.items), setNext(r.next), setCount(r.total === undefined ? null : { total: r.total, capped: !!r.totalCapped })))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, nonce]);

  const more = async () => {
    if (!next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const r = await load(query, next);
      if (mine !== generation.current) return;
      setItems((xs) => [...xs, ...r.items]);
      setNext(r.next);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };
  const reload = () => setNonce((n) => n + 1);
  return { items, next, loading, loadingMore, error, more, reload, total: count?.total ?? null, totalCapped: count?.capped ?? false };
}
