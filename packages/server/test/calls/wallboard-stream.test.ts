import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEventPoster } from '../support/call-events.js';
import { ok, unitByDivision, addPerson, type Client } from '../support/order-helpers.js';
import { openSse } from '../support/sse.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The wallboard's stream: its readers (the desk's agents among them, who cannot open the cockpit's stream, and the
 * supervisor of a city's own hotline centre) hear `calls` after a batch of call events and after an agent's state
 * change, upon which the wallboard they re-read shows it. Nobody else may open it: not a role that reads no calls, nor
 * a reach without a hotline centre (a county's supervisor: calls/call-reach.ts).
 */
let t: TestApp;
let agent: Client;
let post: ReturnType<typeof callEventPoster>;
const at = (s: number) => new Date(Date.parse('2026-11-30T01:00:00Z') + s * 1000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z' });
  post = callEventPoster(t, 'wall');
  const city = await unitByDivision(t, 'city_federation', '150100');
  const admin = await t.login('admin');
  const centre = await ok(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '呼和浩特市12351热线分中心' }), 201);
  await addPerson(t, 'citysupervisor', 'supervisor', centre.id, 'Demo12351');
  const county = await unitByDivision(t, 'county_federation', '150102');
  await addPerson(t, 'countysupervisor', 'supervisor', county.id, 'Demo12351');
  agent = await t.login('agent');
});
afterAll(() => t.close());

describe('the wallboard stream', () => {
  it('pushes `calls` to an agent and a city supervisor after call events and after an agent state change', async () => {
    const desk = await openSse(t, 'agent', '/api/calls/wallboard/stream');
    const city = await openSse(t, 'citysupervisor', '/api/calls/wallboard/stream');
    await Promise.all([desk.until('ready'), city.until('ready')]);

    await ok(
      post([
        { eventId: 'w1-1', callId: 'w1', type: 'offered', at: at(0), from: '13904716666', to: '12351' },
        { eventId: 'w1-2', callId: 'w1', type: 'queued', at: at(5), queue: 'general' },
      ]),
    );
    await Promise.all([desk.until('calls'), city.until('calls')]);
    expect((await ok(agent.get('/api/calls/wallboard'))).queue.waiting).toBe(1);

    const seen = desk.frames.length;
    await ok(agent.put('/api/calls/agents/me', { state: 'ready', version: 0 }));
    await desk.until('calls', seen);
    const board = await ok(agent.get('/api/calls/wallboard'));
    expect(board.agents).toEqual([expect.objectContaining({ agent: 'agent', state: 'ready' })]);
    desk.close();
    city.close();
  });

  it('is refused to whoever may not read the wallboard, before any stream opens', async () => {
    await expect(openSse(t, 'handler', '/api/calls/wallboard/stream')).rejects.toThrow('403');
    await expect(openSse(t, 'countysupervisor', '/api/calls/wallboard/stream')).rejects.toThrow('403');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/calls/wallboard/stream', headers: { accept: 'text/event-stream' } });
    expect(anonymous.statusCode).toBe(401);
  });
});
