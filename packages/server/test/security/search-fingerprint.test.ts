import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyKeys } from '../../src/platform/privacy/privacy.tables.js';
import { ok } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The audit log's fingerprint of a searched number (personal-search.ts → platform/privacy/fingerprint.ts). A plain
 * SHA-256 gave the number away: the mask (139****1202) leaves 10,000 numbers open, and hashing them all found it in
 * 35 ms. It is a keyed HMAC now, under a key of the installation that neither the log nor any route shows.
 */
const number = '13904711202';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

let one: TestApp, two: TestApp;

beforeAll(async () => {
  // Two installations: two databases, each with its own key.
  [one, two] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

/** The searches by number the auditor sees, oldest first. */
async function searchesSeenBy(t: TestApp) {
  const auditor = await t.login('auditor');
  const page = await ok<{ items: { after: { phone?: string; phoneFingerprint?: string } }[] }>(auditor.get('/api/audit/events?action=search_personal_data'));
  return page.items.reverse().map((e) => e.after);
}

describe('the fingerprint of a searched number', () => {
  it('is not the number’s plain hash, and the masked number’s 10,000 candidates do not give it away', async () => {
    const dispatcher = await one.login('dispatcher');
    await ok(dispatcher.get(`/api/orders?callerPhone=${number}`));
    const [seen] = await searchesSeenBy(one);
    expect(seen).toMatchObject({ phone: '139****1202' });
    expect(seen!.phoneFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(seen!.phoneFingerprint).not.toBe(sha256(number));
    // The probe's attack: every number the mask leaves open, hashed, and compared.
    const found = Array.from({ length: 10_000 }, (_, i) => `139${String(i).padStart(4, '0')}1202`).find((n) => sha256(n) === seen!.phoneFingerprint);
    expect(found).toBeUndefined();
    expect(JSON.stringify(await searchesSeenBy(one))).not.toContain(number);
  });

  it('is the same for every search of one number on one installation, from the key it keeps', async () => {
    const agent = await one.login('agent');
    await ok(agent.get(`/api/orders/intake-matches?phone=${number}`));
    const searches = await searchesSeenBy(one);
    expect(searches.length).toBeGreaterThanOrEqual(2);
    expect(new Set(searches.map((s) => s.phoneFingerprint)).size).toBe(1);
    // From the key the installation stored (one row, made once): a restart reads the same key, so the same fingerprint.
    const keys = await one.db.select().from(privacyKeys);
    expect(keys).toHaveLength(1);
    const hmac = createHmac('sha256', Buffer.from(keys[0]!.key, 'base64')).update(number).digest('hex').slice(0, 16);
    expect(searches[0]!.phoneFingerprint).toBe(hmac);
    // The key itself is nowhere in the log.
    expect(JSON.stringify(searches)).not.toContain(keys[0]!.key);
  });

  it("is recorded for a list's count asked apart, as for its page, with how many orders each found", async () => {
    const dispatcher = await two.login('dispatcher');
    const auditor = await two.login('auditor');
    const counted = await ok<{ total: number }>(dispatcher.get(`/api/orders/count?callerPhone=${number}`));
    const listed = await ok<{ total: number }>(dispatcher.get(`/api/orders?callerPhone=${number}`));
    const page = await ok<{ items: { targetId: string; after: { phone?: string; results?: number } }[] }>(
      auditor.get('/api/audit/events?action=search_personal_data'),
    );
    const byOperation = (op: string) => page.items.find((e) => e.targetId === op);
    expect(byOperation('countOrders')).toMatchObject({ after: { phone: '139****1202', results: counted.total } });
    expect(byOperation('listOrders')).toMatchObject({ after: { phone: '139****1202', results: listed.total } });
  });

  it('differs between two installations', async () => {
    const dispatcher = await two.login('dispatcher');
    await ok(dispatcher.get(`/api/orders?callerPhone=${number}`));
    const [a] = await searchesSeenBy(one);
    const [b] = await searchesSeenBy(two);
    expect(b).toMatchObject({ phone: '139****1202' });
    expect(b!.phoneFingerprint).not.toBe(a!.phoneFingerprint);
  });
});
