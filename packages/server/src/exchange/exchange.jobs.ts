import { addDaysToDate, localDateOf } from '../calendar/domain/working-time.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import * as repo from './exchange.repo.js';
import type { ExchangeService } from './exchange.service.js';

const day = 24 * 3_600_000;

/**
 * The exchange's scheduled work: nonces forgotten after the 5-minute window, and each morning (the daily slot starts
 * 08:00 Beijing) every active partner's previous day reconciled, its report kept for the administrator.
 */
export function registerExchangeJobs(jobs: JobRunner, exchange: ExchangeService) {
  jobs.register('exchange.purge_nonces', async (_job, ctx) => {
    await ctx.complete(async (tx) => repo.purgeNonces(tx, new Date(ctx.now.getTime() - 15 * 60_000)));
  });
  jobs.every('exchange.purge_nonces', 3_600_000);
  jobs.register('exchange.reconcile', async (_job, ctx) => {
    const yesterday = addDaysToDate(localDateOf(ctx.now), -1);
    for (const p of await repo.listPartners(ctx.db)) if (p.active) await exchange.runReconciliation(p.id, yesterday);
  });
  jobs.every('exchange.reconcile', day);
}
