import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A page as useMorePages takes it: its items, where the next page starts (null at the end) and, with the first page,
 * how many match (`totalCapped` past the server's cap). Any other field is the first page's own (`first`).
 */
export type MorePage<I, C> = { items: I[]; next: C | null; total?: number; totalCapped?: boolean };

/** The server's page of a list read by cursor (the server's platform/http/schemas.ts cursorPage). */
export type CursorPage<I> = { items: I[]; nextCursor: string | null; total: number; totalCapped: boolean };

/**
 * The server's cursor page as useMorePages takes it: `nextCursor` becomes `next`; every other field stays (the
 * register's counts by level, read from `first`).
 */
export function fromCursorPage<P extends CursorPage<unknown>>(page: P): Omit<P, 'nextCursor'> & { next: string | null } {
  const { nextCursor, ...rest } = page;
  return Object.assign(rest, { next: nextCursor });
}

type Item<P extends MorePage<unknown, unknown>> = P['items'][number];

/**
 * A list read page by page with "load more" (orders, the register, calls, people, the audit log…): the first page
 * again whenever `query` changes (by identity: memoise it) or on reload(), later pages appended after `next` (the
 * server's cursor). The first page's request is aborted by a newer one (`signal`) and an answer for an older query is
 * dropped, a next page too. A list that counts its matches gives `total` (and `totalCapped`) with the first page,
 * whose other fields are kept as `first`.
 *
 * `key` names a row: a next page's rows already shown (the list moved under the cursor) are not shown twice, and
 * replace() puts rows an action answered with (a visit planned) in their places, the pages loaded so far kept.
 */
export function useMorePages<Q, C, P extends MorePage<unknown, C>>(
  query: Q,
  load: (query: Q, after: C | null, signal?: AbortSignal) => Promise<P>,
  options: { key?: (item: Item<P>) => unknown } = {},
) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Item<P>[]>([]);
  const [next, setNext] = useState<C | null>(null);
  const [first, setFirst] = useState<P | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  // Which first page the items belong to: a next page asked for before the query changed is not added to another's.
  const generation = useRef(0);
  const keyOf = options.key ?? ((item: Item<P>) => item);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a fresh function each render; the query decides.
  useEffect(() => {
    const ctl = new AbortController();
    generation.current++;
    setLoading(true);
    setError(null);
    load(query, null, ctl.signal)
      .then((r) => {
        if (ctl.signal.aborted) return;
        setItems(r.items as Item<P>[]);
        setNext(r.next);
        setFirst(r);
      })
      .catch((e: unknown) => !ctl.signal.aborted && setError(e))
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
  }, [query, nonce]);

  const more = async () => {
    if (!next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const r = await load(query, next);
      if (mine !== generation.current) return;
      setItems((xs) => {
        if (!options.key) return [...xs, ...(r.items as Item<P>[])];
        const shown = new Set(xs.map(keyOf));
        return [...xs, ...(r.items as Item<P>[]).filter((i) => !shown.has(keyOf(i)))];
      });
      setNext(r.next);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };
  const reload = () => setNonce((n) => n + 1);
  /** Rows as an action answered with them, each in the place of the row of its key; rows not shown are not added. */
  const replace = (rows: readonly Item<P>[]) =>
    setItems((xs) => {
      const byKey = new Map(rows.map((r) => [keyOf(r), r]));
      return xs.map((x) => byKey.get(keyOf(x)) ?? x);
    });
  return {
    items,
    next,
    first,
    loading,
    loadingMore,
    error,
    more,
    reload,
    replace,
    total: first?.total ?? null,
    totalCapped: first?.totalCapped ?? false,
  };
}
