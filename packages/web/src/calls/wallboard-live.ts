import { callsApi, type Wallboard } from '../api/calls.js';
import { watchStream, type StreamSource } from '../api/live-stream.js';

/**
 * Re-reads the wallboard when the desk changes: the wallboard's stream pushes `calls` after call events and agent
 * state changes; after a dropped stream it is re-read once it is back, and while refused every minute.
 */
export function watchWallboard(reread: () => void, open?: (url: string) => StreamSource, closedState?: number): () => void {
  return watchStream(callsApi.wallboardStreamUrl, { events: { calls: reread }, onGap: reread }, open, closedState);
}

/**
 * The clocks on the wall keep running between reads (a quiet desk sends no event): the longest wait while someone
 * waits, and how long each agent has been in their state, measured from the board's instant plus the time since it
 * was read (`elapsedMs`, by the browser's clock: the server's and the browser's clocks need not agree).
 */
export function runningClocks(board: Wallboard, elapsedMs: number) {
  const now = Date.parse(board.at) + Math.max(0, elapsedMs);
  return {
    longestWaitSeconds: board.queue.waiting > 0 ? board.queue.longestWaitSeconds + Math.floor(Math.max(0, elapsedMs) / 1000) : 0,
    minutesInState: (since: string) => (since ? Math.max(0, Math.round((now - Date.parse(since)) / 60_000)) : null),
  };
}
