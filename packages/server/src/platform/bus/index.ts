import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { createInProcessBus, type ChangeBus } from './bus.js';
import { busChannel, createPgBus } from './pg-bus.js';

export type { ChangeBus, Unsubscribe } from './bus.js';
export type { BusMessage, BusTopic, MessageOf, ReferenceKind } from './messages.js';
import type { BusMessage, ReferenceKind } from './messages.js';

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
 * For a process without a bus of its own (the console tools): tells the running instances on PostgreSQL, after the
 * change has committed. Nothing on PGlite: a console tool opens its data folder only while the server is stopped.
 */
export async function announceOnce(database: Database, message: BusMessage): Promise<void> {
  if (database.kind === 'pglite' || !database.url) return;
  await database.db.execute(sql`select pg_notify(${busChannel}, ${JSON.stringify({ from: 'console', message })})`);
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
