import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/calendar/domain/working-time.js';
import { createInProcessBus } from '../../src/platform/bus/bus.js';
import type { ChangeBus } from '../../src/platform/bus/index.js';
import { callEventPoster } from '../support/call-events.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { openSse } from '../support/sse.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13, live: the cockpit's stream moves the call figures too. A batch of call events, once committed, reaches
 * every open stream whose scope holds the hotline centre as a `calls` event, upon which today's KPIs count the calls;
 * a city's stream (no call figures) hears nothing of it. And an order change taken by a reader's refresh still
 * reaches the streams (before, only the stream's own refresh announced, and found nothing left to do).
 */
let t: TestApp;
let leader: Client, agent: Client, cityLeader: Client;
let today: string;
/** The in-process bus, except that order announcements can be lost (as a NOTIFY from another instance can). */
const inner = createInProcessBus();
let loseOrderAnnouncements = false;
const bus: ChangeBus = {
  ...inner,
  committed: (m) => (loseOrderAnnouncements && m.topic === 'order.changed' ? undefined : inner.committed(m)),
};

let postCalls: ReturnType<typeof callEventPoster>;
const at = (s: number) => new Date(Date.parse('2026-11-30T01:00:00Z') + s * 1000).toISOString();
const answeredCall = (id: string, s: number) => [
  { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: '13904716666', to: '12351' },
  { eventId: `${id}-2`, callId: id, type: 'queued', at: at(s + 5), queue: 'general' },
  { eventId: `${id}-3`, callId: id, type: 'answered', at: at(s + 9), agent: 'agent' },
  { eventId: `${id}-4`, callId: id, type: 'ended', at: at(s + 120), reason: 'caller_hangup' },
];
const todaysKpis = (c: Client) => ok(c.get(`/api/analytics/kpis?from=${today}&to=${today}`));

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z', bus });
  postCalls = callEventPoster(t, 'live');
  const city = await unitByDivision(t, 'city_federation', '150100');
  await addPerson(t, 'cityleader', 'leader', city.id, 'Demo12351');
  [leader, agent, cityLeader] = await Promise.all([t.login('leader'), t.login('agent'), t.login('cityleader', 'Demo12351')]);
  today = localDateOf(t.clock.now());
});
afterAll(() => t.close());

describe('the cockpit stream and the calls', () => {
  it('a batch of call events reaches the province stream as `calls`, and today’s KPIs count them; a city stream hears nothing', async () => {
    expect((await todaysKpis(leader)).calls).toBeNull(); // no call data yet, never a 0
    const province = await openSse(t, 'leader', '/api/analytics/stream');
    const city = await openSse(t, 'cityleader', '/api/analytics/stream');
    await Promise.all([province.until('ready'), city.until('ready')]);

    await ok(postCalls([...answeredCall('live-1', 0), ...answeredCall('live-2', 300)]));
    const pushed = await province.until('calls');
    expect(pushed.data.at).toBe(t.clock.now().toISOString());
    const k = await todaysKpis(leader);
    expect(k).toMatchObject({ calls: 2, callsAnswered: 2 });
    expect((await todaysKpis(cityLeader)).calls).toBeNull();

    // An order change reaches both; by then the city's stream would have had the calls event (the same burst timer,
    // started earlier), and it has none.
    await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱女士', phone: '13904716666' }],
        narrative: '咨询加班费的计算方法。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      }),
      201,
    );
    await Promise.all([province.until('changed'), city.until('changed')]);
    expect(city.frames.map((f) => f.event)).toEqual(['ready', 'changed']);
    expect(province.frames.map((f) => f.event)).toEqual(['ready', 'calls', 'changed']);

    // The same events again (a telephony retry under a new nonce) add nothing and announce nothing: the next frame
    // after them is the next order change's.
    const seen = province.frames.length;
    await ok(postCalls(answeredCall('live-1', 0)));
    expect((await todaysKpis(leader)).calls).toBe(2);
    await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '李先生', phone: '13904714444' }],
        narrative: '咨询年休假天数。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    await province.until('changed', seen);
    expect(province.frames.slice(seen).map((f) => f.event)).toEqual(['changed']);
    province.close();
    city.close();
  });

  it('an order change whose announcement was lost, taken by a reader’s refresh, still reaches the stream', async () => {
    const stream = await openSse(t, 'leader', '/api/analytics/stream');
    await stream.until('ready');
    const before = (await todaysKpis(leader)).requests;
    loseOrderAnnouncements = true;
    try {
      await ok(
        agent.post('/api/orders', {
          channel: 'phone',
          callers: [{ name: '孙先生', phone: '13904715555' }],
          narrative: '反映公司不签劳动合同。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
        }),
        201,
      );
      // The reader refreshes first (nothing announced the change): the stream hears of it all the same.
      expect((await todaysKpis(leader)).requests).toBe(before + 1);
      const since = stream.frames.length - 1;
      await stream.until('changed', since);
    } finally {
      loseOrderAnnouncements = false;
      stream.close();
    }
  });
});
