import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The outbox and the job queue in one table: a change writes the work it implies here in its own transaction
 * (a notice to deliver, a status to send back), and scheduled work (the supervision scan) lands here too, one row
 * per time slot. The runner claims due rows with FOR UPDATE SKIP LOCKED (see docs/decisions/0014-job-runner.md).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    /** Exactly once: a second row with the same key is never written (a scheduled slot, a notice already produced). */
    key: text('key'),
    /** pending → running → done; back to pending with a later run_at after a failed attempt; failed after the last. */
    state: text('state').notNull().default('pending'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    /** Who holds the job while it runs; a lease past lease_until is taken over by another instance. */
    leaseToken: uuid('lease_token'),
    leasedBy: text('leased_by'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** The kind of the last error (job-failure.ts jobFailureKinds), said in words on the jobs page; null: none, or older. */
    lastErrorKind: text('last_error_kind'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_key_uq').on(t.key),
    // Only unfinished jobs are scanned for work: done ones pile up (until cleaned) without slowing the claim. In the
    // claim's own order (run_at, id): a scan's notices share one run_at, and by run_at alone the claim read and sorted
    // the whole backlog to take its first 20 (40,000 pending deliveries at a million orders: 140–310 ms a claim).
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`state in ('pending', 'running')`),
    // The scheduled kinds' own due jobs, claimed before the rest (runner.ts): a backlog of another kind is not read.
    index('jobs_kind_due_idx').on(t.kind, t.runAt).where(sql`state in ('pending', 'running')`),
    index('jobs_state_idx').on(t.state, t.id),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
