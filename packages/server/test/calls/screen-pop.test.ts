import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../src/platform/bus/bus.js';
import { callEventPoster } from '../support/call-events.js';
import { openSse } from '../support/sse.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/**
 * The screen pop: a call answered by an agent reaches that agent's open notification stream (SSE, over real HTTP)
 * with the number and the caller's earlier calls; the order saved during the call is linked both ways.
 */
let t: TestApp;
let agent: Client, callbackAgent: Client, handler: Client, supervisor: Client;
const bus = createInProcessBus();
const published: string[] = [];
bus.subscribe('call.answered', (m) => published.push(`${m.callId}:${m.agent}`));

let post: ReturnType<typeof callEventPoster>;
const at = (s: number) => new Date(Date.parse('2026-11-30T01:00:00Z') + s * 1000).toISOString();
const ringing = (id: string, s: number, caller: string, agentName: string) => [
  { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: caller, to: '12351' },
  { eventId: `${id}-2`, callId: id, type: 'queued', at: at(s + 5), queue: 'general' },
  { eventId: `${id}-3`, callId: id, type: 'answered', at: at(s + 9), agent: agentName },
];

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z', bus });
  post = callEventPoster(t, 'pop');
  [agent, callbackAgent, handler, supervisor] = await Promise.all([t.login('agent'), t.login('callback'), t.login('handler'), t.login('supervisor')]);
});
afterAll(() => t.close());

describe('the screen pop', () => {
  it("reaches only the answering agent's stream, with the number and the caller's earlier calls", async () => {
    // An earlier call of the same number, ended.
    await ok(
      post([...ringing('pop-0', 0, '13904718888', 'agent'), { eventId: 'pop-0-4', callId: 'pop-0', type: 'ended', at: at(200), reason: 'agent_hangup' }]),
    );
    // The agent's notification stream: its first frame, the unread count, says it is subscribed.
    const stream = await openSse(t, 'agent', '/api/notifications/stream');
    await stream.until('unread');
    // Another agent's call first: the first pop this stream gets must be its own call.
    await ok(post(ringing('pop-other', 300, '13904717777', 'callback')));
    await ok(post(ringing('pop-1', 400, '13904718888', 'agent')));
    await stream.until('call');
    stream.close();
    const pops = stream.frames.filter((f) => f.event === 'call');
    expect(pops[0]!.data).toMatchObject({ callId: 'pop-1', caller: '13904718888', queue: 'general', answeredAt: at(409) });
    expect(pops[0]!.data.earlierCalls).toEqual([expect.objectContaining({ callId: 'pop-0', outcome: 'answered' })]);
    // An ended call and a repeated "answered" pop nothing again.
    expect(published).toEqual(['pop-other:callback', 'pop-1:agent']);
    await ok(post(ringing('pop-1', 400, '13904718888', 'agent')));
    expect(published).toHaveLength(2);
  });

  it('links the order saved during the call: the call lists it, its timeline carries the call id, once', async () => {
    const order = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '赵先生', phone: '13904718888' }],
        employer: { name: '呼和浩特市某物流公司' },
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: '反映物流公司拖欠两个月工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    const linked = await ok(agent.post('/api/calls/pop-1/orders', { orderId: order.id }));
    expect(linked.orderIds).toEqual([order.id]);
    expect(linked.orders).toEqual([expect.objectContaining({ id: order.id, number: order.number })]);
    await ok(agent.post('/api/calls/pop-1/orders', { orderId: order.id }));
    const timeline = await ok(agent.get(`/api/orders/${order.id}/events`));
    expect(timeline.filter((e: { action: string }) => e.action === 'call_linked')).toEqual([expect.objectContaining({ data: { callId: 'pop-1' } })]);
    // Another agent cannot link someone else's call; a county handler is not on the desk; a supervisor may.
    await expectError(callbackAgent.post('/api/calls/pop-1/orders', { orderId: order.id }), 403, 'CALL_NOT_YOURS');
    await expectError(handler.post('/api/calls/pop-1/orders', { orderId: order.id }), 403, 'ROLE_REQUIRED');
    await expectError(supervisor.post('/api/calls/nope/orders', { orderId: order.id }), 404, 'CALL_NOT_FOUND');
    await expectError(supervisor.post('/api/calls/pop-1/orders', { orderId: '00000000-0000-4000-8000-000000000000' }), 404, 'ORDER_NOT_FOUND');
  });
});

describe('agent states and the wallboard', () => {
  it('an agent sets their state (versioned); the wallboard shows the queue now and who is busy on a call', async () => {
    expect(await ok(agent.get('/api/calls/agents/me'))).toMatchObject({ state: 'offline', version: 0 });
    const ready = await ok(agent.put('/api/calls/agents/me', { state: 'ready', version: 0 }));
    expect(ready).toMatchObject({ state: 'ready', version: 1, since: t.clock.now().toISOString() });
    await expectError(agent.put('/api/calls/agents/me', { state: 'break', version: 0 }), 409, 'VERSION_CONFLICT');
    await expectError(agent.put('/api/calls/agents/me', { state: 'busy', version: 1 }), 400, 'VALIDATION_FAILED');
    await expectError(supervisor.put('/api/calls/agents/me', { state: 'ready', version: 0 }), 403, 'ROLE_REQUIRED');
    await ok(callbackAgent.put('/api/calls/agents/me', { state: 'break', version: 0 }));
    // One caller waiting since 90 s before the clock.
    const now = t.clock.now().getTime();
    const iso = (s: number) => new Date(now + s * 1000).toISOString();
    await ok(
      post([
        { eventId: 'w-1', callId: 'waiting', type: 'offered', at: iso(-100), from: '13904715555', to: '12351' },
        { eventId: 'w-2', callId: 'waiting', type: 'queued', at: iso(-90), queue: 'general' },
      ]),
    );
    const board = await ok(supervisor.get('/api/calls/wallboard'));
    expect(board.queue).toEqual({ waiting: 1, longestWaitSeconds: 90, talking: 2 }); // pop-1 and pop-other are still going
    expect(board.agents.map((a: { agent: string; state: string }) => [a.agent, a.state])).toEqual([
      ['agent', 'busy'],
      ['callback', 'busy'],
    ]);
    expect(board.agents[0]).toMatchObject({ callId: 'pop-1', answeredToday: 2, agentName: '王晓燕（接线员）' }); // pop-0 earlier today, pop-1 now
    // pop-1 ends: the agent is back in the state they chose; today's figures count the day so far.
    await ok(post([{ eventId: 'pop-1-9', callId: 'pop-1', type: 'ended', at: iso(-10), reason: 'agent_hangup' }]));
    const after = await ok(supervisor.get('/api/calls/wallboard'));
    expect(after.agents.find((a: { agent: string }) => a.agent === 'agent')).toMatchObject({ state: 'ready', callId: null });
    expect(after.today).toMatchObject({ calls: 4, answered: 3 });
    await expectError(handler.get('/api/calls/wallboard'), 403, 'ROLE_REQUIRED');
  });
});
