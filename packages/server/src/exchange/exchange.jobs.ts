import { addDaysToDate, localDateOf } from '../calendar/domain/working-time.js';
import { slotStart } from '../platform/jobs/backoff.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import * as repo from './exchange.repo.js';
import type { ExchangeService } from './exchange.service.js';
import type { NationalUploadService } from './national-upload.service.js';

const day = 24 * 3_600_000;
/** The national upload runs at 01:00 Beijing (17:00 UTC), once the day before is over. */
const uploadAt = 17 * 3_600_000;
export const nationalUploadSlot = (now: Date) => new Date(slotStart(new Date(now.getTime() - uploadAt), day).getTime() + uploadAt);

/**
 * The exchange's scheduled work: nonces forgotten after the 5-minute window; each morning (the daily slot starts
 * 08:00 Beijing) every active partner's previous day reconciled, its report kept for the administrator; and at
 * 01:00 Beijing the national platform's daily upload of the day before (docs/exchange-national.md).
 */
export function registerExchangeJobs(jobs: JobRunner, exchange: ExchangeService, uploads: NationalUploadService) {
  jobs.register('exchange.purge_nonces', async (_job, ctx) => {
    await ctx.complete(async (tx) => repo.purgeNonces(tx, new Date(ctx.now.getTime() - 15 * 60_000)));
  });
  jobs.every('exchange.purge_nonces', 3_600_000);
  jobs.register('exchange.reconcile', async (_job, ctx) => {
    const yesterday = addDaysToDate(localDateOf(ctx.now), -1);
    for (const p of await repo.listPartners(ctx.db)) if (p.active) await exchange.runReconciliation(p.id, yesterday);
  });
  jobs.every('exchange.reconcile', day);
  // One job per slot across instances (the schedule's key). Each (partner, day) is written in a transaction of its own,
  // once by its unique key whichever instance or run gets there (national-upload.service.ts `run`): a run that stopped
  // half way, or an instance whose lease was taken over, leaves no day twice and the next run the days still missing.
  jobs.register('exchange.national_upload', async (_job, ctx) => {
    await uploads.run(ctx.now);
    await ctx.complete();
  });
  jobs.schedule('exchange.national_upload', nationalUploadSlot, (slot) => ({ slot: slot.toISOString() }));
}
