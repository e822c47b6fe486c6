import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { reusableSql } from '../platform/db/reusable.js';
import type { CallEvent, CallRecord } from './domain/call-events.js';
import { agentStates, callRequestNonces, calls } from './calls.tables.js';

export type CallRow = typeof calls.$inferSelect;

export async function purgeNonces(tx: Executor, before: Date): Promise<void> {
  await tx.delete(callRequestNonces).where(lt(callRequestNonces.at, before));
}

/**
 * The first statement of the signed batches ingested together: their nonces claimed and every call they name that is
 * not yet known created empty, in the ids' order (two transactions queue on one new call: the second waits for the
 * first to commit, then finds it there). A call is created only for a batch whose nonce was new: a replay creates
 * nothing. Answers the nonces claimed and the calls created — their events are none, so only the others need reading
 * (`lockCalls`). Nonces and ids travel as JSON array parameters (drizzle's builder made a hundred rows' VALUES at each
 * batch, half the server's CPU of it); the statement is prepared once per connection.
 */
const claimAndCreate = reusableSql(
  'calls_claim_create',
  sql`with nonce as (
      insert into ${callRequestNonces} (nonce, at)
      select n.nonce, ${sql.placeholder('now')}::timestamptz
      from jsonb_array_elements_text(${sql.placeholder('nonces')}::jsonb) with ordinality as n(nonce, i)
      order by n.i
      on conflict do nothing returning nonce
    ), created as (
      insert into ${calls} (call_id, outcome, transfers, events, updated_at)
      select t.e->>0, 'in_progress', '[]'::jsonb, '[]'::jsonb, ${sql.placeholder('now')}::timestamptz
      from jsonb_array_elements(${sql.placeholder('ids')}::jsonb) with ordinality as t(e, n)
      where exists (select 1 from nonce where (t.e->1) ? nonce.nonce)
      order by t.n
      on conflict do nothing
      returning call_id
    )
    select coalesce((select jsonb_agg(nonce) from nonce), '[]'::jsonb) as claimed,
      coalesce((select jsonb_agg(call_id) from created), '[]'::jsonb) as created`,
);

const jsonOf = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** `ids`: each call id (sorted) with the nonces of the batches that name it. */
export async function claimBatches(
  tx: Executor,
  nonces: string[],
  ids: [string, string[]][],
  now: Date,
): Promise<{ claimed: Set<string>; created: Set<string> }> {
  const [row] = rowsOf<{ claimed: string[] | string; created: string[] | string }>(
    await claimAndCreate(tx, { nonces: JSON.stringify(nonces), ids: JSON.stringify(ids), now: now.toISOString() }),
  );
  return { claimed: new Set(jsonOf(row!.claimed)), created: new Set(jsonOf(row!.created)) };
}

const lockEvents = reusableSql(
  'calls_lock_events',
  sql`select call_id, events from ${calls}
    where call_id in (select jsonb_array_elements_text(${sql.placeholder('ids')}::jsonb))
    order by call_id for update`,
  // Planned at each run: the generic plan of a named statement hashed the whole table (2.9 ms a batch against 0.9).
  { named: false },
);

/**
 * The events of calls that were there before this batch, locked for the rest of the transaction (always in the
 * same order: two batches never wait on each other crosswise). A call another batch created after this statement's
 * first one began is seen here: this is a new statement, with a new snapshot.
 */
export async function lockCalls(tx: Executor, ids: string[]): Promise<Map<string, CallEvent[]>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ call_id: string; events: CallEvent[] | string }>(await lockEvents(tx, { ids: JSON.stringify(ids) }));
  return new Map(rows.map((r) => [r.call_id, jsonOf(r.events)]));
}

/**
 * A folded record to write. `after`: how many of its events (the first ones, in the record's order) the stored row
 * already holds — the write then appends only the rest (`events || new`), which is what a call's events arriving in
 * order give; 0 writes the whole list (a new call, or an event that came late and sorts among the stored ones).
 */
export type CallWrite = { record: CallRecord; after: number };

const writeCalls = reusableSql(
  'calls_write',
  sql`update ${calls} set
      caller = v.caller, dialled = v.dialled, offered_at = v.offered_at, queued_at = v.queued_at, queue = v.queue,
      answered_at = v.answered_at, agent = v.agent, ended_at = v.ended_at, end_reason = v.end_reason,
      outcome = v.outcome, wait_seconds = v.wait_seconds, talk_seconds = v.talk_seconds, transfers = v.transfers,
      recording_url = v.recording_url,
      events = case when v.append then ${calls.events} || v.events else v.events end,
      updated_at = ${sql.placeholder('now')}::timestamptz
    from json_to_recordset(${sql.placeholder('rows')}::json) as v(
      call_id text, caller text, dialled text, offered_at timestamptz, queued_at timestamptz, queue text,
      answered_at timestamptz, agent text, ended_at timestamptz, end_reason text, outcome text, wait_seconds int,
      talk_seconds int, transfers jsonb, recording_url text, append boolean, events jsonb)
    where ${calls.callId} = v.call_id`,
  { named: false }, // as lockEvents: the generic plan scanned the table (3.3 ms a batch against 1.5)
);

/**
 * Every call of a batch written back in ONE statement: the folded records travel as one JSON array parameter and
 * `jsonb_to_recordset` turns it into rows to join on (one round trip however many calls a batch touches).
 */
export async function saveCalls(tx: Executor, writes: CallWrite[], now: Date): Promise<void> {
  if (!writes.length) return;
  const rows = writes.map(({ record: r, after }) => ({
    call_id: r.callId,
    caller: r.caller,
    dialled: r.dialled,
    offered_at: r.offeredAt,
    queued_at: r.queuedAt,
    queue: r.queue,
    answered_at: r.answeredAt,
    agent: r.agent,
    ended_at: r.endedAt,
    end_reason: r.endReason,
    outcome: r.outcome,
    wait_seconds: r.waitSeconds,
    talk_seconds: r.talkSeconds,
    transfers: r.transfers,
    recording_url: r.recordingUrl,
    append: after > 0,
    events: after > 0 ? r.events.slice(after) : r.events,
  }));
  await writeCalls(tx, { rows: JSON.stringify(rows), now: now.toISOString() });
}

/** One call locked for the rest of the transaction (linking an order), or undefined when there is none. */
export async function lockCall(tx: Executor, callId: string): Promise<CallRow | undefined> {
  const [row] = await tx.select().from(calls).where(eq(calls.callId, callId)).for('update');
  return row;
}

export async function addOrder(tx: Executor, callId: string, orderId: string, now: Date): Promise<void> {
  await tx
    .update(calls)
    .set({ orderIds: sql`array_append(${calls.orderIds}, ${orderId}::uuid)`, updatedAt: now })
    .where(eq(calls.callId, callId));
}

export type CallFilter = {
  from?: Date | undefined;
  to?: Date | undefined;
  outcome?: string | undefined;
  agent?: string | undefined;
  queue?: string | undefined;
  caller?: string | undefined;
};

const where = (f: CallFilter): SQL | undefined =>
  and(
    f.from ? gte(calls.offeredAt, f.from) : undefined,
    f.to ? lt(calls.offeredAt, f.to) : undefined,
    f.outcome ? eq(calls.outcome, f.outcome) : undefined,
    f.agent ? eq(calls.agent, f.agent) : undefined,
    f.queue ? eq(calls.queue, f.queue) : undefined,
    f.caller ? eq(calls.caller, f.caller) : undefined,
  );

export async function listCalls(db: Executor, f: CallFilter & { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db.select().from(calls).where(where(f)).orderBy(desc(calls.offeredAt), asc(calls.callId)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(calls).where(where(f)),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The figures' inputs of a period: just the columns the figures read. */
export async function callsForFigures(db: Executor, f: CallFilter) {
  return db
    .select({
      callId: calls.callId,
      offeredAt: calls.offeredAt,
      queuedAt: calls.queuedAt,
      answeredAt: calls.answeredAt,
      endedAt: calls.endedAt,
      endReason: calls.endReason,
      waitSeconds: calls.waitSeconds,
      talkSeconds: calls.talkSeconds,
      agent: calls.agent,
      queue: calls.queue,
    })
    .from(calls)
    .where(where(f));
}

export async function findCall(db: Executor, callId: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(eq(calls.callId, callId));
  return row;
}

/** Calls not ended, offered since `since` (an in-progress call older than a day is a lost "ended" event, not live). */
export async function callsInProgress(db: Executor, since: Date) {
  return db
    .select({ callId: calls.callId, queuedAt: calls.queuedAt, answeredAt: calls.answeredAt, agent: calls.agent })
    .from(calls)
    .where(and(eq(calls.outcome, 'in_progress'), gte(calls.offeredAt, since)));
}

export async function agentStateRows(db: Executor) {
  return db.select().from(agentStates);
}

export async function lockAgentState(tx: Executor, username: string) {
  const [row] = await tx.select().from(agentStates).where(eq(agentStates.username, username)).for('update');
  return row;
}

export async function putAgentState(tx: Executor, row: typeof agentStates.$inferInsert) {
  await tx
    .insert(agentStates)
    .values(row)
    .onConflictDoUpdate({ target: agentStates.username, set: { state: row.state, since: row.since, version: row.version } });
}
