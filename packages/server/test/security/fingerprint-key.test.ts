import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client.js';
import { personalDataFingerprint } from '../../src/platform/privacy/fingerprint.js';
import { privacyKeys } from '../../src/platform/privacy/privacy.tables.js';
import { countStatements } from '../support/statement-count.js';
import { createTestDatabase, openSameDatabase } from '../support/test-db.js';

/**
 * The key of the audit log's fingerprints (platform/privacy/fingerprint.ts) is read once per opened database. It was
 * kept per executor: every transaction (a new object each time) read privacy_keys again. One key per database stays
 * the rule: a key made by a transaction that rolls back is not used, and concurrent first uses end with one key.
 */
const number = '13904711202';
const at = new Date('2026-12-01T02:00:00Z');
const hmacUnder = (key: string) => createHmac('sha256', Buffer.from(key, 'base64')).update(number).digest('hex').slice(0, 16);

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened.reverse()) await d.close();
});
async function freshDatabase() {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

describe('the fingerprint key', () => {
  it('is read once per database: a transaction after the first use reads no privacy_keys row', async () => {
    const database = await freshDatabase();
    // Made by another instance of the installation.
    const key = randomBytes(32).toString('base64');
    await database.db.insert(privacyKeys).values({ purpose: 'search_fingerprint', key, createdAt: at });
    const counter = countStatements(database);
    const keyReads = (sql: string[]) => sql.filter((s) => s.includes('privacy_keys')).length;

    const first = await counter.during(() => database.db.transaction((tx) => personalDataFingerprint(tx, number, at)));
    expect(first.value).toBe(hmacUnder(key));
    expect(keyReads(first.sql)).toBe(1);

    const again = await counter.during(() => database.db.transaction((tx) => personalDataFingerprint(tx, number, at)));
    expect(again.value).toBe(hmacUnder(key));
    expect(keyReads(again.sql)).toBe(0);

    const outside = await counter.during(() => personalDataFingerprint(database.db, number, at));
    expect(outside.value).toBe(hmacUnder(key));
    expect(outside.statements).toBe(0);
  });

  it('made by a transaction that rolls back is not used; concurrent first uses then store and use one key', async () => {
    const database = await freshDatabase();
    const elsewhere = await openSameDatabase(database);
    opened.push(elsewhere);
    let madeThen = '';
    await expect(
      database.db.transaction(async (tx) => {
        madeThen = await personalDataFingerprint(tx, number, at);
        // Read back inside the same transaction: its own row, not committed.
        expect(await personalDataFingerprint(tx, number, at)).toBe(madeThen);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await database.db.select().from(privacyKeys)).toEqual([]);

    const uses = await Promise.all([
      personalDataFingerprint(database.db, number, at),
      personalDataFingerprint(database.db, number, at),
      personalDataFingerprint(elsewhere.db, number, at),
    ]);
    const keys = await database.db.select().from(privacyKeys);
    expect(keys).toHaveLength(1);
    expect(uses).toEqual(Array(3).fill(hmacUnder(keys[0]!.key)));
    expect(uses[0]).not.toBe(madeThen);
    // And a transaction now uses the stored key too.
    expect(await database.db.transaction((tx) => personalDataFingerprint(tx, number, at))).toBe(uses[0]);
  });
});
