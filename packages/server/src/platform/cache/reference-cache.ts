import type { ChangeBus, ReferenceKind } from '../bus/index.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/client.js';

/** How long a process keeps reference data without hearing of a change: the bound when an announcement is lost. */
export const referenceCacheMs = 5 * 60_000;

export type ReferenceCache<T> = {
  /**
   * The cached copy, loaded on first use. Inside a transaction pass it as `via`: a load then runs on the
   * transaction's own connection (PGlite has only one; a load through the pool would wait for the open
   * transaction for ever).
   */
  current(via?: Executor): Promise<T>;
  /** After a write: this process drops its copy at once, the other instances when the bus tells them. */
  invalidate(): Promise<void>;
  /** Drops this process's copy only (what a bus message does). */
  drop(): void;
};

/**
 * Reference data (units, catalog, rules, thresholds, calendar) read on nearly every request and written rarely: one
 * copy per process, dropped when a writer announces `reference.changed` for one of `kinds` on the bus (synchronously
 * in the writing process, through LISTEN/NOTIFY in the others), when the bus lost its connection (`bus.resynced`),
 * and in any case after `ttlMs`.
 */
export function createReferenceCache<T>(opts: {
  kinds: readonly ReferenceKind[];
  load: (via: Executor) => Promise<T>;
  db: Executor;
  clock: Clock;
  bus?: ChangeBus | undefined;
  ttlMs?: number;
}): ReferenceCache<T> {
  const ttl = opts.ttlMs ?? referenceCacheMs;
  let cached: { value: T; loadedAt: number } | null = null;
  let loading: Promise<T> | null = null;
  // A load that started before a write must not put the old copy back into the cache.
  let generation = 0;

  function drop(): void {
    generation++;
    cached = null;
    loading = null;
  }
  opts.bus?.subscribe('reference.changed', (m) => {
    if (opts.kinds.includes(m.kind)) drop();
  });
  opts.bus?.subscribe('bus.resynced', drop);

  async function current(via?: Executor): Promise<T> {
    const now = opts.clock.now().getTime();
    if (cached && now >= cached.loadedAt && now - cached.loadedAt < ttl) return cached.value;
    // A load through a transaction is its own: sharing it would hand others data read inside someone's transaction.
    if (via && via !== opts.db) return opts.load(via);
    if (loading) return loading;
    const gen = generation;
    const load = opts.load(opts.db).then((value) => {
      if (gen === generation) cached = { value, loadedAt: opts.clock.now().getTime() };
      return value;
    });
    loading = load;
    // Settled either way: the next call reads again (a failed read is not cached).
    const settle = () => {
      if (loading === load) loading = null;
    };
    load.then(settle, settle);
    return load;
  }

  return {
    current,
    drop,
    async invalidate() {
      drop();
      await opts.bus?.publish({ topic: 'reference.changed', kind: opts.kinds[0]! });
    },
  };
}
