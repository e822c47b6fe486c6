import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectError } from './http.js';

/**
 * 催办, 领导批示 and 关联 need a current involvement in the order, like a note (orders/domain/state-machine.ts
 * `involvement: 'current'`): a unit that only still sees an order (visibility only grows, decisions/0001) is refused
 * with 403 ORDER_NOT_INVOLVED, while the province's hotline and leader keep them on every open order of the province,
 * and a city's leader on the orders held in the city's subtree.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, leader: Client, handler: Client, city: Client;
let countyA: { id: string }, countyB: { id: string }, cityUnit: { id: string };

type Order = { id: string; version: number; state: string; allowedActions: string[]; relations: string[] };
let employers = 0;
const create = () =>
  ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '刘女士', phone: '13904713333' }],
      employer: { name: `呼和浩特市第${++employers}保洁服务有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映保洁公司拖欠工资，已两个月未发放。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
const post = (c: Client, o: Order, path: string, body: Record<string, unknown> = {}) => c.post(`/api/orders/${o.id}/${path}`, { version: o.version, ...body });
const urge = (c: Client, o: Order) => c.post(`/api/orders/${o.id}/urge`, { message: '请今日内联系企业并报告进展' });
const instruct = (c: Client, o: Order) => c.post(`/api/orders/${o.id}/instructions`, { text: '请督促企业依法足额支付。' });
const link = (c: Client, o: Order, other: Order) => c.post(`/api/orders/${o.id}/links`, { linkedOrderId: other.id, note: '同一老板' });

/** Hotline → city → county A, which returns it; the city re-dispatches it to county B. County A only still sees it. */
async function passedOver() {
  let o = await create();
  o = await ok(post(dispatcher, o, 'dispatch', { unitId: cityUnit.id }));
  o = await ok(post(city, o, 'dispatch', { unitId: countyA.id }));
  o = await ok(post(handler, o, 'return', { reason: '企业注册地不在本区' }));
  return ok<Order>(post(city, o, 'return-decision', { decision: 'redispatch', unitId: countyB.id, reason: '改派企业注册地' }));
}

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-25T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, dispatcher, supervisor, leader, handler, city] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('supervisor'),
    t.login('leader'),
    t.login('handler'),
    t.login('city'),
  ]);
  countyA = await unitByDivision(t, 'county_federation', '150102');
  countyB = await unitByDivision(t, 'county_federation', '150103');
  cityUnit = (await ok<{ current: { unit: { id: string } } }>(city.get('/api/auth/session'))).current.unit;
}, 300_000);
afterAll(() => t.close());

describe('a unit that only still sees an order (it returned it and was passed over)', () => {
  it('neither urges it (its supervisor), writes an instruction on it (its leader) nor links it; each is told why', async () => {
    const countySupervisor = await addPerson(t, 'countyasupervisor', 'supervisor', countyA.id);
    const countyLeader = await addPerson(t, 'countyaleader', 'leader', countyA.id);
    const o = await passedOver();
    // An order county A still holds, to link the passed-over one to.
    let mine = await create();
    mine = await ok(post(dispatcher, mine, 'dispatch', { unitId: countyA.id }));

    const seen = await ok<Order>(countySupervisor.get(`/api/orders/${o.id}`));
    expect(seen.relations).toEqual([]);
    expect(seen.allowedActions).toEqual([]);
    const urged = await expectError(urge(countySupervisor, o), 403, 'ORDER_NOT_INVOLVED');
    expect(urged.message).toBe('本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能催办');
    expect((await ok<Order>(countyLeader.get(`/api/orders/${o.id}`))).allowedActions).toEqual([]);
    await expectError(urge(countyLeader, o), 403, 'ORDER_NOT_INVOLVED');
    const instructed = await expectError(instruct(countyLeader, o), 403, 'ORDER_NOT_INVOLVED');
    expect(instructed.message).toContain('不能领导批示');
    await expectError(link(countySupervisor, o, mine), 403, 'ORDER_NOT_INVOLVED');
    // Nothing was written: no urge, no instruction, no link on the timeline.
    const events = await ok<{ action: string }[]>(dispatcher.get(`/api/orders/${o.id}/events`));
    expect(events.map((e) => e.action).filter((a) => ['urge', 'add_instruction', 'link'].includes(a))).toEqual([]);
    // The order it holds it still urges.
    await ok(urge(countySupervisor, mine));
  });
});

describe('the units that take part keep urging, instructing and linking', () => {
  it("the province's hotline supervisor, leader and agent on an order held two levels down; the city's leader on its subtree's", async () => {
    const o = await passedOver();
    const other = await create();
    const cityLeader = await addPerson(t, 'cityleader', 'leader', cityUnit.id);
    const countyBLeader = await addPerson(t, 'countybleader', 'leader', countyB.id);
    for (const [who, c] of [
      ['the hotline supervisor', supervisor],
      ['the province leader', leader],
      ["the city's leader", cityLeader],
      ["county B's leader", countyBLeader],
    ] as const) {
      const seen = await ok<Order>(c.get(`/api/orders/${o.id}`));
      expect({ who, urge: seen.allowedActions.includes('urge') }).toEqual({ who, urge: true });
      await ok(urge(c, o));
    }
    for (const c of [leader, cityLeader, countyBLeader]) await ok(instruct(c, o));
    await ok(link(agent, o, other));
  });

  it('an order the city sent out to an external collaborator: the province leader and the city leader still urge it and instruct on it', async () => {
    const [inspection] = await t.db.select().from(units).where(eq(units.type, 'labour_inspection'));
    let o = await create();
    o = await ok(post(dispatcher, o, 'dispatch', { unitId: cityUnit.id }));
    o = await ok(post(city, o, 'dispatch', { unitId: inspection!.id }));
    const cityLeader = await t.login('cityleader', 'Person2026');
    for (const c of [leader, cityLeader]) {
      const seen = await ok<Order>(c.get(`/api/orders/${o.id}`));
      expect(seen.relations).toContain('reaches_holder');
      expect(seen.allowedActions).toEqual(expect.arrayContaining(['urge', 'add_instruction']));
      await ok(urge(c, o));
      await ok(instruct(c, o));
    }
    await ok(urge(supervisor, o));
    // Another city's leader sees nothing of it.
    const other = await addPerson(t, 'baotouleader', 'leader', (await unitByDivision(t, 'city_federation', '150200')).id);
    expect((await other.get(`/api/orders/${o.id}`)).statusCode).toBe(404);
  });
});
