import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { is, sql } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { createPgliteCluster } from './pglite-initdb.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Both drivers give a PgDatabase; repositories take this (or a transaction, which is one too). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a repository method runs on: the database or an open transaction. */
export type Executor = Db | Tx;

/**
 * The opened database an executor runs on: one object for the database and every transaction (and savepoint) opened
 * on it, for what is kept per database and must be found again inside a transaction (a transaction is a new object
 * each time). It is drizzle's dialect, which drizzle() makes once per database and hands to each transaction it opens
 * — a member drizzle marks internal, as platform/db/reusable.ts also uses. A second pool on the same PostgreSQL (another
 * instance, test/support/test-db.ts openSameDatabase) is another database here, as another process would be.
 */
export const databaseOf = (ex: Executor): object => (ex as unknown as { dialect: object }).dialect;

/** Whether an executor is an open transaction (what it writes is not committed yet) rather than the database. */
export const isTransaction = (ex: Executor): boolean => is(ex, PgTransaction);

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgresql';
  /** PostgreSQL only: where a dedicated connection (the change bus's LISTEN) connects to. */
  url?: string;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** The schema's version: the tag of the last migration this build carries (drizzle/meta/_journal.json). */
export function schemaVersion(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)?.tag ?? 'none';
}

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** Called with every statement the app sends through drizzle (tests count round trips with it). */
  onQuery?: (sql: string, params: unknown[]) => void;
  /** PGlite in memory only: start from this dump of a data directory instead of an empty cluster (tests start from one migrated copy). */
  loadDataDir?: Blob;
};

/**
 * PGlite's shared memory lives in its WebAssembly memory, which it zero-fills when it starts: its default
 * shared_buffers (128 MB) is resident from the first query whether the data needs it or not, and WebAssembly memory
 * never shrinks. 32 MB holds this application's working set on the embedded default (one seat or a demo); a page
 * not among them is read from the data directory's file, which the operating system caches. Measured
 * (docs/decisions/0012, "Memory, 2 December 2026"): a reopened PGlite alone 293 → 186 MB resident.
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/**
 * No JIT compilation on the application's connections: its statements are short, and a cost estimate pushed past
 * jit_above_cost by a misestimate (a json_to_recordset's 100 assumed rows, a skewed column after a bulk load) spent
 * 40–60 ms compiling a statement that runs in 0.1 ms — intake's batched employer count at 100,000 orders (decision
 * 0012, "Sixth pass"). Sent as a startup option in the URL (node-postgres lets the URL's parameters override its
 * config), added to the operator's own `options`; an operator who sets `jit` there keeps it.
 */
export function withoutJit(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const own = u.searchParams.get('options') ?? '';
  if (/\bjit\s*=/.test(own)) return url;
  u.searchParams.set('options', own ? `${own} -c jit=off` : '-c jit=off');
  return u.toString();
}

/** Where the embedded database's cluster lives in the data directory. */
export const pgliteClusterDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** Opens PostgreSQL when a URL is given, otherwise PGlite in dataDir (or in memory when dataDir is undefined). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: withoutJit(opts.databaseUrl), max: opts.poolSize ?? 20 });
    // A pool error on an idle client must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema, ...loggerOf(opts) }) as unknown as Db;
    return { db, kind: 'postgresql', url: opts.databaseUrl, close: () => pool.end() };
  }
  let client: PGlite;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    await createPgliteCluster(pgliteClusterDir(opts.dataDir));
    client = new PGlite(pgliteClusterDir(opts.dataDir), { startParams: pgliteStartParams });
  } else {
    client = new PGlite({ startParams: pgliteStartParams, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, ...loggerOf(opts) }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

const loggerOf = (opts: OpenOptions) => (opts.onQuery ? { logger: { logQuery: (query: string, params: unknown[]) => opts.onQuery!(query, params) } } : {});

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}

export type AppliedMigration = { hash: string; createdAt: string };

export async function appliedMigrations(db: Executor): Promise<{ id: number; hash: string; createdAt: string }[]> {
  const rows = await db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`);
  return rowsOf<{ id: number; hash: string; created_at: string }>(rows).map((r) => ({
    id: Number(r.id),
    hash: r.hash,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}

/** node-postgres returns { rows }, PGlite returns { rows } too, but typed differently: one place smooths it. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

/**
 * The rows a statement changed as the driver reports them (node-postgres `rowCount`, PGlite `affectedRows`): a count
 * without `returning` every id only to take its length.
 */
export function rowCountOf(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number | null };
  return Number(r?.rowCount ?? r?.affectedRows ?? 0);
}

export async function databaseVersion(db: Executor): Promise<string> {
  const rows = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`));
  return rows[0]?.v ?? 'unknown';
}

export { schema };
