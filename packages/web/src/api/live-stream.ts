export type StreamSource = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'> & { onerror: ((e: Event) => void) | null };

export type StreamHandlers = {
  /** What to do on each named event the server pushes. */
  events: Record<string, () => void>;
  /** Re-read everything: after the stream came back from a drop (announcements were lost meanwhile), and by the slow poll while refused. */
  onGap: () => void;
  /** Whether the stream is up (a "live" badge). */
  onStatus?: ((live: boolean) => void) | undefined;
};

/**
 * A server-sent event stream that says `ready` on connecting (the cockpit's, the wallboard's). EventSource reconnects
 * by itself after a server restart; what was announced meanwhile is lost, so a `ready` after a drop calls `onGap`.
 * If the stream is refused (session ended) it falls back to a slow poll of `onGap` and tries again. Returns a
 * function that stops everything.
 */
export function watchStream(
  url: string,
  h: StreamHandlers,
  open: (url: string) => StreamSource = (u) => new EventSource(u),
  closedState = 2, // EventSource.CLOSED
): () => void {
  let es: StreamSource | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let dropped = false;
  const connect = () => {
    if (stopped) return;
    es = open(url);
    es.addEventListener('ready', () => {
      h.onStatus?.(true);
      if (poll) clearInterval(poll);
      poll = null;
      if (dropped) h.onGap();
      dropped = false;
    });
    for (const [event, handler] of Object.entries(h.events)) es.addEventListener(event, () => handler());
    es.onerror = () => {
      h.onStatus?.(false);
      dropped = true;
      // CLOSED: the server refused (not a dropped connection); try again later, read meanwhile by polling.
      if (es && es.readyState === closedState) {
        es.close();
        es = null;
        poll ??= setInterval(h.onGap, 60_000);
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
