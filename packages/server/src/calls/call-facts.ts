import { and, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { calls } from './calls.tables.js';

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
