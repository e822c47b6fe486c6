import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijing as bj, createOrderTeam, ok, runJobsAt, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The weekly review (agenda from last week's timeline, the meeting's decisions as supervised follow-ups), the monthly
 * analysis (carried until evaluated) and the monthly 通报 (generated, published to the units named). Injected clock.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, leader: Client;
let county: { id: string };
let orderId: string;
const at = (local: string) => runJobsAt(t, local);
const kinds = async (c: Client, kind: string) => ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string }[]).filter((n) => n.kind === kind);

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Beijing.
  ({ t, agent, dispatcher, handler, supervisor, leader, county } = await createOrderTeam({ at: '2026-11-24T02:00:00Z', sessionDays: 60 }));
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
    // Sunday: the week of 23–29 November was reviewed on Thursday; the agenda shows the week the meeting of the 10th reviews.
    t.clock.set(bj('2026-12-06T10:00:00'));
    expect(await ok(supervisor.get('/api/supervision/reviews/agenda'))).toMatchObject({
      weekStart: '2026-11-30',
      weekEnd: '2026-12-07',
      meetingDay: '2026-12-10',
    });
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

describe("a weekly review's dates", () => {
  it('are refused with 400 and a Chinese message under the field: a week not starting on Monday, a meeting before the week ended, or in the future', async () => {
    t.clock.set(bj('2026-12-10T09:00:00'));
    const meeting = (weekStart: string, heldOn: string) => supervisor.post('/api/supervision/reviews', { heldOn, weekStart, items: [] });
    for (const [weekStart, heldOn, code, field, message] of [
      ['2026-11-30', '2026-11-01', 'REVIEW_HELD_BEFORE_WEEK_END', 'body.heldOn', '会议日期应在所议周结束之后，不早于 2026-12-07'],
      ['2026-11-30', '2099-12-31', 'REVIEW_HELD_IN_FUTURE', 'body.heldOn', '会议日期不能晚于今天（2026-12-10）'],
      ['2026-11-25', '2026-12-03', 'REVIEW_WEEK_NOT_MONDAY', 'body.weekStart', '所议周起始日应为星期一，2026-11-25 不是星期一'],
      ['2026-11-09', '2026-12-03', 'REVIEW_HELD_TOO_LATE', 'body.heldOn', '会议日期应在所议周结束后两周内，不晚于 2026-11-29'],
    ] as const) {
      const res = await meeting(weekStart, heldOn);
      expect({ weekStart, heldOn, status: res.statusCode }).toEqual({ weekStart, heldOn, status: 400 });
      expect(res.json()).toMatchObject({ code, message, details: { fields: [{ field, message }] } });
    }
    // In English where the interface is.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: 'Demo12351' } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/reviews',
      payload: { heldOn: '2099-12-31', weekStart: '2026-11-25', items: [] },
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' },
    });
    expect(en.json().details.fields.map((f: { message: string }) => f.message)).toEqual([
      'The week reviewed starts on a Monday: 2026-11-25 is not a Monday',
      'The meeting date cannot be later than today (2026-12-10)',
    ]);
    // Today's meeting about last week is recorded.
    expect((await meeting('2026-11-30', '2026-12-10')).statusCode).toBe(201);
  });
});

describe("the agenda's week", () => {
  it('asked for by a day other than Monday, is refused as a meeting naming it would be (400 REVIEW_WEEK_NOT_MONDAY), never shifted', async () => {
    t.clock.set(bj('2026-12-10T09:00:00'));
    const res = await supervisor.get('/api/supervision/reviews/agenda?weekStart=2026-11-25');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'REVIEW_WEEK_NOT_MONDAY',
      message: '所议周起始日应为星期一，2026-11-25 不是星期一',
      details: { fields: [{ field: 'querystring.weekStart', message: '所议周起始日应为星期一，2026-11-25 不是星期一' }] },
    });
    // A Monday gives that whole week, Monday to Sunday.
    expect(await ok(supervisor.get('/api/supervision/reviews/agenda?weekStart=2026-11-23'))).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-30' });
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

  it('refuses a month not yet begun and a due date already past (400, Chinese message under the field)', async () => {
    t.clock.set(bj('2026-12-10T09:00:00'));
    const add = (month: string, dueOn: string) =>
      leader.post('/api/supervision/analysis', { month, problem: '建筑行业欠薪集中', ownerUnitId: county.id, dueOn });
    const past = await add('2026-12', '2020-01-01');
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({
      code: 'ANALYSIS_DUE_IN_PAST',
      details: { fields: [{ field: 'body.dueOn', message: '完成期限不能早于今天（2026-12-10）' }] },
    });
    const future = await add('2030-01', '2030-02-01');
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({
      code: 'ANALYSIS_MONTH_IN_FUTURE',
      details: { fields: [{ field: 'body.month', message: '研判月份不能晚于本月（2026-12）' }] },
    });
    expect((await ok(leader.get('/api/supervision/analysis?month=2030-01'))).items).toEqual([]);
    // Due today, about this month: accepted.
    expect((await add('2026-12', '2026-12-10')).statusCode).toBe(201);
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

  it('reports a month that has begun: a later month is refused (400, Chinese message under the field), nothing generated', async () => {
    t.clock.set(bj('2026-12-10T09:00:00'));
    const res = await leader.post('/api/supervision/circulars', { month: '2030-05' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'CIRCULAR_MONTH_IN_FUTURE',
      details: { fields: [{ field: 'body.month', message: '通报月份不能晚于本月（2026-12）' }] },
    });
    expect((await ok(leader.get('/api/supervision/circulars'))).items.map((c: { month: string }) => c.month)).not.toContain('2030-05');
    // The month in progress may be reported so far.
    expect((await ok(leader.post('/api/supervision/circulars', { month: '2026-12' }))).month).toBe('2026-12');
  });
});
