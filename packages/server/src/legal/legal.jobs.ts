import type { JobRunner } from '../platform/jobs/runner.js';
import type { LegalService } from './legal.service.js';

const hour = 3_600_000;

/** The risk-employer register is re-evaluated every hour by whichever instance claims the slot; the run is the job's effect. */
export function registerLegalJobs(jobs: JobRunner, legal: LegalService) {
  jobs.register('legal.risk_register', async (_job, ctx) => {
    await ctx.complete(async (tx) => {
      await legal.evaluateRegister({ tx, now: ctx.now });
    });
  });
  jobs.every('legal.risk_register', hour);
}
