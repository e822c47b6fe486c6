import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';

/**
 * A search by a caller's number (personal-search.ts callerSearchFor) reads a number's few orders as a set, and tests a
 * number with many caller rows (more than 2,000) on each order the list walks. Both ways find the same orders, with
 * the same rule for confidential orders: a unit that neither took the call in nor dispatched the order does not find
 * it by its caller's number.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client;
const sent: string[] = [];
const T0 = '2026-11-25T02:00:00Z';
const phone = '13904719999';
const ids: Record<string, string> = {};

const body = (over: Record<string, unknown>) => ({
  channel: 'phone',
  narrative: '反映单位拖欠工资两个月。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  ...over,
});

type Page = { items: { id: string }[]; total: number; totalCapped: boolean };
type Matches = { callerOrders: { id: string }[] };

async function searches() {
  const list = await ok<Page>(dispatcher.get(`/api/orders?limit=50&callerPhone=${phone}`));
  const county = await ok<Page>(handler.get(`/api/orders?limit=50&callerPhone=${phone}`));
  const matches = await ok<Matches>(agent.get(`/api/orders/intake-matches?phone=${phone}`));
  const part = await ok<Page>(agent.get('/api/orders?limit=50&callerPhone=4719999'));
  const sorted = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
  return { list: sorted(list.items), total: list.total, county: sorted(county.items), matches: sorted(matches.callerOrders), part: sorted(part.items) };
}

beforeAll(async () => {
  t = await createTestApp({ at: T0, onQuery: (q) => sent.push(q) });
  [agent, dispatcher, handler] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  const county = (await t.db.query.units.findFirst({ where: (u, { and, eq }) => and(eq(u.type, 'county_federation'), eq(u.divisionCode, '150102')) }))!;
  const make = async (key: string, callers: unknown[], dispatch: boolean, over: Record<string, unknown> = {}) => {
    const o = await ok<{ id: string; version: number }>(agent.post('/api/orders', body({ callers, ...over })), 201);
    if (dispatch) await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    ids[key] = o.id;
  };
  await make('plain', [{ name: '甲', phone }], true);
  await make('second', [{ name: '甲', phone }], false);
  await make('confidential', [{ name: '乙', phone }], true, { confidential: true });
  await make('other', [{ name: '丙', phone: '13904718888' }], true);
});
afterAll(() => t.close());

describe('search by a caller’s number', () => {
  it('finds the same orders whether the number has few caller rows or many', async () => {
    const few = await searches();
    expect(few.list).toEqual([ids.plain, ids.second, ids.confidential].sort());
    expect(few.total).toBe(3);
    // The county sees the dispatched orders, but finds none by the number of a confidential order's caller.
    expect(few.county).toEqual([ids.plain]);
    expect(few.matches).toEqual(few.list);
    expect(few.part).toEqual(few.list);
    expect(sent.some((q) => /= any\(array\(select oc\.order_id/.test(q))).toBe(true);

    // 2,001 more caller rows of the number, on the plain order: past the threshold the orders are tested one by one.
    await t.db.execute(sql`insert into order_callers (id, order_id, name, phone, id_number, relation, is_primary, channel, called_at, confidential)
      select gen_random_uuid(), order_id, name, phone, id_number, relation, false, channel, called_at, confidential
      from order_callers, generate_series(1, 2001) where order_id = ${ids.plain}`);
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from order_callers where phone = ${phone}`));
    expect(n).toBeGreaterThan(2000);
    sent.length = 0;
    const many = await searches();
    expect(many).toEqual(few);
    expect(sent.some((q) => /exists \(select 1 from "order_callers" oc/.test(q))).toBe(true);
  });

  it('takes the number as typed or pasted: spaces, dashes, +86', async () => {
    const sorted = (p: Page) => p.items.map((x) => x.id).sort();
    const plain = sorted(await ok<Page>(dispatcher.get(`/api/orders?limit=50&callerPhone=${phone}`)));
    for (const typed of ['139-0471-9999', '139 0471 9999', '+86 139 0471 9999']) {
      expect(sorted(await ok<Page>(dispatcher.get(`/api/orders?limit=50&callerPhone=${encodeURIComponent(typed)}`)))).toEqual(plain);
    }
    const bad = await dispatcher.get(`/api/orders?limit=50&callerPhone=${encodeURIComponent('13-')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
