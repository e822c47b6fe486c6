import { useCallback, useEffect, useMemo, useState } from 'react';
import { ordersApi } from '../api/orders.js';
import type { IntakeMatches } from '../api/types.js';
import { type IntakeValues, matchQueryOf } from './intake-form.js';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The intake hints (earlier orders of this phone, open orders about this employer, group-case signals) follow what is
 * typed, at most one request per pause in typing; a newer query aborts the older one.
 */
export function useIntakeMatches(values: Partial<IntakeValues> | undefined) {
  const query = useMemo(() => matchQueryOf(values ?? {}), [values]);
  const queryKey = useDebounced(JSON.stringify(query), 400);
  const [matches, setMatches] = useState<IntakeMatches | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const q = JSON.parse(queryKey) as ReturnType<typeof matchQueryOf>;
    if (!Object.keys(q).length) {
      setMatches(null);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    ordersApi
      .matches(q, ctl.signal)
      .then((m) => setMatches(m))
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setError(e))
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
  }, [queryKey, nonce]);
  const clear = useCallback(() => setMatches(null), []);
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { matches, error, loading, hasQuery: Object.keys(query).length > 0, clear, refresh };
}
