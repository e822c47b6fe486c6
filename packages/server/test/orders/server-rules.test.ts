import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrders } from '../../src/orders/orders.tables.js';
import { units } from '../../src/units/units.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';

/**
 * The rules of issue 8 that only the browser held: the server decides them in the state machine, and
 * `allowedActions` offers exactly what will succeed for this person now.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, dispatcher2: Client, handler: Client, callbackAgent: Client, lawyer: Client, supervisor: Client;
let county: { id: string };
let studio: { id: string };

type Order = { id: string; version: number; state: string; allowedActions: string[]; [k: string]: any };
const baseBody = {
  channel: 'phone',
  callers: [{ name: '赵女士', phone: '13904712222' }],
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映物业公司拖欠工资，已两个月未发放。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
};
// A new employer per order: a third order about one employer within 30 days is flagged 多 at intake and runs on the
// emergency limits (no extension), which these rules are not about.
let employers = 0;
const create = (over: Record<string, unknown> = {}) =>
  ok<Order>(agent.post('/api/orders', { ...baseBody, employer: { name: `呼和浩特市第${++employers}物业有限公司` }, ...over }), 201);
const view = (c: Client, o: Order) => ok<Order>(c.get(`/api/orders/${o.id}`));
const post = (c: Client, o: Order, path: string, body: Record<string, unknown> = {}) => c.post(`/api/orders/${o.id}/${path}`, { version: o.version, ...body });
const extension = { amount: 2, reason: '需等待劳动监察结论', callerInformed: true };
const outcome = { resolved: true, measures: '已约谈企业负责人，督促支付全部欠薪', amountRecovered: 20000, workersHelped: 3 };

/** Dispatched to the county and signed there. */
async function atCounty(over: Record<string, unknown> = {}) {
  let o = await create(over);
  o = await ok(post(dispatcher, o, 'dispatch', { unitId: county.id }));
  return ok<Order>(post(handler, o, 'sign'));
}

beforeAll(async () => {
  t = await createTestApp({ config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, dispatcher, handler, callbackAgent, lawyer, supervisor] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('callback'),
    t.login('lawyer'),
    t.login('supervisor'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  const [centre] = await t.db.select().from(units).where(eq(units.type, 'hotline_centre'));
  studio = (await t.db.select({ id: units.id }).from(units).where(eq(units.type, 'lawyer_studio')))[0]!;
  dispatcher2 = await addPerson(t, 'dispatcher_b', 'dispatcher', centre!.id);
});
afterAll(() => t.close());

describe('separation of duties', () => {
  it('the dispatcher who asked for an extension on an order the hotline handles cannot approve it; another dispatcher can', async () => {
    let o = await create();
    o = await ok(post(dispatcher, o, 'handle-at-hotline'));
    o = await ok(post(dispatcher, o, 'extension', extension));
    expect(o.allowedActions).not.toContain('decide_extension');
    await expectError(post(dispatcher, o, 'extension-decision', { approve: true }), 403, 'ORDER_SEPARATION_OF_DUTIES');
    expect((await view(dispatcher2, o)).allowedActions).toContain('decide_extension');
    o = await ok(post(dispatcher2, o, 'extension-decision', { approve: true, note: '同意' }));
    expect(o.counts.extensions).toBe(1);
  });

  it('who replied cannot accept the reply in review; another dispatcher can', async () => {
    let o = await create();
    o = await ok(post(dispatcher, o, 'handle-at-hotline'));
    o = await ok(post(dispatcher, o, 'reply', { outcome }));
    expect(o.allowedActions).not.toContain('review_accept');
    expect(o.allowedActions).toContain('review_rework');
    await expectError(post(dispatcher, o, 'review', { decision: 'accept' }), 403, 'ORDER_SEPARATION_OF_DUTIES');
    // Whoever may review it is asked to: the other dispatchers, and the supervisors, who decide where there is no other.
    await t.app.jobs.runDue();
    for (const c of [dispatcher2, supervisor]) {
      const inbox = await ok<{ items: { kind: string; orderId: string | null }[] }>(c.get('/api/notifications?limit=100'));
      expect(inbox.items.filter((n) => n.orderId === o.id).map((n) => n.kind)).toContain('order.replied');
    }
    expect((await view(supervisor, o)).allowedActions).toContain('review_accept');
    o = await ok(post(dispatcher2, o, 'review', { decision: 'accept' }));
    expect(o.state).toBe('pending_callback');
  });
});

describe('allowedActions lists only what will succeed now', () => {
  it('no decide_extension with nothing pending, no second request while one is pending', async () => {
    let o = await atCounty();
    expect((await view(dispatcher, o)).allowedActions).not.toContain('decide_extension');
    await expectError(post(dispatcher, o, 'extension-decision', { approve: true }), 409, 'ORDER_NO_PENDING_EXTENSION');
    expect(o.allowedActions).toContain('request_extension');
    o = await ok(post(handler, o, 'extension', extension));
    expect(o.allowedActions).not.toContain('request_extension');
    await expectError(post(handler, o, 'extension', extension), 409, 'ORDER_EXTENSION_PENDING');
    expect((await view(dispatcher, o)).allowedActions).toContain('decide_extension');
  });

  it('no archive before the callback; after an unreachable call the dispatcher may archive', async () => {
    let o = await atCounty();
    o = await ok(post(handler, o, 'reply', { outcome }));
    o = await ok(post(dispatcher, o, 'review', { decision: 'accept' }));
    expect((await view(dispatcher, o)).allowedActions).not.toContain('archive');
    await expectError(post(dispatcher, o, 'archive'), 409, 'ORDER_CALLBACK_FIRST');
    o = await ok(post(callbackAgent, o, 'callback', { result: 'unreachable' }));
    expect((await view(dispatcher, o)).allowedActions).toContain('archive');
    o = await ok(post(dispatcher, await view(dispatcher, o), 'archive', { note: '多次回访未接通' }));
    expect(o.state).toBe('archived');
  });

  it('no reveal_contact for the handling unit of a confidential order', async () => {
    const o = await atCounty({ confidential: true });
    const seen = await view(handler, o);
    expect(seen.contactAccess).toBe('hidden');
    expect(seen.allowedActions).not.toContain('reveal_contact');
    await expectError(handler.post(`/api/orders/${o.id}/reveal-contact`, { reason: '需要联系来电人核实' }), 403, 'ORDER_CONTACT_CONFIDENTIAL');
    expect((await view(dispatcher, o)).allowedActions).toContain('reveal_contact');
  });
});

describe('limits', () => {
  it('an order on a clock-hour limit (urgent) cannot be extended', async () => {
    const o = await atCounty({ priority: 'urgent' });
    expect(o.allowedActions).not.toContain('request_extension');
    const before = o.deadlines.reply.dueAt;
    await expectError(post(handler, o, 'extension', extension), 409, 'ORDER_EXTENSION_CLOCK_LIMIT');
    expect((await view(handler, o)).deadlines.reply.dueAt).toBe(before);
  });
});

describe('the lawyer studio', () => {
  it('its lawyer signs and handles a consultation sent to the studio', async () => {
    let o = await create({ typeCode: 'consult', subjectCode: 'labor_contract', narrative: '咨询劳动合同到期不续签能否要求经济补偿。' });
    o = await ok(post(dispatcher, o, 'dispatch', { unitId: studio.id }));
    expect((await view(lawyer, o)).allowedActions).toEqual(expect.arrayContaining(['sign', 'return']));
    o = await ok(post(lawyer, o, 'sign'));
    expect(o.state).toBe('handling');
    o = await ok(
      post(lawyer, o, 'reply', {
        outcome: { resolved: true, measures: '已电话解答：合同期满用人单位不续签应支付经济补偿', amountRecovered: 0, workersHelped: 1 },
      }),
    );
    expect(o.state).toBe('replied');
    const list = await ok(lawyer.get('/api/orders?typeCode=consult&limit=20'));
    expect(list.items.map((i: Order) => i.id)).toContain(o.id);
  });
});

describe('intake', () => {
  it('closes only a consultation on the spot', async () => {
    await expectError(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱先生', phone: '13904713333' }],
        narrative: '反映公司拖欠工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        answeredOnSpot: { answer: '已告知投诉途径' },
      }),
      400,
      'ORDER_CLOSE_AT_INTAKE_CONSULT_ONLY',
    );
    const o = await create({
      typeCode: 'consult',
      subjectCode: 'labor_contract',
      narrative: '咨询试用期工资标准。',
      answeredOnSpot: { answer: '不得低于转正工资的百分之八十' },
    });
    expect(o.state).toBe('closed_at_intake');
  });

  it('stores callers’ numbers by one rule: landlines with area code and mobiles, whatever the separators', async () => {
    const o = await create({
      callers: [
        { name: '甲', phone: '0471-1234567' },
        { name: '乙', phone: '(010) 1234 5678' },
        { name: '丙', phone: '+86 139 0471 2223' },
        { name: '丁', phone: '12345678' },
      ],
    });
    expect(o.callers.map((c: { phone: string }) => c.phone)).toEqual(['04711234567', '01012345678', '13904712223', '12345678']);
    // A 0 is the trunk prefix: "010-1234" is no number (it was stored as 0101234).
    const bad = await expectError(agent.post('/api/orders', { ...baseBody, callers: [{ name: '戊', phone: '010-1234' }] }), 400, 'VALIDATION_FAILED');
    expect(bad.details?.fields).toEqual([{ field: 'body.callers.0.phone', message: '电话号码格式不正确' }]);
  });

  it('refuses a division code GB/T 2260 does not have, and takes a town’s', async () => {
    const bad = await expectError(
      agent.post('/api/orders', { ...baseBody, place: { text: '不存在的地方', divisionCode: '999999' } }),
      400,
      'ORDER_DIVISION_UNKNOWN',
    );
    expect(bad.details?.fields).toEqual([{ field: 'body.place.divisionCode', message: '行政区划代码不存在（GB/T 2260）' }]);
    await expectError(agent.post('/api/orders', { ...baseBody, place: { divisionCode: '150102999' } }), 400, 'ORDER_DIVISION_UNKNOWN');
    expect(await t.db.select().from(workOrders).where(eq(workOrders.placeText, '不存在的地方'))).toEqual([]);
    const town = await create({ place: { text: '海拉尔东路街道', divisionCode: '150102001' } });
    const city = await create({ place: { text: '呼和浩特市', divisionCode: '150100' } });
    expect([town.place.divisionCode, city.place.divisionCode]).toEqual(['150102001', '150100']);
  });

  it('titles an order the agent gave no title at a boundary, never inside a sum', async () => {
    const o = await create({ narrative: '我在呼和浩特某某建筑劳务有限公司干活老板拖欠我两个月工资9000元不给' });
    expect(o.title).toBe('我在呼和浩特某某建筑劳务有限公司干活老板拖欠我两个月工资…');
    const titled = await create({ title: '物业拖欠工资', narrative: '我在呼和浩特某某建筑劳务有限公司干活老板拖欠我两个月工资9000元不给' });
    expect(titled.title).toBe('物业拖欠工资');
  });

  it.each([['letter'], ['other']])('takes a request that came by %s', async (channel) => {
    const o = await create({ channel });
    expect(o).toMatchObject({ channel, state: 'pending_dispatch' });
  });
});

describe('risk flags at intake (危众多大隐)', () => {
  const big = { employer: { name: '包头市某风险测试机械厂' }, workersInvolved: 13, amountInvolved: 600_000 };
  const timelineOf = (o: Order) => ok<{ action: string; data: Record<string, unknown> }[]>(agent.get(`/api/orders/${o.id}/events`));

  it('sets the flags whose thresholds the request reaches, not only suggests them', async () => {
    const o = await create(big);
    expect([...o.riskFlags].sort()).toEqual(['large', 'mass']);
    const created = (await timelineOf(o)).find((e) => e.action === 'create')!;
    expect((created.data.riskFlags as string[]).sort()).toEqual(['large', 'mass']);
  });

  it('lets the agent clear one with a reason, recorded on the timeline', async () => {
    const o = await create({
      ...big,
      employer: { name: '包头市另一风险测试机械厂' },
      clearedRiskFlags: [{ flag: 'large', reason: '金额为全厂合计，来电人仅 2 万元' }],
    });
    expect(o.riskFlags).toEqual(['mass']);
    const created = (await timelineOf(o)).find((e) => e.action === 'create')!;
    expect(created.data.clearedRiskFlags).toEqual([{ flag: 'large', reason: '金额为全厂合计，来电人仅 2 万元' }]);
  });

  it('refuses a clearing without a reason, or of a flag also chosen, and saves nothing', async () => {
    const before = (await ok<{ total: number }>(agent.get('/api/orders?limit=1'))).total;
    const noReason = await agent.post('/api/orders', { ...baseBody, ...big, clearedRiskFlags: [{ flag: 'mass', reason: ' ' }] });
    await expectError(Promise.resolve(noReason), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(noReason.json())).toContain('清除理由至少 2 个字');
    const both = await agent.post('/api/orders', { ...baseBody, ...big, riskFlags: ['mass'], clearedRiskFlags: [{ flag: 'mass', reason: '人数有误' }] });
    await expectError(Promise.resolve(both), 400, 'ORDER_RISK_FLAG_CONTRADICTION');
    expect((await ok<{ total: number }>(agent.get('/api/orders?limit=1'))).total).toBe(before);
  });
});
