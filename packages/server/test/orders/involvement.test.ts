import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../src/units/units.tables.js';
import { act, createCityTeam, type TeamOrder } from '../support/city-team.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';
import { expectError } from './http.js';

/**
 * 催办, 领导批示 and 关联 need a current involvement in the order, like a note (orders/domain/state-machine.ts
 * `involvement: 'current'`): a unit that only still sees an order (visibility only grows, decisions/0001) is refused
 * with 403 ORDER_NOT_INVOLVED, while the province's hotline and leader keep them on every open order of the province,
 * and a city's leader on the orders held in the city's subtree. 撤销合并 needs one in the order the merged one went into.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, leader: Client, city: Client;
let countyA: { id: string }, countyB: { id: string }, cityUnit: { id: string };
let create: () => Promise<TeamOrder>, passedOver: () => Promise<TeamOrder>;

const urge = (c: Client, o: TeamOrder) => c.post(`/api/orders/${o.id}/urge`, { message: '请今日内联系企业并报告进展' });
const instruct = (c: Client, o: TeamOrder) => c.post(`/api/orders/${o.id}/instructions`, { text: '请督促企业依法足额支付。' });
const link = (c: Client, o: TeamOrder, other: TeamOrder) => c.post(`/api/orders/${o.id}/links`, { linkedOrderId: other.id, note: '同一老板' });

beforeAll(async () => {
  ({ t, agent, dispatcher, supervisor, leader, city, countyA, countyB, cityUnit, create, passedOver } = await createCityTeam({
    at: '2026-11-25T02:00:00Z',
    sessionDays: 30,
  }));
}, 300_000);
afterAll(() => t.close());

describe('a unit that only still sees an order (it returned it and was passed over)', () => {
  it('neither urges it (its supervisor), writes an instruction on it (its leader) nor links it; each is told why', async () => {
    const countySupervisor = await addPerson(t, 'countyasupervisor', 'supervisor', countyA.id);
    const countyLeader = await addPerson(t, 'countyaleader', 'leader', countyA.id);
    const o = await passedOver();
    // An order county A still holds, to link the passed-over one to.
    let mine = await create();
    mine = await ok(act(dispatcher, mine, 'dispatch', { unitId: countyA.id }));

    const seen = await ok<TeamOrder>(countySupervisor.get(`/api/orders/${o.id}`));
    expect(seen.relations).toEqual([]);
    expect(seen.allowedActions).toEqual([]);
    const urged = await expectError(urge(countySupervisor, o), 403, 'ORDER_NOT_INVOLVED');
    expect(urged.message).toBe('本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能催办');
    expect((await ok<TeamOrder>(countyLeader.get(`/api/orders/${o.id}`))).allowedActions).toEqual([]);
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
      const seen = await ok<TeamOrder>(c.get(`/api/orders/${o.id}`));
      expect({ who, urge: seen.allowedActions.includes('urge') }).toEqual({ who, urge: true });
      await ok(urge(c, o));
    }
    for (const c of [leader, cityLeader, countyBLeader]) await ok(instruct(c, o));
    await ok(link(agent, o, other));
  });

  it('an order the city sent out to an external collaborator: the province leader and the city leader still urge it and instruct on it', async () => {
    const [inspection] = await t.db.select().from(units).where(eq(units.type, 'labour_inspection'));
    let o = await create();
    o = await ok(act(dispatcher, o, 'dispatch', { unitId: cityUnit.id }));
    o = await ok(act(city, o, 'dispatch', { unitId: inspection!.id }));
    const cityLeader = await t.login('cityleader', 'Person2026');
    for (const c of [leader, cityLeader]) {
      const seen = await ok<TeamOrder>(c.get(`/api/orders/${o.id}`));
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

describe('撤销合并 is offered exactly to the desks whose undoing is accepted', () => {
  it("the city holding a merged order takes no part in the hotline's order it went into: neither offered nor allowed; the hotline's desk both", async () => {
    // The hotline sent one order to the city, then merged it into one it still holds: the city sees the surviving
    // order (a merge widens its visibility) but takes no part in it, so it moves no callers out of it.
    let source = await create();
    source = await ok(act(dispatcher, source, 'dispatch', { unitId: cityUnit.id }));
    const target = await create();
    await ok(agent.post(`/api/orders/${target.id}/merge`, { version: target.version, sources: [{ id: source.id, version: source.version }] }));
    const unmerge = (c: Client, o: TeamOrder) => c.post(`/api/orders/${o.id}/unmerge`, { version: o.version, reason: '不是同一用人单位，合并错了' });

    const cityView = await ok<TeamOrder>(city.get(`/api/orders/${source.id}`));
    expect(cityView.relations).toContain('holder');
    const refused = await unmerge(city, cityView);
    expect({ offered: cityView.allowedActions.includes('unmerge'), status: refused.statusCode }).toEqual({ offered: false, status: 403 });
    expect(refused.json()).toMatchObject({ code: 'ORDER_NOT_INVOLVED' });

    const hotlineView = await ok<TeamOrder>(dispatcher.get(`/api/orders/${source.id}`));
    expect(hotlineView.allowedActions).toContain('unmerge');
    expect(await ok<TeamOrder>(unmerge(dispatcher, hotlineView))).toMatchObject({ state: 'pending_sign' });
  });
});
