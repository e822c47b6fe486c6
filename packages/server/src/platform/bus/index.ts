import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { createInProcessBus, type ChangeBus } from './bus.js';
import { createPgBus } from './pg-bus.js';

export type { ChangeBus, Unsubscribe } from './bus.js';
export type { BusMessage, BusTopic, MessageOf, ReferenceKind } from './messages.js';

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
