import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { recordEmployerNames } from '../../src/orders/employer-names.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';

/**
 * The list's employer filter (orders/employer-names.ts): orders whose employer has a name, or a normalised name,
 * containing what was typed, found among the distinct names intake records, then by the orders' employer key. Every
 * spelling of one employer is found by a part of any of them; `%` and `_` are taken literally; a part common to more
 * than 200 employers is answered the same way, through a subquery.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client;
const ids: Record<string, string> = {};
const T0 = '2026-11-25T02:00:00Z';
const sent: string[] = [];

const body = (employer: string | null, over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '甲', phone: '13904712345' }],
  narrative: '反映单位拖欠工资两个月。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...(employer ? { employer: { name: employer } } : {}),
  ...over,
});

type Page = { items: { id: string }[]; total: number; totalCapped: boolean };
const found = async (c: Client, typed: string) =>
  (await ok<Page>(c.get(`/api/orders?limit=50&employer=${encodeURIComponent(typed)}`))).items.map((o) => o.id).sort();
const named = (...keys: string[]) => keys.map((k) => ids[k]!).sort();

beforeAll(async () => {
  t = await createTestApp({ at: T0, onQuery: (q) => sent.push(q) });
  [agent, dispatcher, handler] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  const county = (await t.db.query.units.findFirst({ where: (u, { and, eq }) => and(eq(u.type, 'county_federation'), eq(u.divisionCode, '150102')) }))!;
  const make = async (key: string, employer: string | null, dispatch = false) => {
    const o = await ok<{ id: string; version: number }>(agent.post('/api/orders', body(employer)), 201);
    if (dispatch) await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    ids[key] = o.id;
  };
  // One employer spelt three ways (the key drops the bracketed place and the legal form), and others.
  await make('full', '（内蒙古）恒昌建筑劳务有限公司', true);
  await make('short', '恒昌建筑劳务');
  await make('spaced', '恒昌 建筑劳务有限责任公司');
  await make('other', '乌兰察布市恒泰物流有限公司');
  await make('percent', '百分之100%劳务');
  await make('latin', 'ABC Logistics 有限公司');
  await make('none', null);
});
afterAll(() => t.close());

describe('the list by employer', () => {
  it('finds every spelling of an employer by a part of any of them', async () => {
    const hengchang = named('full', 'short', 'spaced');
    expect(await found(dispatcher, '恒昌')).toEqual(hengchang);
    expect(await found(dispatcher, '恒昌建筑劳务有限公司')).toEqual(hengchang);
    expect(await found(dispatcher, '昌建')).toEqual(hengchang);
    // Parts only some spellings' names have (the place in brackets, the legal form) still find the employer.
    expect(await found(dispatcher, '内蒙古')).toEqual(hengchang);
    expect(await found(dispatcher, '有限责任公司')).toEqual(hengchang);
    // One character: every name with it.
    expect(await found(dispatcher, '恒')).toEqual(named('full', 'short', 'spaced', 'other'));
    expect(await found(dispatcher, '物流')).toEqual(named('other'));
    expect(await found(dispatcher, '恒大')).toEqual([]);
  });

  it('takes what was typed literally, in any case', async () => {
    expect(await found(dispatcher, '%')).toEqual(named('percent'));
    expect(await found(dispatcher, '0%劳')).toEqual(named('percent'));
    expect(await found(dispatcher, '_')).toEqual([]);
    expect(await found(dispatcher, 'logistics')).toEqual(named('latin'));
    expect(await found(dispatcher, 'ＡＢＣ')).toEqual(named('latin'));
  });

  it('refuses a name longer than a name can be, in Chinese, with the field', async () => {
    const res = await dispatcher.get(`/api/orders?employer=${encodeURIComponent('恒'.repeat(101))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'querystring.employer', message: '用人单位名称最多 100 个字' }] },
    });
    // The search box's own message, and in English.
    const long = `/api/orders?q=${encodeURIComponent('工'.repeat(101))}`;
    expect((await dispatcher.get(long)).json()).toMatchObject({ details: { fields: [{ field: 'querystring.q', message: '搜索内容最多 100 个字' }] } });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: 'Demo12351' } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const english = await t.app.inject({ method: 'GET', url: long, headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': 'en' } });
    expect(english.json()).toMatchObject({ details: { fields: [{ field: 'querystring.q', message: expect.stringMatching(/100 characters/) }] } });
  });

  it('shows a unit only the orders it may see', async () => {
    expect(await found(handler, '恒昌')).toEqual(named('full'));
    expect(await found(handler, '物流')).toEqual([]);
    // Visibility is tested on the rows the employers' keys read, never as the visible_to GIN ANDed with them (a
    // county's tens of thousands of entries read for an employer's few hundred orders).
    sent.length = 0;
    await found(handler, '恒昌');
    const page = sent.find((q) => q.includes('employer_key') && q.includes('order by'));
    expect(page).toMatch(/\("work_orders"\."visible_to" @> array\[\$\d+\]::uuid\[\]\) is true/);
  });

  it('records each name once, with its key, as intake writes the order', async () => {
    const rows = rowsOf<{ name: string; key: string }>(
      await t.db.execute(sql`select name, key from order_employer_names where name like '%恒昌%' order by name`),
    );
    expect(rows).toEqual([
      { name: '恒昌 建筑劳务有限责任公司', key: '恒昌建筑劳务' },
      { name: '恒昌建筑劳务', key: '恒昌建筑劳务' },
      { name: '（内蒙古）恒昌建筑劳务有限公司', key: '恒昌建筑劳务' },
    ]);
    await ok(agent.post('/api/orders', body('恒昌建筑劳务')), 201);
    const [again] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from order_employer_names where name = '恒昌建筑劳务'`));
    expect(again!.n).toBe(1);
  });

  it('answers a part common to more than 200 employers by a subquery, with the same orders', async () => {
    const before = await found(dispatcher, '劳务');
    expect(before).toEqual(expect.arrayContaining(named('full', 'short', 'spaced', 'percent')));
    await recordEmployerNames(
      t.db,
      Array.from({ length: 210 }, (_, i) => ({ employerName: `第${i}劳务派遣`, employerKey: `第${i}劳务派遣` })),
    );
    sent.length = 0;
    expect(await found(dispatcher, '劳务')).toEqual(before);
    expect(sent.some((q) => /employer_key" in \(select distinct/.test(q))).toBe(true);
  });
});
