import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { rowCountOf, type Executor } from '../db/client.js';
import { jobs, type JobRow } from './jobs.tables.js';

export type { JobRow };

export type NewJob = {
  kind: string;
  payload: unknown;
  /** Exactly-once key: when a row with it exists, this one is not written. */
  key?: string | null;
  runAt: Date;
  maxAttempts?: number;
};

/**
 * The outbox: work that a change implies, written with the change's transaction (`tx`), so it exists exactly when
 * the change does. Returns the ids written (a keyed job already present is skipped silently).
 */
async function enqueue(tx: Executor, items: NewJob | readonly NewJob[], now: Date): Promise<number[]> {
  const list = Array.isArray(items) ? (items as readonly NewJob[]) : [items as NewJob];
  if (!list.length) return [];
  const rows = await tx
    .insert(jobs)
    .values(
      list.map((j) => ({
        kind: j.kind,
        payload: (j.payload ?? {}) as object,
        key: j.key ?? null,
        runAt: j.runAt,
        maxAttempts: j.maxAttempts ?? 8,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.map((r) => r.id);
}

export type JobFilter = { state?: string | undefined; kind?: string | undefined; beforeId?: number | undefined; limit: number };

async function list(db: Executor, f: JobFilter): Promise<JobRow[]> {
  const conds = [];
  if (f.state) conds.push(eq(jobs.state, f.state));
  if (f.kind) conds.push(eq(jobs.kind, f.kind));
  if (f.beforeId) conds.push(lt(jobs.id, f.beforeId));
  return db
    .select()
    .from(jobs)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(jobs.id))
    .limit(f.limit);
}

async function counts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.select({ state: jobs.state, n: sql<number>`count(*)::int` }).from(jobs).groupBy(jobs.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** A failed job tried again from now, with a fresh count of attempts. */
async function retry(tx: Executor, id: number, now: Date): Promise<JobRow | undefined> {
  const [row] = await tx
    .update(jobs)
    .set({ state: 'pending', runAt: now, attempts: 0, lastError: null, lastErrorKind: null, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'failed')))
    .returning();
  return row;
}

async function byId(db: Executor, id: number): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

async function byKeys(db: Executor, keys: string[]): Promise<JobRow[]> {
  if (!keys.length) return [];
  return db.select().from(jobs).where(inArray(jobs.key, keys));
}

export const outbox = { enqueue, list, counts, retry, byId, byKeys };

/** Finished jobs older than `before` are forgotten (failed ones stay until retried or looked at). */
export async function purgeDone(tx: Executor, before: Date): Promise<number> {
  return rowCountOf(await tx.delete(jobs).where(and(eq(jobs.state, 'done'), lt(jobs.finishedAt, before))));
}
