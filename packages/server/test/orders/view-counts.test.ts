import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQueryOf, savedViews, viewsFor } from '../../src/orders/saved-views.js';
import type { Role } from '../../src/auth/roles.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * countOrderViews: every saved view's count in one request, each equal to what listOrders answers for that view's
 * query for the same person (the demo history plus a few orders made here, some overdue by the time we look).
 */
let t: TestApp;
const people: Record<string, Client> = {};
const T0 = '2026-11-25T02:00:00Z';

type Counts = { views: { key: string; count: number }[]; countedAt: string };
type Page = { total: number };

function queryString(q: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p.toString();
}

beforeAll(async () => {
  t = await createTestApp({ at: T0, config: { sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 } });
  for (const u of ['agent', 'dispatcher', 'supervisor', 'handler', 'lawyer', 'leader', 'city', 'auditor']) people[u] = await t.login(u);
  const county = await unitByDivision(t, 'county_federation', '150102');
  const agent = people.agent!;
  const dispatcher = people.dispatcher!;
  for (const [i, priority] of (['normal', 'urgent', 'major'] as const).entries()) {
    const o = await ok<{ id: string; version: number }>(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '甲', phone: `1390471010${i}` }],
        narrative: '反映拖欠工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        priority,
      }),
      201,
    );
    if (i === 0) await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  }
  // An hour on: the major order's 15 minutes and the urgent one's 30 are over.
  t.clock.set('2026-11-25T03:00:00Z');
});
afterAll(() => t.close());

describe('countOrderViews', () => {
  for (const [username, role] of [
    ['agent', 'agent'],
    ['dispatcher', 'dispatcher'],
    ['supervisor', 'supervisor'],
    ['handler', 'handler'],
    ['lawyer', 'lawyer'],
    ['leader', 'leader'],
    ['city', 'dispatcher'],
    ['auditor', 'auditor'],
  ] as [string, Role][]) {
    it(`${username}: one answer holds each of the role's views, each equal to the view's list total`, async () => {
      const c = people[username]!;
      const answer = await ok<Counts>(c.get('/api/orders/view-counts'));
      const views = viewsFor(role);
      expect(answer.views.map((v) => v.key)).toEqual(views.map((v) => v.key));
      expect(answer.countedAt).toBe(t.clock.now().toISOString());
      for (const v of views) {
        const page = await ok<Page>(c.get(`/api/orders?limit=1&${queryString(listQueryOf(v, c.session.current.unit.id))}`));
        expect({ view: v.key, count: answer.views.find((x) => x.key === v.key)!.count }).toEqual({ view: v.key, count: page.total });
      }
    });
  }

  it('the counts are not zero everywhere: the overdue view sees the orders whose time ran out', async () => {
    const answer = await ok<Counts>(people.dispatcher!.get('/api/orders/view-counts'));
    const count = (k: string) => answer.views.find((v) => v.key === k)!.count;
    expect(count('overdue')).toBeGreaterThanOrEqual(2);
    expect(count('all')).toBeGreaterThan(count('to_dispatch'));
  });

  it("the web's tabs have the same keys, roles and conditions as the views counted here", async () => {
    // Read at run time so that the server's type check does not reach into the web package.
    const webFile = new URL('../../../web/src/orders/views.ts', import.meta.url).href;
    const web = (await import(webFile)) as { savedViews: { key: string; roles: unknown; query: Record<string, unknown> }[] };
    const conditions = (q: Record<string, unknown>) => {
      const { sort: _s, includeSubtree, ownSubtree, ...rest } = q;
      return { ...rest, ownSubtree: Boolean(includeSubtree ?? ownSubtree) };
    };
    expect(web.savedViews.map((v) => v.key)).toEqual(savedViews.map((v) => v.key));
    for (const v of savedViews) {
      const w = web.savedViews.find((x) => x.key === v.key)!;
      expect({ key: v.key, roles: w.roles, query: conditions(w.query) }).toEqual({ key: v.key, roles: v.roles, query: conditions(v.query) });
    }
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/orders/view-counts' });
    expect(res.statusCode).toBe(401);
  });
});
