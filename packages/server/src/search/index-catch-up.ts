import type { Executor } from '../platform/db/client.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { indexMissingOrders } from './order-index.js';

/**
 * Orders without search words are indexed once per schema version, by one instance, as a job. Intake writes an
 * order's words in its own statement and the seeders index what they write, so only an upgrade from a version without
 * them leaves orders to index. This ran at every start of every instance before (bootstrap): an anti-join of all
 * orders against search_orders, ~1 s at 1,000,000 orders, before the server listened.
 */
export const indexCatchUpKind = 'search.index_missing';

export function registerIndexCatchUp(jobs: JobRunner) {
  jobs.register(
    indexCatchUpKind,
    async (_job, ctx) => {
      await indexMissingOrders(ctx.db);
      await ctx.complete();
    },
    { leaseMs: 30 * 60_000 },
  );
}

/** Asked at every start; the job's key makes it one job per schema version, whichever instance asks first. */
export async function requestIndexCatchUp(db: Executor, version: string, now: Date): Promise<void> {
  await outbox.enqueue(db, { kind: indexCatchUpKind, payload: {}, key: `${indexCatchUpKind}@${version}`, runAt: now, maxAttempts: 3 }, now);
}
