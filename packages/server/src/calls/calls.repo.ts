import { and, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { reusableSql } from '../platform/db/reusable.js';
import { countUpTo } from '../platform/db/capped-count.js';
import type { CallReach } from './call-reach.js';
import type { CallEvent, CallRecord } from './domain/call-events.js';
import { noTallies, type CallFigureOptions, type CallTallies } from './domain/call-figures.js';
import { agentStates, callRequestNonces, calls } from './calls.tables.js';

export type CallRow = typeof calls.$inferSelect;

export async function purgeNonces(tx: Executor, before: Date): Promise<void> {
  await tx.delete(callRequestNonces).where(lt(callRequestNonces.at, before));
}

const jsonOf = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const storedEvents = reusableSql(
  'calls_read_events',
  sql`select call_id, events from ${calls} where call_id in (select jsonb_array_elements_text(${sql.placeholder('ids')}::jsonb))`,
  // Planned at each run: a named statement's generic plan hashed the whole table (2.9 ms a batch against 0.9).
  { named: false },
);

/** The stored events of these calls, read without a lock: the guarded write says whether they were still so. */
export async function readCalls(db: Executor, ids: string[]): Promise<Map<string, CallEvent[]>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ call_id: string; events: CallEvent[] | string }>(await storedEvents(db, { ids: JSON.stringify(ids) }));
  return new Map(rows.map((r) => [r.call_id, jsonOf(r.events)]));
}

const recordColumns = sql`call_id text, stored int, caller text, dialled text, offered_at timestamptz, queued_at timestamptz,
  queue text, answered_at timestamptz, agent text, ended_at timestamptz, end_reason text, outcome text, wait_seconds int,
  talk_seconds int, transfers jsonb, recording_url text, append boolean, events jsonb`;

/**
 * Signed batches ingested together, written by ONE statement that stands alone (no transaction around it): their
 * nonces claimed; the new calls inserted whole; the others updated only if they still hold the number of events they
 * were read with (events are only ever added, so the same count is the same events). If a nonce was seen before, or a
 * call was created or changed by someone else since it was read, the statement fails itself (`hotline_abort`,
 * migration 0041) and nothing of it is left: the caller reads again and retries. Two round trips a run (read, write)
 * instead of five (begin, claim, lock, write, commit), and no row lock held between them.
 */
const guardedWrite = reusableSql(
  'calls_guarded_write',
  sql`with nonce as (
      insert into ${callRequestNonces} (nonce, at)
      select n.nonce, ${sql.placeholder('now')}::timestamptz
      from jsonb_array_elements_text(${sql.placeholder('nonces')}::jsonb) with ordinality as n(nonce, i)
      order by n.i
      on conflict do nothing returning nonce
    ), v as (
      select * from json_to_recordset(${sql.placeholder('rows')}::json) as v(${recordColumns})
    ), created as (
      insert into ${calls} (call_id, caller, dialled, offered_at, queued_at, queue, answered_at, agent, ended_at, end_reason,
        outcome, wait_seconds, talk_seconds, transfers, recording_url, events, updated_at)
      select v.call_id, v.caller, v.dialled, v.offered_at, v.queued_at, v.queue, v.answered_at, v.agent, v.ended_at, v.end_reason,
        v.outcome, v.wait_seconds, v.talk_seconds, v.transfers, v.recording_url, v.events, ${sql.placeholder('now')}::timestamptz
      from v where v.stored is null
      order by v.call_id
      on conflict do nothing
      returning call_id
    ), updated as (
      update ${calls} set
        caller = v.caller, dialled = v.dialled, offered_at = v.offered_at, queued_at = v.queued_at, queue = v.queue,
        answered_at = v.answered_at, agent = v.agent, ended_at = v.ended_at, end_reason = v.end_reason,
        outcome = v.outcome, wait_seconds = v.wait_seconds, talk_seconds = v.talk_seconds, transfers = v.transfers,
        recording_url = v.recording_url,
        events = case when v.append then ${calls.events} || v.events else v.events end,
        updated_at = ${sql.placeholder('now')}::timestamptz
      from v
      where ${calls.callId} = v.call_id and v.stored is not null and jsonb_array_length(${calls.events}) = v.stored
      returning ${calls.callId}
    )
    select case
      when (select count(*) from nonce) <> ${sql.placeholder('nonceCount')}::int then hotline_abort('CALLS_NONCE_SEEN')
      when (select count(*) from created) + (select count(*) from updated) <> ${sql.placeholder('rowCount')}::int
        then hotline_abort('CALLS_CHANGED')
      else 0 end as ok`,
  { named: false },
);

/** A call's write: its folded record, and how many events the row held when read (null: there was no row). */
export type GuardedWrite = { record: CallRecord; stored: number | null; after: number };

export type GuardedOutcome = 'written' | 'nonce_seen' | 'changed';

export async function writeCallsGuarded(db: Executor, q: { nonces: string[]; writes: GuardedWrite[]; now: Date }): Promise<GuardedOutcome> {
  try {
    await guardedWrite(db, {
      nonces: JSON.stringify(q.nonces),
      nonceCount: q.nonces.length,
      rows: JSON.stringify(q.writes.map((w) => ({ ...rowOf(w.record, w.after), stored: w.stored }))),
      rowCount: q.writes.length,
      now: q.now.toISOString(),
    });
    return 'written';
  } catch (err) {
    // The driver's error, under drizzle's wrapper ("Failed query: …") when there is one.
    const e = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string };
    if (e.code === 'HL409' && e.message === 'CALLS_NONCE_SEEN') return 'nonce_seen';
    // Another process changed a call, or two writes crossed on their rows (deadlock: one of them is undone).
    if ((e.code === 'HL409' && e.message === 'CALLS_CHANGED') || e.code === '40P01') return 'changed';
    throw err;
  }
}

/** Which of these nonces were claimed before. */
export async function seenNonces(db: Executor, nonces: string[]): Promise<Set<string>> {
  if (!nonces.length) return new Set();
  const rows = await db.select({ nonce: callRequestNonces.nonce }).from(callRequestNonces).where(inArray(callRequestNonces.nonce, nonces));
  return new Set(rows.map((r) => r.nonce));
}

/** A folded record as the writes' JSON rows carry it (only the events not yet stored when `after` > 0). */
function rowOf(r: CallRecord, after: number) {
  return {
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
  };
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
  /** Any of these agents (lower case: the telephony's case does not matter). */
  agents?: readonly string[] | undefined;
  /**
   * The reader's reach when it is a city's centre (call-reach.ts): the calls these agents answered (lower case) or
   * that waited in these queues.
   */
  reach?: { agents: readonly string[]; queues: readonly string[] } | undefined;
  queue?: string | undefined;
  caller?: string | undefined;
};

/** A city centre's calls: its agents answered them, or they waited in its queues (call-reach.ts `callInReach`). */
const inReach = (r: NonNullable<CallFilter['reach']>): SQL =>
  or(r.agents.length ? inArray(sql`lower(${calls.agent})`, [...r.agents]) : undefined, r.queues.length ? inArray(calls.queue, [...r.queues]) : undefined) ??
  sql`false`;

/**
 * A reach's calls (call-reach.ts) as a condition on another capability's column of call ids (a lawyer's transfer of a
 * call): every call, a city centre's (the same test as a list's `reach` filter, one subquery), or none.
 */
export const callIdInReach = (callId: AnyPgColumn, reach: CallReach): SQL =>
  !reach ? sql`false` : 'all' in reach ? sql`${callId} is not null` : sql`${callId} in (select ${calls.callId} from ${calls} where ${inReach(reach)})`;

const where = (f: CallFilter): SQL | undefined =>
  and(
    f.from ? gte(calls.offeredAt, f.from) : undefined,
    f.to ? lt(calls.offeredAt, f.to) : undefined,
    f.outcome ? eq(calls.outcome, f.outcome) : undefined,
    f.agents ? inArray(sql`lower(${calls.agent})`, [...f.agents]) : undefined,
    f.reach ? inReach(f.reach) : undefined,
    f.queue ? eq(calls.queue, f.queue) : undefined,
    f.caller ? eq(calls.caller, f.caller) : undefined,
  );

/** Where a page of calls starts: after this call in the list's order (its offered_at as PostgreSQL prints it). */
export type CallsAfter = { offeredAt: string | null; callId: string };

/**
 * A page of calls, newest offered first, after `after` (keyset: never OFFSET, so the hundredth page of a year costs
 * what the first does), with each row's offered_at as text for the next cursor. `calls_offered_idx` read backwards
 * is the list's order (the ties of one instant sorted by id as they come); a caller's few calls by `calls_caller_idx`.
 * Calls whose events never said when they were offered (a feed that lost the first ones) come last, by id; a period
 * leaves them out.
 */
export async function callsPage(db: Executor, f: CallFilter, limit: number, after?: CallsAfter) {
  const read = (cond: SQL, order: SQL[], n: number) =>
    db
      .select({ ...getTableColumns(calls), sortValue: sql<string | null>`(${calls.offeredAt})::text` })
      .from(calls)
      .where(and(where(f), cond))
      .orderBy(...order)
      .limit(n);
  const dated =
    after?.offeredAt === null
      ? []
      : await read(
          after ? sql`(${calls.offeredAt}, ${calls.callId}) < (${after.offeredAt}::timestamptz, ${after.callId})` : isNotNull(calls.offeredAt),
          [desc(calls.offeredAt), desc(calls.callId)],
          limit,
        );
  if (dated.length >= limit || f.from || f.to) return dated;
  const undated = await read(
    and(isNull(calls.offeredAt), after?.offeredAt === null ? lt(calls.callId, after.callId) : undefined)!,
    [desc(calls.callId)],
    limit - dated.length,
  );
  return [...dated, ...undated];
}

/** How many calls match, up to `cap` (platform/db/capped-count.ts). */
export const countCalls = (db: Executor, f: CallFilter, cap: number) => countUpTo(db, calls, where(f), cap);

export type CallGrouping = 'hour' | 'day' | 'agent' | 'queue';

/** A group's key as getCallFigures names it: Beijing hour "09" or date, the agent or queue ("—" for none). */
const groupKey = (by: CallGrouping | undefined): SQL => {
  // Beijing is UTC+8 all year (no summer time since 1991): the same shift the figures' readers use.
  const local = sql`(${calls.offeredAt} at time zone 'UTC' + interval '8 hours')`;
  if (by === 'hour') return sql`to_char(${local}, 'HH24')`;
  if (by === 'day') return sql`to_char(${local}, 'YYYY-MM-DD')`;
  if (by === 'agent') return sql`coalesce(${calls.agent}, '—')`;
  if (by === 'queue') return sql`coalesce(${calls.queue}, '—')`;
  return sql`''`;
};

/**
 * The tallies of the calls offered in [from, to) (domain/call-figures.ts: `tallyCalls` is the same classification over
 * records), one row per group: the figures of a year of calls read as a few numbers, by `calls_offered_idx`.
 */
export async function callTallies(
  db: Executor,
  f: Pick<CallFilter, 'from' | 'to' | 'reach'>,
  o: CallFigureOptions,
  by?: CallGrouping,
): Promise<{ key: string; tallies: CallTallies }[]> {
  const queued = sql`${calls.queuedAt} is not null`;
  const answered = sql`${calls.answeredAt} is not null`;
  const key = groupKey(by);
  const rows = rowsOf<Record<keyof CallTallies, number | string> & { key: string }>(
    await db.execute(sql`
      select ${key} as key,
        count(*)::float8 as calls,
        count(*) filter (where ${queued})::float8 as "queued",
        count(*) filter (where ${queued} and ${answered})::float8 as "queuedAnswered",
        count(*) filter (where not ${queued} and ${answered})::float8 as "direct",
        count(*) filter (where ${queued} and ${answered} and ${calls.waitSeconds} <= ${o.answerWithinSeconds})::float8 as "queuedWithin",
        count(*) filter (where ${queued} and not ${answered} and ${calls.endedAt} is not null
          and ${calls.endReason} is distinct from 'queue_timeout' and coalesce(${calls.waitSeconds}, 0) > ${o.abandonAfterSeconds})::float8 as "abandoned",
        coalesce(sum(coalesce(${calls.waitSeconds}, 0)) filter (where ${queued} and ${answered}), 0)::float8 as "waitSum",
        coalesce(sum(${calls.talkSeconds}) filter (where ${answered}), 0)::float8 as "talkSum",
        count(${calls.talkSeconds}) filter (where ${answered})::float8 as "talked"
      from ${calls}
      where ${where(f) ?? sql`true`}
      group by 1`),
  );
  return rows.map(({ key, ...t }) => ({
    key,
    tallies: Object.fromEntries(Object.keys(noTallies).map((k) => [k, Number(t[k as keyof CallTallies])])) as CallTallies,
  }));
}

export async function findCall(db: Executor, callId: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(eq(calls.callId, callId));
  return row;
}

/**
 * Calls not ended, offered since `since` (an in-progress call older than a day is a lost "ended" event, not live), of
 * a city centre's reach when one is given (the same condition as the call list's).
 */
export async function callsInProgress(db: Executor, since: Date, reach?: CallFilter['reach']) {
  return db
    .select({ callId: calls.callId, queuedAt: calls.queuedAt, answeredAt: calls.answeredAt, agent: calls.agent })
    .from(calls)
    .where(and(eq(calls.outcome, 'in_progress'), gte(calls.offeredAt, since), reach ? inReach(reach) : undefined));
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
