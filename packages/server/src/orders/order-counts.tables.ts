import { integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Maintained counts of orders per unit, kind of involvement and state (issue 18): the list's per-state counts and the
 * saved views' tab counts read a few rows here instead of a GROUP BY over every order a unit may see. Kept by
 * statement-level triggers on work_orders (drizzle/0027_order_counts.sql, 0031) in the transaction of the change itself, so
 * they are never behind; a bulk insert (`hotline.bulk`, 0033) writes them itself in its transaction (order-counts.ts). `kind` says how the unit is involved:
 *  - visible: the unit is in the order's visible_to (what a person scoped there may see);
 *  - holder: the unit holds the order now; subtree: the holder lies in the unit's subtree (the unit is on its path);
 *  - emergency: as subtree, for orders in the emergency mechanism (priority major or a risk flag of 危众多大隐,
 *    drizzle/0031_emergency_counts.sql); intake: the unit took the order in;
 *  - consult: as visible, for orders of type consult.
 * `shard` (the writing backend's pid mod 16) keeps the province's rows from being one hot lock under intake: two
 * concurrent transactions touch the same row only when their connections share a shard. Readers sum the shards.
 * Sorted within one statement only: two transactions changing orders in several statements can still cross on these
 * rows (40P01); the transaction seam runs the victim again (orders/transition.ts `again`).
 */
export const orderCounts = pgTable(
  'order_counts',
  {
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    shard: smallint('shard').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind, t.state, t.shard] })],
);

/**
 * One row per order and unit of its visible_to, ordered by creation: a unit's newest orders are one index range, as
 * short for the smallest union as for the province (the GIN test on visible_to finds all of a unit's orders and sorts
 * them). Kept by the same triggers.
 */
export const orderUnitPages = pgTable(
  'order_unit_pages',
  {
    unitId: uuid('unit_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    orderId: uuid('order_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.createdAt, t.orderId] })],
);
