import { App } from 'antd';
import { useEffect, useState } from 'react';

/**
 * A list read page by page with "load more" (people, the audit log): the first page again whenever `query` changes
 * or on reload(), later pages appended after `next` (the server's cursor). An answer for an older query is dropped.
 */
export function useMorePages<Q, I, C>(query: Q, load: (query: Q, after: C | null) => Promise<{ items: I[]; next: C | null }>) {
  const { message } = App.useApp();
  const [items, setItems] = useState<I[]>([]);
  const [next, setNext] = useState<C | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a fresh function each render; the query decides.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load(query, null)
      .then((r) => live && (setItems(r.items), setNext(r.next)))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, nonce]);

  const more = async () => {
    if (!next) return;
    try {
      const r = await load(query, next);
      setItems((xs) => [...xs, ...r.items]);
      setNext(r.next);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const reload = () => setNonce((n) => n + 1);
  return { items, next, loading, error, more, reload };
}
