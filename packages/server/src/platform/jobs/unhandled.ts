import { sql } from 'drizzle-orm';
import { textArrayLiteral } from '../db/array-literal.js';
import { rowsOf, type Executor } from '../db/client.js';

/**
 * How long a due job may wait for an instance that knows its kind before health says so. A rolling upgrade leaves
 * a new kind's jobs to the new instances for the minute it takes; a job no instance has taken for this long is one
 * that no running version handles (a server older than the database it runs on, or a kind that was removed), and it
 * would otherwise wait, pending, for ever: the runner claims only the kinds it knows (runner.ts).
 */
export const unhandledAfterMs = 10 * 60_000;

export type UnhandledKind = { kind: string; count: number; dueSince: string };

/**
 * The kinds of the pending jobs due for longer than `unhandledAfterMs` that this instance does not handle, oldest
 * first. Reads the due range of the unfinished jobs' index (jobs_due_idx), which a working queue keeps short.
 */
export async function unhandledJobKinds(db: Executor, known: readonly string[], now: Date): Promise<UnhandledKind[]> {
  const before = new Date(now.getTime() - unhandledAfterMs).toISOString();
  const res = await db.execute(sql`select kind, count(*)::int as count, min(run_at) as due_since from jobs
    where state = 'pending' and run_at < ${before}::timestamptz and not (kind = any(${textArrayLiteral(known)}::text[]))
    group by kind order by min(run_at)`);
  return rowsOf<{ kind: string; count: number; due_since: string | Date }>(res).map((r) => ({
    kind: r.kind,
    count: r.count,
    dueSince: new Date(r.due_since).toISOString(),
  }));
}
