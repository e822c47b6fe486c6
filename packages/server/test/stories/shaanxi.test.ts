import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/**
 * Seed 002: a carpenter and twelve workmates on a Xi'an site are owed over 600,000 yuan. Mass and large: the
 * emergency mechanism (1155) applies, so the provincial hotline office handles the order itself (办单) with the
 * group's union co-handling, the leader writes an instruction, progress is noted every day, the wages are paid in
 * batches and the reply comes within the major limit of 3 calendar days, weekend included. Here on Friday
 * 2026-08-07, 09:30.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, leader: Client, callbackAgent: Client, admin: Client, groupUnion: Client;
let groupUnionId: string;

const hour = 3_600_000;
const day = 24 * hour;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-08-07T01:30:00Z', config: { province: '610000', sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, dispatcher, leader, callbackAgent, admin] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('leader'),
    t.login('callback'),
    t.login('admin'),
  ]);
  const root = await unitByDivision(t, 'province_federation', '610000');
  const unit = await ok(admin.post('/api/units', { parentId: root.id, type: 'enterprise_union', name: '陕西某建工集团有限公司工会' }), 201);
  groupUnionId = unit.id;
  groupUnion = await addPerson(t, 'group_handler', 'handler', groupUnionId);
});
afterAll(() => t.close());

describe('Shaanxi: thirteen workers, 600,000 yuan, handled by the provincial hotline office', () => {
  let orderId: string;
  let version: number;
  let handledAt: Date;

  it('takes the call with mass and large suggested and set, as a major order', async () => {
    const m = await ok(agent.get('/api/orders/intake-matches?divisionCode=610102&workersInvolved=13&amountInvolved=600000'));
    expect(m.suggestedRiskFlags.map((f: { flag: string }) => f.flag).sort()).toEqual(['large', 'mass']);
    const order = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '张师傅', phone: '13909180001' }],
        employer: { name: '西安某某建筑劳务有限公司' },
        place: { text: '西安市新城区某工地', divisionCode: '610102' },
        narrative: '本人在西安市某工地从事木工工作，与工友等 13 人被拖欠工资 60 余万元，多次索要未果，希望工会帮助讨薪。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        priority: 'major',
        tier: 'difficult',
        riskFlags: ['mass', 'large'],
        workersInvolved: 13,
        amountInvolved: 600000,
      }),
      201,
    );
    expect(order.number).toBe('12351-610000-20260807-0001');
    expect(order.riskFlags).toEqual(['mass', 'large']);
    // The emergency mechanism: handled at once (15 clock minutes).
    expect(order.deadlines.current.dueAt).toBe('2026-08-07T01:45:00.000Z');
    expect(order.allowedActions).not.toContain('handle_at_hotline');
    orderId = order.id;
    version = order.version;
  });

  it('is handled by the hotline office itself, with the group union co-handling', async () => {
    t.clock.advance(10 * 60_000);
    const before = await ok(dispatcher.get(`/api/orders/${orderId}`));
    expect(before.allowedActions).toContain('handle_at_hotline');
    let order = await ok(dispatcher.post(`/api/orders/${orderId}/handle-at-hotline`, { version, note: '启动应急管理“1155”工作机制，省总热线办公室办单' }));
    expect(order.state).toBe('handling');
    expect(order.holderUnit.name).toBe('陕西省总工会12351热线服务中心');
    expect(order.hops).toEqual([]);
    handledAt = new Date(order.signedAt);
    // Major: 3 calendar days on the clock, the weekend counted: due Monday 09:40, not after three working days.
    expect(order.deadlines.reply.dueAt).toBe(new Date(handledAt.getTime() + 3 * day).toISOString());
    expect(order.deadlines.reply.dueAt).toBe('2026-08-10T01:40:00.000Z');
    expect(order.deadlines.current.dueAt).toBe(order.deadlines.reply.dueAt);
    order = await ok(
      dispatcher.post(`/api/orders/${orderId}/co-handlers`, { version: order.version, unitId: groupUnionId, task: '督促集团及劳务分包单位分批支付' }),
    );
    version = order.version;
  });

  it('gets the leader’s instruction and a progress note every day', async () => {
    await ok(leader.post(`/api/orders/${orderId}/notes`, { note: '领导批示：特事特办，三日内办结' }));
    t.clock.advance(day);
    await ok(dispatcher.post(`/api/orders/${orderId}/notes`, { note: '第一批工资已到账', kind: 'progress' }));
    t.clock.advance(day);
    const order = await ok(groupUnion.post(`/api/orders/${orderId}/co-handler-reply`, { version, reply: '集团工会督促分包单位分两批支付，第二批已到账' }));
    await ok(dispatcher.post(`/api/orders/${orderId}/notes`, { note: '第二批工资已到账，工友确认', kind: 'contact' }));
    version = order.version;
  });

  it('is replied within the 3-day limit, reviewed, called back and archived', async () => {
    t.clock.advance(6 * hour);
    let order = await ok(
      dispatcher.post(`/api/orders/${orderId}/reply`, {
        version,
        outcome: { resolved: true, measures: '省总热线办公室办单，集团工会协办，拖欠工资分批发放到账', amountRecovered: 600000, workersHelped: 13 },
      }),
    );
    expect(order.state).toBe('replied');
    expect(new Date(order.repliedAt).getTime() - handledAt.getTime()).toBeLessThan(3 * day);
    expect(order.deadlines.reply.status).toBe('on_time');
    // Who replied does not accept the reply (issue 8): the centre's supervisor reviews it.
    await expectError(dispatcher.post(`/api/orders/${orderId}/review`, { version: order.version, decision: 'accept' }), 403, 'ORDER_SEPARATION_OF_DUTIES');
    expect((await ok(dispatcher.get(`/api/orders/${orderId}`))).allowedActions).not.toContain('review_accept');
    const supervisor = await t.login('supervisor');
    expect((await ok(supervisor.get(`/api/orders/${orderId}`))).allowedActions).toContain('review_accept');
    order = await ok(supervisor.post(`/api/orders/${orderId}/review`, { version: order.version, decision: 'accept' }));
    expect(order.state).toBe('pending_callback');
    t.clock.advance(2 * hour);
    order = await ok(
      callbackAgent.post(`/api/orders/${orderId}/callback`, {
        version: order.version,
        result: 'reached',
        handlingSatisfaction: 'satisfied',
        callSatisfaction: 'satisfied',
      }),
    );
    expect(order.state).toBe('archived');
    expect(order.closedAt).not.toBeNull();
    expect(order.allowedActions).not.toContain('reply');
  });

  it('keeps every step on the timeline, all at the province', async () => {
    const events = await ok<{ action: string; unit: { name: string }; data: Record<string, unknown> }[]>(leader.get(`/api/orders/${orderId}/events`));
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'handle_at_hotline',
      'invite_co_handler',
      'add_note',
      'add_note',
      'reply_co_handler_part',
      'add_note',
      'reply',
      'review_accept',
      'callback_satisfied',
    ]);
    expect(events.find((e) => e.action === 'add_note')!.unit.name).toBe('陕西省总工会');
    expect(events.find((e) => e.action === 'reply')!.data).toMatchObject({ onTime: true });
    const created = events[0]!.data.suggestedRiskFlags as { flag: string }[];
    expect(created.map((f) => f.flag).sort()).toEqual(['large', 'mass']);
  });
});
