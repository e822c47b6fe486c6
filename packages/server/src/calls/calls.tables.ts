import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CallEvent, CallRecord } from './domain/call-events.js';
import type { IvrConfig } from './domain/ivr.js';

/** One call as the telephony system reported it: the folded record and the events it came from (the trail). */
export const calls = pgTable(
  'calls',
  {
    callId: text('call_id').primaryKey(),
    caller: text('caller'),
    dialled: text('dialled'),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    queue: text('queue'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    agent: text('agent'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    outcome: text('outcome').notNull(),
    waitSeconds: integer('wait_seconds'),
    talkSeconds: integer('talk_seconds'),
    transfers: jsonb('transfers').$type<CallRecord['transfers']>().notNull(),
    recordingUrl: text('recording_url'),
    events: jsonb('events').$type<CallEvent[]>().notNull(),
    /** Orders created or touched during the call. */
    orderIds: uuid('order_ids').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  // The list's order, (offered_at, call_id) descending, is this index read backwards with the few ties at one instant
  // sorted (an incremental sort); the keyset's row comparison bounds the same range. Indexed with the id, the two
  // indexes cost call-event ingestion ~9 % (wider entries on every call written), for no faster page.
  (t) => [index('calls_offered_idx').on(t.offeredAt), index('calls_caller_idx').on(t.caller)],
);

/** Nonces of signed requests seen in the last minutes: the same signed request twice is a replay and refused. */
export const callRequestNonces = pgTable('call_request_nonces', {
  nonce: text('nonce').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

/**
 * The state each agent put themselves in (ready, after-call work, break, offline). "Busy" is never stored: an agent
 * on a call in progress is busy whatever they chose (domain/agent-states.ts).
 */
export const agentStates = pgTable('agent_states', {
  username: text('username').primaryKey(),
  state: text('state').notNull(),
  since: timestamp('since', { withTimezone: true }).notNull(),
  version: integer('version').notNull(),
});

/**
 * The voice menu (domain/ivr.ts), one row per saved version: the current one is the highest. A save names the
 * version it edited and inserts the next; two editors of one version collide on the key (409), and the history stays.
 */
export const ivrConfigs = pgTable('ivr_configs', {
  version: integer('version').primaryKey(),
  config: jsonb('config').$type<IvrConfig>().notNull(),
  savedBy: uuid('saved_by'),
  savedByName: text('saved_by_name').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  note: text('note'),
});
