import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { bootstrap, type BootstrapResult } from '../../src/install/bootstrap.js';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { fixedClock } from '../../src/platform/clock.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/platform/db/client.js';
import { dumpOf } from './global-setup.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (CI runs every database suite on both). Both start from the copy
 * test/support/global-setup.ts migrated once for the run (`from` names another PGlite dump to start from).
 */
export async function createTestDatabase(opts: { onQuery?: (sql: string) => void; from?: string; pgFrom?: string } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const { from, pgFrom, ...open } = opts;
  if (!url) {
    const dump = path.join(inject('snapshotDir'), from ?? 'migrated.tar');
    return openDatabase({ ...open, loadDataDir: tarBlob(dumpBytes(dump)) });
  }
  const name = `hotline_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const template = pgFrom ?? inject('pgTemplate');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  // A test database is thrown away at the end of its file, and no test survives a crash of PostgreSQL itself (the
  // durability test kills the Node server, not the database, and makes its own database): waiting for each commit's
  // WAL flush only adds a disk round trip to every statement. Fuzz, timers and counts on PostgreSQL, same machine,
  // alternating runs: 56 and 43 s without the wait, 71 and 48 s with it.
  dbUrl.searchParams.set('options', '-c synchronous_commit=off');
  const database = await openDatabase({ databaseUrl: dbUrl.toString(), poolSize: 10, ...open });
  if (!template) await migrateDatabase(database);
  const opened: Database = {
    ...database,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
  urls.set(opened, dbUrl.toString());
  return opened;
}

const urls = new WeakMap<Database, string>();

/** The connection string of a test database on PostgreSQL (undefined on PGlite): for what connects by URL itself. */
export const urlOfTestDatabase = (database: Database): string | undefined => urls.get(database);

/**
 * A dump's bytes, read once per worker and kept for the next files (the few most recent dumps: 45–60 MB each). PGlite
 * only reads them (its untar copies each file into its own file system), so every file can be given the same bytes.
 * On this 2-core CI a fresh 45 MB buffer costs a page fault per 4 KB page: ~0.3 s of system CPU per read or copy.
 */
const dumps = new Map<string, ArrayBuffer>();
function dumpBytes(file: string): ArrayBuffer {
  let bytes = dumps.get(file);
  if (bytes) dumps.delete(file);
  else {
    const read = fs.readFileSync(file);
    // A file this size has a buffer of its own; a pooled one (never, at these sizes) is copied once, here.
    bytes = (
      read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read.buffer : read.buffer.slice(read.byteOffset, read.byteOffset + read.byteLength)
    ) as ArrayBuffer;
  }
  dumps.set(file, bytes);
  if (dumps.size > 3) dumps.delete(dumps.keys().next().value!);
  return bytes;
}

/**
 * The dump as the Blob PGlite asks for, without copying: PGlite reads it with `arrayBuffer()`, which Node 20 does in
 * small chunks and joins (a third of a 45 MB dump's load: ~0.5 s of CPU in every test file, profiled).
 */
function tarBlob(bytes: ArrayBuffer): Blob {
  return new (class extends Blob {
    override arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.resolve(bytes);
    }
  })();
}

/**
 * A second server's connection to the same database, as another instance would open it: its own pool on
 * PostgreSQL. PGlite is one process with one connection, so there the second instance shares it (close is a no-op).
 */
export async function openSameDatabase(database: Database): Promise<Database> {
  const url = urls.get(database);
  if (!url) return { ...database, close: async () => {} };
  return openDatabase({ databaseUrl: url, poolSize: 10 });
}

export const testPassword = 'Admin12345';

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Attachments and any other files of a test installation go to a temporary folder, never into the work tree.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-test-'));
  // Demo units and users, but no generated orders: each test makes the orders it reasons about.
  // Rate limits far above what a test file sends (the contract fuzz sends thousands of requests from one address);
  // the security tests set their own low limits.
  const env = {
    HOTLINE_ADMIN_PASSWORD: testPassword,
    HOTLINE_DEMO: 'true',
    HOTLINE_DEMO_ORDERS: '0',
    HOTLINE_RATE_LIMIT_PER_MINUTE: '1000000',
    HOTLINE_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  return { ...loadConfig(env), dataDir, ...overrides };
}

/**
 * A migrated database with the demo installation of Inner Mongolia (or another province). On PGlite the first file
 * that installs with a given moment and configuration leaves a dump of the result; later files with the same ones
 * load it instead of installing again (installing is most of a test file's set-up). A file that counts statements
 * installs for real, so its count sees what it expects.
 */
export async function createInstalledDatabase(opts: { at?: string; config?: Partial<Config>; onQuery?: (sql: string) => void } = {}) {
  const clock = fixedClock(opts.at ?? '2026-11-25T02:00:00Z');
  const config = testConfig(opts.config);
  const { dataDir: _, ...settings } = config;
  // Sets and maps (merged duties, the key ring) by their contents: JSON writes every one as {}, and two different
  // installations would share a dump.
  const plain = JSON.stringify([clock.now().toISOString(), settings], (_k, v) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v] : v));
  const key = createHash('sha256').update(plain).digest('hex').slice(0, 16);
  if (process.env.TEST_DATABASE_URL && !opts.onQuery) {
    const { template, result } = await installedTemplate(process.env.TEST_DATABASE_URL, key, config, clock);
    const database = await createTestDatabase({ pgFrom: template });
    return { database, db: database.db, clock, config, result };
  }
  const dir = process.env.TEST_DATABASE_URL || opts.onQuery ? null : inject('snapshotDir');
  const dump = dir ? path.join(dir, `installed-${key}.tar`) : null;
  if (dump && fs.existsSync(`${dump}.json`)) {
    const database = await createTestDatabase({ from: path.basename(dump) });
    const result = JSON.parse(fs.readFileSync(`${dump}.json`, 'utf8')) as BootstrapResult;
    return { database, db: database.db, clock, config, result };
  }
  const database = await createTestDatabase(opts.onQuery ? { onQuery: opts.onQuery } : {});
  const result = await bootstrap(database.db, config, clock);
  if (dump) {
    // Written under a temporary name and renamed, so a file running in the other worker never reads half a dump;
    // the result's JSON is written last, as the sign that the dump is complete.
    const tmp = `${dump}.${process.pid}`;
    fs.writeFileSync(tmp, await dumpOf(database.db));
    fs.renameSync(tmp, dump);
    fs.writeFileSync(`${tmp}.json`, JSON.stringify(result));
    fs.renameSync(`${tmp}.json`, `${dump}.json`);
  }
  return { database, db: database.db, clock, config, result };
}

/**
 * PostgreSQL's counterpart of the PGlite dumps above: the first file that needs an installation installs it into a
 * database of its own, and every file with the same moment and configuration is created from it (CREATE DATABASE …
 * TEMPLATE copies files, about 0.1 s) instead of installing again (units, knowledge, demo users with their argon2
 * hashes: seconds of CPU per file, on the 2 cores CI shares with the browser tests). An advisory lock on the key
 * makes the two workers install it once; the run's global teardown drops these databases with the migrated template.
 */
async function installedTemplate(url: string, key: string, config: Config, clock: ReturnType<typeof fixedClock>) {
  const template = `${inject('pgTemplate')}_i${key}`;
  const resultFile = path.join(inject('snapshotDir'), `${template}.json`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    if (!fs.existsSync(resultFile)) {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.query(`create database ${template} template ${inject('pgTemplate')}`);
      const u = new URL(url);
      u.pathname = `/${template}`;
      const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
      try {
        fs.writeFileSync(resultFile, JSON.stringify(await bootstrap(database.db, config, clock)));
      } finally {
        // Its connections must be gone before it can be a template.
        await database.close();
      }
    }
    return { template, result: JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BootstrapResult };
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
    await admin.end();
  }
}
