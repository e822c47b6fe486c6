import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { createInProcessBus, type ChangeBus } from './bus.js';
import { createPgBus } from './pg-bus.js';

export type { ChangeBus, Unsubscribe } from './bus.js';
export type { BusMessage, BusTopic, MessageOf, ReferenceKind } from './messages.js';
import type { ReferenceKind } from './messages.js';

/** The bus that fits the database: in-process on PGlite (one process by construction), LISTEN/NOTIFY on PostgreSQL. */
export async function createChangeBus(database: Database, onError?: (err: unknown) => void): Promise<ChangeBus> {
  if (database.kind === 'pglite' || !database.url) return createInProcessBus();
  return createPgBus({
    connectionString: database.url,
    notify: async (channel, payload) => {
      await database.db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    ...(onError ? { onError } : {}),
  });
}

/**
 * Wraps a write of reference data: once it has committed (returned), every cache of that kind drops its copy, here
 * at once and on the other instances through the bus. A write that throws changed nothing and announces nothing.
 */
export function announcing<A extends unknown[], R>(
  bus: ChangeBus | undefined,
  kind: ReferenceKind,
  write: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const result = await write(...args);
    await bus?.publish({ topic: 'reference.changed', kind });
    return result;
  };
}
