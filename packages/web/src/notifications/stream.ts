import { notificationsApi } from '../api/supervision.js';

type Listener = (data: unknown) => void;

/**
 * The person's one live stream (server-sent events) shared by everything that listens to it: the unread count, the
 * screen pop of calls. One EventSource per tab, opened with the first listener and closed with the last. EventSource
 * reconnects by itself (the server asks for 5 s).
 */
let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();
const wired = new Set<string>();
/** The last frame of each event while the stream is open: a listener that joins later knows where things stand. */
const latest = new Map<string, unknown>();

/** The last data of `event` on the open stream (undefined before its first frame, or with no stream open). */
export const latestStreamData = (event: string): unknown => latest.get(event);

function wire(event: string) {
  if (!source || wired.has(event)) return;
  wired.add(event);
  source.addEventListener(event, ((e: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return; // a malformed frame changes nothing
    }
    latest.set(event, data);
    for (const l of listeners.get(event) ?? []) l(data);
  }) as EventListener);
}

export function onStreamEvent(event: string, listener: Listener): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  if (!source) source = new EventSource(notificationsApi.streamUrl);
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener);
  wire(event);
  return () => {
    set.delete(listener);
    if ([...listeners.values()].every((s) => s.size === 0) && source) {
      source.close();
      source = null;
      wired.clear();
      latest.clear();
    }
  };
}
