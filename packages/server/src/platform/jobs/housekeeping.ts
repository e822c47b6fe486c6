import { purgeDone } from './outbox.repo.js';
import type { JobRunner } from './runner.js';

const day = 24 * 3_600_000;

/** Once a day, done jobs older than two weeks are deleted: the table holds the queue, not a history. */
export function registerJobHousekeeping(jobs: JobRunner) {
  jobs.register('jobs.purge', async (_job, ctx) => {
    await ctx.complete(async (tx) => {
      await purgeDone(tx, new Date(ctx.now.getTime() - 14 * day));
    });
  });
  jobs.every('jobs.purge', day);
}
