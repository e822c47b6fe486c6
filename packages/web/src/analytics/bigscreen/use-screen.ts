import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { analyticsApi, presetPeriod, today, type HotTopics, type Kpis, type OrderFlow, type Ranking, type Trend, type UrgentOrder } from '../api.js';
import { watchFigures } from '../live.js';

export type Screen = { today: Kpis; month: Kpis; flow: OrderFlow; hot: HotTopics; trend: Trend; weekly: Trend; ranking: Ranking; urgent: UrgentOrder[] };

/** A slow full re-read covers a day change at midnight and anything the stream missed. */
const rereadEveryMs = 5 * 60_000;

/**
 * The big screen's figures, live: everything re-read on the stream's `changed`, today's figures (the calls) on its
 * `calls` (both within 5 s of the change; after a dropped stream, everything once it is back). A failed read
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
  // Today's figures again when calls are recorded: the calls of the day tick on the wall, nothing else is re-read.
  const rereadToday = useCallback(() => {
    const d = today();
    analyticsApi.kpis({ from: d, to: d }).then((k) => setData((s) => s && { ...s, today: k }), failed);
  }, [failed]);
  useEffect(() => watchFigures(undefined, { onChange: refetch, onCalls: rereadToday, onStatus: setLive }), [refetch, rereadToday]);
  useEffect(() => {
    const reread = setInterval(refetch, rereadEveryMs);
    return () => clearInterval(reread);
  }, [refetch]);

  return { data, live };
}
