import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import type { Config } from '../platform/config/config.js';
import type { Clock } from '../platform/clock.js';
import type { CatalogReferenceCache } from '../catalog/catalog-reference.js';
import type { ChangeBus } from '../platform/bus/index.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import type { Db, Executor } from '../platform/db/client.js';
import type { OrderRow } from './orders.repo.js';
import type { AttachmentStore } from './attachments/attachment-store.js';
import type { OrderNumberAllocator } from './order-numbers.js';
import type { TimeLimits } from './time-limits.js';
import type { SynonymCache } from '../search/synonyms.js';

/** What the order capabilities need from the rest of the system, passed explicitly. */
export type OrderDeps = {
  db: Db;
  clock: Clock;
  config: Config;
  calendar: {
    current(): Promise<WorkingCalendar>;
    /** Read from the database through `via` (a transaction), when the process's copy is older than an order's deadlines. */
    fresh?(via: Executor): Promise<WorkingCalendar>;
  };
  limits: TimeLimits;
  /** Units, catalog codes, thresholds and rules: cached per process, dropped on `reference.changed`. */
  units: UnitDirectoryCache;
  reference: CatalogReferenceCache;
  /** Callers' synonyms for the order list's word search: cached per process, dropped on `reference.changed`. */
  synonyms: SynonymCache;
  attachments: AttachmentStore;
  orderNumbers: OrderNumberAllocator;
  /**
   * PGlite: one connection in this process, whose statements run synchronously on this thread. Statements in flight
   * beyond one only queue on it, and concurrent intakes share a statement only if a run waits a turn of the event loop
   * (platform/concurrency/coalesce.ts `gather`). Absent: a server's pool.
   */
  inProcessDatabase?: boolean;
  /** Announces each committed change (`order.changed`) to SSE streams and other instances. */
  bus: ChangeBus;
  /**
   * Told of every change of an order that came from an exchange partner, inside the change's transaction: the status
   * message back to the partner is written with the change (exchange/outbound.ts). Absent, nothing is sent.
   */
  exchange?: { orderChanged(tx: Executor, order: OrderRow, action: string, now: Date, data?: Record<string, unknown>): Promise<void> };
};
