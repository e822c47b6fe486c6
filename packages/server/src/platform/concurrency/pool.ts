/**
 * Runs `work` over `items` with at most `workers` of them in flight (fewer than one counts as one), starting them in
 * the order given, each as soon as a worker is free.
 *
 * Every caller holds a database connection per worker (a bulk copy's ranges, an index rebuild, a plan's batches), so
 * the first failure starts nothing more, and the returned promise waits for the items already in flight to settle
 * before it rejects with that first error: returning while one still ran would leave its query on a connection the
 * caller is about to release (or a table it is about to drop), and its own failure unhandled. The errors of the items
 * that were in flight are dropped (the first is the one to report; the rest are most often its consequence, e.g. the
 * same lost server). An empty list resolves at once.
 */
export async function forEachAtMost<T>(items: readonly T[], workers: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  let first: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (e) {
        // Caught here, so that no worker rejects: `Promise.all` below waits for every one of them.
        if (!failed) first = e;
        failed = true;
      }
    }
  };
  const n = Math.min(items.length, Math.max(1, Math.floor(workers) || 1));
  await Promise.all(Array.from({ length: n }, worker));
  if (failed) throw first;
}
