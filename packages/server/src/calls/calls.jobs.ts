import type { JobRunner } from '../platform/jobs/runner.js';
import { purgeNonces } from './calls.repo.js';

/** Nonces only matter inside the 5-minute window: an hourly job forgets older ones. */
export function registerCallJobs(jobs: JobRunner) {
  jobs.register('calls.purge_nonces', async (_job, ctx) => {
    await ctx.complete(async (tx) => purgeNonces(tx, new Date(ctx.now.getTime() - 15 * 60_000)));
  });
  jobs.every('calls.purge_nonces', 3_600_000);
}
