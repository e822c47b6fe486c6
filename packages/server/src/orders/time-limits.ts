import type { CatalogReferenceCache, OrderSelector } from '../catalog/catalog-reference.js';
import type { Step } from '../catalog/domain/catalog.js';
import type { Executor } from '../platform/db/client.js';
import type { LimitSnapshot } from './orders.tables.js';

export type Selector = OrderSelector;

/** The limit that applies to a step of an order, as a snapshot stored with the order (later rule edits don't move it). */
export type TimeLimits = {
  limitFor(db: Executor, step: Step, order: Selector): Promise<LimitSnapshot>;
  /**
   * Reads the rules into the process's cache if it is cold, outside any transaction: inside one, a cold cache is read
   * again at every lookup (a transaction's reads are its own), four lookups an order in a batch of recomputes.
   */
  warm(db: Executor): Promise<void>;
};

/** The limits from the catalog's cached rules; `db` is where to read them when the cache is cold (a transaction inside one). */
export function createTimeLimits(reference: CatalogReferenceCache): TimeLimits {
  return {
    limitFor: async (db, step, order) => (await reference.current(db)).limitFor(step, order),
    warm: async (db) => void (await reference.current(db)),
  };
}
