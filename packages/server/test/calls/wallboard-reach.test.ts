import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { callEventPoster } from '../support/call-events.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectError } from '../orders/http.js';

/**
 * The wallboard shows the calls the call records show (calls/call-reach.ts, one rule): the province's centre every
 * call and agent; a city's own centre the calls its agents answered and those waiting in its queues, and its own
 * agents; a reach without a centre (a county) nothing, refused as the call records are.
 */
let t: TestApp;
let supervisor: Client, agent: Client, citySupervisor: Client, cityAgent: Client, cityLeader: Client, countySupervisor: Client;
let post: ReturnType<typeof callEventPoster>;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z' });
  post = callEventPoster(t, 'reach');
  const admin = await t.login('admin');
  const city = await unitByName(t, '呼和浩特市总工会');
  const centre = await ok(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '呼和浩特市12351热线分中心' }), 201);
  // The voice menu gives the queue `hohhot` to the city's centre; `general` names none: the province's.
  const menu = await ok(admin.get('/api/ivr'));
  await ok(
    admin.put('/api/ivr', {
      version: menu.version,
      config: { ...menu.config, queues: [...menu.config.queues, { id: 'hohhot', nameZh: '呼和浩特分中心', centreId: centre.id }] },
    }),
  );
  const county = await unitByDivision(t, 'county_federation', '150102');
  [citySupervisor, cityAgent, cityLeader, countySupervisor] = [
    await addPerson(t, 'city-supervisor', 'supervisor', centre.id),
    await addPerson(t, 'city-agent', 'agent', centre.id),
    await addPerson(t, 'city-leader', 'leader', city.id),
    await addPerson(t, 'county-supervisor', 'supervisor', county.id),
  ];
  [supervisor, agent] = await Promise.all([t.login('supervisor'), t.login('agent')]);
  await ok(agent.put('/api/calls/agents/me', { state: 'ready', version: 0 }));
  await ok(cityAgent.put('/api/calls/agents/me', { state: 'ready', version: 0 }));
  const now = t.clock.now().getTime();
  const at = (s: number) => new Date(now - s * 1000).toISOString();
  const call = (id: string, ago: number, queue: string, answeredBy?: string, ended?: boolean) => [
    { eventId: `${id}-1`, callId: id, type: 'offered', at: at(ago), from: '13904716666', to: '12351' },
    { eventId: `${id}-2`, callId: id, type: 'queued', at: at(ago - 5), queue },
    ...(answeredBy ? [{ eventId: `${id}-3`, callId: id, type: 'answered', at: at(ago - 15), agent: answeredBy }] : []),
    ...(ended ? [{ eventId: `${id}-4`, callId: id, type: 'ended', at: at(ago - 200), reason: 'agent_hangup' }] : []),
  ];
  await ok(
    post([
      // Waiting now: one in the province's queue, one in the city's.
      ...call('p-wait', 95, 'general'),
      ...call('h-wait', 65, 'hohhot'),
      // Talking now: a province agent on a call of the city's queue (the city's call, not the city's agent), and the
      // city's agent on a call of the province's queue (the city's: its agent answered it).
      ...call('h-talk', 300, 'hohhot', 'agent'),
      ...call('c-talk', 400, 'general', 'City-Agent'),
      // Earlier today, over: one of the province's, one of the city's.
      ...call('p-done', 3000, 'general', 'agent', true),
      ...call('h-done', 4000, 'hohhot', 'city-agent', true),
    ]),
  );
});
afterAll(() => t.close());

const agentsOf = (board: { agents: { agent: string; state: string; callId: string | null }[] }) =>
  board.agents.map((a) => [a.agent.toLowerCase(), a.state, a.callId]);

describe('the wallboard’s reach', () => {
  it("the province's centre sees every call and every agent", async () => {
    for (const who of [supervisor, agent]) {
      const board = await ok(who.get('/api/calls/wallboard'));
      expect(board.queue).toEqual({ waiting: 2, longestWaitSeconds: 90, talking: 2 });
      expect(board.today).toMatchObject({ calls: 6, answered: 4 });
      expect(agentsOf(board)).toEqual([
        ['agent', 'busy', 'h-talk'],
        ['city-agent', 'busy', 'c-talk'],
      ]);
    }
  });

  it("a city's centre sees its queue's and its agents' calls, and its own agents only", async () => {
    for (const who of [citySupervisor, cityAgent, cityLeader]) {
      const board = await ok(who.get('/api/calls/wallboard'));
      expect(board.queue).toEqual({ waiting: 1, longestWaitSeconds: 60, talking: 2 });
      expect(board.today).toMatchObject({ calls: 4, answered: 3 });
      expect(agentsOf(board)).toEqual([['city-agent', 'busy', 'c-talk']]);
      // The same calls as the city's call records and figures (one rule: calls/call-reach.ts).
      const figures = await ok(who.get('/api/calls/figures?from=2026-11-30&to=2026-12-01'));
      expect(board.today).toEqual(figures.overall);
    }
  });

  it('a reach without a hotline centre has no wallboard, as it has no call records', async () => {
    const refused = await expectError(countySupervisor.get('/api/calls/wallboard'), 403, 'CALLS_OUT_OF_SCOPE');
    expect(refused.message).toBe('话务大屏属于热线中心，本单位范围内没有热线中心');
    await expectError(countySupervisor.get('/api/calls/figures?from=2026-11-30&to=2026-12-01'), 403, 'CALLS_OUT_OF_SCOPE');
  });

  // Last: it retires the province's centre.
  it("while the province has no centre of its own, a city's centre still sees only its own calls; the whole tree all", async () => {
    const admin = await t.login('admin');
    const [provinceCentre] = (await t.db.select().from(units).where(eq(units.type, 'hotline_centre')).orderBy(asc(units.depth)).limit(1)) as [
      typeof units.$inferSelect,
    ];
    await ok(admin.patch(`/api/units/${provinceCentre.id}`, { version: provinceCentre.version, active: false }));
    t.clock.advance(60_000);
    const city = await ok(citySupervisor.get('/api/calls/wallboard'));
    expect(city.today).toMatchObject({ calls: 4, answered: 3 });
    expect(agentsOf(city)).toEqual([['city-agent', 'busy', 'c-talk']]);
    const leader = await t.login('leader');
    expect((await ok(leader.get('/api/calls/wallboard'))).today).toMatchObject({ calls: 6, answered: 4 });
  });
});
