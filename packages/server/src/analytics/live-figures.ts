import type { Clock } from '../platform/clock.js';

/**
 * What the cockpit's stream tells its listeners: `changed` when orders' figures moved (they re-read everything),
 * `calls` when calls were recorded (they re-read the call figures: today's calls on the wall, the KPI cards).
 */
export type LiveEvent = { kind: 'changed' | 'calls'; at: string };
export type LiveListener = (event: LiveEvent) => void;

export type LiveDeps = {
  clock: Clock;
  /** Recomputes the marked orders' figures; resolves to how many orders it recomputed. */
  refresh(): Promise<number>;
  /** Announces committed order changes (the change bus): the figures refresh at once. */
  onOrderChanged?: ((listener: () => void) => () => void) | undefined;
  /** Announces committed call events (the change bus): call figures are computed when read, so listeners re-read. */
  onCallsChanged?: ((listener: () => void) => () => void) | undefined;
  /** How often the figures are looked at without an announcement (another instance's lost NOTIFY, a bulk import). */
  pollMs?: number | undefined;
};

/** A burst (a dispatch of 50 orders, a telephony batch of 500 events) becomes one update a moment later. */
const burstMs = 300;

/**
 * The live side of the figures. One poller and one subscription per topic per process, only while someone listens,
 * so a big screen left on for days holds nothing that grows.
 */
export function createLiveFigures(deps: LiveDeps) {
  const listeners = new Map<LiveListener, { calls: boolean }>();
  let poller: NodeJS.Timeout | null = null;
  let offBus: (() => void)[] = [];
  const timers: Record<LiveEvent['kind'], NodeJS.Timeout | null> = { changed: null, calls: null };

  function emit(kind: LiveEvent['kind']): void {
    const event = { kind, at: deps.clock.now().toISOString() };
    for (const [l, o] of listeners) if (kind === 'changed' || o.calls) l(event);
  }

  /**
   * Called by every refresh, whoever asked for it: when a reader's refresh (a cockpit loading) took the changes, the
   * stream's own refresh finds none, and without this the walls would never hear of them.
   */
  function refreshed(n: number): void {
    if (n > 0 && listeners.size) emit('changed');
  }

  function soon(kind: LiveEvent['kind']): void {
    if (timers[kind] || !listeners.size) return;
    timers[kind] = setTimeout(() => {
      timers[kind] = null;
      if (kind === 'calls') emit('calls');
      else void deps.refresh().catch(() => 0);
    }, burstMs);
  }

  /** `calls`: the listener's scope holds the hotline centre (a city's cockpit has no call figures to re-read). */
  function watch(listener: LiveListener, opts: { calls: boolean }): () => void {
    listeners.set(listener, opts);
    if (!poller) {
      poller = setInterval(() => void deps.refresh().catch(() => 0), deps.pollMs ?? 2000);
      poller.unref();
      offBus = [deps.onOrderChanged?.(() => soon('changed')), deps.onCallsChanged?.(() => soon('calls'))].filter((f) => !!f);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && poller) {
        clearInterval(poller);
        poller = null;
        for (const off of offBus) off();
        offBus = [];
      }
    };
  }

  return { watch, refreshed, listenerCount: () => listeners.size };
}
