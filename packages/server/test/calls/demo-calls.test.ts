import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCalls } from '../../src/install/demo-calls.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo's calls are made once, at the install: whatever they show must still be true hours later. A call left
 * "in progress" by the install stayed so all day (the walk-through's two calls "In progress" from 08:43 on).
 */
let t: TestApp;
let supervisor: Client;
type Page = { items: { callId: string; outcome: string }[]; total: number };
type Board = { queue: { waiting: number; talking: number }; agents: { agent: string; state: string; since: string }[] };

beforeAll(async () => {
  // Installed at 08:43 on Wednesday 25 November 2026, Beijing time.
  t = await createTestApp({ at: '2026-11-25T00:43:00Z', config: { sessionIdleMinutes: 60 * 24, sessionMaxHours: 24 } });
  await seedDemoCalls(t.db, t.clock);
  supervisor = await t.login('supervisor');
});
afterAll(() => t.close());

describe("the demo's calls", () => {
  it('have all ended at the install: today has calls, none in progress', async () => {
    const today = await ok<Page>(supervisor.get('/api/calls?from=2026-11-25&to=2026-11-26&pageSize=200'));
    expect(today.total).toBeGreaterThan(0);
    expect(await ok<Page>(supervisor.get('/api/calls?outcome=in_progress'))).toMatchObject({ total: 0, items: [] });
  });

  it('leave a board that is still true five hours later: no one talking or waiting since the install, the agents ready', async () => {
    t.clock.set('2026-11-25T05:43:00Z');
    const board = await ok<Board>(supervisor.get('/api/calls/wallboard'));
    expect(board.queue).toMatchObject({ waiting: 0, talking: 0 });
    const demoAgents = board.agents.filter((a) => ['agent', 'callback'].includes(a.agent));
    expect(demoAgents.map((a) => [a.agent, a.state, a.since])).toEqual([
      ['agent', 'ready', '2026-11-25T00:00:00.000Z'],
      ['callback', 'ready', '2026-11-25T00:00:00.000Z'],
    ]);
  });
});
