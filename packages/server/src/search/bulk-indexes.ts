import type { Db } from '../platform/db/client.js';
import { deferIndexes } from '../platform/db/deferred-indexes.js';

/**
 * The orders' words index (GIN over every word of every order) may be built after a bulk load instead of kept
 * through it (orders/bulk-indexes.ts says why): one build sorts the words once; a million inserts each add an
 * order's forty-odd words to the pending list and merge it into the tree again and again.
 */
export const searchIndexesForBulkLoad = ['search_orders_words_gin'] as const;

export const deferSearchIndexes = (db: Db) => deferIndexes(db, searchIndexesForBulkLoad);
