import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import type { CallEvent, CallRecord } from './domain/call-events.js';
import { agentStates, callRequestNonces, calls } from './calls.tables.js';

export type CallRow = typeof calls.$inferSelect;

/** A signed request's nonce, once: false when it was seen before (a replay). */
export async function claimNonce(tx: Executor, nonce: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(callRequestNonces).values({ nonce, at }).onConflictDoNothing().returning({ nonce: callRequestNonces.nonce });
  return rows.length === 1;
}

export async function purgeNonces(tx: Executor, before: Date): Promise<void> {
  await tx.delete(callRequestNonces).where(lt(callRequestNonces.at, before));
}

/**
 * The events of the calls of these ids (sorted: two batches lock in one order), locked for the rest of the transaction (created
 * empty first, so two batches queue on one row). The ids travel as one JSON array parameter: drizzle's builder made
 * a hundred rows' VALUES of every column (or a hundred IN parameters) at each batch, half the server's CPU of it.
 */
export async function lockCalls(tx: Executor, ids: string[], now: Date): Promise<Map<string, CallEvent[]>> {
  if (!ids.length) return new Map();
  const list = JSON.stringify(ids);
  await tx.execute(sql`
    insert into ${calls} (call_id, outcome, transfers, events, updated_at)
    select t.id, 'in_progress', '[]'::jsonb, '[]'::jsonb, ${now.toISOString()}::timestamptz
    from jsonb_array_elements_text(${list}::jsonb) with ordinality as t(id, n)
    order by t.n
    on conflict do nothing`);
  // Only the events: the record is folded from them again (domain/call-events.ts).
  const rows = await tx
    .select({ callId: calls.callId, events: calls.events })
    .from(calls)
    .where(sql`${calls.callId} in (select jsonb_array_elements_text(${list}::jsonb))`)
    .orderBy(asc(calls.callId))
    .for('update');
  return new Map(rows.map((r) => [r.callId, r.events]));
}

/**
 * Every call of a batch written back in ONE statement: the folded records travel as one JSON array parameter and
 * `jsonb_to_recordset` turns it into rows to join on (one round trip however many calls a batch touches).
 */
export async function saveCalls(tx: Executor, records: CallRecord[], now: Date): Promise<void> {
  if (!records.length) return;
  const rows = records.map((r) => ({
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
    events: r.events,
  }));
  await tx.execute(sql`
    update ${calls} set
      caller = v.caller, dialled = v.dialled, offered_at = v.offered_at, queued_at = v.queued_at, queue = v.queue,
      answered_at = v.answered_at, agent = v.agent, ended_at = v.ended_at, end_reason = v.end_reason,
      outcome = v.outcome, wait_seconds = v.wait_seconds, talk_seconds = v.talk_seconds, transfers = v.transfers,
      recording_url = v.recording_url, events = v.events, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
      call_id text, caller text, dialled text, offered_at timestamptz, queued_at timestamptz, queue text,
      answered_at timestamptz, agent text, ended_at timestamptz, end_reason text, outcome text, wait_seconds int,
      talk_seconds int, transfers jsonb, recording_url text, events jsonb)
    where ${calls.callId} = v.call_id`);
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
