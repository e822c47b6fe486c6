import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * Seed 001: ten migrant workers are owed nearly 400,000 yuan by a site in 渝中区. The agent records an urgent order
 * flagged 众 (so on the emergency mechanism's limits),
 * the supervisor follows it, the dispatcher sends it by territory to 渝中区总工会 and pushes it to the 民呼我为
 * platform; the district's handler verifies with the street union and shares the facts with the district HR bureau,
 * both as co-handlers, and the two sides sign a payment agreement the same day. Here on Tuesday 2026-09-08, 10:10.
 */
let t: TestApp;
let agent: Client, supervisor: Client, dispatcher: Client, callbackAgent: Client, admin: Client;
let districtHandler: Client, streetHandler: Client, hrOfficer: Client, platformOfficer: Client;
let district: { id: string; name: string };
let street: { id: string }, hrBureau: { id: string }, platform: { id: string };

const hour = 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-09-08T02:10:00Z', config: { province: '500000', sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, supervisor, dispatcher, callbackAgent, admin] = await Promise.all([
    t.login('agent'),
    t.login('supervisor'),
    t.login('dispatcher'),
    t.login('callback'),
    t.login('admin'),
  ]);
  district = await unitByDivision(t, 'county_federation', '500103');
  // The demo gives 渝中区 no streets and the directory has no district bureaus or platform: the administrator adds them.
  street = await ok(admin.post('/api/units', { parentId: district.id, type: 'town_union', name: '解放碑街道工会', divisionCode: '500103003' }), 201);
  hrBureau = await ok(admin.post('/api/units', { type: 'hr_bureau', name: '重庆市渝中区人力资源和社会保障局' }), 201);
  platform = await ok(admin.post('/api/units', { type: 'local_platform', name: '数字重庆“民呼我为”平台' }), 201);
  districtHandler = await addPerson(t, 'yz_handler', 'handler', district.id);
  streetHandler = await addPerson(t, 'jfb_handler', 'handler', street.id);
  hrOfficer = await addPerson(t, 'yz_hr', 'handler', hrBureau.id);
  platformOfficer = await addPerson(t, 'mhww', 'handler', platform.id);
});
afterAll(() => t.close());

describe('Chongqing: ten workers, nearly 400,000 yuan, solved in one day', () => {
  let orderId: string;
  let version: number;
  let createdAt: Date;
  let dispatchedAt: Date;

  it('takes the call as an urgent order with the mass flag suggested and the district suggested', async () => {
    const m = await ok(
      agent.get(
        '/api/orders/intake-matches?divisionCode=500103&workersInvolved=10&amountInvolved=390000&employer=' + encodeURIComponent('重庆某某建设工程有限公司'),
      ),
    );
    expect(m.suggestedRiskFlags.map((f: { flag: string }) => f.flag)).toEqual(['mass']);
    expect(m.suggestedUnit.name).toBe('渝中区总工会');
    const order = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '杨云', phone: '13983000001' }],
        employer: { name: '重庆某某建设工程有限公司' },
        place: { text: '重庆市渝中区某工地', divisionCode: '500103' },
        narrative: '本人与另外 9 名工友在渝中区某工地务工，被拖欠工资近 40 万元，多次与用人单位协商未果。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        priority: 'urgent',
        riskFlags: ['mass'],
        workersInvolved: 10,
        amountInvolved: 390000,
      }),
      201,
    );
    expect(order.number).toBe('12351-500000-20260908-0001');
    expect(order.riskFlags).toEqual(['mass']);
    expect(order.callers[0].phone).toBe('13983000001');
    // Flagged 众, the order is in the emergency mechanism and runs on its limits, not the urgent ones: dispatched
    // within 15 minutes on the clock (30 for an urgent order without a flag).
    expect(order.deadlines.current.dueAt).toBe('2026-09-08T02:25:00.000Z');
    orderId = order.id;
    version = order.version;
    createdAt = new Date(order.createdAt);
  });

  it('is followed by the supervisor and dispatched by territory, pushed to the government platform', async () => {
    t.clock.advance(5 * 60_000);
    await ok(supervisor.post(`/api/orders/${orderId}/notes`, { note: '紧急工单，督办员跟踪督办' }));
    t.clock.advance(10 * 60_000);
    const order = await ok(
      dispatcher.post(`/api/orders/${orderId}/dispatch`, {
        version,
        unitId: district.id,
        note: '按属地原则派至渝中区总工会',
        coHandlers: [{ unitId: platform.id, task: '通过“民呼我为”平台联动属地政府职能部门' }],
      }),
    );
    expect(order.state).toBe('pending_sign');
    expect(order.holderUnit.name).toBe('渝中区总工会');
    dispatchedAt = new Date(order.firstDispatchedAt);
    expect(dispatchedAt.getTime() - createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000);
    // The emergency limits: sign within 1 clock hour; the whole order's reply within 3 calendar days of the dispatch.
    expect(new Date(order.deadlines.current.dueAt).getTime() - dispatchedAt.getTime()).toBe(hour);
    expect(new Date(order.deadlines.reply.dueAt).getTime() - dispatchedAt.getTime()).toBe(72 * hour);
    version = order.version;
  });

  it('is signed and verified with the street union, the facts shared with the district HR bureau', async () => {
    t.clock.advance(20 * 60_000);
    let order = await ok(districtHandler.post(`/api/orders/${orderId}/sign`, { version }));
    expect(order.state).toBe('handling');
    order = await ok(
      districtHandler.post(`/api/orders/${orderId}/co-handlers`, { version: order.version, unitId: street.id, task: '联系属地街道核实欠薪情况' }),
    );
    t.clock.advance(2 * hour);
    order = await ok(
      streetHandler.post(`/api/orders/${orderId}/co-handler-reply`, {
        version: order.version,
        reply: '经核实，10 名工友被拖欠工资约 39 万元属实，用人单位同意协商',
      }),
    );
    // The bureau is outside the union tree: an external collaborator may still be invited.
    order = await ok(
      districtHandler.post(`/api/orders/${orderId}/co-handlers`, { version: order.version, unitId: hrBureau.id, task: '同步核实信息，参与现场协商' }),
    );
    expect(order.coHandlers.map((c: { unit: { name: string } }) => c.unit.name)).toEqual([
      '数字重庆“民呼我为”平台',
      '解放碑街道工会',
      '重庆市渝中区人力资源和社会保障局',
    ]);
    version = order.version;
  });

  it('lets the external bureau see only this order, with the caller masked', async () => {
    const seen = await ok(hrOfficer.get(`/api/orders/${orderId}`));
    expect(seen.relations).toEqual(['co_handler']);
    expect(seen.callers[0].phone).toBe('139****0001');
    const list = await ok(hrOfficer.get('/api/orders?involvement=co_handling'));
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await ok(hrOfficer.get('/api/orders'))).total).toBe(1);
  });

  it('is mediated on site and replied within the day (Chongqing: solved in 1 day)', async () => {
    t.clock.advance(hour);
    let order = await ok(
      hrOfficer.post(`/api/orders/${orderId}/co-handler-reply`, { version, reply: '区人力社保局派员参加现场协商，督促用人单位制定支付计划' }),
    );
    order = await ok(
      platformOfficer.post(`/api/orders/${orderId}/co-handler-reply`, { version: order.version, reply: '已推送属地街道及区级职能部门联动处置' }),
    );
    await ok(districtHandler.post(`/api/orders/${orderId}/notes`, { note: '组织劳动关系双方现场协商', kind: 'mediation' }));
    t.clock.advance(3 * hour);
    order = await ok(
      districtHandler.post(`/api/orders/${orderId}/reply`, {
        version: order.version,
        outcome: { resolved: true, measures: '联系属地街道核实，会同区人力社保局组织双方现场协商，达成支付协议', amountRecovered: 390000, workersHelped: 10 },
      }),
    );
    expect(order.state).toBe('replied');
    const repliedAt = new Date(order.repliedAt);
    expect(repliedAt <= new Date(order.deadlines.reply.dueAt)).toBe(true);
    expect(repliedAt.getTime() - createdAt.getTime()).toBeLessThan(24 * hour);
    expect(order.deadlines.reply.status).toBe('on_time');
    version = order.version;
  });

  it('is reviewed, called back satisfied and archived', async () => {
    t.clock.advance(hour);
    let order = await ok(dispatcher.post(`/api/orders/${orderId}/review`, { version, decision: 'accept' }));
    expect(order.state).toBe('pending_callback');
    order = await ok(
      callbackAgent.post(`/api/orders/${orderId}/callback`, {
        version: order.version,
        result: 'reached',
        handlingSatisfaction: 'satisfied',
        callSatisfaction: 'satisfied',
      }),
    );
    expect(order.state).toBe('archived');
    expect(order.outcome).toEqual({ resolved: true, measures: expect.any(String), amountRecovered: 390000, workersHelped: 10, doubts: [] });
  });

  it('keeps the whole day on the timeline, each step by its unit', async () => {
    const events = await ok<{ action: string; unit: { name: string }; data: Record<string, unknown> }[]>(supervisor.get(`/api/orders/${orderId}/events`));
    expect(events.map((e) => `${e.action}@${e.unit.name}`)).toEqual([
      'create@重庆市总工会12351热线服务中心',
      'add_note@重庆市总工会12351热线服务中心',
      'dispatch@重庆市总工会12351热线服务中心',
      'sign@渝中区总工会',
      'invite_co_handler@渝中区总工会',
      'reply_co_handler_part@解放碑街道工会',
      'invite_co_handler@渝中区总工会',
      'reply_co_handler_part@重庆市渝中区人力资源和社会保障局',
      'reply_co_handler_part@数字重庆“民呼我为”平台',
      'add_note@渝中区总工会',
      'reply@渝中区总工会',
      'review_accept@重庆市总工会12351热线服务中心',
      'callback_satisfied@重庆市总工会12351热线服务中心',
    ]);
    expect(events[0]!.data.suggestedRiskFlags).toEqual([expect.objectContaining({ flag: 'mass' })]);
    expect(events.find((e) => e.action === 'reply')!.data).toMatchObject({ onTime: true, coHandlersWithoutReply: [] });
  });
});
