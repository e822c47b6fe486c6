import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The weekly review (agenda from last week's timeline, the meeting's decisions as supervised follow-ups), the monthly
 * analysis (carried until evaluated) and the monthly 通报 (generated, published to the units named). Injected clock.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, leader: Client;
let county: { id: string };
let orderId: string;
const bj = (local: string) => new Date(`${local}+08:00`);

async function at(local: string) {
  t.clock.set(bj(local));
  return t.app.jobs.runDue();
}
const kinds = async (c: Client, kind: string) => ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string }[]).filter((n) => n.kind === kind);

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Beijing.
  t = await createTestApp({ at: '2026-11-24T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 24 * 60 } });
  [agent, dispatcher, handler, supervisor, leader] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('supervisor'),
    t.login('leader'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  const o = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '王先生', phone: '13904711111' }],
      employer: { name: '呼和浩特市某某餐饮有限公司' },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映餐饮公司拖欠两个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
  orderId = o.id;
  const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  const s = await ok(handler.post(`/api/orders/${o.id}/sign`, { version: d.version }));
  await ok(handler.post(`/api/orders/${o.id}/return`, { version: s.version, reason: '该企业不在本辖区，请改派' }));
}, 300_000);
afterAll(() => t.close());

describe('the weekly review', () => {
  it("on Thursday the agenda lists last week's returned order; the meeting's decision is a supervised follow-up", async () => {
    await at('2026-12-03T09:00:00');
    const agenda = await ok(supervisor.get('/api/supervision/reviews/agenda'));
    expect(agenda).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-30', meetingDay: '2026-12-03' });
    expect(agenda.orders).toEqual([expect.objectContaining({ id: orderId, reasons: ['returned'] })]);
    expect((await handler.get('/api/supervision/reviews/agenda')).statusCode).toBe(403);

    const bad = await supervisor.post('/api/supervision/reviews', {
      heldOn: '2026-12-03',
      weekStart: '2026-11-23',
      items: [{ orderId, reasons: ['returned'], decision: '核实', ownerUnitId: county.id, dueOn: '2026-12-01' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('REVIEW_DUE_BEFORE_MEETING');
    const meeting = await ok(
      supervisor.post('/api/supervision/reviews', {
        heldOn: '2026-12-03',
        weekStart: '2026-11-23',
        attendees: '孙丽、马志远',
        items: [{ orderId, reasons: ['returned'], decision: '区总工会核实企业注册地，明日反馈', ownerUnitId: county.id, dueOn: '2026-12-04' }],
      }),
      201,
    );
    expect(meeting.items).toEqual([
      expect.objectContaining({ decision: '区总工会核实企业注册地，明日反馈', dueOn: '2026-12-04', state: 'open', overdue: false }),
    ]);
    await t.app.jobs.runDue();
    expect(await kinds(handler, 'supervision.review_item')).toHaveLength(1);

    await at('2026-12-04T10:00:00');
    await at('2026-12-04T10:05:00');
    expect(await kinds(handler, 'supervision.review_due')).toHaveLength(1);
    await at('2026-12-07T09:00:00');
    await at('2026-12-07T09:05:00');
    expect(await kinds(handler, 'supervision.review_overdue')).toHaveLength(1);
    expect(await kinds(supervisor, 'supervision.review_overdue')).toHaveLength(1);
    const list = await ok(leader.get('/api/supervision/reviews'));
    expect(list.meetings[0].items[0]).toMatchObject({ state: 'open', overdue: true });
    await ok(handler.post(`/api/supervision/review-items/${meeting.items[0].id}/done`));
    expect((await handler.post(`/api/supervision/review-items/${meeting.items[0].id}/done`)).json().code).toBe('REVIEW_ITEM_DONE');
  });
});

describe('the monthly analysis', () => {
  it('an item is carried into the next month until its effect is evaluated', async () => {
    const created = await ok(
      leader.post('/api/supervision/analysis', { month: '2026-11', problem: '餐饮行业拖欠工资集中', ownerUnitId: county.id, dueOn: '2026-12-15' }),
      201,
    );
    const item = created.items[0];
    expect(item).toMatchObject({ state: 'open', carried: false });
    const dec = await ok(leader.get('/api/supervision/analysis?month=2026-12'));
    expect(dec.items).toEqual([expect.objectContaining({ id: item.id, carried: true })]);
    expect((await leader.patch(`/api/supervision/analysis/${item.id}`, { version: item.version, evaluation: '好转' })).json().code).toBe(
      'ANALYSIS_MEASURES_FIRST',
    );
    const rect = await ok(leader.patch(`/api/supervision/analysis/${item.id}`, { version: item.version, measures: '联合人社约谈重点餐饮企业' }));
    expect(rect.state).toBe('rectifying');
    expect((await leader.patch(`/api/supervision/analysis/${item.id}`, { version: item.version, evaluation: 'x' })).statusCode).toBe(409);
    const done = await ok(leader.patch(`/api/supervision/analysis/${item.id}`, { version: rect.version, evaluation: '当月同类工单下降三成' }));
    expect(done.state).toBe('evaluated');
    expect((await ok(leader.get('/api/supervision/analysis?month=2026-12'))).items).toEqual([]);
    expect((await leader.get('/api/supervision/analysis?month=2026-13')).statusCode).toBe(400);
  });
});

describe('the 通报', () => {
  it("counts the month's returns per unit below the province, and is published to them", async () => {
    const draft = await ok(leader.post('/api/supervision/circulars', { month: '2026-11' }));
    const city = draft.rows.find((r: { returned: number }) => r.returned > 0);
    expect(city).toMatchObject({ returned: 1, overdue: 0, dissatisfied: 0 });
    expect((await leader.post(`/api/supervision/circulars/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(403);
    const published = await ok(supervisor.post(`/api/supervision/circulars/${draft.id}/publish`, { version: draft.version, remarks: '请各单位对照整改。' }));
    expect(published).toMatchObject({ state: 'published', publishedBy: '孙丽（督办员）' });
    expect((await leader.post('/api/supervision/circulars', { month: '2026-11' })).json().code).toBe('CIRCULAR_PUBLISHED');
    await t.app.jobs.runDue();
    const cityDispatcher = await t.login('city');
    expect(await kinds(cityDispatcher, 'supervision.circular')).toHaveLength(1);
    expect((await ok(cityDispatcher.get('/api/supervision/circulars'))).items).toHaveLength(1);
  });
});
