import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';

/**
 * Seed 000: on 19 August four migrant workers call one after another about one employer's 230,000 yuan. The agent
 * attaches the later callers to the first order (a group order, flagged); the emergency mechanism dispatches it the
 * same day to the territorial union and the employer's union co-handles; signed, replied with 230,000 yuan recovered
 * for 4 workers, reviewed, called back satisfied, archived. Here on 2026-08-19, a Wednesday.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, callbackAgent: Client, employerUnion: Client;
let enterpriseUnitId: string;

beforeAll(async () => {
  // Days pass between steps: sessions must outlive them here (idle expiry is tested in auth).
  t = await createTestApp({ at: '2026-08-19T01:10:00Z', config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, dispatcher, handler, callbackAgent] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler'), t.login('callback')]);
  const county = await unitByDivision(t, 'county_federation', '150102');
  const enterprise = (await t.db.query.units.findMany()).find((u) => u.type === 'enterprise_union' && u.path.startsWith(county.path))!;
  enterpriseUnitId = enterprise.id;
  employerUnion = await addPerson(t, 'ent_handler', 'handler', enterprise.id);
});
afterAll(() => t.close());

const employer = '呼和浩特市某某建筑劳务有限公司';
const callers = [
  { name: '王先生', phone: '13904710001' },
  { name: '李师傅', phone: '13904710002' },
  { name: '张师傅', phone: '13904710003' },
  { name: '赵师傅', phone: '13904710004' },
];

describe('Inner Mongolia: four callers, one employer, 230,000 yuan', () => {
  let orderId: string;
  let version: number;

  it('takes the first call as a work order', async () => {
    const order = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [callers[0]],
        employer: { name: employer },
        place: { text: '呼和浩特市新城区某大修项目工地', divisionCode: '150102' },
        narrative: '反映某企业大修项目拖欠其工资，本人已被拖欠 10 个月，工友也被拖欠，共计约 23 万元。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        priority: 'urgent',
        tier: 'general',
        workersInvolved: 4,
        amountInvolved: 230000,
      }),
      201,
    );
    expect(order.number).toMatch(/^12351-150000-20260819-0001$/);
    expect(order.state).toBe('pending_dispatch');
    expect(order.callers[0].phone).toBe('13904710001');
    orderId = order.id;
    version = order.version;
  });

  it('attaches the three later callers to the open order about the same employer', async () => {
    for (const [i, caller] of callers.slice(1).entries()) {
      t.clock.advance(20 * 60_000);
      const m = await ok(
        agent.get(`/api/orders/intake-matches?phone=${caller.phone}&employer=${encodeURIComponent('呼和浩特市某某建筑劳务')}&divisionCode=150102`),
      );
      expect(m.employerOpenOrders.map((o: { id: string }) => o.id)).toContain(orderId);
      expect(m.suggestedUnit.name).toBe('新城区总工会');
      const repeat = m.suggestedRiskFlags.some((f: { flag: string }) => f.flag === 'repeat');
      // The third request about one employer within 30 days is the repeat threshold.
      expect(repeat).toBe(i + 2 >= 3);
      const order = await ok(agent.post(`/api/orders/${orderId}/callers`, { version, caller, channel: 'phone', ...(repeat ? { riskFlags: ['repeat'] } : {}) }));
      version = order.version;
    }
    const order = await ok(agent.get(`/api/orders/${orderId}`));
    expect(order.isGroup).toBe(true);
    expect(order.callerCount).toBe(4);
    expect(order.callers).toHaveLength(4);
    expect(order.riskFlags).toContain('repeat');
  });

  it('is dispatched the same day to the territorial union with the employer union co-handling', async () => {
    const county = await unitByName(t, '新城区总工会');
    const order = await ok(
      dispatcher.post(`/api/orders/${orderId}/dispatch`, {
        version,
        unitId: county.id,
        note: '启动应急机制，当日转办',
        coHandlers: [{ unitId: enterpriseUnitId, task: '督促企业清付' }],
      }),
    );
    expect(order.state).toBe('pending_sign');
    expect(order.holderUnit.name).toBe('新城区总工会');
    expect(order.coHandlers).toHaveLength(1);
    expect(order.firstDispatchedAt.slice(0, 10)).toBe('2026-08-19');
    version = order.version;
  });

  it('is signed, co-handled, and replied with the amount recovered', async () => {
    let order = await ok(handler.post(`/api/orders/${orderId}/sign`, { version }));
    expect(order.state).toBe('handling');
    // The handling unit sees callers masked, not whole.
    expect(order.callers[0].phone).toBe('139****0001');
    t.clock.advance(24 * 3_600_000);
    order = await ok(
      employerUnion.post(`/api/orders/${orderId}/co-handler-reply`, {
        version: order.version,
        reply: '企业成立专项工作组，约谈劳务分包商，48 小时内支付无争议欠薪',
      }),
    );
    await ok(handler.post(`/api/orders/${orderId}/notes`, { note: '已约谈劳务分包商负责人' }));
    t.clock.advance(2 * 24 * 3_600_000);
    order = await ok(
      handler.post(`/api/orders/${orderId}/reply`, {
        version: order.version,
        outcome: { resolved: true, measures: '督促企业约谈分包商，3 天内全额支付拖欠工资', amountRecovered: 230000, workersHelped: 4 },
      }),
    );
    expect(order.state).toBe('replied');
    version = order.version;
  });

  it('is reviewed, called back satisfied and archived', async () => {
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
    expect(order.outcome.amountRecovered).toBe(230000);
    expect(order.allowedActions).not.toContain('add_note');
  });

  it('keeps every step with its actor on the timeline', async () => {
    const events = await ok<{ action: string; actor: { name: string }; unit: { name: string } }[]>(dispatcher.get(`/api/orders/${orderId}/events`));
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'attach_caller',
      'attach_caller',
      'attach_caller',
      'dispatch',
      'sign',
      'reply_co_handler_part',
      'add_note',
      'reply',
      'review_accept',
      'callback_satisfied',
    ]);
    expect(events.find((e) => e.action === 'sign')!.unit.name).toBe('新城区总工会');
    expect(events.every((e) => e.actor.name)).toBe(true);
  });
});
