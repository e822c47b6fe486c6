import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Notices sent beyond the in-app centre: a signed webhook, an SMS through the gateway, or a phone task (a person
 * calls a unit about its orders, Zoucheng). Each delivery keeps its state, attempts and last error; webhook and SMS
 * deliveries are sent by jobs (retried with back-off), a phone task is done by hand.
 */
export const outboundDeliveries = pgTable(
  'outbound_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    key: text('key').notNull(),
    noticeKind: text('notice_kind').notNull(),
    orderId: uuid('order_id'),
    /** The URL, the phone number, or the unit to call. */
    target: text('target').notNull(),
    targetUnitId: uuid('target_unit_id'),
    payload: jsonb('payload').notNull(),
    /** webhook/sms: pending → sent | failed; phone: open → done. */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByName: text('done_by_name'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('outbound_deliveries_key_uq').on(t.key),
    index('outbound_deliveries_created_idx').on(t.createdAt),
    // A unit's phone tasks of a day (outbound.ts addToPhoneTask) and of a scope (the phone task page), apart from the
    // day's webhook and SMS deliveries, which an emergency wave makes by the thousand.
    index('outbound_deliveries_phone_idx').on(t.targetUnitId, t.createdAt).where(sql`${t.channel} = 'phone'`),
  ],
);
export type DeliveryRow = typeof outboundDeliveries.$inferSelect;
