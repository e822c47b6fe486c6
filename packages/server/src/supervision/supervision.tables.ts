import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * What supervision did to an order: each timer signal (near due, overdue, escalated, progress missing, callback due
 * or retry) and each urge by hand. A timer signal has a unique `key`, so it exists once whatever the number of
 * instances and restarts; the row outlives the job that delivered its notice. Urges are counted per unit from here.
 */
export const supervisionSignals = pgTable(
  'supervision_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    /** near_due, overdue, escalated, progress_missing, callback_due, callback_retry, urge */
    kind: text('kind').notNull(),
    key: text('key'),
    step: text('step'),
    /** The deadline the signal is about (a new deadline after an extension makes new signals). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** For an overdue signal: when the step is overdue by a second full limit (the escalation). */
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    /** The unit that held the order (the one urged). */
    unitId: uuid('unit_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byUserId: uuid('by_user_id').notNull(),
    byRole: text('by_role').notNull(),
    message: text('message'),
    /** An urge by hand may ask for an answer by this instant. */
    answerDueAt: timestamp('answer_due_at', { withTimezone: true }),
    attempt: integer('attempt'),
  },
  (t) => [
    uniqueIndex('supervision_signals_key_uq').on(t.key),
    index('supervision_signals_order_idx').on(t.orderId, t.kind),
    index('supervision_signals_unit_idx').on(t.unitId, t.kind, t.at),
    index('supervision_signals_escalate_idx').on(t.escalateAt).where(sql`kind = 'overdue'`),
  ],
);

export type SignalRow = typeof supervisionSignals.$inferSelect;
