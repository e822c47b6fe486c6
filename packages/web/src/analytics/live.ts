import { watchStream, type StreamSource } from '../api/live-stream.js';
import { analyticsApi } from './api.js';

export type LiveHandlers = {
  /** Orders' figures moved (or may have, after a gap): re-read everything shown. */
  onChange: () => void;
  /** Calls were recorded: re-read the call figures only (cheap; a busy hour sends one every few hundred ms). */
  onCalls?: () => void;
  /** Whether the stream is up (the "live" badge). */
  onStatus?: (live: boolean) => void;
};

/**
 * Re-reads when the figures change: the server's event stream (analytics `streamCockpit`) pushes `changed` after an
 * order change and `calls` after call events, each within 5 s; after a drop or while refused, everything is re-read
 * (api/live-stream.ts). Returns a function that stops everything.
 */
export function watchFigures(unitId: string | undefined, h: LiveHandlers, open?: (url: string) => StreamSource, closedState?: number): () => void {
  return watchStream(
    analyticsApi.streamUrl(unitId),
    { events: { changed: () => h.onChange(), calls: () => (h.onCalls ?? h.onChange)() }, onGap: () => h.onChange(), onStatus: h.onStatus },
    open,
    closedState,
  );
}
