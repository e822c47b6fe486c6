import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  analyticsApi,
  presetPeriod,
  today,
  watchFigures,
  type HotTopics,
  type Kpis,
  type OrderFlow,
  type Ranking,
  type Trend,
  type UrgentOrder,
} from '../api.js';

export type Screen = { today: Kpis; month: Kpis; flow: OrderFlow; hot: HotTopics; trend: Trend; weekly: Trend; ranking: Ranking; urgent: UrgentOrder[] };

/** Today's figures again every 15 s: calls are not announced on the figures' stream (it follows order changes). */
const callsEveryMs = 15_000;
/** A slow full re-read covers a day change at midnight and anything the stream missed. */
const rereadEveryMs = 5 * 60_000;

/**
 * The big screen's figures, live: re-read on the server's stream, today's figures (the calls) every 15 s. A failed read
 * keeps the last figures on the wall; a refusal (401: a revoked display token, a session gone) goes to `onAccessLost`.
 */
export function useScreen(onAccessLost?: (e: ApiError) => void) {
  const [data, setData] = useState<Screen | null>(null);
  const [nonce, setNonce] = useState(0);
  const [live, setLive] = useState(false);
  const lost = useRef(onAccessLost);
  lost.current = onAccessLost;
  const failed = useCallback((e: unknown) => {
    if (e instanceof ApiError && e.status === 401) lost.current?.(e);
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    const d = today();
    // A rolling 30 days rather than the calendar month: the wall is never empty on the 1st.
    const month = presetPeriod('30d', d);
    const twelveWeeks = { from: presetPeriod('90d', d).from, to: d };
    Promise.all([
      analyticsApi.kpis({ from: d, to: d }, ctl.signal),
      analyticsApi.kpis(month, ctl.signal),
      analyticsApi.flow(undefined, ctl.signal),
      analyticsApi.hot({ ...month, limit: 8 }, ctl.signal),
      analyticsApi.trend({ ...month, granularity: 'day' }, ctl.signal),
      analyticsApi.ranking({ ...month, measure: 'onTimeRate' }, ctl.signal),
      analyticsApi.urgent(undefined, ctl.signal),
      analyticsApi.trend({ ...twelveWeeks, granularity: 'week' }, ctl.signal),
    ])
      .then(([todayK, monthK, flow, hot, trend, ranking, urgent, weekly]) =>
        setData({ today: todayK, month: monthK, flow, hot, trend, weekly, ranking, urgent }),
      )
      .catch(failed); // keep showing the last figures; the stream or the next tick tries again
    return () => ctl.abort();
  }, [nonce, failed]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => watchFigures(undefined, refetch, setLive), [refetch]);
  useEffect(() => {
    const ctl = new AbortController();
    const calls = setInterval(() => {
      const d = today();
      analyticsApi.kpis({ from: d, to: d }, ctl.signal).then((k) => setData((s) => s && { ...s, today: k }), failed);
    }, callsEveryMs);
    const reread = setInterval(refetch, rereadEveryMs);
    return () => {
      clearInterval(calls);
      clearInterval(reread);
      ctl.abort();
    };
  }, [refetch, failed]);

  return { data, live };
}
