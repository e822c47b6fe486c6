import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { ioTurn } from '../concurrency/io-turn.js';
import type { Db, Tx } from '../db/client.js';
import { retryDelayMs, slotStart } from './backoff.js';
import { jobFailureOf } from './job-failure.js';
import { jobs, type JobRow } from './jobs.tables.js';
import { outbox } from './outbox.repo.js';
import type { SystemActor } from './system-actor.js';

export type JobContext = {
  /** The injected clock's now when the job was claimed: handlers never read a clock of their own. */
  now: Date;
  attempt: number;
  system: SystemActor;
  db: Db;
  /**
   * Runs `effects` in one transaction that also marks the job done, only while this instance still holds the job.
   * If the lease was lost (this instance stalled and another took the job over), the transaction rolls back:
   * a job's database effects happen exactly once. Called by the runner with no effects when the handler did not.
   */
  complete(effects?: (tx: Tx) => Promise<void>): Promise<void>;
  /**
   * A batch's job that failed on its own (one message of a batch of deliveries): it is left out of `complete`, and
   * comes back after its back-off like a failed job alone (or stays failed after its last attempt); the batch's
   * other jobs complete. Call it before `complete`.
   */
  failed(job: JobRow, err: unknown): void;
};

export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<void>;
/** Several due jobs of one kind at once (notice delivery): one transaction completes them all, or none. */
export type BatchHandler = (jobs: JobRow[], ctx: JobContext) => Promise<void>;

export type JobKindOptions = {
  /** How long a claimed job is this instance's before another may take it over (it stalled or crashed). */
  leaseMs?: number;
};

export type RunSummary = { done: number; retried: number; failed: number; lost: number };

export class LeaseLost extends Error {
  constructor(id: number) {
    super(`job ${id}: lease lost to another instance`);
  }
}

type Schedule = { kind: string; slot: (now: Date) => Date; payload: (slot: Date) => unknown };

/**
 * The ids of up to `limit` due jobs of `kinds` (pending and due, or running with an ended lease), oldest first, locked
 * for this claim; a job another instance holds is skipped. `byKind`: the kinds are few and their due jobs read by
 * (kind, run_at) — the scheduled kinds. Otherwise the kinds are every kind this instance knows, and their test is
 * left out of the index's reach (`is true`): the due jobs are read in the claim's order by jobs_due_idx and the read
 * stops at the limit. With statistics taken while the table was small the planner took the kind index for a few rows,
 * read the whole backlog through it and sorted it (a million orders' first scan: 40,000 deliveries, 310 ms a claim).
 */
export function dueJobs(db: Db, now: Date, limit: number, kinds: string[], byKind: boolean) {
  const ofKinds = byKind ? inArray(jobs.kind, kinds) : sql`(${inArray(jobs.kind, kinds)}) is true`;
  return db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(ofKinds, or(and(eq(jobs.state, 'pending'), lte(jobs.runAt, now)), and(eq(jobs.state, 'running'), lte(jobs.leaseUntil, now)))))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * The job runner: claims due jobs with FOR UPDATE SKIP LOCKED, so several server instances on one PostgreSQL never
 * run the same job at once, and a stalled instance's job is taken over when its lease ends. Failed attempts come
 * back after a growing delay; after the last one the job stays `failed`, listed for an administrator to retry.
 * Scheduled work is enqueued one row per time slot under a unique key: whichever instance comes first writes it.
 * Time is the injected clock's: tests move it and call `runDue()` instead of waiting.
 */
export function createJobRunner(deps: {
  db: Db;
  clock: Clock;
  system: () => Promise<SystemActor>;
  instanceId?: string;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  batchSize?: number;
}) {
  const { db, clock } = deps;
  const instanceId = deps.instanceId ?? randomUUID();
  const handlers = new Map<string, { handle: BatchHandler; batch: boolean; leaseMs: number }>();
  const schedules: Schedule[] = [];
  const batchSize = deps.batchSize ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunSummary> | null = null;
  let stopped = false;

  function register(kind: string, handle: JobHandler, opts: JobKindOptions = {}) {
    handlers.set(kind, { handle: (js, ctx) => handle(js[0]!, ctx), batch: false, leaseMs: opts.leaseMs ?? 5 * 60_000 });
  }

  /** A kind whose due jobs are handed over together (up to the batch size), completed in one transaction. */
  function registerBatch(kind: string, handle: BatchHandler, opts: JobKindOptions = {}) {
    handlers.set(kind, { handle, batch: true, leaseMs: opts.leaseMs ?? 5 * 60_000 });
  }

  /** Work that recurs: `slot(now)` is the start of the slot now lies in; one job per slot, whoever enqueues it first. */
  function schedule(kind: string, slot: (now: Date) => Date, payload: (slot: Date) => unknown = () => ({})) {
    schedules.push({ kind, slot, payload });
  }

  function every(kind: string, everyMs: number) {
    schedule(
      kind,
      (now) => slotStart(now, everyMs),
      (slot) => ({ slot: slot.toISOString() }),
    );
  }

  async function enqueueSchedules(now: Date) {
    if (!schedules.length) return;
    await outbox.enqueue(
      db,
      schedules.map((s) => {
        const at = s.slot(now);
        return { kind: s.kind, payload: s.payload(at), key: `schedule:${s.kind}@${at.toISOString()}`, runAt: at, maxAttempts: 3 };
      }),
      now,
    );
  }

  /**
   * Takes up to `limit` due jobs of the kinds this instance knows; a job another instance holds is skipped, not waited
   * for. The scheduled kinds' due jobs first, then the oldest due of any kind: the periodic work (the supervision
   * scan, the deadline counts, the reports) is one job a slot, and behind a backlog of deliveries taken strictly by
   * due time it waited for all of it — after a million orders were seeded, the first scan's 138,000 notices held the
   * deadline counts back for 40 minutes.
   */
  async function claim(now: Date, limit: number): Promise<JobRow[]> {
    const kinds = [...handlers.keys()];
    if (!kinds.length) return [];
    const periodic = [...new Set(schedules.map((s) => s.kind))].filter((k) => handlers.has(k));
    const first = periodic.length ? await claimOf(now, limit, periodic, true) : [];
    const rest = first.length < limit ? await claimOf(now, limit - first.length, kinds, false) : [];
    return [...first, ...rest].sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  async function claimOf(now: Date, limit: number, kinds: string[], byKind: boolean): Promise<JobRow[]> {
    const due = dueJobs(db, now, limit, kinds, byKind);
    // Each kind's lease ends at its own time after the claim.
    const leaseUntil = sql`case ${jobs.kind} ${sql.join(
      kinds.map((k) => sql`when ${k} then ${new Date(now.getTime() + handlers.get(k)!.leaseMs).toISOString()}::timestamptz`),
      sql` `,
    )} end`;
    return db
      .update(jobs)
      .set({ state: 'running', leaseToken: sql`gen_random_uuid()`, leasedBy: instanceId, leaseUntil, attempts: sql`${jobs.attempts} + 1` })
      .where(inArray(jobs.id, due))
      .returning();
  }

  /** Runs jobs of one kind (one job, or a batch) and records the outcome of each; returns the counts. */
  async function runGroup(group: JobRow[], now: Date, system: SystemActor, summary: RunSummary): Promise<void> {
    const handler = handlers.get(group[0]!.kind)!;
    /** The batch's jobs that failed on their own (`ctx.failed`), with their errors. */
    const failures = new Map<JobRow, unknown>();
    let completed = false;
    const complete = async (effects?: (tx: Tx) => Promise<void>) => {
      if (completed) return;
      const tokens = group.filter((j) => !failures.has(j)).map((j) => j.leaseToken!);
      await db.transaction(async (tx) => {
        const mine = tokens.length
          ? await tx
              .update(jobs)
              .set({ state: 'done', finishedAt: now, leaseToken: null, leaseUntil: null, lastError: null, lastErrorKind: null })
              .where(and(inArray(jobs.leaseToken, tokens), eq(jobs.state, 'running')))
              .returning({ id: jobs.id })
          : [];
        if (mine.length !== tokens.length) throw new LeaseLost(group[0]!.id);
        if (effects) await effects(tx);
      });
      completed = true;
    };
    const failed = (job: JobRow, err: unknown) => {
      if (completed) throw new Error(`job ${job.id}: failed after the batch completed`);
      failures.set(job, err);
    };
    try {
      await handler.handle(group, { now, attempt: Math.max(...group.map((j) => j.attempts)), system, db, complete, failed });
      await complete();
      summary.done += group.length - failures.size;
    } catch (err) {
      if (err instanceof LeaseLost) {
        summary.lost += group.length;
        return;
      }
      for (const job of group) await recordFailure(job, err, now, summary);
      return;
    }
    for (const [job, err] of failures) await recordFailure(job, err, now, summary);
  }

  /**
   * A failed attempt: the job comes back after its back-off, or stays failed after its last attempt. Its error is kept
   * as a kind and a message (job-failure.ts): the jobs page says the kind in words and shows the message.
   */
  async function recordFailure(job: JobRow, err: unknown, now: Date, summary: RunSummary) {
    const last = job.attempts >= job.maxAttempts;
    const { kind, message } = jobFailureOf(err);
    const [row] = await db
      .update(jobs)
      .set({
        state: last ? 'failed' : 'pending',
        runAt: last ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts, job.id)),
        finishedAt: last ? now : null,
        lastError: message.slice(0, 2000),
        lastErrorKind: kind,
        leaseToken: null,
        leaseUntil: null,
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.leaseToken, job.leaseToken!)))
      .returning({ id: jobs.id });
    if (!row) summary.lost++;
    else summary[last ? 'failed' : 'retried']++;
    deps.log?.warn(
      { job: job.id, kind: job.kind, attempt: job.attempts, err: message, failure: kind },
      last ? 'job failed for good' : 'job failed, will retry',
    );
  }

  /**
   * Runs every job due now (the injected clock's now), then returns what happened. The poll loop calls it; tests
   * call it directly after moving the clock. Bounded, so a job that keeps enqueueing due work cannot spin for ever.
   */
  async function runDue(opts: { max?: number } = {}): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, failed: 0, lost: 0 };
    const now = clock.now();
    await enqueueSchedules(now);
    const system = await deps.system();
    const max = opts.max ?? 1000;
    let ran = 0;
    while (ran < max && !stopped) {
      const batch = await claim(now, Math.min(batchSize, max - ran));
      if (!batch.length) break;
      // Batch kinds go together, in claim order; every other job on its own.
      const groups: JobRow[][] = [];
      const byKind = new Map<string, JobRow[]>();
      for (const job of batch) {
        if (!handlers.get(job.kind)!.batch) groups.push([job]);
        else if (byKind.has(job.kind)) byKind.get(job.kind)!.push(job);
        else {
          const g = [job];
          byKind.set(job.kind, g);
          groups.push(g);
        }
      }
      for (const g of groups) {
        await runGroup(g, now, system, summary);
        await ioTurn();
      }
      ran += batch.length;
    }
    return summary;
  }

  /** One run at a time per instance: a tick while the previous one runs waits for it instead of starting another. */
  function tick(): Promise<RunSummary> {
    if (!running) {
      running = runDue().finally(() => {
        running = null;
      });
    }
    return running;
  }

  /** Polls every `everyMs`; the timer does not keep the process alive. */
  function start(everyMs: number) {
    stopped = false;
    if (timer) return;
    timer = setInterval(() => {
      tick().catch((err) => deps.log?.error({ err }, 'job runner tick failed'));
    }, everyMs);
    timer.unref();
  }

  /** Stops polling and waits for the jobs being run to finish (their leases end cleanly). */
  async function stop() {
    stopped = true;
    if (timer) clearInterval(timer);
    timer = null;
    if (running) await running.catch(() => undefined);
  }

  return { instanceId, system: deps.system, register, registerBatch, schedule, every, runDue, tick, start, stop, kinds: () => [...handlers.keys()] };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
