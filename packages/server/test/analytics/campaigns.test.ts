import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, unitByName, type Client } from '../support/order-helpers.js';
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
