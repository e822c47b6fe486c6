import { describe, expect, it } from 'vitest';
import type { Wallboard } from '../api/calls.js';
import { runningClocks, watchWallboard } from './wallboard-live.js';

/** A stand-in for the browser's EventSource: the test plays the server's frames and the connection's fate. */
class FakeSource {
  readyState = 1;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private handlers = new Map<string, (() => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, h: () => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  close() {
    this.closed = true;
  }
  send(type: string) {
    for (const h of this.handlers.get(type) ?? []) h();
  }
}

function watch() {
  let reads = 0;
  const sources: FakeSource[] = [];
  const stop = watchWallboard(
    () => reads++,
    (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s as unknown as EventSource;
    },
  );
  return { reads: () => reads, sources, stop };
}

describe('watchWallboard', () => {
  it("opens the wallboard's stream and re-reads on each `calls`, not on `ready`", () => {
    const w = watch();
    expect(w.sources[0]!.url).toBe('/api/calls/wallboard/stream');
    w.sources[0]!.send('ready');
    expect(w.reads()).toBe(0);
    w.sources[0]!.send('calls');
    w.sources[0]!.send('calls');
    expect(w.reads()).toBe(2);
    w.stop();
    expect(w.sources[0]!.closed).toBe(true);
  });

  it('re-reads once when the stream comes back after a drop (what was pushed meanwhile is lost)', () => {
    const w = watch();
    w.sources[0]!.send('ready');
    w.sources[0]!.onerror?.(new Event('error'));
    expect(w.reads()).toBe(0);
    w.sources[0]!.send('ready');
    w.sources[0]!.send('ready');
    expect(w.reads()).toBe(1);
  });
});

const board = (over: Partial<Wallboard['queue']> = {}): Wallboard =>
  ({
    at: '2026-11-30T02:00:00.000Z',
    date: '2026-11-30',
    queue: { waiting: 1, longestWaitSeconds: 40, talking: 0, ...over },
    agents: [],
  }) as unknown as Wallboard;

describe('runningClocks', () => {
  it('the longest wait runs on while someone waits, and stays 0 when nobody does', () => {
    expect(runningClocks(board(), 0).longestWaitSeconds).toBe(40);
    expect(runningClocks(board(), 12_900).longestWaitSeconds).toBe(52);
    expect(runningClocks(board({ waiting: 0, longestWaitSeconds: 0 }), 60_000).longestWaitSeconds).toBe(0);
  });

  it("an agent's time in state counts from the board's instant plus the time since the read", () => {
    const c = runningClocks(board(), 3 * 60_000);
    expect(c.minutesInState('2026-11-30T01:50:00.000Z')).toBe(13);
    expect(c.minutesInState('')).toBeNull();
    // A browser clock behind the read (elapsed < 0) never counts backwards.
    expect(runningClocks(board(), -5_000).minutesInState('2026-11-30T02:00:00.000Z')).toBe(0);
  });
});
