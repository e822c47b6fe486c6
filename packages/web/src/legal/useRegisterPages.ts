import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { legalApi, type RegisterPage, type RegisterQuery, type RiskEmployer } from '../api/legal.js';

const pageSize = 50;

/**
 * The risk-employer register's pages for one query (as useOrderPages): the first on every change of the query or of
 * `nonce`, the next on demand by its cursor; a newer query aborts an older one and drops a next page still on its way.
 */
export function useRegisterPages(query: Omit<RegisterQuery, 'limit' | 'cursor'>, nonce: number) {
  const { message } = App.useApp();
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<RiskEmployer[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Pick<RegisterPage, 'total' | 'totalCapped' | 'countsByLevel'> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Which first page the items belong to: a next page asked for before the query changed is not added to another's.
  const generation = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new nonce asks for the first page again (a refresh)
  useEffect(() => {
    const ctl = new AbortController();
    generation.current++;
    setLoading(true);
    setError(null);
    legalApi
      .register({ ...(JSON.parse(queryKey) as RegisterQuery), limit: pageSize }, ctl.signal)
      .then((p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setCounts({ total: p.total, totalCapped: p.totalCapped, countsByLevel: p.countsByLevel });
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
      const p = await legalApi.register({ ...query, limit: pageSize, cursor });
      if (mine !== generation.current) return;
      setItems((xs) => [...xs, ...p.items.filter((i) => !xs.some((x) => x.employerKey === i.employerKey))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  /** An employer's entry as an action answered with it (a visit planned or recorded), in its place in the list. */
  const replace = (entries: RiskEmployer[]) => setItems((xs) => xs.map((x) => entries.find((e) => e.employerKey === x.employerKey) ?? x));

  return { items, cursor, counts, loading, loadingMore, error, loadMore, replace };
}
