import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { testPassword } from '../../test/support/test-db.js';
import { auditEvents } from '../audit/audit.tables.js';
import { catalogTypes } from './catalog.tables.js';
import { seedCatalog } from './catalog.seed.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['login']>>;
let agent: Awaited<ReturnType<TestApp['login']>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  agent = await t.login('agent');
});
afterAll(() => t.close());

const catalogVersion = async () => (await admin.get('/api/catalog')).json().version as number;
const lastAudit = async (action: string) =>
  (await t.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.id)).limit(1))[0];

describe('the default catalog', () => {
  it('has the 4 types, 14 subjects and 5 risk flags of taxonomy.md in their order, for any logged-in role', async () => {
    const res = await agent.get('/api/catalog');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.types.map((x: { nameZh: string }) => x.nameZh)).toEqual(['咨询', '求助', '投诉', '建议']);
    expect(c.subjects.map((x: { code: string; nameZh: string }) => `${x.code}:${x.nameZh}`)).toEqual([
      'wage_arrears:欠薪讨薪',
      'labor_contract:劳动合同与劳动关系',
      'social_insurance:社会保险',
      'work_injury:工伤与职业病',
      'working_hours:工时休假与加班',
      'labor_safety:劳动安全卫生',
      'women_workers:女职工权益',
      'new_forms:新就业形态劳动者权益',
      'union_membership:建会入会',
      'hardship_aid:困难帮扶',
      'mutual_insurance:互助保障',
      'skills_employment:技能培训与就业',
      'psych_care:心理关爱',
      'union_services:工会服务与监督',
    ]);
    expect(c.subjects.find((x: { code: string }) => x.code === 'union_services').usualTypes).toEqual(['help', 'suggestion']);
    expect(c.riskFlags.map((x: { code: string; nameZh: string }) => x.code + x.nameZh).join(' ')).toBe('danger危 mass众 repeat多 large大 hidden隐');
    expect(c.thresholds).toEqual({ massWorkers: 10, largeAmount: 500000, repeatCount: 3, repeatWindowDays: 30 });
    expect(c.priorities.map((x: { nameZh: string }) => x.nameZh)).toEqual(['一般', '紧急', '重大']);
    expect(c.tiers.map((x: { nameZh: string }) => x.nameZh)).toEqual(['一般', '难点', '特别复杂']);
    expect(c.steps.map((x: { code: string }) => x.code)).toEqual(['dispatch', 'sign', 'return', 'reply', 'callback']);
    expect(c.version).toBe(1);
  });

  it('documents its operations in the OpenAPI description', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of ['getCatalog', 'updateCatalog', 'listTimeLimitRules', 'createTimeLimitRule', 'updateTimeLimitRule', 'previewDeadline'])
      expect(ids).toContain(id);
  });

  it('asks for a login', async () => {
    expect((await t.anonymous().get('/api/catalog')).json().code).toBe('AUTH_REQUIRED');
  });
});

describe('previewDeadline', () => {
  const preview = (body: object) =>
    agent.post('/api/time-limit-rules/preview', { step: 'reply', type: 'complaint', subject: 'wage_arrears', priority: 'normal', tier: 'general', ...body });

  it('counts a general complaint reply over Mid-Autumn and National Day', async () => {
    // Wed 23 Sep 10:00, next day counts: 24 Sep (1); 25–27 Mid-Autumn; 28, 29, 30 Sep (2–4); 1–7 Oct National Day; 8 Oct (5).
    const res = await preview({ start: '2026-09-23T10:00:00+08:00' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.deadline).toBe('2026-10-08T09:30:00.000Z');
    expect(p.deadlineLocal).toBe('2026-10-08 17:30');
    // The start in local time too, so the interface can say the explanation in its own language.
    expect(p.startLocal).toBe('2026-09-23 10:00');
    expect(p.rule.description).toBe('5 个工作日（次日起算）');
    expect(p.explanation).toContain('2026-09-23 10:00');
    expect(p.explanation).toContain('2026-10-08 17:30');
  });

  it('counts the make-up Saturday 10 Oct for a difficult one', async () => {
    // 24 Sep, 28–30 Sep (4); 8, 9 Oct (6); Sat 10 Oct make-up (7); 12–16 Oct (12); 19, 20, 21 Oct (15).
    const p = (await preview({ tier: 'difficult', start: '2026-09-23T10:00:00+08:00' })).json();
    expect(p.deadlineLocal).toBe('2026-10-21 17:30');
  });

  it('counts the make-up Sunday 20 Sep in working hours', async () => {
    const p = (await preview({ step: 'dispatch', start: '2026-09-19T10:00:00+08:00' })).json();
    expect(p.deadlineLocal).toBe('2026-09-20 10:00');
  });

  it('gives an urgent sign-for two clock hours, from now by default', async () => {
    const p = (await preview({ step: 'sign', priority: 'urgent' })).json();
    expect(p.deadline).toBe('2026-11-25T04:00:00.000Z');
    expect(p.rule.unit).toBe('clock_hours');
    const weekend = (await preview({ step: 'sign', priority: 'urgent', start: '2026-10-03T23:00:00+08:00' })).json();
    expect(weekend.deadlineLocal).toBe('2026-10-04 01:00');
  });

  it('uses the consultation rule and the suggestion callback without deadline', async () => {
    expect((await preview({ type: 'consult', tier: 'complex', start: '2026-11-25T10:00:00+08:00' })).json().deadlineLocal).toBe('2026-11-26 17:30');
    const s = (await preview({ step: 'callback', type: 'suggestion', subject: 'union_services' })).json();
    expect(s.rule.unit).toBe('none');
    expect(s.deadline).toBeNull();
    expect(s.deadlineLocal).toBeNull();
    expect(s.explanation).toContain('不设期限');
  });

  it('counts into the provisional 2027 and says so', async () => {
    // 28–31 Dec (4); 1 Jan rests by the regulation; 4–8 Jan (9); 11–15 Jan (14); 18 Jan (15).
    const p = (await preview({ tier: 'difficult', start: '2026-12-25T10:00:00+08:00' })).json();
    expect(p).toMatchObject({ deadlineLocal: '2027-01-18 17:30', deadlineProvisional: true });
    expect((await preview({ tier: 'difficult', start: '2026-11-25T10:00:00+08:00' })).json().deadlineProvisional).toBe(false);
    expect((await preview({ step: 'sign', priority: 'urgent', start: '2026-12-31T23:00:00+08:00' })).json().deadlineProvisional).toBe(false);
  });

  it('answers 422 CALENDAR_NOT_COVERED when the count runs past the provisional year', async () => {
    const res = await preview({ tier: 'difficult', start: '2027-12-25T10:00:00+08:00' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CALENDAR_NOT_COVERED');
    expect(res.json().message).toContain('2028-01-01');
    expect(res.json().details.date).toBe('2028-01-01');
  });

  it.each([
    { body: { type: 'petition' }, status: 400, code: 'CATALOG_CODE_UNKNOWN', field: 'body.type' },
    { body: { subject: 'no_such_subject' }, status: 400, code: 'CATALOG_CODE_UNKNOWN', field: 'body.subject' },
    { body: { step: 'archive' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.step' },
    { body: { priority: 'critical' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.priority' },
    { body: { start: '2026-09-23 10:00' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.start' },
    { body: { type: "x'; drop table" }, status: 400, code: 'VALIDATION_FAILED', field: 'body.type' },
    { body: { extra: 1 }, status: 400, code: 'VALIDATION_FAILED', field: 'body.extra' },
  ])('refuses $body with $code', async ({ body, status, code, field }) => {
    const res = await preview(body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});

describe('time-limit rules', () => {
  it('lists the rules of a step with a Chinese description, most general first', async () => {
    const res = await agent.get('/api/time-limit-rules?step=reply');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { description: string; appliesTo: string }[];
    expect(items.map((r) => `${r.appliesTo}：${r.description}`)).toEqual([
      '办结反馈 · 难度：一般：5 个工作日（次日起算）',
      '办结反馈 · 难度：难点：15 个工作日（次日起算）',
      '办结反馈 · 难度：特别复杂：30 个工作日（次日起算）',
      '办结反馈 · 类型：咨询：1 个工作日（次日起算）',
      '办结反馈 · 紧急程度：紧急：24 小时（自然时间）',
      '办结反馈 · 紧急程度：重大：3 个自然日',
    ]);
    expect((await agent.get('/api/time-limit-rules')).json().items).toHaveLength(19);
    expect((await agent.get('/api/time-limit-rules?step=archive')).json().code).toBe('VALIDATION_FAILED');
  });

  let subjectRule: { id: string; version: number };

  it('adds a subject rule that outranks the tier rule, and audits it', async () => {
    const res = await admin.post('/api/time-limit-rules', {
      step: 'reply',
      subjectCode: 'wage_arrears',
      amount: 10,
      unit: 'working_days',
      countFrom: 'same_day',
      note: '欠薪专项',
    });
    expect(res.statusCode).toBe(201);
    subjectRule = res.json();
    expect(res.json().description).toBe('10 个工作日（含本数）');
    expect(res.json().appliesTo).toBe('办结反馈 · 事项：欠薪讨薪');
    // 含本数: Wed 25 Nov counts as the first day; 10 working days end Tue 8 Dec.
    const p = (
      await agent.post('/api/time-limit-rules/preview', { step: 'reply', type: 'complaint', subject: 'wage_arrears', priority: 'normal', tier: 'complex' })
    ).json();
    expect(p.rule.id).toBe(subjectRule.id);
    expect(p.deadlineLocal).toBe('2026-12-08 17:30');
    expect((await lastAudit('create_time_limit_rule'))?.targetId).toBe(subjectRule.id);
  });

  it.each([
    { body: { step: 'reply', tier: 'general', amount: 7, unit: 'working_days' }, status: 409, code: 'TIME_LIMIT_RULE_DUPLICATE', field: null },
    { body: { step: 'reply', typeCode: 'petition', amount: 7, unit: 'working_days' }, status: 400, code: 'CATALOG_CODE_UNKNOWN', field: 'body.typeCode' },
    {
      body: { step: 'reply', subjectCode: 'nothing_here', amount: 7, unit: 'working_days' },
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.subjectCode',
    },
    { body: { step: 'sign', typeCode: 'help', unit: 'working_days' }, status: 400, code: 'TIME_LIMIT_RULE_INVALID', field: 'body.amount' },
    { body: { step: 'sign', typeCode: 'help', amount: 3, unit: 'none' }, status: 400, code: 'TIME_LIMIT_RULE_INVALID', field: 'body.amount' },
    { body: { step: 'sign', typeCode: 'help', amount: -3, unit: 'working_days' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.amount' },
    { body: { step: 'sign', typeCode: 'help', amount: 1.5, unit: 'working_days' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.amount' },
    { body: { step: 'sign', typeCode: 'help', amount: 3, unit: 'weeks' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.unit' },
    { body: { step: 'sign', typeCode: 'Help!', amount: 3, unit: 'working_days' }, status: 400, code: 'VALIDATION_FAILED', field: 'body.typeCode' },
    { body: { step: 'sign', amount: 3, unit: 'working_days', id: crypto.randomUUID() }, status: 400, code: 'VALIDATION_FAILED', field: 'body.id' },
  ])('refuses $body with $code', async ({ body, status, code, field }) => {
    const res = await admin.post('/api/time-limit-rules', body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    if (field) expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('lets only an administrator change rules', async () => {
    const res = await agent.post('/api/time-limit-rules', { step: 'sign', typeCode: 'help', amount: 3, unit: 'working_days' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_REQUIRED');
    expect((await agent.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: subjectRule.version, amount: 1 })).statusCode).toBe(403);
  });

  it('updates a rule with its version, refuses a stale one, and audits before and after', async () => {
    const res = await admin.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: subjectRule.version, amount: 8, countFrom: 'next_working_day' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ amount: 8, version: subjectRule.version + 1, description: '8 个工作日（次日起算）', note: '欠薪专项' });
    const stale = await admin.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: subjectRule.version, amount: 9 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const audit = await lastAudit('update_time_limit_rule');
    expect(audit?.before).toMatchObject({ amount: 10, countFrom: 'same_day' });
    expect(audit?.after).toMatchObject({ amount: 8, countFrom: 'next_working_day' });
  });

  it('clears the amount for "no deadline", and needs one back for a unit with a count', async () => {
    const v = (await agent.get('/api/time-limit-rules?step=reply')).json().items.find((r: { id: string }) => r.id === subjectRule.id).version;
    const none = await admin.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: v, unit: 'none' });
    expect(none.json()).toMatchObject({ amount: null, unit: 'none', description: '不设期限' });
    const missing = await admin.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: v + 1, unit: 'working_days' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('TIME_LIMIT_RULE_INVALID');
  });

  it('stops applying a deactivated rule', async () => {
    const v = (await agent.get('/api/time-limit-rules?step=reply')).json().items.find((r: { id: string }) => r.id === subjectRule.id).version;
    expect((await admin.patch(`/api/time-limit-rules/${subjectRule.id}`, { version: v, active: false })).json().active).toBe(false);
    const r = await agent.post('/api/time-limit-rules/preview', {
      step: 'reply',
      type: 'complaint',
      subject: 'wage_arrears',
      priority: 'normal',
      tier: 'complex',
      start: '2026-09-01T10:00:00+08:00',
    });
    const p = r.json();
    expect(p.rule.tier).toBe('complex');
    expect(p.rule.amount).toBe(30);
    // 3 + 5 + 5 in Sep to the 18th, make-up Sun 20 Sep, 21–24 and 28–30 Sep, 8–10 Oct, 12–16 Oct, 19 Oct is the 30th.
    expect(p.deadlineLocal).toBe('2026-10-19 17:30');
  });

  it.each([
    { url: '/api/time-limit-rules/not-a-uuid', body: { version: 1, amount: 2 }, status: 400, code: 'VALIDATION_FAILED' },
    { url: `/api/time-limit-rules/${crypto.randomUUID()}`, body: { version: 1, amount: 2 }, status: 404, code: 'TIME_LIMIT_RULE_NOT_FOUND' },
    { url: 'RULE', body: { version: 1, amount: -2 }, status: 400, code: 'VALIDATION_FAILED' },
    { url: 'RULE', body: { version: 1, step: 'sign' }, status: 400, code: 'VALIDATION_FAILED' },
    { url: 'RULE', body: { amount: 2 }, status: 400, code: 'VALIDATION_FAILED' },
  ])('PATCH $url $body → $code', async ({ url, body, status, code }) => {
    const res = await admin.patch(url === 'RULE' ? `/api/time-limit-rules/${subjectRule.id}` : url, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
  });
});

describe('updateCatalog', () => {
  it('renames, reorders, adds and deactivates by code, changes thresholds, and audits', async () => {
    const version = await catalogVersion();
    const res = await admin.put('/api/catalog', {
      version,
      types: [
        { code: 'help', nameZh: '求助服务' },
        { code: 'report', nameZh: '举报', nameEn: 'Report', description: '举报违法用工' },
      ],
      subjects: [
        { code: 'psych_care', sortOrder: 1 },
        { code: 'union_services', active: false },
        { code: 'illegal_hiring', nameZh: '非法用工', nameEn: 'Illegal hiring', usualTypes: ['report', 'complaint'] },
      ],
      riskFlags: [{ code: 'hidden', nameEn: 'Hidden risk' }],
      thresholds: { massWorkers: 30 },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.version).toBe(version + 1);
    expect(c.types.map((x: { nameZh: string }) => x.nameZh)).toEqual(['咨询', '求助服务', '投诉', '建议', '举报']);
    expect(c.subjects[0].code).toBe('psych_care');
    expect(c.subjects.at(-1)).toMatchObject({ code: 'illegal_hiring', usualTypes: ['report', 'complaint'], active: true });
    expect(c.subjects).toHaveLength(15);
    expect(c.subjects.find((x: { code: string }) => x.code === 'union_services').active).toBe(false);
    expect(c.riskFlags.find((x: { code: string }) => x.code === 'hidden')).toMatchObject({ nameZh: '隐', nameEn: 'Hidden risk' });
    expect(c.thresholds).toEqual({ massWorkers: 30, largeAmount: 500000, repeatCount: 3, repeatWindowDays: 30 });

    const audit = await lastAudit('update_catalog');
    expect(audit?.before).toMatchObject({ version, types: [{ code: 'help', nameZh: '求助' }, null], thresholds: { massWorkers: 10 } });
    expect(audit?.after).toMatchObject({
      version: version + 1,
      types: [{ code: 'help', nameZh: '求助服务' }, { code: 'report' }],
      thresholds: { massWorkers: 30 },
    });

    // The new type and subject are known to the rules at once.
    const rule = await admin.post('/api/time-limit-rules', {
      step: 'reply',
      typeCode: 'report',
      subjectCode: 'illegal_hiring',
      amount: 3,
      unit: 'working_days',
    });
    expect(rule.statusCode).toBe(201);
    expect(rule.json().appliesTo).toBe('办结反馈 · 事项：非法用工 · 类型：举报');
  });

  it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
    const version = await catalogVersion();
    const res = await admin.put('/api/catalog', { version: version - 1, types: [{ code: 'consult', nameZh: '旧版本' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    const c = (await admin.get('/api/catalog')).json();
    expect(c.version).toBe(version);
    expect(c.types[0].nameZh).toBe('咨询');
  });

  it('lets only one of two concurrent edits of the same version through', async () => {
    const version = await catalogVersion();
    const results = await Promise.all([
      admin.put('/api/catalog', { version, riskFlags: [{ code: 'danger', description: '甲' }] }),
      admin.put('/api/catalog', { version, riskFlags: [{ code: 'danger', description: '乙' }] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await catalogVersion()).toBe(version + 1);
  });

  it('says an unknown code in English for an English interface: the summary and the field', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: testPassword } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/catalog',
      payload: { version: await catalogVersion(), subjects: [{ code: 'psych_care', usualTypes: ['help', 'petition'] }] },
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' },
    });
    expect(res.json()).toMatchObject({
      code: 'CATALOG_CODE_UNKNOWN',
      message: 'The catalog is wrong: Unknown request type codes: petition',
      details: { fields: [{ field: 'body.subjects.0.usualTypes', message: 'Unknown request type codes: petition' }] },
    });
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/time-limit-rules',
      payload: { step: 'reply', typeCode: 'petition', amount: 7, unit: 'working_days' },
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' },
    });
    expect(rule.json()).toMatchObject({ code: 'CATALOG_CODE_UNKNOWN', message: 'No such request type code: petition' });
  });

  it('refuses other roles with 403', async () => {
    const dispatcher = await t.login('dispatcher');
    const res = await dispatcher.put('/api/catalog', { version: await catalogVersion(), types: [{ code: 'help', nameZh: '帮助' }] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_REQUIRED');
  });

  it.each([
    { body: { subjects: [{ code: 'psych_care', usualTypes: ['help', 'petition'] }] }, code: 'CATALOG_CODE_UNKNOWN', field: 'body.subjects.0.usualTypes' },
    { body: { types: [{ code: 'new_type' }] }, code: 'CATALOG_INVALID', field: 'body.types.0.nameZh' },
    {
      body: {
        types: [
          { code: 'help', nameZh: 'A' },
          { code: 'help', nameZh: 'B' },
        ],
      },
      code: 'CATALOG_INVALID',
      field: 'body.types.1.code',
    },
    { body: { types: [{ code: 'Bad-Code', nameZh: '坏', nameEn: 'Bad' }] }, code: 'VALIDATION_FAILED', field: 'body.types.0.code' },
    { body: { types: [{ code: 'a'.repeat(41), nameZh: '长', nameEn: 'Long' }] }, code: 'VALIDATION_FAILED', field: 'body.types.0.code' },
    { body: { types: [{ code: 'help', nameZh: '一二三四五六七八九十一二三四五六七八九十一' }] }, code: 'VALIDATION_FAILED', field: 'body.types.0.nameZh' },
    { body: { types: [{ code: 'help', nameZh: '   ' }] }, code: 'VALIDATION_FAILED', field: 'body.types.0.nameZh' },
    { body: { thresholds: { massWorkers: 0 } }, code: 'VALIDATION_FAILED', field: 'body.thresholds.massWorkers' },
    { body: { thresholds: { largeAmount: -5 } }, code: 'VALIDATION_FAILED', field: 'body.thresholds.largeAmount' },
    { body: { thresholds: { repeatCount: 2.5 } }, code: 'VALIDATION_FAILED', field: 'body.thresholds.repeatCount' },
    { body: { thresholds: { unknown: 1 } }, code: 'VALIDATION_FAILED', field: 'body.thresholds.unknown' },
    { body: { riskFlags: [{ code: 'danger', delete: true }] }, code: 'VALIDATION_FAILED', field: 'body.riskFlags.0.delete' },
    { body: { tiers: [] }, code: 'VALIDATION_FAILED', field: 'body.tiers' },
  ])('refuses $body with $code and keeps the version', async ({ body, code, field }) => {
    const version = await catalogVersion();
    const res = await admin.put('/api/catalog', { version, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await catalogVersion()).toBe(version);
  });

  it.each([
    [-5, '排序不能为负数'],
    [100_001, '排序不超过 100000'],
    [2.5, '排序应为整数'],
  ])('refuses the sort order %s with a Chinese field message, never clamped', async (sortOrder, message) => {
    const version = await catalogVersion();
    const res = await admin.put('/api/catalog', { version, subjects: [{ code: 'psych_care', sortOrder }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toContainEqual({ field: 'body.subjects.0.sortOrder', message });
    expect(await catalogVersion()).toBe(version);
  });

  it('asks for the version', async () => {
    const res = await admin.put('/api/catalog', { types: [{ code: 'help', nameZh: '帮助' }] });
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('seedCatalog at the next start', () => {
  it('keeps the administrator edits and the version when nothing is missing', async () => {
    const version = await catalogVersion();
    expect(await seedCatalog(t.db, t.clock.now())).toEqual({ inserted: 0, rules: 0 });
    const c = (await admin.get('/api/catalog')).json();
    expect(c.version).toBe(version);
    expect(c.types[1].nameZh).toBe('求助服务');
    expect(c.thresholds.massWorkers).toBe(30);
    const rules = (await agent.get('/api/time-limit-rules?step=reply')).json().items;
    expect(rules.find((r: { subjectCode: string | null }) => r.subjectCode === 'wage_arrears').active).toBe(false);
  });

  it('puts back a missing default and moves the version', async () => {
    const version = await catalogVersion();
    await t.db.delete(catalogTypes).where(eq(catalogTypes.code, 'suggestion'));
    expect(await seedCatalog(t.db, t.clock.now())).toEqual({ inserted: 1, rules: 0 });
    const c = (await admin.get('/api/catalog')).json();
    expect(c.version).toBe(version + 1);
    expect(c.types.find((x: { code: string }) => x.code === 'suggestion').nameZh).toBe('建议');
  });
});
