import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { needsInstall } from '../../src/install/prepare.js';
import { openDatabase, rowsOf } from '../../src/platform/db/client.js';

/**
 * The embedded default on a data directory (docs/decisions/0012, "Memory, 2 December 2026"): a new cluster is
 * created by a child process (platform/db/pglite-initdb.ts) and then opened, with shared_buffers at 32 MB; what is
 * written survives a reopen. It says nothing about a PostgreSQL server, so the PostgreSQL run (TEST_DATABASE_URL) skips
 * it: there it only ran initdb again beside the browser tests, and once took longer than a minute.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-pglite-cluster-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!process.env.TEST_DATABASE_URL)('PGlite on a data directory', () => {
  it('creates the cluster, opens it with 32 MB of shared buffers, and keeps what was written across a reopen', async () => {
    // No cluster yet: the server installs in a child process (install/prepare.ts); once there is one, it opens it.
    expect(await needsInstall({ dataDir: dir, databaseUrl: undefined })).toBe(true);
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    expect(fs.existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(true);
    const setting = rowsOf<{ v: string }>(await first.db.execute(sql`select current_setting('shared_buffers') as v`));
    expect(setting[0]!.v).toBe('32MB');
    await first.db.execute(sql`create table kept (word text)`);
    await first.db.execute(sql`insert into kept values ('欠薪')`);
    await first.close();

    expect(await needsInstall({ dataDir: dir, databaseUrl: undefined })).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    expect(rowsOf<{ word: string }>(await again.db.execute(sql`select word from kept`))).toEqual([{ word: '欠薪' }]);
    await again.close();
    // A guard against a hang: initdb in a child process and two opens took over 60 s at a load of 14.
  }, 180_000);
});
