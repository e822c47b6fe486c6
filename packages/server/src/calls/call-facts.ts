import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { calls } from './calls.tables.js';
import { callTallies, writeCallsGuarded, type CallFilter } from './calls.repo.js';
import { defaultCallFigureOptions, figuresOf, type CallFigures } from './domain/call-figures.js';
import { foldCall, storedPrefix, type CallEvent, type TransferTarget } from './domain/call-events.js';

/**
 * What other capabilities (quality inspection) read of calls, kept in the calls capability that owns the table.
 */

/** What an inspector needs of a call: who, when, how long, the recording, and the orders it made. */
const inspected = {
  callId: calls.callId,
  caller: calls.caller,
  agent: calls.agent,
  answeredAt: calls.answeredAt,
  talkSeconds: calls.talkSeconds,
  recordingUrl: calls.recordingUrl,
  orderIds: calls.orderIds,
};

/** Answered calls of [from, to) with their agent and recording: the calls a day's quality sample is drawn from. */
export async function answeredCallsBetween(db: Executor, q: { from: Date; to: Date }) {
  return db
    .select(inspected)
    .from(calls)
    .where(and(isNotNull(calls.answeredAt), isNotNull(calls.agent), gte(calls.answeredAt, q.from), lt(calls.answeredAt, q.to)));
}

/**
 * How many calls of [from, to) each agent answered that made no order (user names in lower case, as the telephony's
 * names are matched): quality inspection's population of calls, counted by the database, one row per agent.
 */
export async function answeredCallsWithoutOrdersByAgent(db: Executor, q: { from: Date; to: Date }): Promise<{ agent: string; calls: number }[]> {
  return db
    .select({ agent: sql<string>`lower(${calls.agent})`, calls: sql<number>`count(*)::int`.mapWith(Number) })
    .from(calls)
    .where(
      and(
        isNotNull(calls.answeredAt),
        isNotNull(calls.agent),
        gte(calls.answeredAt, q.from),
        lt(calls.answeredAt, q.to),
        sql`cardinality(${calls.orderIds}) = 0`,
      ),
    )
    .groupBy(sql`lower(${calls.agent})`);
}

export type CallBrief = {
  callId: string;
  caller: string | null;
  agent: string | null;
  answeredAt: Date | null;
  talkSeconds: number | null;
  recordingUrl: string | null;
};

/** Calls by id and the calls that made or touched these orders, for an inspector to listen to. */
export async function callsFor(db: Executor, q: { callIds: string[]; orderIds: string[] }): Promise<(CallBrief & { orderIds: string[] })[]> {
  const callIds = [...new Set(q.callIds)];
  const orderIds = [...new Set(q.orderIds)];
  if (!callIds.length && !orderIds.length) return [];
  return db
    .select(inspected)
    .from(calls)
    .where(
      sql`(${callIds.length ? inArray(calls.callId, callIds) : sql`false`} or ${
        orderIds.length
          ? sql`${calls.orderIds} && array[${sql.join(
              orderIds.map((id) => sql`${id}`),
              sql`, `,
            )}]::uuid[]`
          : sql`false`
      })`,
    );
}

/**
 * An agent passed a call to someone the telephony system does not know of (the lawyer on duty): the transfer goes on
 * the call's trail as one more event, folded with the others, so the call record reads it like a telephony transfer.
 * Only the agent who answered the call (or the desk's dispatchers and supervisors) may; the event id is the caller's
 * own (one transfer, one event, however often it is written).
 */
export async function recordCallTransfer(
  tx: Executor,
  q: { callId: string; eventId: string; at: Date; target: TransferTarget; targetName: string; agent: string | null; by: { role: string; username: string } },
): Promise<'recorded' | 'not_found' | 'not_yours'> {
  const [row] = await tx.select().from(calls).where(eq(calls.callId, q.callId)).for('update');
  if (!row) return 'not_found';
  if (q.by.role === 'agent' && row.agent !== q.by.username) return 'not_yours';
  const event: CallEvent = {
    eventId: q.eventId,
    callId: q.callId,
    type: 'transferred',
    at: q.at.toISOString(),
    target: q.target,
    targetName: q.targetName,
    ...(q.agent ? { agent: q.agent } : {}),
  };
  const record = foldCall(q.callId, [...row.events, event]);
  // The row is locked: the guarded write cannot find it changed.
  const written = await writeCallsGuarded(tx, {
    nonces: [],
    writes: [{ record, stored: row.events.length, after: storedPrefix(row.events, record.events) }],
    now: q.at,
  });
  if (written !== 'written') throw new Error(`call ${q.callId} changed while locked`);
  return 'recorded';
}

/**
 * The call figures of kpis.md for [from, to), or null when no call was recorded in it ("no call data", not zero).
 * getCallFigures, the wallboard and analytics' getKpis and reports all count calls through the same tallies
 * (calls.repo.ts callTallies) and formulas (domain/call-figures.ts figuresOf).
 */
export async function callFiguresBetween(db: Executor, q: Pick<CallFilter, 'from' | 'to' | 'reach'>): Promise<CallFigures | null> {
  const [row] = await callTallies(db, q, defaultCallFigureOptions);
  return row && row.tallies.calls ? figuresOf(row.tallies) : null;
}
