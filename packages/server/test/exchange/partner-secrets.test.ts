import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { exchangePartners } from '../../src/exchange/exchange.tables.js';
import type { Database } from '../../src/platform/db/client.js';
import { rekeyPartnerSecrets } from '../../src/exchange/secrets.js';
import { partnerCacheMs } from '../../src/exchange/partner-directory.js';
import { createSecretBox, demoKeyRing, parseKeyRing } from '../../src/platform/secrets/secret-box.js';
import { signedHeaders } from '../../src/platform/signing/signed-request.js';
import { ok } from '../support/order-helpers.js';
import { openSameDatabase } from '../support/test-db.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Partners' signing secrets are encrypted at rest (platform/secrets): the column never holds the secret, the signed
 * routes still verify with it, and a new key in HOTLINE_SECRET_KEYS re-encrypts every secret at the next start.
 */
let t: TestApp;
const others: { app: FastifyInstance; database: Database }[] = [];
let partnerId: string, secret: string;
let admin: Awaited<ReturnType<TestApp['login']>>;

const stored = async () => (await t.db.select().from(exchangePartners).where(eq(exchangePartners.id, partnerId)))[0]!.signingSecret;
/** An order signed with the partner's secret, sent to one instance. */
async function send(app: FastifyInstance, externalId: string) {
  const body = JSON.stringify({
    partnerId,
    externalId,
    order: { narrative: '某公司拖欠工资两个月', typeCode: 'complaint', subjectCode: 'wage_arrears', callers: [{ name: '张三' }] },
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/exchange/inbound/orders',
    headers: signedHeaders('hmac-sm3', secret, body, t.clock.now(), randomBytes(8).toString('hex')),
    payload: body,
  });
  return { status: res.statusCode, body: res.json() as { code?: string; duplicate?: boolean } };
}
/** Another instance on the same database, started with these keys as main.ts starts one (secrets re-keyed, then the app). */
async function instance(keys: string) {
  const database = await openSameDatabase(t.database);
  await rekeyPartnerSecrets(database.db, createSecretBox(parseKeyRing(keys)));
  const app = await buildApp({ database, config: { ...t.config, secretKeys: parseKeyRing(keys) }, clock: t.clock, instanceId: `keys-${others.length}` });
  others.push({ app, database });
  return app;
}

beforeAll(async () => {
  t = await createTestApp();
  let dispatcher: typeof admin;
  [admin, dispatcher] = await Promise.all([t.login('admin'), t.login('dispatcher')]);
  const p = await ok(
    admin.post('/api/exchange/partners', {
      name: '市 12345',
      kind: 'gov12345',
      direction: 'in',
      signingMethod: 'hmac-sm3',
      receivingUnitId: dispatcher.session.current.unit.id,
    }),
    201,
  );
  [partnerId, secret] = [p.id, p.signingSecret];
});
afterAll(async () => {
  for (const o of others) {
    await o.app.close();
    await o.database.close();
  }
  await t?.close();
});

describe('partner secrets at rest', () => {
  it('the stored column is not the secret, and signed requests verify with it', async () => {
    const col = await stored();
    expect(col).not.toBe(secret);
    expect(col).not.toContain(secret);
    expect(col).toMatch(/^v1:demo:/);
    expect(await send(t.app, 'S-1')).toMatchObject({ status: 200, body: { duplicate: false } });
  });

  it("a partner an administrator stops is refused at once here, and by another instance within its copy's lifetime", async () => {
    const other = await instance(`demo:${demoKeyRing()!.current.key.toString('base64')}`);
    // Both instances keep a copy of the partners (exchange/partner-directory.ts), read by these receipts.
    expect(await send(other, 'D-1')).toMatchObject({ status: 200 });
    expect(await send(t.app, 'D-2')).toMatchObject({ status: 200 });
    const listed = await ok<{ items: { id: string; version: number }[] }>(admin.get('/api/exchange/partners'));
    const before = listed.items.find((p) => p.id === partnerId)!;
    const stopped = await ok<{ version: number; active: boolean }>(
      admin.patch(`/api/exchange/partners/${partnerId}`, { version: before.version, active: false }),
    );
    expect(stopped.active).toBe(false);
    expect((await send(t.app, 'D-3')).body.code).toBe('EXCHANGE_PARTNER_UNKNOWN');
    // Another instance hears of it on the bus (PostgreSQL); whatever it heard, its copy is read again once expired.
    t.clock.advance(partnerCacheMs + 1_000);
    expect((await send(other, 'D-4')).body.code).toBe('EXCHANGE_PARTNER_UNKNOWN');
    await ok(admin.patch(`/api/exchange/partners/${partnerId}`, { version: stopped.version, active: true }));
    expect(await send(t.app, 'D-5')).toMatchObject({ status: 200 });
  });

  it('a new first key re-encrypts every secret at start; a plaintext from before encryption too', async () => {
    const fresh = randomBytes(32).toString('base64');
    const keys = `k2:${fresh},demo:${demoKeyRing()!.current.key.toString('base64')}`;
    const rotated = await instance(keys);
    const col = await stored();
    expect(col).toMatch(/^v1:k2:/);
    expect(col).not.toContain(secret);
    expect(await send(rotated, 'S-2')).toMatchObject({ status: 200, body: { duplicate: false } });
    // The instance started before the rotation, without the new key: its copy of the partner still holds what it can
    // open (the same secret, sealed under the old key) until the copy expires; then it refuses rather than accepting
    // unsigned.
    expect(await send(t.app, 'S-3')).toMatchObject({ status: 200 });
    t.clock.advance(partnerCacheMs + 1_000);
    expect((await send(t.app, 'S-3b')).body.code).toBe('SECRET_KEY_UNKNOWN');

    await t.db.update(exchangePartners).set({ signingSecret: secret }).where(eq(exchangePartners.id, partnerId));
    expect(await rekeyPartnerSecrets(t.db, createSecretBox(parseKeyRing(keys)))).toBe(1);
    expect(await stored()).toMatch(/^v1:k2:/);
    expect(await send(rotated, 'S-4')).toMatchObject({ status: 200 });
    // Nothing left under an older key: the old key can leave the list.
    expect(await rekeyPartnerSecrets(t.db, createSecretBox(parseKeyRing(`k2:${fresh}`)))).toBe(0);
  });
});
