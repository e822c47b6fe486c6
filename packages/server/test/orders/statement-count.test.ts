import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Round trips per request, counted at the driver (every statement drizzle sends), with the reference caches warm as
 * they are on a running server. Transaction brackets (begin/commit, savepoints) are counted apart: PGlite opens
 * transactions inside the process, node-postgres sends them. Deterministic: no timing.
 */
let t: TestApp;
const sent: string[] = [];
let agent: Client, dispatcher: Client;
let county: { id: string };

const isBracket = (q: string) => /^\s*(begin|commit|rollback|savepoint|release)\b/i.test(q);
async function count<T>(run: () => Promise<T>) {
  sent.length = 0;
  const value = await run();
  const statements = sent.filter((q) => !isBracket(q));
  // STATEMENT_COUNT_LOG=1 prints what each request sent (for the numbers in docs and reports).
  if (process.env.STATEMENT_COUNT_LOG)
    console.log(`${statements.length} statements, ${sent.length - statements.length} transaction brackets:\n${statements.join('\n')}`);
  return { statements: statements.length, list: statements, value };
}

const newOrder = () => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '呼和浩特市某某餐饮有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映餐饮公司拖欠两个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

beforeAll(async () => {
  t = await createTestApp({ onQuery: (q) => sent.push(q) });
  [agent, dispatcher] = await Promise.all([t.login('agent'), t.login('dispatcher')]);
  county = await unitByDivision(t, 'county_federation', '150102');
  // Warm the caches (units, catalog, rules, thresholds, calendar) and the session, as a running server has them.
  const o = await ok<{ id: string; version: number }>(agent.post('/api/orders', newOrder()), 201);
  await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  await ok(dispatcher.get(`/api/orders/${o.id}`));
});
afterAll(() => t.close());

/** The session lookup (auth.repo's prepared statement, by token hash): a signed-in request sends it only when its process has not read the session in the last 30 s. */
const sessionLookups = (list: string[]) => list.filter((q) => /"token_hash" = /.test(q));

describe('statements per request (warm caches, the session check included)', () => {
  // The session is read once per process (auth/session-cache.ts): the employer count, a block of order numbers
  // (once per block) and the one INSERT.
  it('createOrder ≤ 3, no session lookup', async () => {
    const c = await count(() => ok(agent.post('/api/orders', newOrder()), 201));
    expect(c.statements, c.list.join('\n')).toBeLessThanOrEqual(3);
    expect(sessionLookups(c.list)).toEqual([]);
  });

  it('getOrder ≤ 2, no session lookup', async () => {
    const o = await ok<{ id: string }>(agent.post('/api/orders', newOrder()), 201);
    const c = await count(() => ok(dispatcher.get(`/api/orders/${o.id}`)));
    expect(c.statements, c.list.join('\n')).toBeLessThanOrEqual(2);
    expect(sessionLookups(c.list)).toEqual([]);
  });

  it('dispatch ≤ 7, no session lookup', async () => {
    const o = await ok<{ id: string; version: number }>(agent.post('/api/orders', newOrder()), 201);
    const c = await count(() => ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id })));
    expect(c.statements, c.list.join('\n')).toBeLessThanOrEqual(7);
    expect(sessionLookups(c.list)).toEqual([]);
  });

  // A list shows orders in their brief form (order-view.ts orderSummary): its page selects those columns
  // (summary-columns.ts), not the narrative, the answer, visible_to's array or a pending extension of every row.
  it('a list page (a view of two states, merged from two index ranges) and its counts: 2 statements, the brief form only', async () => {
    await ok(agent.post('/api/orders', newOrder()), 201);
    const c = await count(() => ok<{ items: { number: string }[] }>(dispatcher.get('/api/orders?state=pending_dispatch,returned&sort=due_asc&limit=20')));
    expect(c.value.items.length).toBeGreaterThan(0);
    expect(c.statements, c.list.join('\n')).toBe(2);
    const page = c.list.find((q) => /union all/.test(q));
    expect(page, c.list.join('\n')).toBeDefined();
    for (const column of ['"narrative"', '"answer"', '"pending_extension"', '"employer_address"', '"visible_to",'])
      expect(c.list.join('\n'), column).not.toContain(column);
    const matches = await count(() => ok(agent.get('/api/orders/intake-matches?phone=13904711111&employer=呼和浩特市某某餐饮有限公司')));
    expect(matches.list.join('\n')).not.toContain('"narrative"');
  });

  it('the session is read once per process: at login here, then by no request until the cache lets it go', async () => {
    const login = await count(() => t.login('supervisor'));
    expect(sessionLookups(login.list)).toHaveLength(1);
    const supervisor = login.value;
    const o = await ok<{ id: string }>(agent.post('/api/orders', newOrder()), 201);
    const first = await count(() => ok(supervisor.get(`/api/orders/${o.id}`)));
    expect(sessionLookups(first.list)).toEqual([]);
    // Past the cache's 30 s the next request reads it again, and the one after it does not.
    t.clock.advance(30_000);
    const again = await count(() => ok(supervisor.get(`/api/orders/${o.id}`)));
    expect(sessionLookups(again.list)).toHaveLength(1);
    expect(again.statements).toBe(first.statements + 1);
    const then = await count(() => ok(supervisor.get(`/api/orders/${o.id}`)));
    expect(sessionLookups(then.list)).toEqual([]);
    expect(then.statements).toBe(first.statements);
  });
});
