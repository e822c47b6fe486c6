import { analyticsApi } from './api.js';

export type LiveHandlers = {
  /** Orders' figures moved (or may have, after a gap): re-read everything shown. */
  onChange: () => void;
  /** Calls were recorded: re-read the call figures only (cheap; a busy hour sends one every few hundred ms). */
  onCalls?: () => void;
  /** Whether the stream is up (the "live" badge). */
  onStatus?: (live: boolean) => void;
};

type Source = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'> & { onerror: ((e: Event) => void) | null };

/**
 * Re-reads when the figures change: the server's event stream (analytics `streamCockpit`) pushes `changed` after an
 * order change and `calls` after call events, each within 5 s. EventSource reconnects by itself after a server
 * restart; what was announced meanwhile is lost, so a `ready` after a drop re-reads everything. If the stream is
 * refused (session ended) it falls back to a slow poll and tries again. Returns a function that stops everything.
 */
export function watchFigures(
  unitId: string | undefined,
  h: LiveHandlers,
  open: (url: string) => Source = (url) => new EventSource(url),
  closedState = 2, // EventSource.CLOSED
): () => void {
  let es: Source | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let dropped = false;
  const connect = () => {
    if (stopped) return;
    es = open(analyticsApi.streamUrl(unitId));
    es.addEventListener('ready', () => {
      h.onStatus?.(true);
      if (poll) clearInterval(poll);
      poll = null;
      if (dropped) h.onChange();
      dropped = false;
    });
    es.addEventListener('changed', () => h.onChange());
    es.addEventListener('calls', () => (h.onCalls ?? h.onChange)());
    es.onerror = () => {
      h.onStatus?.(false);
      dropped = true;
      // CLOSED: the server refused (not a dropped connection); try again later, read meanwhile by polling.
      if (es && es.readyState === closedState) {
        es.close();
        es = null;
        poll ??= setInterval(h.onChange, 60_000);
        retry = setTimeout(connect, 30_000);
      }
    };
  };
  connect();
  return () => {
    stopped = true;
    es?.close();
    if (poll) clearInterval(poll);
    if (retry) clearTimeout(retry);
  };
}
