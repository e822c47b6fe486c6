import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQueryOf, savedViews } from '../../src/orders/saved-views.js';
import type { TestApp } from '../support/test-app.js';
import { addPerson, createOrderTeam, ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * 重大（应急）: the saved view, its tab count and the emergency banner (and the supervision board's emergency total)
 * show the same orders — the open orders in the emergency mechanism the person may see, wherever they are held
 * (orders/emergency-condition.ts openEmergencyCondition). The supervisor at the hotline centre sees the province's,
 * the ones held by the units the centre dispatched to among them; archived, merged or invalidated orders are no
 * longer in the mechanism.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, leader: Client, cityLeader: Client;
let county: { id: string };
const made: Record<string, string> = {};

type Order = { id: string; version: number; state: string; holderUnit?: { id: string } };
type Page = { items: { id: string; state: string }[]; total: number; nextCursor: string | null };

let phones = 0;
const create = (over: Record<string, unknown> = {}) =>
  ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '刘师傅', phone: `1390471${String(5000 + ++phones).padStart(4, '0')}` }],
      employer: { name: `鄂尔多斯市第${phones}矿业劳务有限公司` },
      narrative: '反映劳务公司拖欠工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      priority: 'normal',
      ...over,
    }),
    201,
  );

function queryString(q: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p.toString();
}

/** Every order of the view's list for this person, page by page. */
async function viewList(c: Client): Promise<{ ids: string[]; states: string[]; total: number }> {
  const view = savedViews.find((v) => v.key === 'emergency')!;
  const base = queryString({ ...listQueryOf(view, c.session.current.unit.id), sort: 'due_asc', limit: 100 });
  const ids: string[] = [];
  const states: string[] = [];
  let total = 0;
  let cursor: string | null = null;
  do {
    const page: Page = await ok<Page>(c.get(`/api/orders?${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    for (const i of page.items) ids.push(i.id), states.push(i.state);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, states, total };
}

/** The banner above every list: how many open emergency orders, and the newest of them by name (at most 20). */
const banner = (c: Client) => ok<{ total: number; orders: { id: string }[] }>(c.get('/api/supervision/emergency'));
const viewCount = async (c: Client) =>
  (await ok<{ views: { key: string; count: number }[] }>(c.get('/api/orders/view-counts'))).views.find((v) => v.key === 'emergency')!.count;

beforeAll(async () => {
  // Wednesday 25 November 2026, 10:00 in Beijing.
  ({ t, agent, dispatcher, handler, supervisor, leader, county } = await createOrderTeam({ at: '2026-11-25T02:00:00Z', sessionDays: 2 }));
  const city = await unitByDivision(t, 'city_federation', '150100');
  cityLeader = await addPerson(t, 'cityleader', 'leader', city.id);

  // Held by the county the centre dispatched to: to sign for, and replied (待审核).
  const toSign = await create({ priority: 'major' });
  made.toSign = (await ok<Order>(dispatcher.post(`/api/orders/${toSign.id}/dispatch`, { version: toSign.version, unitId: county.id }))).id;
  const flagged = await create({ riskFlags: ['mass'] });
  const sent = await ok<Order>(dispatcher.post(`/api/orders/${flagged.id}/dispatch`, { version: flagged.version, unitId: county.id }));
  const signed = await ok<Order>(handler.post(`/api/orders/${flagged.id}/sign`, { version: sent.version }));
  const replied = await ok<Order>(
    handler.post(`/api/orders/${flagged.id}/reply`, {
      version: signed.version,
      outcome: { resolved: true, measures: '已督促企业支付拖欠工资', amountRecovered: 3000, workersHelped: 1 },
    }),
  );
  expect(replied.state).toBe('replied');
  made.replied = replied.id;
  // At the centre, to dispatch.
  const kept = await create({ priority: 'major' });
  made.kept = kept.id;
  // No longer in the mechanism: merged into the one kept, invalidated.
  const dup = await create({ priority: 'major' });
  const keptNow = await ok<Order>(agent.get(`/api/orders/${kept.id}`));
  await ok(agent.post(`/api/orders/${kept.id}/merge`, { version: keptNow.version, sources: [{ id: dup.id, version: dup.version }], note: '同一诉求重复来电' }));
  made.merged = dup.id;
  const wrong = await create({ priority: 'major' });
  await ok(dispatcher.post(`/api/orders/${wrong.id}/invalidate`, { version: wrong.version, reason: '测试来电，非真实诉求' }));
  made.invalid = wrong.id;
  // Not in the mechanism at all.
  const plain = await create();
  made.plain = (await ok<Order>(dispatcher.post(`/api/orders/${plain.id}/dispatch`, { version: plain.version, unitId: county.id }))).id;
}, 300_000);
afterAll(() => t.close());

describe('重大（应急）', () => {
  it('the supervisor at the hotline centre: the view lists the open emergency orders held anywhere in the province, none closed', async () => {
    const list = await viewList(supervisor);
    expect(list.ids).toEqual(expect.arrayContaining([made.toSign, made.replied, made.kept]));
    for (const k of ['merged', 'invalid', 'plain']) expect(list.ids, k).not.toContain(made[k]);
    expect(list.states.filter((s) => ['archived', 'merged', 'invalid', 'closed_at_intake'].includes(s))).toEqual([]);
    expect(list.total).toBe(list.ids.length);
  });

  for (const [who, c] of [
    ['supervisor', () => supervisor],
    ['leader at the province', () => leader],
    ['leader at a city', () => cityLeader],
  ] as const) {
    it(`${who}: the list, the tab's count, the banner and the board say the same orders`, async () => {
      const person = c();
      const list = await viewList(person);
      const b = await banner(person);
      expect(await viewCount(person)).toBe(list.total);
      expect(b.total).toBe(list.total);
      // The banner names the newest of them (at most 20): each is in the list.
      expect(list.ids).toEqual(expect.arrayContaining(b.orders.map((o) => o.id)));
      const board = await ok<{ totals: { emergency: number }; truncated: boolean }>(person.get('/api/supervision/board'));
      if (!board.truncated) expect(board.totals.emergency).toBe(list.total);
    });
  }

  it('the city leader sees the orders held in the city, the county the centre dispatched to among them, and the province leader no fewer', async () => {
    const city = await viewList(cityLeader);
    expect(city.ids).toEqual(expect.arrayContaining([made.toSign, made.replied]));
    expect(city.ids).not.toContain(made.kept);
    const province = await viewList(leader);
    expect(province.ids).toEqual(expect.arrayContaining(city.ids));
  });

  it('an order leaves the view, the count and the banner together when it is closed', async () => {
    const before = await viewList(supervisor);
    const o = await ok<Order>(agent.get(`/api/orders/${made.kept}`));
    await ok(dispatcher.post(`/api/orders/${made.kept}/invalidate`, { version: o.version, reason: '核实为重复登记' }));
    const after = await viewList(supervisor);
    expect(after.ids).not.toContain(made.kept);
    expect(after.total).toBe(before.total - 1);
    expect(await viewCount(supervisor)).toBe(after.total);
    expect((await banner(supervisor)).total).toBe(after.total);
  });
});
