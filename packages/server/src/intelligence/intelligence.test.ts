import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../platform/jobs/jobs.tables.js';
import { ok, unitByDivision, type Client } from '../../test/support/order-helpers.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
let agent: Client;
let supervisor: Client;
let handler: Client;

const narrative = '喂，你好，我在呼和浩特市新城区的工地干活，我们二十多个人，包工头老王欠了我们工钱一共26万，明天大家要去区政府门口拉横幅。';

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-25T02:00:00Z', config: { sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 } });
  agent = await t.login('agent');
  supervisor = await t.login('supervisor');
  handler = await t.login('handler');
});
afterAll(() => t.close());

const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '呼和浩特市恒达建筑劳务有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

describe('analyzeRequest', () => {
  it('reads the narrative into suggestions with the words behind them, the place’s union and the model version', async () => {
    const r = await ok(agent.post('/api/intelligence/analyze', { text: narrative, channel: 'phone' }));
    const county = await unitByDivision(t, 'county_federation', '150102');
    expect(r).toMatchObject({
      type: { code: 'complaint' },
      subject: { code: 'wage_arrears' },
      urgent: true,
      workers: 20,
      amountYuan: 260_000,
      employer: null,
      place: { province: '内蒙古自治区', city: '呼和浩特市', county: '新城区', divisionCode: '150102' },
      suggestedUnitId: county.id,
    });
    expect(r.riskFlags).toEqual(expect.arrayContaining(['mass', 'hidden']));
    expect(r.evidence.riskFlags.mass).toEqual(expect.arrayContaining(['20人', '拉横幅']));
    expect(r.evidence.place).toContain('新城区');
    expect(r.modelVersion).toMatch(/^reader-/);
    expect(r.type.confidence).toBeGreaterThan(0);
  });

  it('says how 危 was read: from the words of the lists, or by the danger model alone with its probability and words', async () => {
    const listed = await ok(agent.post('/api/intelligence/analyze', { text: '工地的脚手架要塌了，工头还让我们上去干活', channel: 'phone' }));
    expect(listed.riskFlags).toContain('danger');
    expect(listed.dangerBasis).toEqual({ by: 'words', confidence: null });
    // No word of the lists: a snapped strand of a hoist's rope is read by the model, shown as such with the words.
    const learned = await ok(agent.post('/api/intelligence/analyze', { text: '货梯的钢丝绳崩了一股，主管说先用着，今天还要拉货', channel: 'phone' }));
    expect(learned.riskFlags).toContain('danger');
    expect(learned.dangerBasis?.by).toBe('model');
    expect(learned.dangerBasis?.confidence).toBeGreaterThanOrEqual(0.3);
    expect(learned.evidence.riskFlags.danger?.length).toBeGreaterThan(0);
    const none = await ok(agent.post('/api/intelligence/analyze', { text: narrative, channel: 'phone' }));
    expect(none.dangerBasis).toBeNull();
  });

  it('settles a county name two provinces share by the caller’s known region, before the installation’s province', async () => {
    const text = '我在新城区一个工地干活，老板欠了我三个月工资。';
    const home = await ok(agent.post('/api/intelligence/analyze', { text }));
    expect(home.place?.divisionCode).toBe('150102');
    const fromXian = await ok(agent.post('/api/intelligence/analyze', { text, region: '610100' }));
    expect(fromXian.place).toEqual({ province: '陕西省', city: '西安市', county: '新城区', divisionCode: '610102' });
    const bad = await agent.post('/api/intelligence/analyze', { text, region: '西安' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('行政区划代码');
  });

  it('refuses a role that does not take requests, and an empty text with a field message', async () => {
    expect((await handler.post('/api/intelligence/analyze', { text: narrative })).statusCode).toBe(403);
    const bad = await agent.post('/api/intelligence/analyze', { text: '   ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('shows the same employer’s and similar recent requests and suggests a group order', async () => {
    const first = await ok(agent.post('/api/orders', newOrder()), 201);
    await ok(agent.post('/api/orders', newOrder({ callers: [{ name: '李师傅', phone: '13904712222' }] })), 201);
    const r = await ok(agent.post('/api/intelligence/analyze', { text: `${narrative}呼和浩特市恒达建筑劳务有限公司是总包。` }));
    expect(r.employer).toBe('呼和浩特市恒达建筑劳务有限公司');
    expect(r.related.sameEmployer).toHaveLength(2);
    expect(r.related.similar.length).toBeGreaterThanOrEqual(2);
    expect(r.related.suggestedGroup).toMatchObject({ orderId: first.id, size: 3 });
    expect(r.riskFlags).toContain('repeat');
    // 多 from the same employer's requests, not from the caller's words: the data the panel says in its language.
    expect(r.repeatBasis).toEqual({ days: 30, count: 2 });
    expect(r.evidence.riskFlags.repeat).toEqual(['30天内同一用人单位已有 2 件']);
  });
});

describe('suggestion outcomes and the accuracy report', () => {
  it('records what the agent kept and changed, per field, and reports it', async () => {
    const saved = await ok(agent.post('/api/orders', newOrder({ subjectCode: 'labor_contract', workersInvolved: 20 })), 201);
    const res = await ok(
      agent.post('/api/intelligence/outcomes', {
        orderId: saved.id,
        modelVersion: 'reader-test',
        suggested: { type: 'complaint', subject: 'wage_arrears', workers: 20, place: '150102' },
      }),
    );
    expect(res.fields).toEqual([
      { field: 'type', accepted: true },
      { field: 'subject', accepted: false },
      { field: 'workers', accepted: true },
      { field: 'place', accepted: true },
    ]);
    const report = await ok(supervisor.get('/api/intelligence/accuracy?days=7'));
    expect(report.fields.find((f: { field: string }) => f.field === 'subject')).toMatchObject({ total: 1, accepted: 0, changed: 1, acceptedRate: 0 });
    expect(report.fields.find((f: { field: string }) => f.field === 'type')).toMatchObject({ total: 1, accepted: 1, acceptedRate: 1 });
    expect((await agent.get('/api/intelligence/accuracy')).statusCode).toBe(403);
  });

  it('answers 404 for an order the agent cannot see', async () => {
    const r = await agent.post('/api/intelligence/outcomes', { orderId: '00000000-0000-4000-8000-000000000000', modelVersion: 'x', suggested: {} });
    expect(r.statusCode).toBe(404);
  });
});

describe('surges and forecast', () => {
  it('records a surge once when it starts, with a notice to the supervisors in the outbox, and lists it', async () => {
    // Nothing about social insurance in Baotou before; eight requests today.
    for (let i = 0; i < 8; i++) {
      await ok(
        agent.post(
          '/api/orders',
          newOrder({
            subjectCode: 'social_insurance',
            employer: { name: `包头市第${i}机械厂` },
            place: { text: '包头市昆都仑区', divisionCode: '150203' },
            narrative: `公司不给交社保 ${i}`,
          }),
        ),
        201,
      );
    }
    await t.app.jobs.runDue();
    const s = await ok(supervisor.get('/api/intelligence/surges'));
    expect(s.current).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subjectCode: 'social_insurance', cityCode: '150200', cityName: '包头市', window: 'day', observed: 8 }),
      ]),
    );
    const recorded = s.recorded.filter((r: { subjectCode: string }) => r.subjectCode === 'social_insurance');
    expect(recorded.map((r: { window: string }) => r.window).sort()).toEqual(['day']);
    expect(recorded[0].noticeQueued).toBe(true);
    const notices = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'notice.deliver'), eq(jobs.key, `notice:surge:social_insurance:150200:day:2026-11-25`)));
    expect(notices).toHaveLength(1);
    // The subject by its catalog name, not its code.
    expect((notices[0]!.payload as { title: string }).title).toMatch(/^诉求激增：包头市 社会保险\S* 今日 8 件/);
    expect((notices[0]!.payload as { to: unknown[] }).to).toEqual([expect.objectContaining({ roles: ['supervisor', 'leader'] })]);

    // An hour later the surge goes on: no second record, no second notice.
    t.clock.advance(3_600_000);
    await t.app.jobs.runDue();
    const again = await ok(supervisor.get('/api/intelligence/surges'));
    expect(again.recorded.filter((r: { subjectCode: string }) => r.subjectCode === 'social_insurance')).toHaveLength(1);
  });

  it('forecasts the coming weeks per subject from the weekly history', async () => {
    const f = await ok(supervisor.get('/api/intelligence/forecast?weeks=2'));
    const wage = f.subjects.find((x: { subjectCode: string }) => x.subjectCode === 'wage_arrears');
    // The test installation's requests are all of this week: the weeks before it are unknown, not quiet.
    expect(wage.history).toEqual([2]);
    expect(f.subjects.find((x: { subjectCode: string }) => x.subjectCode === 'social_insurance').history).toEqual([8]);
    expect(wage.forecast).toHaveLength(2);
    expect(wage.forecast[0].high).toBeGreaterThanOrEqual(wage.forecast[0].expected);
    expect((await supervisor.get('/api/intelligence/forecast?weeks=99')).statusCode).toBe(400);
  });
});
