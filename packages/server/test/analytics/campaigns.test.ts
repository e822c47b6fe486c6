import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.tables.js';
import { addPerson, ok, unitByName, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** 专项行动: what a campaign's creation refuses (the figures are in reports.test.ts). */
let t: TestApp;
let leader: Client;

beforeAll(async () => {
  t = await createTestApp();
  leader = await t.login('leader');
});
afterAll(() => t.close());

const period = { from: '2026-09-01', to: '2026-09-30' };
const create = (body: Record<string, unknown>) => leader.post('/api/analytics/campaigns', { ...period, ...body });

describe('a campaign’s rules', () => {
  it('refuses a subject the catalog does not have (it would count 0 for good), naming it on the subjects’ field', async () => {
    const res = await create({ name: '无此事项', rules: { subjectCodes: ['wage_arrears', 'no_such_code'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'CAMPAIGN_RULE_UNKNOWN',
      details: { fields: [{ field: 'body.rules.subjectCodes', message: '诉求事项不存在：no_such_code' }] },
    });
  });

  it('refuses a region that is no division of the province, and unknown types and flags', async () => {
    const res = await create({ name: '无此地区', rules: { divisionPrefixes: ['1599'], typeCodes: ['nope'], riskFlags: ['nope'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CAMPAIGN_RULE_UNKNOWN');
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toEqual([
      'body.rules.typeCodes',
      'body.rules.riskFlags',
      'body.rules.divisionPrefixes',
    ]);
    // Another province's county is no place of this one either.
    const shaanxi = await create({ name: '外省地区', rules: { divisionPrefixes: ['610102'] } });
    expect(shaanxi.json()).toMatchObject({ code: 'CAMPAIGN_RULE_UNKNOWN', details: { fields: [{ message: '本省行政区划不存在：610102' }] } });
  });

  it('stores a city named by its code as the prefix of its counties’ orders', async () => {
    const k = await ok(create({ name: '呼和浩特专项', rules: { subjectCodes: ['wage_arrears'], divisionPrefixes: ['150100', '150203'] } }), 201);
    expect(k.rules.divisionPrefixes).toEqual(['1501', '150203']);
  });

  it('says what is unknown in English when the interface is English', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'Demo12351' } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/campaigns',
      payload: { ...period, name: 'Unknown', rules: { subjectCodes: ['no_such_code'] } },
      headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': 'en' },
    });
    expect(res.json().details.fields[0].message).toBe('No such subject: no_such_code');
  });
});

describe('a campaign’s name', () => {
  it('is refused when blank, on its field', async () => {
    const res = await create({ name: '   ', rules: { subjectCodes: ['wage_arrears'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'body.name', message: '请填写专项行动名称' }]);
  });

  it('is stored trimmed, and one unit may not hold two campaigns of one name (409 on the name’s field)', async () => {
    const first = await ok(create({ name: '  冬季根治欠薪  ', rules: { subjectCodes: ['wage_arrears'] } }), 201);
    expect(first.name).toBe('冬季根治欠薪');
    const again = await create({ name: '冬季根治欠薪', from: '2026-12-01', to: '2026-12-31', rules: { keywords: ['欠薪'] } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CAMPAIGN_NAME_TAKEN', details: { fields: [{ field: 'body.name', message: '本单位已有同名的专项行动' }] } });
    const named = (await ok(leader.get('/api/analytics/campaigns'))).filter((k: { name: string }) => k.name === '冬季根治欠薪');
    expect(named).toHaveLength(1);
  });

  it('gives one of two simultaneous creations of one name', async () => {
    const body = { name: '同时创建', rules: { subjectCodes: ['wage_arrears'] } };
    const codes = (await Promise.all([create(body), create(body)])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409]);
  });

  it('may be the same at another unit', async () => {
    const hohhot = await unitByName(t, '呼和浩特市总工会');
    await ok(create({ name: '同名不同单位', rules: { subjectCodes: ['wage_arrears'] } }), 201);
    await ok(create({ name: '同名不同单位', unitId: hohhot.id, rules: { subjectCodes: ['wage_arrears'] } }), 201);
  });
});

describe('a campaign’s regions lie in its unit’s area', () => {
  let hohhot: Awaited<ReturnType<typeof unitByName>>;
  let cityLeader: Client;

  beforeAll(async () => {
    hohhot = await unitByName(t, '呼和浩特市总工会');
    cityLeader = await addPerson(t, 'hohhot-leader', 'leader', hohhot.id);
  });
  const byCity = (body: Record<string, unknown>) => cityLeader.post('/api/analytics/campaigns', { ...period, ...body });
  const listedNames = async (who: Client) => (await ok<{ name: string }[]>(who.get('/api/analytics/campaigns'))).map((k) => k.name);

  it('refuses a city’s campaign over another city, its county or the whole province (422 on the regions’ field), storing nothing', async () => {
    const res = await byCity({ name: '包头专项', rules: { subjectCodes: ['wage_arrears'], divisionPrefixes: ['150102', '150200', '150203', '15'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CAMPAIGN_REGION_OUT_OF_SCOPE',
      message: '专项行动的地区超出所属单位的辖区',
      details: { fields: [{ field: 'body.rules.divisionPrefixes', message: '超出所属单位的辖区：150200、150203、15' }] },
    });
    expect(await listedNames(cityLeader)).not.toContain('包头专项');
  });

  it('takes the city’s own places, the city itself and its counties', async () => {
    const k = await ok(byCity({ name: '首府专项', rules: { divisionPrefixes: ['150100', '150102'] } }), 201);
    expect(k).toMatchObject({ unitId: hohhot.id, rules: { divisionPrefixes: ['1501', '150102'] } });
  });

  it('holds the campaign’s unit to its area when someone above creates it for the unit', async () => {
    const res = await create({ name: '代建包头专项', unitId: hohhot.id, rules: { divisionPrefixes: ['1502'] } });
    expect([res.statusCode, res.json().code]).toEqual([422, 'CAMPAIGN_REGION_OUT_OF_SCOPE']);
  });

  it('gives a unit without a division of its own its federation’s area: the province’s hotline centre names any city', async () => {
    const supervisor = await t.login('supervisor');
    await ok(supervisor.post('/api/analytics/campaigns', { ...period, name: '热线中心包头专项', rules: { divisionPrefixes: ['150200'] } }), 201);
  });

  it('says so in English when the interface is English', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hohhot-leader', password: 'Person2026' } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/campaigns',
      payload: { ...period, name: 'Baotou', rules: { divisionPrefixes: ['1502'] } },
      headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': 'en' },
    });
    expect(res.json()).toMatchObject({
      message: "The campaign's regions lie outside its unit's area",
      details: { fields: [{ message: "Outside the unit's area: 1502" }] },
    });
  });

  it('lists and reads a campaign only within the reach of its unit: a county sees neither the city’s nor the province’s', async () => {
    const county = await unitByName(t, '新城区总工会');
    const countyLeader = await addPerson(t, 'xincheng-leader', 'leader', county.id);
    const provincial = await ok(create({ name: '全区专项', rules: { subjectCodes: ['wage_arrears'] } }), 201);
    const city = await ok(byCity({ name: '首府欠薪专项', rules: { subjectCodes: ['wage_arrears'] } }), 201);
    expect(await listedNames(countyLeader)).toEqual([]);
    for (const k of [provincial, city]) {
      const res = await countyLeader.get(`/api/analytics/campaigns/${k.id}/stats`);
      expect([res.statusCode, res.json().code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    }
    // The city sees its own, not the province's; the province both.
    expect(await listedNames(cityLeader)).toContain('首府欠薪专项');
    expect(await listedNames(cityLeader)).not.toContain('全区专项');
    expect(await listedNames(leader)).toEqual(expect.arrayContaining(['全区专项', '首府欠薪专项']));
    await expect(cityLeader.get(`/api/analytics/campaigns/${provincial.id}/stats`)).resolves.toMatchObject({ statusCode: 404 });
  });
});

describe('a campaign’s creation is audited', () => {
  it('records who created which campaign, for which unit, with its period and rules, in the unit’s scope', async () => {
    const k = await ok(create({ name: '审计专项', rules: { subjectCodes: ['wage_arrears'], divisionPrefixes: ['150100'], keywords: ['欠薪'] } }), 201);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'create_campaign'), eq(auditEvents.targetId, k.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUsername: 'leader',
      actorRole: 'leader',
      targetType: 'campaign',
      scopeUnitId: k.unitId,
      after: { name: '审计专项', unitId: k.unitId, from: period.from, to: period.to, rules: { divisionPrefixes: ['1501'], keywords: ['欠薪'] } },
    });
  });

  it('records nothing for a refused creation', async () => {
    const before = (await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'create_campaign'))).length;
    await create({ name: '审计专项', rules: { subjectCodes: ['wage_arrears'] } });
    await create({ name: '无此事项二', rules: { subjectCodes: ['no_such_code'] } });
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'create_campaign'))).length).toBe(before);
  });
});
