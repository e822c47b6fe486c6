import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { industryOfEmployer } from '../../src/analytics/domain/industry.js';
import { openStates } from '../../src/orders/domain/states.js';
import { percent } from '../../src/analytics/domain/report-text.js';
import { rowsOf } from '../../src/platform/db/client.js';
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
/** The value of the row labelled `label` in the first column of a sheet, at a column. */
function valueOf(ws: ExcelJS.Worksheet, label: string, col = 2): string {
  let found: string | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = String(row.getCell(col).value);
  });
  if (found === undefined) throw new Error(`no row ${label}`);
  return found;
}

describe('reports', () => {
  it.each([
    ['weekly', '2026-11-16', '2026-11-22'],
    ['monthly', '2026-10-01', '2026-10-31'],
  ])('a %s report: the xlsx figures equal the API’s (and so the cockpit’s) for the same period and unit', async (kind, from, to) => {
    const report = await ok(leader.post('/api/analytics/reports', { kind, from, to }), 201);
    expect(report.summary).toMatch(/共受理职工诉求\d+人次/);
    expect(report.summary).toMatch(/环比/);
    const api = await ok(leader.get(`/api/analytics/kpis?from=${from}&to=${to}`));
    expect(api.ordersCreated).toBeGreaterThan(0);
    const wb = await workbook(report.id);
    const main = wb.getWorksheet('主要指标')!;
    expect(valueOf(main, '工单量')).toBe(String(api.ordersCreated));
    expect(valueOf(main, '受理量（人次）')).toBe(String(api.requests));
    expect(valueOf(main, '应办结')).toBe(String(api.dueInPeriod));
    expect(valueOf(main, '按时办结率')).toBe(percent(api.onTimeRate));
    expect(valueOf(main, '满意率（办理）')).toBe(percent(api.satisfactionRate));
    expect(valueOf(main, '追回金额（元）')).toBe(String(api.amountRecoveredYuan));
    expect(valueOf(main, '工单量', 3)).toBe(String(api.comparison.previous.figures.ordersCreated));
    const published = wb.getWorksheet('通报口径')!;
    expect(valueOf(published, '来电量')).toBe(api.calls === null ? '暂无话务数据' : String(api.calls));
    expect(valueOf(published, '派单量（交办）')).toBe(String(api.ordersDispatched));

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

    const scheduled = async () =>
      (await ok(leader.get('/api/analytics/reports')))
        .filter((r: { origin: string }) => r.origin === 'schedule')
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

  it('names the risk flags (危众多大隐) and prints the generation time in Beijing time', async () => {
    // The newest open order is the first of the report's urgent ones; it gets two flags, as intake or a handler would.
    await t.db.execute(
      sql`update work_orders set risk_flags = array['mass', 'hidden']::text[] where id = (select id from work_orders where state in (${sql.join(
        openStates.map((s) => sql`${s}`),
        sql`, `,
      )}) order by created_at desc limit 1)`,
    );
    t.clock.set('2026-11-25T15:12:25.136Z'); // 23:12 in Beijing
    try {
      const report = await ok(leader.post('/api/analytics/reports', { kind: 'daily', from: '2026-11-24', to: '2026-11-24' }), 201);
      const docx = await leader.get(`/api/analytics/reports/${report.id}/download?format=docx`);
      const text = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
      expect(text).toContain('紧急/风险工单在办：众、隐');
      expect(text).not.toMatch(/在办：[^<]*(mass|hidden)/);
      expect(text).toContain('生成时间：2026-11-25 23:12');
      expect(text).not.toContain('2026-11-25T15:12');
      const notes: string[] = [];
      (await workbook(report.id)).getWorksheet('重点工单')!.eachRow((row) => notes.push(String(row.getCell(3).value)));
      expect(notes).toContain('紧急/风险工单在办：众、隐');
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
