import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../src/platform/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of PGlite dumps: `migrated.tar`, and installed databases written there by the first file that needs one. */
    snapshotDir: string;
    /** PostgreSQL only: a migrated database each test file's database is copied from (CREATE DATABASE … TEMPLATE). */
    pgTemplate: string;
  }
}

/**
 * Migrates once per run instead of once per file. A fresh PGlite runs initdb (about 2 s of CPU) and then every
 * migration; loading a dump of an already migrated one takes a fraction of that. On PostgreSQL a template database
 * plays the same part. The snapshot is made from the checked-in migrations at every run, so it can never be stale.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-snapshots-'));
  project.provide('snapshotDir', dir);
  const url = process.env.TEST_DATABASE_URL;
  let template = '';
  if (url) {
    template = `hotline_tpl_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(url, `create database ${template}`);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
  } else {
    const database = await openDatabase({});
    await migrateDatabase(database);
    fs.writeFileSync(path.join(dir, 'migrated.tar'), await dumpOf(database.db));
    await database.close();
  }
  project.provide('pgTemplate', template);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      // The installed databases made from it (test-db.ts `installedTemplate`), then the template itself.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [`${template}_i`]);
        for (const r of rows) await client.query(`drop database if exists ${r.datname} with (force)`);
      } finally {
        await client.end();
      }
      await adminQuery(url, `drop database if exists ${template} with (force)`);
    }
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The PGlite data directory as an uncompressed tar (PGlite loads a gzip one much more slowly). */
export async function dumpOf(db: unknown): Promise<Buffer> {
  const client = (db as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  return Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
}
