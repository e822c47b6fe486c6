import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * Two people act on the same order at the same instant with the same version: the row lock queues them, the first
 * wins and the second sees the new version (409). Needs a server with a real pool; PGlite has one connection and
 * serialises everything, which would prove nothing.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const rounds = 20;

let t: TestApp;
let agent: Client, dispatchers: [Client, Client], handlers: [Client, Client];
let countyId: string;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  countyId = (await unitByDivision(t, 'county_federation', '150102')).id;
  const centre = (await t.db.query.units.findFirst({ where: (u, { eq }) => eq(u.type, 'hotline_centre') }))!;
  agent = await t.login('agent');
  dispatchers = [await t.login('dispatcher'), await addPerson(t, 'dispatcher_b', 'dispatcher', centre.id)];
  handlers = [await t.login('handler'), await addPerson(t, 'handler_b', 'handler', countyId)];
});
afterAll(async () => {
  if (onPostgres) await t.close();
});

type Res = { statusCode: number; body: string; json(): any };

/** Both requests race; exactly one is answered 200 and the other 409 VERSION_CONFLICT. Returns the winner's body. */
async function race(a: () => Promise<Res>, b: () => Promise<Res>) {
  const results = await Promise.all([a(), b()]);
  const statuses = results.map((r) => r.statusCode).sort();
  if (statuses[0] !== 200 || statuses[1] !== 409)
    expect.fail(`expected one 200 and one 409, got ${results.map((r) => `${r.statusCode} ${r.body}`).join(' | ')}`);
  expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('VERSION_CONFLICT');
  return results.find((r) => r.statusCode === 200)!.json();
}

describe('concurrent changes to one order', () => {
  it.skipIf(!onPostgres)(
    `[PostgreSQL only: TEST_DATABASE_URL] lets exactly one of two simultaneous sign, reply and review win, ${rounds} times over`,
    async () => {
      for (let i = 0; i < rounds; i++) {
        const created = await ok(
          agent.post('/api/orders', {
            channel: 'phone',
            callers: [{ name: `并发${i}` }],
            narrative: '并发测试',
            typeCode: 'complaint',
            subjectCode: 'wage_arrears',
          }),
          201,
        );
        let o = await ok(dispatchers[0].post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId: countyId }));
        const v1 = o.version;
        o = await race(
          () => handlers[0].post(`/api/orders/${o.id}/sign`, { version: v1 }),
          () => handlers[1].post(`/api/orders/${o.id}/sign`, { version: v1 }),
        );
        const outcome = (who: string) => ({ version: o.version, outcome: { resolved: true, measures: `${who}办结`, amountRecovered: 0, workersHelped: 1 } });
        o = await race(
          () => handlers[0].post(`/api/orders/${o.id}/reply`, outcome('甲')),
          () => handlers[1].post(`/api/orders/${o.id}/reply`, outcome('乙')),
        );
        const v3 = o.version;
        o = await race(
          () => dispatchers[0].post(`/api/orders/${o.id}/review`, { version: v3, decision: 'accept' }),
          () => dispatchers[1].post(`/api/orders/${o.id}/review`, { version: v3, decision: 'rework', reason: '证据不足' }),
        );
        const events: { action: string; note: string | null }[] = await ok(agent.get(`/api/orders/${o.id}/events`));
        const actions = events.map((e) => e.action);
        expect(actions.slice(0, 4)).toEqual(['create', 'dispatch', 'sign', 'reply']);
        expect(actions).toHaveLength(5);
        // The stored order is the winner's: its reply and its review decision, one version per change.
        expect(['review_accept', 'review_rework']).toContain(actions[4]);
        expect(o.state).toBe(actions[4] === 'review_accept' ? 'pending_callback' : 'handling');
        expect(o.version).toBe(created.version + 4);
        const replied = events.find((e) => e.action === 'reply')!;
        // An accepted reply is the order's outcome; a reworked one is cleared from the order (kept on the timeline).
        const stored = (await ok(agent.get(`/api/orders/${o.id}`))).outcome;
        if (actions[4] === 'review_accept') expect(replied.note).toBe(stored.measures);
        else expect(stored).toBeNull();
      }
    },
  );
});
