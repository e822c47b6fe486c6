import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsOf } from '../../src/analytics/figures-refresh.js';
import { drillableMetrics } from '../../src/analytics/drill-down.js';
import { contributionsOf } from '../../src/analytics/domain/contributions.js';
import { kpiFigures, sumContributions } from '../../src/analytics/domain/kpis.js';
import { callFiguresBetween } from '../../src/calls/call-facts.js';
import { createCalendarService } from '../../src/calendar/calendar.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../../src/calendar/domain/working-time.js';
import { loadOrdersForFigures } from '../../src/orders/orders-for-figures.js';
import { workOrders } from '../../src/orders/orders.tables.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { openSse } from '../support/sse.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let leader: Client, agent: Client, handler: Client;
let province: { id: string; path: string };
let city: { id: string; path: string };
let today: string;
let from: string;

beforeAll(async () => {
  t = await createTestApp({ config: { demoOrders: 150 } });
  [leader, agent, handler] = await Promise.all([t.login('leader'), t.login('agent'), t.login('handler')]);
  city = await unitByDivision(t, 'city_federation', '150100');
  province = { id: leader.session.current.unit.id, path: city.path.split('/').slice(0, 2).join('/') + '/' };
  today = localDateOf(t.clock.now());
  from = addDaysToDate(today, -90);
});
afterAll(() => t.close());

/** The figures computed straight from the orders by the pure functions, bypassing the stored contributions. */
const pureCache = new Map<string, ReturnType<typeof kpiFigures>>();
async function pureFigures(unitPath: string, period: { from: string; to: string }) {
  const key = `${unitPath} ${period.from} ${period.to}`;
  if (!pureCache.has(key)) pureCache.set(key, await computePure(unitPath, period));
  return pureCache.get(key)!;
}
async function computePure(unitPath: string, period: { from: string; to: string }) {
  const ids = (await t.db.select({ id: workOrders.id }).from(workOrders)).map((r) => r.id);
  const cal = await createCalendarService({ db: t.db, clock: t.clock }).current();
  const all = (await loadOrdersForFigures(t.db, ids)).flatMap((o) => contributionsOf(factsOf(o), cal));
  // Calls are the hotline's (the province holds the hotline centre; a city does not): the calls capability computes them.
  const calls =
    unitPath === province.path ? await callFiguresBetween(t.db, { from: instantAt(period.from, 0), to: instantAt(addDaysToDate(period.to, 1), 0) }) : null;
  return kpiFigures(sumContributions(all, { ...period, unitPath }), calls);
}

const figuresOnly = (k: Record<string, unknown>) => {
  const { unit: _u, period: _p, comparison: _c, generatedAt: _g, legalConsultations: _l, ...rest } = k;
  return rest;
};

describe('the figures of the API are the pure functions’ figures', () => {
  it.each([
    ['the province, last 90 days', () => province, () => ({ from, to: today })],
    ['one city, last 90 days', () => city, () => ({ from, to: today })],
    ['the province, the last 30 days', () => province, () => ({ from: addDaysToDate(today, -30), to: today })],
  ])('%s', async (_name, unit, period) => {
    const p = period();
    const api = await ok(leader.get(`/api/analytics/kpis?from=${p.from}&to=${p.to}&unitId=${unit().id}`));
    expect(api.ordersCreated).toBeGreaterThan(0);
    expect(figuresOnly(api)).toEqual(await pureFigures(unit().path, p));
  });

  it('answers every field the issue lists; call figures where the hotline is, "no call data" (null) elsewhere', async () => {
    const api = await ok(leader.get(`/api/analytics/kpis?from=${from}&to=${today}`));
    for (const f of [
      'requests',
      'ordersCreated',
      'ordersDispatched',
      'dueInPeriod',
      'completedOnTime',
      'completionRate',
      'onTimeRate',
      'satisfactionRate',
      'callbackRate',
      'returnRate',
      'extensionRate',
      'averageHandlingWorkingDays',
      'amountRecoveredYuan',
      'workersHelped',
      'firstContactResolutionRate',
    ]) {
      expect(api, f).toHaveProperty(f);
    }
    // The demo's calls today are the province's (it holds the hotline centre); a city has no call data.
    expect(api.calls).toBeGreaterThan(0);
    expect(api.answerRate).toBeGreaterThan(0);
    expect((await ok(leader.get(`/api/analytics/kpis?from=${from}&to=${today}&unitId=${city.id}`))).calls).toBeNull();
    expect(api.amountRecoveredYuan).toBeGreaterThan(0);
    expect(api.comparison.previous.to).toBe(addDaysToDate(from, -1));
  });
});

describe('the cockpit’s extension card (延期理由 with 延期率)', () => {
  it('shows reasons for a day exactly when that day’s extension rate counts extended orders', async () => {
    // Both count an extension in the period of the deadline it extends (domain/contributions.ts); by the approval day,
    // a reason showed next to "延期率 0.0%" whenever the extended deadline fell on another day.
    let days = 0;
    for (let day = addDaysToDate(today, -60); day <= addDaysToDate(today, 30); day = addDaysToDate(day, 1)) {
      const [kpis, hot] = await Promise.all([
        ok(leader.get(`/api/analytics/kpis?from=${day}&to=${day}`)),
        ok(leader.get(`/api/analytics/hot-topics?from=${day}&to=${day}&limit=50`)),
      ]);
      const reasons = hot.extensionReasons.reduce((n: number, r: { count: number }) => n + r.count, 0);
      expect(reasons > 0, day).toBe((kpis.extensionRate ?? 0) > 0);
      if (reasons > 0) days++;
    }
    expect(days).toBeGreaterThan(0);
  });
});

describe('drill-down: every count on a card is the total of the order list behind it', () => {
  it.each(drillableMetrics.map((m) => [m]))('%s, for the province and for a city', async (metric) => {
    for (const unit of [province, city]) {
      const api = await ok(leader.get(`/api/analytics/kpis?from=${from}&to=${today}&unitId=${unit.id}`));
      const field = metric === 'due' ? 'dueInPeriod' : metric;
      const raw = await pureFigures(unit.path, { from, to: today });
      const card = (api as Record<string, unknown>)[field] ?? null;
      const list = await ok(leader.get(`/api/orders/count?metric=${metric}&metricFrom=${from}&metricTo=${today}&unitId=${unit.id}`));
      if (card !== null) expect(list.total, `${metric} at ${unit.path}`).toBe(card);
      else expect(list.total).toBeGreaterThanOrEqual(0);
      expect(raw).toBeTruthy();
    }
  });
});

describe('live figures', () => {
  it('counts a new order on the next read, and the order flow equals the open orders of the list', async () => {
    const before = await ok(leader.get(`/api/analytics/kpis?from=${today}&to=${today}`));
    await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [
          { name: '王先生', phone: '13904711111' },
          { name: '李女士', phone: '13904712222' },
        ],
        employer: { name: '呼和浩特市某某餐饮有限公司' },
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: '反映餐饮公司拖欠两个月工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    const after = await ok(leader.get(`/api/analytics/kpis?from=${today}&to=${today}`));
    expect(after.ordersCreated).toBe(before.ordersCreated + 1);
    expect(after.requests).toBe(before.requests + 2);

    const flow = await ok(leader.get('/api/analytics/order-flow'));
    const list = await ok(
      leader.get('/api/orders?state=pending_dispatch,pending_sign,returned,handling,replied,pending_callback,callback_dissatisfied&limit=1'),
    );
    expect(flow.open).toBe(list.total);
    for (const [state, n] of Object.entries(flow.totals)) expect(n, state).toBe(list.countsByState[state] ?? 0);
  });

  it('pushes a changed event on the stream after a change', async () => {
    const stream = await openSse(t, 'leader', '/api/analytics/stream');
    try {
      await stream.until('ready');
      await ok(
        agent.post('/api/orders', {
          channel: 'phone',
          callers: [{ name: '赵先生', phone: '13904713333' }],
          narrative: '反映公司拖欠加班费。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
        }),
        201,
      );
      await stream.until('changed');
    } finally {
      stream.close();
    }
  });

  it('refuses the stream without Accept: text/event-stream, with a stable code', async () => {
    const res = await leader.get('/api/analytics/stream');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('STREAM_ACCEPT_REQUIRED');
  });
});

describe('scope and roles', () => {
  it('refuses a handler (403) and hides units outside the subtree (404)', async () => {
    expect((await handler.get('/api/analytics/kpis')).statusCode).toBe(403);
    expect((await leader.get('/api/analytics/kpis?unitId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await leader.get(`/api/analytics/kpis?from=${today}&to=${from}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ANALYTICS_PERIOD_INVALID');
  });

  it('ranks the child units, trends by week and lists hot subjects within the same totals', async () => {
    const q = `from=${from}&to=${today}`;
    const kpis = await ok(leader.get(`/api/analytics/kpis?${q}`));
    const ranking = await ok(leader.get(`/api/analytics/unit-ranking?${q}&measure=onTimeRate`));
    expect(ranking.units.reduce((s: number, u: { figures: { ordersCreated: number } }) => s + u.figures.ordersCreated, 0)).toBe(kpis.ordersCreated);
    const trend = await ok(leader.get(`/api/analytics/trend?${q}&granularity=week`));
    expect(trend.points.reduce((s: number, p: { ordersCreated: number }) => s + p.ordersCreated, 0)).toBe(kpis.ordersCreated);
    const hot = await ok(leader.get(`/api/analytics/hot-topics?${q}&limit=50`));
    expect(hot.subjects.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(kpis.ordersCreated);
    expect(hot.subjects[0].name).toMatch(/[\u4e00-\u9fff]/);
  });
});
