import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../../src/users/users.tables.js';
import { buildApp } from '../../src/app.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { openSameDatabase } from '../support/test-db.js';
import { addPerson } from '../support/order-helpers.js';

/** Issue 10, items 5 (rate and size limits), 7 (cross-site requests, security headers), 12 (forced password change). */
let t: TestApp;
let webRoot: string;

beforeAll(async () => {
  // A built web client of two files, so the limit can be shown to count only the API.
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>12351</title>');
  fs.writeFileSync(path.join(webRoot, 'assets', 'page-abc123.css'), 'body{margin:0}');
  t = await createTestApp({
    config: { loginRateLimitPerMinute: 5, rateLimitPerMinute: 40, trustProxy: true, recordingOrigins: ['https://pbx.example'] },
    webRoot,
  });
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('5. rate and size limits', () => {
  it('answers 429 after the login limit per address, whatever the user names; other addresses still log in', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login(`nobody${i}`, 'x', '10.0.0.9')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await login('nobody9', 'x', '10.0.0.9');
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect((await login('agent', 'Demo12351', '10.0.0.10')).statusCode).toBe(200);
  });

  it('limits requests per account: one account flooding the list does not slow another', async () => {
    const flood = await t.login('dispatcher');
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await flood.get('/api/orders?limit=1')).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await flood.get('/api/orders?limit=1')).json().code).toBe('RATE_LIMITED');
    const other = await t.login('supervisor');
    expect((await other.get('/api/orders?limit=1')).statusCode).toBe(200);
  });

  it('counts only the API: a reload fetching many page files neither is refused nor uses up the API limit', async () => {
    const reloader = await t.login('handler');
    const files: number[] = [];
    for (let i = 0; i < 45; i++) files.push((await reloader.get(i % 2 ? '/assets/page-abc123.css' : '/orders/x')).statusCode);
    expect(new Set(files)).toEqual(new Set([200]));
    expect((await reloader.get('/api/orders?limit=1')).statusCode).toBe(200);
  });

  it('refuses a megabyte login body before reading it as JSON', async () => {
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1])));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: body,
      headers: { 'content-type': 'application/json' },
      remoteAddress: '10.0.1.1',
    });
    expect([res.statusCode, res.json().code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers 400, never 500, to deep nesting and to too many keys', async () => {
    const s = await t.login('agent');
    const cookie = (await login('leader', 'Demo12351', '10.0.2.1')).cookies.find((c) => c.name === 'hotline_session')!;
    const send = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/orders',
        payload,
        headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}` },
        remoteAddress: '10.0.2.1',
      });
    const deep = await send('['.repeat(200_000));
    expect([deep.statusCode, deep.json().code]).toEqual([400, 'JSON_TOO_DEEP']);
    const wide = await send(JSON.stringify(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 1]))));
    expect([wide.statusCode, wide.json().code]).toEqual([400, 'JSON_TOO_LARGE']);
    const proto = await send('{"__proto__":{"admin":true}}');
    expect(proto.statusCode).toBe(400);
    expect((await s.get('/api/health')).statusCode).toBe(200);
  });
});

describe('7. cross-site requests and security headers', () => {
  it('refuses a cookie-authenticated change from another site, by Origin or Sec-Fetch-Site', async () => {
    const res = await login('leader', 'Demo12351', '10.0.3.1');
    const c = res.cookies.find((x) => x.name === 'hotline_session')!;
    const cookie = `${c.name}=${c.value}`;
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      payload: 'x',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' },
      remoteAddress: '10.0.3.1',
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'CROSS_SITE_REQUEST']);
    const fetchMeta = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      remoteAddress: '10.0.3.1',
    });
    expect(fetchMeta.statusCode).toBe(403);
    // The session survived both; a request from the server's own page goes through.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie }, remoteAddress: '10.0.3.1' })).statusCode).toBe(200);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      remoteAddress: '10.0.3.1',
    });
    expect(own.statusCode).toBe(204);
  });

  it('lets API tokens through whatever the origin: a browser never sends one by itself', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: {},
      headers: { authorization: 'Bearer hs_not_a_token', origin: 'https://evil.example' },
    });
    expect(res.json().code).not.toBe('CROSS_SITE_REQUEST');
  });

  it('sends a content security policy, no framing, nosniff, and HSTS only over HTTPS', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(plain.headers['content-security-policy']).toContain("script-src 'self'");
    // Call recordings play from the telephony system's origin (HOTLINE_RECORDING_ORIGINS), nothing else.
    expect(plain.headers['content-security-policy']).toContain("media-src 'self' https://pbx.example");
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['x-frame-options']).toBe('DENY');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const https = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toContain('max-age=31536000');
    // The same headers on an unknown route and on a refused request (helmet's middleware is built once, not per request).
    const security = (h: Record<string, unknown>) =>
      Object.fromEntries(
        [
          'content-security-policy',
          'cross-origin-opener-policy',
          'cross-origin-resource-policy',
          'referrer-policy',
          'x-content-type-options',
          'x-frame-options',
        ].map((k) => [k, h[k]]),
      );
    expect(security(plain.headers)).toMatchObject({ 'cross-origin-opener-policy': 'same-origin', 'referrer-policy': 'no-referrer' });
    for (const other of [
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await t.app.inject({ method: 'POST', url: '/api/orders', payload: {} }),
    ]) {
      expect(other.statusCode).toBeGreaterThanOrEqual(400);
      expect(security(other.headers)).toEqual(security(plain.headers));
    }
  });
});

describe('the web client: hashed files cached for a year, the page itself never', () => {
  it('sends the assets immutable and index.html (at / and at any deep link) to be revalidated', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.9' });
    const asset = await get('/assets/page-abc123.css');
    expect(asset.statusCode).toBe(200);
    // A file under assets/ is named by its content's hash: a new build gives new names, so it never needs asking again.
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/orders/x', '/index.html']) {
      const page = await get(url);
      expect([url, page.statusCode]).toEqual([url, 200]);
      expect([url, page.headers['cache-control']]).toEqual([url, 'no-cache']);
    }
  });

  it('serves a rebuild’s new files without a restart, with the same headers; the API never looks on disk', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.9' });
    // `npm run build -w @hotline/web` while the server runs: new hashed names, a new index.html pointing at them.
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-new789.js'), 'console.log("rebuilt")');
    fs.writeFileSync(path.join(webRoot, 'favicon-new.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>12351</title><script src="/assets/index-new789.js"></script>');
    const asset = await get('/assets/index-new789.js');
    expect([asset.statusCode, asset.body]).toEqual([200, 'console.log("rebuilt")']);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['content-security-policy']).toBe((await get('/')).headers['content-security-policy']);
    const icon = await get('/favicon-new.svg');
    expect([icon.statusCode, icon.headers['cache-control']]).toEqual([200, 'no-cache']);
    expect((await get('/orders/x')).body).toContain('index-new789.js');
    // Still a real 404 for what is not there, and nothing outside the root or behind a dot-name.
    fs.writeFileSync(path.join(webRoot, '.secret.txt'), 'no');
    for (const url of ['/assets/index-gone000.js', '/assets/..%2f..%2f..%2fetc%2fhostname.txt', '/.secret.txt', '/assets/%2e%2e/.secret.txt']) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect([url, r.body]).not.toEqual([url, 'no']);
    }
    const stat = vi.spyOn(fs.promises, 'stat');
    try {
      for (const url of ['/api/no-such-route.json', '/api/orders?limit=1', '/orders/x']) await get(url);
      expect(stat).not.toHaveBeenCalled();
    } finally {
      stat.mockRestore();
    }
  });
});

describe('the web client built after the server started', () => {
  it('answers WEB_CLIENT_NOT_BUILT until a build lands, then serves it with the same headers and refusals, no restart', async () => {
    // Another instance on the same database, started on an empty web root: `npm start` before any web build.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-web-empty-'));
    const database = await openSameDatabase(t.database);
    const app = await buildApp({ database, config: t.config, clock: t.clock, webRoot: empty, instanceId: 'unbuilt-web' });
    try {
      const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '10.0.6.1' });
      for (const url of ['/', '/orders/x']) {
        const r = await get(url);
        expect([url, r.statusCode, r.json().code]).toEqual([url, 503, 'WEB_CLIENT_NOT_BUILT']);
        expect(r.json().message).toContain('npm run build -w @hotline/web');
      }
      // An English browser is told in English, like every other refusal.
      const inEnglish = await app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.6.1', headers: { 'accept-language': 'en-GB,en' } });
      expect(inEnglish.json().message).toMatch(/^The web client is not built yet: run npm run build -w @hotline\/web/);
      expect((await get('/assets/index-late111.js')).statusCode).toBe(404);
      const missingInEnglish = await app.inject({
        method: 'GET',
        url: '/assets/index-late111.js',
        remoteAddress: '10.0.6.1',
        headers: { 'accept-language': 'en' },
      });
      expect(missingInEnglish.json()).toMatchObject({ code: 'NOT_FOUND', message: 'No such file' });
      expect((await get('/api/health')).statusCode).toBe(200);

      // `npm run build -w @hotline/web` while it runs.
      fs.mkdirSync(path.join(empty, 'assets'));
      fs.writeFileSync(path.join(empty, 'assets', 'index-late111.js'), 'console.log("late")');
      fs.writeFileSync(path.join(empty, 'index.html'), '<!doctype html><title>12351</title><script src="/assets/index-late111.js"></script>');
      for (const url of ['/', '/orders/x', '/index.html']) {
        const page = await get(url);
        expect([url, page.statusCode, page.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
        expect([url, page.body]).toEqual([url, expect.stringContaining('index-late111.js')]);
      }
      const asset = await get('/assets/index-late111.js');
      expect([asset.statusCode, asset.body]).toEqual([200, 'console.log("late")']);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
      fs.writeFileSync(path.join(empty, '.secret.txt'), 'no');
      for (const url of ['/assets/index-gone000.js', '/assets/..%2f..%2f..%2fetc%2fhostname.txt', '/.secret.txt', '/assets/%2e%2e/.secret.txt']) {
        const r = await get(url);
        expect([url, r.statusCode]).toEqual([url, 404]);
        expect([url, r.body]).not.toEqual([url, 'no']);
      }
      // A NUL is refused before any route (the router's own 400).
      expect((await get('/index.html%00.js')).statusCode).toBe(400);
      const stat = vi.spyOn(fs.promises, 'stat');
      try {
        for (const url of ['/api/no-such-route.json', '/api/orders?limit=1']) await get(url);
        expect(stat).not.toHaveBeenCalled();
      } finally {
        stat.mockRestore();
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('12. the forced password change is enforced by the server', () => {
  it('answers 403 to everything but changing the password, reading the session and logging out', async () => {
    const [unit] = await t.db.select({ unitId: users.unitId }).from(users).where(eq(users.username, 'admin'));
    await addPerson(t, 'fresh.admin', 'security', unit!.unitId, 'Initial-2026');
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'fresh.admin'));
    const res = await login('fresh.admin', 'Initial-2026', '10.0.4.1');
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'hotline_session')!;
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: `${c.name}=${c.value}` }, remoteAddress: '10.0.4.1' });
    for (const [method, url, body] of [
      ['POST', '/api/users', { username: 'x1', displayName: 'x', unitId: unit!.unitId, roles: [{ role: 'agent', unitId: unit!.unitId }] }],
      ['GET', '/api/users', undefined],
      ['GET', '/api/orders', undefined],
    ] as const) {
      const r = await call(method, url, body);
      expect([url, r.statusCode, r.json().code]).toEqual([url, 403, 'AUTH_PASSWORD_CHANGE_REQUIRED']);
    }
    expect((await call('GET', '/api/auth/session')).json().user.mustChangePassword).toBe(true);
    expect((await call('POST', '/api/auth/password', { currentPassword: 'Initial-2026', newPassword: 'Chosen-By-Me-2026' })).statusCode).toBe(204);
    expect((await call('GET', '/api/users')).statusCode).toBe(200);
  });

  it('treats a password older than the configured age the same way', async () => {
    const as = async (ip: string) => {
      const res = await login('inspector', 'Demo12351', ip);
      const c = res.cookies.find((x) => x.name === 'hotline_session')!;
      return (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: `${c.name}=${c.value}` }, remoteAddress: ip });
    };
    expect((await (await as('10.0.5.1'))('GET', '/api/orders?limit=1')).statusCode).toBe(200);
    t.clock.advance(91 * 86_400_000);
    const again = await as('10.0.5.2');
    const r = await again('GET', '/api/orders?limit=1');
    expect([r.statusCode, r.json().code]).toEqual([403, 'AUTH_PASSWORD_CHANGE_REQUIRED']);
    expect((await again('GET', '/api/auth/session')).json().user.mustChangePassword).toBe(true);
    expect((await again('POST', '/api/auth/password', { currentPassword: 'Demo12351', newPassword: 'Quality-Desk-2027' })).statusCode).toBe(204);
    expect((await again('GET', '/api/orders?limit=1')).statusCode).toBe(200);
  });
});
