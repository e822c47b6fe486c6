import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workOrders } from '../orders/orders.tables.js';
import { users } from '../users/users.tables.js';

/**
 * What the agent did with each suggested field of an order: accepted as suggested, or changed (and to what). One
 * row per order and field, written when the order is saved from the intake console; the accuracy report counts them.
 */
export const readingOutcomes = pgTable(
  'reading_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    modelVersion: text('model_version').notNull(),
    field: text('field').notNull(),
    suggested: jsonb('suggested'),
    final: jsonb('final'),
    accepted: boolean('accepted').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reading_outcomes_order_field').on(t.orderId, t.field), index('reading_outcomes_recorded').on(t.recordedAt)],
);

/** A surge as it started: one row per subject × city × window when the rule first fires (a continuing surge adds none). */
export const surges = pgTable(
  'surges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectCode: text('subject_code').notNull(),
    cityCode: text('city_code').notNull(),
    window: text('window').notNull(),
    day: date('day').notNull(),
    observed: integer('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    noticeQueued: boolean('notice_queued').notNull().default(false),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('surges_start').on(t.subjectCode, t.cityCode, t.window, t.day), index('surges_day').on(t.day)],
);
