import { check, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * How many open orders each unit may see that are near due (临期) or overdue (超期), per state, as counted at
 * `order_deadline_counted.counted_at` (deadline-counts.ts). A deadline status moves with the clock, not with a
 * transition, so the transition's triggers cannot keep it (order_counts): a job recounts it every minute, and the
 * deadline tabs read these few rows instead of a count over every open order a unit may see (issue 18: the
 * province's overdue count at 1.26 million orders with half a million open was a 0.7 s parallel scan per request).
 */
export const orderDeadlineCounts = pgTable(
  'order_deadline_counts',
  {
    unitId: uuid('unit_id').notNull(),
    /** near_due or overdue (the list's deadlineStatus); on_time is not kept: no view asks for it. */
    status: text('status').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.status, t.state] })],
);

/** The one row saying when the counts above were taken (absent before the first count). */
export const orderDeadlineCounted = pgTable(
  'order_deadline_counted',
  {
    id: smallint('id').primaryKey().default(1),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('order_deadline_counted_one_row', sql`${t.id} = 1`)],
);
