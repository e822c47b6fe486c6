import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';

/**
 * listOrders: each filter on a known set of orders, the per-state counts, and cursor paging without gaps.
 * The demo installation's history ends before today, so `from=today` leaves exactly the orders made here.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client;
let county: { id: string }, otherCounty: { id: string }, town: { id: string };
const o: Record<string, { id: string; number: string; version: number }> = {};
const T0 = '2026-11-25T02:00:00Z'; // Wednesday 10:00 in Beijing
const today = 'from=2026-11-25';

const body = (over: Record<string, unknown>) => ({
  channel: 'phone',
  narrative: '反映拖欠工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

type Page = {
  items: { id: string }[];
  nextCursor: string | null;
  countsByState: Record<string, number>;
  total: number;
  totalCapped?: boolean;
  countsDeferred?: boolean;
};
const ids = async (c: Client, query: string) => (await ok<Page>(c.get(`/api/orders?limit=200&${today}&${query}`))).items.map((x) => x.id).sort();
const named = (...keys: string[]) => keys.map((k) => o[k]!.id).sort();

beforeAll(async () => {
  t = await createTestApp({ at: T0, config: { sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 } });
  [agent, dispatcher, handler] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  county = await unitByDivision(t, 'county_federation', '150102');
  otherCounty = await unitByDivision(t, 'county_federation', '150105');
  town = (await t.db.query.units.findFirst({ where: (u, { and, eq }) => and(eq(u.type, 'town_union'), eq(u.parentId, county.id)) }))!;
  const make = async (key: string, over: Record<string, unknown>, to?: { unitId: string; coHandlers?: { unitId: string }[] }) => {
    const created = await ok(agent.post('/api/orders', body(over)), 201);
    o[key] = to ? await ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, ...to })) : created;
  };
  await make('normal', { callers: [{ name: '甲', phone: '13904710101' }], employer: { name: '呼和浩特市甲建筑劳务有限公司' }, riskFlags: ['mass'] });
  await make('urgent', { callers: [{ name: '乙', phone: '13904710202' }], employer: { name: '乙物业服务有限公司' }, priority: 'urgent' });
  await make('major', { callers: [{ name: '丙', phone: '13904710303' }], priority: 'major', narrative: '塔吊司机反映停工欠薪' });
  await make('county', { callers: [{ name: '丁', phone: '13904710404' }], place: { text: '新城区海拉尔东街' } }, { unitId: county.id });
  await make('town', { callers: [{ name: '戊', phone: '13904710505' }] }, { unitId: town.id });
  await make('other', { callers: [{ name: '己', phone: '13904710606' }] }, { unitId: otherCounty.id, coHandlers: [{ unitId: county.id }] });
  await make('closed', { callers: [{ name: '庚', phone: '13904710707' }], typeCode: 'consult', answeredOnSpot: { answer: '当场解答' } });
});
afterAll(() => t.close());

describe('listOrders filters', () => {
  it('filters by state, while the counts per state ignore the state filter', async () => {
    const open = await ok<Page>(dispatcher.get(`/api/orders?state=pending_dispatch&${today}`));
    expect(open.items.map((x) => x.id).sort()).toEqual(named('normal', 'urgent', 'major'));
    expect(open.total).toBe(3);
    // A period ranges over the history: the counts per state come from the count, asked for apart.
    const counted = await ok<Page>(dispatcher.get(`/api/orders/count?state=pending_dispatch&${today}`));
    expect(counted.total).toBe(3);
    expect(counted.countsByState).toEqual({ pending_dispatch: 3, pending_sign: 3, closed_at_intake: 1 });
    expect(await ids(dispatcher, 'state=pending_sign,closed_at_intake')).toEqual(named('county', 'town', 'other', 'closed'));
    // A state named twice is one state (each state's page is read on its own: twice would list its orders twice).
    expect(await ids(dispatcher, 'state=pending_sign,closed_at_intake,pending_sign')).toEqual(named('county', 'town', 'other', 'closed'));
    await expectError(dispatcher.get('/api/orders?state=lost'), 400, 'VALIDATION_FAILED');
  });

  it('filters by deadline status as the clock moves', async () => {
    // At +25 min: the major order's 15 minutes are over, and so are the normal one's — flagged 众, it is in the
    // emergency mechanism and runs on the major limits; the urgent one's 30 have a fifth left.
    t.clock.set('2026-11-25T02:25:00Z');
    expect(await ids(dispatcher, 'deadlineStatus=overdue')).toEqual(named('normal', 'major'));
    expect(await ids(dispatcher, 'deadlineStatus=near_due')).toEqual(named('urgent'));
    expect(await ids(dispatcher, 'deadlineStatus=on_time')).toEqual(named('county', 'town', 'other'));
    // The work queues' deadline order bounds its own index by the filter (order-list.ts): the same orders.
    expect(await ids(dispatcher, 'sort=due_asc&deadlineStatus=overdue')).toEqual(named('normal', 'major'));
    expect(await ids(dispatcher, 'sort=due_asc&deadlineStatus=near_due')).toEqual(named('urgent'));
    expect(await ids(dispatcher, 'sort=due_asc&deadlineStatus=on_time')).toEqual(named('county', 'town', 'other'));
    t.clock.set('2026-11-25T03:01:00Z');
    expect(await ids(dispatcher, 'deadlineStatus=overdue')).toEqual(named('normal', 'urgent', 'major'));
    t.clock.set(T0);
  });

  it('filters by a caller’s number (part of it for the agent who took the calls), the employer, free text, priority and risk flag', async () => {
    expect(await ids(agent, 'callerPhone=4710202')).toEqual(named('urgent'));
    expect(await ids(agent, 'callerPhone=139047101')).toEqual(named('normal'));
    expect((await ids(agent, 'callerPhone=13904710')).length).toBe(7);
    expect(await ids(dispatcher, `employer=${encodeURIComponent('物业')}`)).toEqual(named('urgent'));
    expect(await ids(dispatcher, `q=${encodeURIComponent('塔吊')}`)).toEqual(named('major'));
    expect(await ids(dispatcher, `q=${encodeURIComponent('海拉尔东街')}`)).toEqual(named('county'));
    expect(await ids(dispatcher, `q=${o.town!.number}`)).toEqual(named('town'));
    expect(await ids(dispatcher, `q=${encodeURIComponent('100%_')}`)).toEqual([]);
    expect(await ids(dispatcher, 'priority=urgent')).toEqual(named('urgent'));
    expect(await ids(dispatcher, 'riskFlag=mass')).toEqual(named('normal'));
  });

  it('filters by holding unit, with or without its subtree', async () => {
    expect(await ids(dispatcher, `unitId=${county.id}`)).toEqual(named('county', 'town'));
    expect(await ids(dispatcher, `unitId=${county.id}&includeSubtree=false`)).toEqual(named('county'));
    expect(await ids(dispatcher, `unitId=${town.id}`)).toEqual(named('town'));
    expect(await ids(dispatcher, `unitId=${crypto.randomUUID()}`)).toEqual([]);
    await expectError(dispatcher.get('/api/orders?unitId=not-a-uuid'), 400, 'VALIDATION_FAILED');
  });

  it('filters by how the actor’s unit is involved', async () => {
    expect(await ids(handler, '')).toEqual(named('county', 'town', 'other'));
    expect(await ids(handler, 'involvement=holder')).toEqual(named('county'));
    expect(await ids(handler, 'involvement=co_handling')).toEqual(named('other'));
    expect(await ids(dispatcher, 'involvement=dispatched')).toEqual(named('county', 'town', 'other'));
    expect((await ids(agent, 'involvement=intake')).length).toBe(7);
    const countyDispatcher = await addPerson(t, 'list_county_dispatcher', 'dispatcher', county.id);
    expect(await ids(countyDispatcher, 'involvement=dispatched')).toEqual([]);
  });
});

describe('cursor paging', () => {
  const marker = '分页测试';
  beforeAll(async () => {
    // Twelve at one instant (ties broken by id), the rest a second apart, five closed at intake (no deadline).
    for (let i = 0; i < 25; i++) {
      if (i >= 12) t.clock.advance(1000);
      const closed = i % 5 === 4;
      const res = await agent.post(
        '/api/orders',
        body({
          callers: [{ name: `来电人${i}` }],
          narrative: `${marker} 第 ${i} 单`,
          ...(i % 3 === 0 ? { priority: 'urgent' } : {}),
          ...(closed ? { typeCode: 'consult', answeredOnSpot: { answer: '已解答' } } : {}),
        }),
      );
      expect(res.statusCode).toBe(201);
    }
  });

  // Each sort without a state filter, and with two states (each state's page read on its own and merged, order-list.ts):
  // the same 25 orders in the same order.
  it.each(
    ['created_desc', 'created_asc', 'due_asc', 'updated_desc'].flatMap((sort) => [
      [sort, ''],
      [sort, '&state=closed_at_intake,pending_dispatch'],
    ]),
  )('walks 25 orders by %s%s, 10 at a time, without duplicates or gaps', async (sort, states) => {
    const q = `q=${encodeURIComponent(marker)}&sort=${sort}`;
    const all = (await ok<Page>(dispatcher.get(`/api/orders?${q}&limit=200`))).items.map((x) => x.id);
    expect(all).toHaveLength(25);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: Page = await ok<Page>(dispatcher.get(`/api/orders?${q}${states}&limit=10${cursor ? `&cursor=${cursor}` : ''}`));
      // A text's count ranges over the history: with a page found at once among the newest orders it is "more than
      // the page", counted apart; otherwise it was counted first (order-list.ts list).
      if (res.countsDeferred) expect(res).toMatchObject({ total: res.items.length, totalCapped: true });
      else expect(res.total).toBe(25);
      seen.push(...res.items.map((x) => x.id));
      sizes.push(res.items.length);
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect((await ok<Page>(dispatcher.get(`/api/orders/count?q=${encodeURIComponent(marker)}${states}`))).total).toBe(25);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(25);
  });

  it('refuses a cursor it did not make', async () => {
    await expectError(dispatcher.get('/api/orders?cursor=bm90LWEtY3Vyc29y'), 400, 'ORDER_CURSOR_INVALID');
    const forge = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
    // Each of these would otherwise reach SQL as a failing cast.
    for (const c of [
      ['not a time', crypto.randomUUID()],
      ['2026-02-30 10:00:00+00', crypto.randomUUID()],
      ['2026-11-25 02:00:00+00', 'not-a-uuid'],
      [1, 2],
    ]) {
      await expectError(dispatcher.get(`/api/orders?cursor=${forge(c)}`), 400, 'ORDER_CURSOR_INVALID');
    }
    const real = (await ok<Page>(dispatcher.get('/api/orders?limit=1'))).nextCursor!;
    expect((await dispatcher.get(`/api/orders?limit=1&cursor=${real}`)).statusCode).toBe(200);
    await expectError(dispatcher.get('/api/orders?color=red'), 400, 'VALIDATION_FAILED');
  });

  it('refuses a period that ends before it starts, as analytics does, instead of an empty list', async () => {
    const late = await expectError(dispatcher.get('/api/orders?from=2026-12-05&to=2026-11-01'), 400, 'ORDER_PERIOD_INVALID');
    expect(late.details?.fields).toEqual([{ field: 'querystring.from', message: '开始日期不能晚于结束日期' }]);
    const drill = await expectError(dispatcher.get('/api/orders?metric=ordersCreated&metricFrom=2026-11-26&metricTo=2026-11-25'), 400, 'ORDER_PERIOD_INVALID');
    expect(drill.details?.fields?.[0]?.field).toBe('querystring.metricFrom');
    // A single day is a period.
    expect(await ids(dispatcher, 'to=2026-11-25')).toEqual(await ids(dispatcher, ''));
  });
});
