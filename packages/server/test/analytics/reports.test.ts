import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { industryOfEmployer } from '../../src/analytics/domain/industry.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { addDaysToDate } from '../../src/calendar/domain/working-time.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let leader: Client, handler: Client;

beforeAll(async () => {
  t = await createTestApp({ config: { demoOrders: 120, sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [leader, handler] = await Promise.all([t.login('leader'), t.login('handler')]);
});
afterAll(() => t.close());

async function workbook(id: string) {
  const res = await leader.get(`/api/analytics/reports/${id}/download?format=xlsx`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
/** The cell of the row labelled `label` in the first column of a sheet, at a column. */
function cellOf(ws: ExcelJS.Worksheet, label: string, col = 2): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(col);
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
}
/** The figure of a row as written: a number and its format, or the text written when there is none. */
const figureOf = (ws: ExcelJS.Worksheet, label: string, col = 2) => {
  const c = cellOf(ws, label, col);
  return typeof c.value === 'number' ? { value: c.value, format: c.numFmt } : { text: c.value };
};

describe('reports', () => {
  it.each([
    ['weekly', '2026-11-16', '2026-11-22'],
    ['monthly', '2026-10-01', '2026-10-31'],
  ])('a %s report: the xlsx figures equal the API’s (and so the cockpit’s) for the same period and unit, as numbers', async (kind, from, to) => {
    const report = await ok(leader.post('/api/analytics/reports', { kind, from, to }), 201);
    expect(report.summary).toMatch(/共受理职工诉求\d+人次/);
    expect(report.summary).toMatch(/环比/);
    const api = await ok(leader.get(`/api/analytics/kpis?from=${from}&to=${to}`));
    expect(api.ordersCreated).toBeGreaterThan(0);
    const wb = await workbook(report.id);
    const main = wb.getWorksheet('主要指标')!;
    const count = (value: number) => ({ value, format: '#,##0' });
    const rate = (value: number) => ({ value, format: '0.0%' });
    const money = (value: number) => ({ value, format: '#,##0.00' });
    expect(figureOf(main, '工单量')).toEqual(count(api.ordersCreated));
    expect(figureOf(main, '受理量（人次）')).toEqual(count(api.requests));
    expect(figureOf(main, '应办结')).toEqual(count(api.dueInPeriod));
    expect(figureOf(main, '按时办结率')).toEqual(api.onTimeRate === null ? { text: '—' } : rate(api.onTimeRate));
    expect(figureOf(main, '满意率（办理）')).toEqual(api.satisfactionRate === null ? { text: '—' } : rate(api.satisfactionRate));
    expect(figureOf(main, '追回金额（元）')).toEqual(money(api.amountRecoveredYuan));
    expect(figureOf(main, '工单量', 3)).toEqual(count(api.comparison.previous.figures.ordersCreated));
    // The change against the previous period: a signed percentage of the fraction.
    const change = api.comparison.previous.changePercent.ordersCreated;
    expect(figureOf(main, '工单量', 4)).toEqual(change === null ? { text: '—' } : { value: change / 100, format: '+0.0%;-0.0%;0.0%' });
    const published = wb.getWorksheet('通报口径')!;
    expect(figureOf(published, '来电量')).toEqual(api.calls === null ? { text: '暂无话务数据' } : count(api.calls));
    expect(figureOf(published, '派单量（交办）')).toEqual(count(api.ordersDispatched));
    // The same amount is the same number in the same format on both sheets.
    expect(figureOf(published, '追回金额（元）')).toEqual(figureOf(main, '追回金额（元）'));
    expect(figureOf(published, '办结率')).toEqual(figureOf(main, '办结率'));
    // No figure anywhere is a number written as text ("131", "5,814,396", "94.7%").
    for (const ws of wb.worksheets)
      ws.eachRow((row, r) =>
        row.eachCell((c, col) => {
          if (col > 1 && typeof c.value === 'string') expect(c.value, `${ws.name} R${r}C${col}`).not.toMatch(/^[+-]?[\d,.]+%?$/);
        }),
      );

    const docx = await leader.get(`/api/analytics/reports/${report.id}/download?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const list = await ok(leader.get('/api/analytics/reports'));
    expect(list.map((r: { id: string }) => r.id)).toContain(report.id);
  });

  it('waits for the next local midnight on a fresh start, then makes the reports each unit wants, once', async () => {
    const county = handler.session.current.unit.id;
    const byDefault = await ok(leader.get('/api/analytics/report-schedule'));
    expect(byDefault).toMatchObject({ kinds: ['daily', 'weekly', 'monthly', 'yearly'], isDefault: true, canEdit: true });
    expect(await ok(leader.get(`/api/analytics/report-schedule?unitId=${county}`))).toMatchObject({ kinds: [], isDefault: true });
    expect(await ok(leader.put('/api/analytics/report-schedule', { unitId: county, kinds: ['monthly'] }))).toMatchObject({
      kinds: ['monthly'],
      isDefault: false,
    });
    const refused = await handler.put('/api/analytics/report-schedule', { kinds: ['daily'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ROLE_REQUIRED');
    const bad = await leader.put('/api/analytics/report-schedule', { kinds: ['hourly'] });
    expect(bad.statusCode).toBe(400);

    // The demo's own first reports (made at installation, origin schedule) are not this run's.
    const installed = new Set((await ok(leader.get('/api/analytics/reports'))).map((r: { id: string }) => r.id));
    const scheduled = async () =>
      (await ok(leader.get('/api/analytics/reports')))
        .filter((r: { id: string; origin: string }) => r.origin === 'schedule' && !installed.has(r.id))
        .map((r: { kind: string; from: string; to: string; unitId: string }) => [r.unitId === county ? 'county' : 'province', r.kind, r.from, r.to])
        .sort();
    t.clock.set('2026-11-30T15:00:00Z'); // 23:00 in China: the first start makes nothing yet
    await t.app.jobs.runDue();
    expect(await scheduled()).toEqual([]);
    t.clock.set('2026-11-30T16:30:00Z'); // 1 December 2026, 00:30 in China
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    expect(await scheduled()).toEqual([
      ['county', 'monthly', '2026-11-01', '2026-11-30'],
      ['province', 'daily', '2026-11-30', '2026-11-30'],
      ['province', 'monthly', '2026-11-01', '2026-11-30'],
    ]);
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it.each([
    ['weekly', '2026-11-01', '2026-11-30', 'body.from', '周报的统计期间应从周一开始'],
    ['daily', '2026-11-23', '2026-11-24', 'body.to', '日报的统计期间应为同一天（开始与结束日期相同）'],
    ['monthly', '2026-10-01', '2026-11-30', 'body.to', '月报的统计期间应为一个完整的自然月'],
  ])('refuses a %s report of %s to %s: the title and summary would name the wrong period', async (kind, from, to, field, message) => {
    const res = await leader.post('/api/analytics/reports', { kind, from, to });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REPORT_PERIOD_KIND_MISMATCH', message, details: { fields: [{ field, message }] } });
  });

  it('the demo installs the reports the scheduler would have made by now: yesterday’s, last week’s, last month’s', async () => {
    const demo = (await ok(leader.get('/api/analytics/reports'))).filter(
      (r: { origin: string; generatedAt: string }) => r.origin === 'schedule' && r.generatedAt === '2026-11-25T02:00:00.000Z',
    );
    expect(demo.map((r: { kind: string; from: string; to: string; origin: string }) => [r.kind, r.from, r.to, r.origin]).sort()).toEqual([
      ['daily', '2026-11-24', '2026-11-24', 'schedule'],
      ['monthly', '2026-10-01', '2026-10-31', 'schedule'],
      ['weekly', '2026-11-16', '2026-11-22', 'schedule'],
    ]);
    const monthly = demo.find((r: { kind: string }) => r.kind === 'monthly');
    expect(monthly.title).toBe('内蒙古自治区总工会12351职工服务热线月报（2026-10-01至2026-10-31）');
    const api = await ok(leader.get('/api/analytics/kpis?from=2026-10-01&to=2026-10-31'));
    expect(monthly.summary).toContain(`形成有效工单${api.ordersCreated}件`);
    expect(figureOf((await workbook(monthly.id)).getWorksheet('主要指标')!, '工单量')).toEqual({ value: api.ordersCreated, format: '#,##0' });
  });

  it.each([
    ['a week of next January', 'weekly', '2027-01-11', '2027-01-17'],
    ['next week', 'weekly', '2026-11-30', '2026-12-06'],
    ['this week, which ends on Sunday', 'weekly', '2026-11-23', '2026-11-29'],
    ['a day of 2030', 'daily', '2030-01-01', '2030-01-01'],
    ['the year 2027', 'yearly', '2027-01-01', '2027-12-31'],
  ])('refuses a report of %s: those days have not come (today is 2026-11-25 in Beijing)', async (_name, kind, from, to) => {
    const before = (await ok(leader.get('/api/analytics/reports'))).length;
    const res = await leader.post('/api/analytics/reports', { kind, from, to });
    expect(res.statusCode).toBe(400);
    const message = '统计期间不能晚于今天（2026-11-25）';
    expect(res.json()).toMatchObject({ code: 'REPORT_PERIOD_IN_FUTURE', message, details: { fields: [{ field: 'body.to', message }] } });
    expect((await ok(leader.get('/api/analytics/reports'))).length).toBe(before);
  });

  it('takes today by the hotline’s day: at 23:30 UTC on the 24th it is already the 25th in Beijing', async () => {
    t.clock.set('2026-11-24T23:30:00Z');
    try {
      expect((await leader.post('/api/analytics/reports', { kind: 'daily', from: '2026-11-25', to: '2026-11-25' })).statusCode).toBe(201);
      expect((await leader.post('/api/analytics/reports', { kind: 'daily', from: '2026-11-26', to: '2026-11-26' })).json().code).toBe(
        'REPORT_PERIOD_IN_FUTURE',
      );
    } finally {
      t.clock.set('2026-11-25T02:00:00Z');
    }
  });

  it('refuses a period before the installation’s first order: nothing of it was ever recorded here', async () => {
    const [first] = rowsOf<{ day: string }>(await t.db.execute(sql`select min(created_day)::text as day from analytics_order_facts`));
    expect(first!.day > '2026-08-01').toBe(true);
    const message = `统计期间早于本系统的第一张工单（${first!.day}），没有可统计的数据`;
    for (const body of [
      { kind: 'custom', from: '1900-01-01', to: '1900-01-05' },
      { kind: 'yearly', from: '2025-01-01', to: '2025-12-31' },
      { kind: 'yearly' },
    ]) {
      const res = await leader.post('/api/analytics/reports', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'REPORT_PERIOD_BEFORE_DATA', message, details: { fields: [{ field: 'body.from', message }] } });
    }
    // The month of the first order starts before it and is a true report.
    expect(
      (
        await leader.post('/api/analytics/reports', {
          kind: 'monthly',
          from: `${first!.day.slice(0, 7)}-01`,
          to: addDaysToDate(`${addDaysToDate(first!.day, 31).slice(0, 7)}-01`, -1),
        })
      ).statusCode,
    ).toBe(201);
  });

  it('says a wrong period in English to an English interface', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'Demo12351' } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/reports',
      payload: { kind: 'weekly', from: '2026-11-16', to: '2026-11-30' },
      headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'REPORT_PERIOD_KIND_MISMATCH',
      details: { fields: [{ field: 'body.to', message: 'A weekly report covers one week, Monday to Sunday' }] },
    });
  });

  it('lists the urgent and risk orders of the period left open at its end (not those open now), names their flags (危众多大隐), prints the generation time in Beijing time', async () => {
    t.clock.set('2026-11-24T15:00:00Z');
    const [agent, dispatcher, callbackAgent] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('callback')]);
    const county = handler.session.current.unit.id;
    const newOrder = (i: number) => ({
      channel: 'phone',
      callers: [{ name: `来电人${i}`, phone: `139047${String(20000 + i).slice(-5)}` }],
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映单位拖欠工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    });
    type Order = { id: string; number: string; version: number };
    try {
      // 24 November, 23:00 in Beijing: two orders received, the last of the day. One is replied to the same night…
      let done = await ok<Order>(agent.post('/api/orders', newOrder(1)), 201);
      const open = await ok<Order>(agent.post('/api/orders', newOrder(2)), 201);
      done = await ok(dispatcher.post(`/api/orders/${done.id}/dispatch`, { version: done.version, unitId: county }));
      done = await ok(handler.post(`/api/orders/${done.id}/sign`, { version: done.version }));
      done = await ok(
        handler.post(`/api/orders/${done.id}/reply`, {
          version: done.version,
          outcome: { resolved: true, measures: '已督促企业支付工资', amountRecovered: 0, workersHelped: 0 },
        }),
      );
      // … and completed and archived the next morning: open when the 24th ended, closed now.
      t.clock.set('2026-11-25T01:00:00Z');
      done = await ok(dispatcher.post(`/api/orders/${done.id}/review`, { version: done.version, decision: 'accept' }));
      done = await ok(
        callbackAgent.post(`/api/orders/${done.id}/callback`, {
          version: done.version,
          result: 'reached',
          handlingSatisfaction: 'satisfied',
          callSatisfaction: 'satisfied',
        }),
      );
      // Received today: open now, but not an order of the 24th.
      const today = await ok<Order>(agent.post('/api/orders', newOrder(3)), 201);
      // Each gets two flags, as intake or a handler would.
      await t.db.execute(sql`update work_orders set risk_flags = array['mass', 'hidden']::text[] where id in (${done.id}, ${open.id}, ${today.id})`);
      t.clock.set('2026-11-25T15:12:25.136Z'); // 23:12 in Beijing
      const report = await ok(leader.post('/api/analytics/reports', { kind: 'daily', from: '2026-11-24', to: '2026-11-24' }), 201);
      const docx = await leader.get(`/api/analytics/reports/${report.id}/download?format=docx`);
      const text = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
      expect(text).toContain('本期受理的紧急/风险工单，截至2026-11-24未办结：众、隐');
      expect(text).not.toMatch(/未办结：[^<]*(mass|hidden)/);
      expect(text).toContain('生成时间：2026-11-25 23:12');
      expect(text).not.toContain('2026-11-25T15:12');
      const notes = new Map<string, string>();
      (await workbook(report.id)).getWorksheet('重点工单')!.eachRow((row) => notes.set(String(row.getCell(1).value), String(row.getCell(3).value)));
      expect(notes.get(done.number)).toBe('本期受理的紧急/风险工单，截至2026-11-24未办结：众、隐');
      expect(notes.get(open.number)).toBe('本期受理的紧急/风险工单，截至2026-11-24未办结：众、隐');
      expect(notes.has(today.number)).toBe(false);
    } finally {
      t.clock.set('2026-11-25T02:00:00Z');
    }
  });

  it('refuses reports to a handler and a report of another scope', async () => {
    expect((await handler.get('/api/analytics/reports')).statusCode).toBe(403);
    expect((await leader.get('/api/analytics/reports/00000000-0000-4000-8000-000000000000/download')).statusCode).toBe(404);
  });
});

describe('campaigns', () => {
  it('counts the orders its rules select, the same as the hot-topics figure of that subject', async () => {
    const campaign = await ok(
      leader.post('/api/analytics/campaigns', { name: '冬季欠薪专项行动', from: '2026-09-01', to: '2026-11-24', rules: { subjectCodes: ['wage_arrears'] } }),
      201,
    );
    const stats = await ok(leader.get(`/api/analytics/campaigns/${campaign.id}/stats`));
    const hot = await ok(leader.get('/api/analytics/hot-topics?from=2026-09-01&to=2026-11-24&limit=50'));
    const wage = hot.subjects.find((s: { code: string }) => s.code === 'wage_arrears');
    expect(stats.figures.orders).toBe(wage?.count ?? 0);
    expect(stats.figures.orders).toBeGreaterThan(0);
    expect(stats.bySubject.map((s: { code: string }) => s.code)).toEqual(['wage_arrears']);
    expect(stats.byDay.reduce((s: number, d: { orders: number }) => s + d.orders, 0)).toBe(stats.figures.orders);
    // By industry: read from the employer's name, the SQL the same rules as industryOfEmployer, every order once.
    expect(stats.byIndustry.reduce((s: number, d: { orders: number }) => s + d.orders, 0)).toBe(stats.figures.orders);
    const facts = await t.db.execute(
      sql`select employer_name from analytics_order_facts where subject_code = 'wage_arrears' and created_day between '2026-09-01' and '2026-11-24' and state not in ('invalid', 'merged')`,
    );
    const expected = new Map<string, number>();
    for (const r of rowsOf<{ employer_name: string | null }>(facts)) {
      const code = industryOfEmployer(r.employer_name).code;
      expected.set(code, (expected.get(code) ?? 0) + 1);
    }
    expect(new Map(stats.byIndustry.map((d: { code: string; orders: number }) => [d.code, d.orders]))).toEqual(expected);
    expect(stats.byIndustry.length).toBeGreaterThan(1);
    expect(stats.byIndustry.find((d: { code: string }) => d.code === 'E')?.name).toBe('建筑业');
    const listed = await ok(leader.get('/api/analytics/campaigns'));
    expect(listed.find((c: { id: string }) => c.id === campaign.id).figures.orders).toBe(stats.figures.orders);
  });

  it('the demo installs a campaign against wage arrears whose figures show by industry on first start', async () => {
    const listed = await ok(leader.get('/api/analytics/campaigns'));
    const demo = listed.find((c: { name: string }) => c.name === '根治欠薪专项行动');
    expect(demo?.figures.orders).toBeGreaterThan(0);
    const stats = await ok(leader.get(`/api/analytics/campaigns/${demo.id}/stats`));
    expect(stats.byIndustry.filter((d: { code: string }) => d.code !== 'unknown').length).toBeGreaterThan(1);
  });

  it('refuses a campaign without rules, with a stable code', async () => {
    const res = await leader.post('/api/analytics/campaigns', { name: '空规则', from: '2026-09-01', to: '2026-09-30', rules: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CAMPAIGN_RULES_EMPTY');
  });
});
