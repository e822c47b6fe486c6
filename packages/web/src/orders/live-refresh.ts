import { useEffect, useRef } from 'react';
import { latestStreamData, onStreamEvent } from '../notifications/stream.js';

/**
 * The live stream says the unread count (notifications/stream.ts, event "unread"): on connect, then on every new
 * notification or read mark. A count that went up is a new notification — an order dispatched, returned, urged… —
 * while one that went down is only a read mark. The first count seen is where things stand, not news.
 */
export const notificationArrived = (before: number | null, now: number): boolean => before !== null && now > before;

const unreadOf = (d: unknown): number | null => {
  const n = (d as { unread?: unknown } | undefined)?.unread;
  return typeof n === 'number' ? n : null;
};

/**
 * What a notification refreshes in a list: always the tab counts; the rows only while the person still looks at the
 * first page (rows loaded with "load more" are kept, and so is where they scrolled to).
 */
export function liveRefreshPlan(shown: number, pageSize: number): { counts: true; firstPage: boolean } {
  return { counts: true, firstPage: shown <= pageSize };
}

/** `fn` once, `ms` after the last of a burst of calls (a bulk dispatch notifies many times in a row). */
export function debounced(fn: () => void, ms: number): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    call: () => {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel,
  };
}

/** Calls `onArrived` (debounced) whenever a new notification arrives on the person's live stream. */
export function useNotificationArrivals(onArrived: () => void, ms = 800): void {
  const latest = useRef(onArrived);
  latest.current = onArrived;
  useEffect(() => {
    let before = unreadOf(latestStreamData('unread'));
    const later = debounced(() => latest.current(), ms);
    const off = onStreamEvent('unread', (d) => {
      const now = unreadOf(d);
      if (now === null) return;
      if (notificationArrived(before, now)) later.call();
      before = now;
    });
    return () => {
      off();
      later.cancel();
    };
  }, [ms]);
}
