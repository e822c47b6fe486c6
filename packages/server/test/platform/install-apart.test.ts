import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { needsInstall } from '../../src/install/prepare.js';
import { migrateDatabase, openDatabase } from '../../src/platform/db/client.js';
import { createInstalledDatabase, urlOfTestDatabase } from '../support/test-db.js';

/**
 * A server decides before it opens its database whether to install it in a child process (install/prepare.ts,
 * docs/decisions/0012 "The installation apart"): on a PostgreSQL server, a database without the units table or
 * without a unit is installed apart, an installed one is opened. The embedded default's side (no cluster yet) is in
 * pglite-cluster.test.ts; this file is for the server, so the PGlite run skips it (but for an unreachable server).
 */
const baseUrl = process.env.TEST_DATABASE_URL;
const dropped: string[] = [];
afterAll(async () => {
  if (!baseUrl) return;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  for (const name of dropped) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('a start that cannot reach its database', () => {
  it('says so without printing the URL', async () => {
    const failed = needsInstall({ databaseUrl: 'postgres://someone:secret-password@127.0.0.1:1/none', dataDir: '' });
    await expect(failed).rejects.toThrow(/无法连接数据库 \/ cannot reach the database of DATABASE_URL/);
    await expect(failed).rejects.not.toThrow(/secret-password/);
  });
});

describe.skipIf(!baseUrl)('installing apart on PostgreSQL', () => {
  it('installs an empty or a migrated database without units apart, and opens an installed one', async () => {
    const name = `hotline_apart_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    dropped.push(name);
    const url = Object.assign(new URL(baseUrl!), { pathname: `/${name}` }).toString();
    expect(await needsInstall({ databaseUrl: url, dataDir: '' })).toBe(true);
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    await migrateDatabase(database);
    await database.close();
    expect(await needsInstall({ databaseUrl: url, dataDir: '' })).toBe(true);

    const installed = await createInstalledDatabase();
    try {
      expect(await needsInstall({ databaseUrl: urlOfTestDatabase(installed.database)!, dataDir: '' })).toBe(false);
    } finally {
      await installed.database.close();
    }
  });
});
