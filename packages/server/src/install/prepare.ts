import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { rekeyPartnerSecrets } from '../exchange/secrets.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import { migrateDatabase, pgliteClusterDir, type Database } from '../platform/db/client.js';
import { pgliteClusterExists } from '../platform/db/pglite-initdb.js';
import { createSecretBox } from '../platform/secrets/secret-box.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';

/**
 * What every start does to its database before serving: the migrations, the installation (reference data at every
 * start; the union tree, accounts and demo on an empty database) and, when HOTLINE_SECRET_KEYS has a new first key,
 * the partners' stored secrets moved under it (docs/security.md, rotation).
 */
export async function prepareDatabase(database: Database, config: Config, clock: Clock): Promise<BootstrapResult> {
  await migrateDatabase(database);
  const installed = await bootstrap(database.db, config, clock);
  await rekeyPartnerSecrets(database.db, createSecretBox(config.secretKeys));
  return installed;
}

/**
 * Whether the database has no installation yet: no cluster in the embedded default's data directory, or a server
 * database without the units table or without a unit (bootstrap's own test of "fresh"). Asked before the server
 * opens its database, by a connection of its own.
 */
export async function needsInstall(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<boolean> {
  if (!config.databaseUrl) return !pgliteClusterExists(pgliteClusterDir(config.dataDir));
  const client = new pg.Client({ connectionString: config.databaseUrl });
  // The first connection a start makes: an operator's wrong DATABASE_URL is told as such (the URL itself is not
  // printed: it may hold a password).
  await client.connect().catch((err: Error) => {
    throw new Error(`无法连接数据库 / cannot reach the database of DATABASE_URL: ${err.message}`);
  });
  try {
    const { rows } = await client.query<{ tables: boolean }>(`select to_regclass('units') is not null as tables`);
    if (!rows[0]?.tables) return true;
    const units = await client.query<{ any: boolean }>('select exists (select 1 from units) as any');
    return !units.rows[0]?.any;
  } finally {
    await client.end();
  }
}

/**
 * A new installation runs in a short-lived child process (install-main.ts), and the server then opens a database
 * that is installed. Installing loads and builds what serving never needs again (the province's divisions, the demo's
 * generated orders and calls, the knowledge base's first index) and V8 keeps the heap it grew for them: a server that
 * installed in its own process was ~240 MB resident at rest and 248–270 MB under intake, one started on the installed
 * database 126–134 MB at rest and 218 MB under the same load (docs/decisions/0012, "The installation apart"). On the
 * embedded default the WebAssembly memory PGlite grew while installing is never given back either. A child's memory
 * goes with it. Returns what the installation did (for the banner), or null when the database is installed already
 * and the server prepares it itself (migrations of an upgrade, reference data: small).
 */
export async function installApart(config: Config): Promise<BootstrapResult | null> {
  if (!(await needsInstall(config))) return null;
  // Under tsx (npm start, the tests' servers) the entry is TypeScript and the child inherits tsx's loader (execArgv).
  const here = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(here), `install-main${path.extname(here)}`);
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let result: BootstrapResult | null = null;
  child.on('message', (m) => (result = m as BootstrapResult));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ? -1 : c));
  });
  if (code !== 0 || !result) throw new Error(`安装未完成 / the installation did not finish (exit ${code}): see above`);
  return result;
}
