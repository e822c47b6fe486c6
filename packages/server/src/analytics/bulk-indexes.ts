import type { Db } from '../platform/db/client.js';
import { deferIndexes } from '../platform/db/deferred-indexes.js';

/**
 * The figures' indexes a bulk load may build after it (orders/bulk-indexes.ts says why): the contributions by day
 * and by unit path (ten rows an order, scattered over every day and unit), the fact rows by state, day and path.
 * Kept: the order-id ones, by which copied figures read their template's rows (copied-figures.ts), and the keys.
 */
export const figureIndexesForBulkLoad = [
  'analytics_contributions_day_idx',
  'analytics_contributions_unit_day_idx',
  'analytics_order_facts_state_idx',
  'analytics_order_facts_created_idx',
  'analytics_order_facts_path_idx',
  'analytics_order_facts_open_due_idx',
] as const;

export const deferFigureIndexes = (db: Db) => deferIndexes(db, figureIndexesForBulkLoad);
