import { riskFlagCodes } from '../catalog/domain/catalog.js';
import type { Db } from '../platform/db/client.js';
import { deferForeignKeys, deferIndexes } from '../platform/db/deferred-indexes.js';

/**
 * The orders' indexes a bulk load into a nearly empty database may build after it instead of keeping them through it
 * (platform/db/deferred-indexes.ts; the seeder's copies, demo/multiply.ts). Each is keyed by something a copy's
 * shift or template scatters (creation, due, closing and callback instants, state, path, employer, phone, the units of visible_to): a
 * million copies inserted into them land at random places. Kept: primary keys and unique indexes (they check the
 * rows), and the indexes keyed by order id, into which copies append (their ids lead with the copy number) and by
 * which the copy reads its templates' rows.
 */
export const orderIndexesForBulkLoad = [
  'work_orders_visible_to_idx',
  'work_orders_created_idx',
  'work_orders_state_created_idx',
  'work_orders_holder_path_idx',
  'work_orders_employer_key_idx',
  'work_orders_due_idx',
  'work_orders_due_order_idx',
  'work_orders_state_due_idx',
  'work_orders_holder_state_due_idx',
  'work_orders_closed_created_idx',
  'work_orders_callback_idx',
  'work_orders_subject_created_idx',
  'work_orders_type_created_idx',
  'work_orders_channel_created_idx',
  'work_orders_priority_created_idx',
  'work_orders_tier_created_idx',
  'work_orders_confidential_created_idx',
  ...riskFlagCodes.map((flag) => `work_orders_flag_${flag}_created_idx` as const),
  'order_callers_phone_idx',
  'order_co_handlers_unit_idx',
] as const;

export const deferOrderIndexes = (db: Db) => deferIndexes(db, orderIndexesForBulkLoad);

/**
 * The order tables whose foreign keys (to the order, its units and users) a bulk load may add after it: kept, every row
 * copied runs one `select … for key share` per key (about 15 per order), a third of the copy's database time; added
 * after, each key is one anti-join over its table. The tables the copies write that no other capability owns.
 */
export const orderTablesForBulkLoad = ['work_orders', 'order_callers', 'order_hops', 'order_co_handlers', 'order_extensions', 'order_events'] as const;

export const deferOrderForeignKeys = (db: Db) => deferForeignKeys(db, orderTablesForBulkLoad);
