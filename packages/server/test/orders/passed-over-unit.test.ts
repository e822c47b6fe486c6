import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, createCityTeam, type TeamOrder } from '../support/city-team.js';
import { addPerson, ok, type Client } from '../support/order-helpers.js';
import type { TestApp } from '../support/test-app.js';
import { expectError } from './http.js';

/**
 * A unit that only still sees an order (it returned it and was passed over: visibility only grows, decisions/0001)
 * takes no more part in it (orders/domain/state-machine.ts `involvement: 'current'`). The supervision board still lists
 * the order to its supervisor, so each row says whether the reader may urge it, as the order's own page would; and
 * its agents and dispatchers attach no further caller to it.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client, city: Client;
let countyA: { id: string }, countyB: { id: string }, cityUnit: { id: string };
let create: () => Promise<TeamOrder>, passedOver: () => Promise<TeamOrder>;

/** Attaches a colleague who called too (a number not yet on the order: one already on it is refused with 409). */
const attach = (c: Client, o: TeamOrder, phone = '13904714444') =>
  act(c, o, 'callers', { caller: { name: '王先生', phone }, channel: 'phone', note: '同一公司的同事来电' });

beforeAll(async () => {
  ({ t, agent, dispatcher, supervisor, city, countyA, countyB, cityUnit, create, passedOver } = await createCityTeam({
    at: '2026-11-25T02:00:00Z',
    sessionDays: 30,
  }));
}, 300_000);
afterAll(() => t.close());

type Board = { units: { orders: { id: string; canUrge: boolean }[] }[] };
/** Each order of the reader's board with whether the reader may urge it. */
const boardOf = async (c: Client) =>
  new Map((await ok<Board>(c.get('/api/supervision/board'))).units.flatMap((u) => u.orders).map((o) => [o.id, o.canUrge] as const));

describe('the supervision board', () => {
  it("offers urging only on the rows the reader's unit takes part in, as the order's page does", async () => {
    const countySupervisor = await addPerson(t, 'countyasupervisor', 'supervisor', countyA.id);
    const gone = await passedOver();
    // County A holds this one, and co-handles the next one county B holds.
    let held = await create();
    held = await ok(act(dispatcher, held, 'dispatch', { unitId: countyA.id }));
    let coHandled = await create();
    coHandled = await ok(act(dispatcher, coHandled, 'dispatch', { unitId: cityUnit.id }));
    coHandled = await ok(act(city, coHandled, 'dispatch', { unitId: countyB.id, coHandlers: [{ unitId: countyA.id }] }));
    // A week on, every one of them is past its sign-for limit: on the board.
    t.clock.advance(7 * 86_400_000);

    const county = await boardOf(countySupervisor);
    expect({ gone: county.get(gone.id), held: county.get(held.id), coHandled: county.get(coHandled.id) }).toEqual({
      gone: false,
      held: true,
      coHandled: true,
    });
    // The row agrees with the order's page and with urging itself.
    expect((await ok<TeamOrder>(countySupervisor.get(`/api/orders/${gone.id}`))).allowedActions).not.toContain('urge');
    await expectError(countySupervisor.post(`/api/orders/${gone.id}/urge`, { message: '请尽快办理' }), 403, 'ORDER_NOT_INVOLVED');

    // The province hotline's supervisor reaches every holder of the federation.
    const province = await boardOf(supervisor);
    expect({ gone: province.get(gone.id), held: province.get(held.id), coHandled: province.get(coHandled.id) }).toEqual({
      gone: true,
      held: true,
      coHandled: true,
    });
    await ok(supervisor.post(`/api/orders/${gone.id}/urge`, { message: '请尽快办理' }));

    // A dispatcher reads the board but does not urge.
    const desk = await boardOf(dispatcher);
    expect(desk.get(gone.id)).toBe(false);
    expect([...desk.values()].every((may) => !may)).toBe(true);
  });
});

describe('attaching a further caller (追加来电人)', () => {
  it('is refused to a dispatcher whose county was passed over, and stays with the hotline and the county now holding it', async () => {
    const countyDispatcher = await addPerson(t, 'countyadispatcher', 'dispatcher', countyA.id);
    let o = await passedOver();
    expect((await ok<TeamOrder>(countyDispatcher.get(`/api/orders/${o.id}`))).allowedActions).not.toContain('attach_caller');
    const refused = await expectError(attach(countyDispatcher, o), 403, 'ORDER_NOT_INVOLVED');
    expect(refused.message).toBe('本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能追加来电人');

    // The hotline's agent on an order held two levels down (its reach is the federation's).
    expect((await ok<TeamOrder>(agent.get(`/api/orders/${o.id}`))).allowedActions).toContain('attach_caller');
    o = await ok<TeamOrder>(attach(agent, o));
    const countyBDispatcher = await addPerson(t, 'countybdispatcher', 'dispatcher', countyB.id);
    await ok(attach(countyBDispatcher, o, '13904715555'));
    const events = await ok<{ action: string }[]>(dispatcher.get(`/api/orders/${o.id}/events`));
    expect(events.filter((e) => e.action === 'attach_caller')).toHaveLength(2);
  });
});
