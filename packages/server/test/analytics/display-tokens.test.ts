import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Client, leader: Client, handler: Client, auditor: Client;

beforeAll(async () => {
  t = await createTestApp({ config: { demoOrders: 40 } });
  [admin, leader, handler, auditor] = await Promise.all([t.login('admin'), t.login('leader'), t.login('handler'), t.login('auditor')]);
});
afterAll(() => t.close());

/** The wall's browser: no session, only the cookie openDisplaySession set. */
async function wall(token: string) {
  const opened = await t.app.inject({ method: 'POST', url: '/api/analytics/display-session', payload: { token } });
  const cookie = opened.cookies.find((c) => c.name === 'hotline_display');
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie: `hotline_display=${cookie.value}` } : {} });
  return { opened, cookie, get };
}

describe('display tokens for the big screen', () => {
  it('lets the wall read the big screen figures of the token unit subtree, nothing else, until revoked; audit-logged', async () => {
    const county = handler.session.current.unit.id;
    expect((await leader.post('/api/analytics/display-tokens', { name: '指挥中心大屏' })).statusCode).toBe(403);
    const created = await ok(admin.post('/api/analytics/display-tokens', { name: '县指挥中心大屏', unitId: county }), 201);
    expect(created.token).toMatch(/^dsp_/);
    expect(created.unitId).toBe(county);
    const listed = await ok(admin.get('/api/analytics/display-tokens'));
    const row = listed.find((r: { id: string }) => r.id === created.id);
    expect(row).not.toHaveProperty('token');
    // The list names the unit whose figures the wall shows.
    expect(row.unitName).toBe(handler.session.assignments.find((a) => a.unit.id === county)!.unit.name);

    const w = await wall(created.token);
    expect(w.opened.statusCode).toBe(200);
    expect(w.cookie?.httpOnly).toBe(true);
    expect(w.cookie?.path).toBe('/api/analytics');
    // The big screen's reads, of the token's unit.
    const kpis = await w.get('/api/analytics/kpis?from=2026-11-01&to=2026-11-24');
    expect(kpis.statusCode).toBe(200);
    expect(kpis.json().unit.id).toBe(county);
    for (const url of ['/api/analytics/order-flow', '/api/analytics/hot-topics?from=2026-11-01&to=2026-11-24', '/api/analytics/map'])
      expect((await w.get(url)).statusCode).toBe(200);
    // Not above its unit, and nothing that is not the big screen's.
    const leaderKpis = await ok(leader.get('/api/analytics/kpis?from=2026-11-01&to=2026-11-24'));
    expect((await w.get(`/api/analytics/kpis?from=2026-11-01&to=2026-11-24&unitId=${leaderKpis.unit.id}`)).statusCode).toBe(404);
    for (const url of ['/api/analytics/reports', '/api/orders', '/api/analytics/display-tokens', '/api/auth/session']) {
      expect((await w.get(url)).statusCode, url).toBe(401);
    }

    await ok(admin.del(`/api/analytics/display-tokens/${created.id}`));
    const after = await w.get('/api/analytics/kpis?from=2026-11-01&to=2026-11-24');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('DISPLAY_TOKEN_INVALID');
    const again = await wall(created.token);
    expect(again.opened.statusCode).toBe(401);
    expect(again.opened.json().code).toBe('DISPLAY_TOKEN_INVALID');
    expect((await admin.del(`/api/analytics/display-tokens/${created.id}`)).json().code).toBe('DISPLAY_TOKEN_NOT_FOUND');

    const audit = await ok<{ items: { action: string; targetId: string }[] }>(auditor.get('/api/audit/events?limit=50'));
    const actions = audit.items.filter((e) => e.targetId === created.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create_display_token', 'open_display_token', 'revoke_display_token']));
  });

  it('refuses a wrong token and a bad body with stable codes', async () => {
    const w = await wall('dsp_notatokenatall');
    expect(w.opened.statusCode).toBe(401);
    expect(w.opened.json().code).toBe('DISPLAY_TOKEN_INVALID');
    const bad = await admin.post('/api/analytics/display-tokens', { name: '' });
    expect(bad.statusCode).toBe(400);
  });
});
