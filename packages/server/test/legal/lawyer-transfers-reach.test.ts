import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEventPoster } from '../support/call-events.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dispatchedOrder, orderBody, type PlacedOrder } from '../support/two-cities.js';

/**
 * Who reads which transfers to the lawyer on duty (GET /api/legal/lawyer-transfers without an order): a transfer of an
 * order only by those who may read the order (access/scope.ts), one of a call without an order only by those whose
 * call reach holds the call (calls/call-reach.ts); the lawyer their own, an agent the ones they made. On the demo
 * tree: an order of 新城区 (Hohhot), one of handler2's county (another city), and two calls passed on without an
 * order, one answered by the province's desk and one by a Hohhot centre's agent.
 */
let t: TestApp;
let supervisor: Client, agent: Client, dispatcher: Client, city: Client, leader: Client, inspector: Client, lawyer: Client;
let hohhotOrder: PlacedOrder, otherOrder: PlacedOrder;
const transfers: Record<'hohhot' | 'other' | 'provinceCall' | 'cityCall', string> = { hohhot: '', other: '', provinceCall: '', cityCall: '' };

/** A question about a labour contract (咨询), the kind passed on to the lawyer on duty. */
const order = (narrative: string, place: { text: string; divisionCode?: string }) =>
  orderBody(narrative, place, {
    callers: [{ name: '钱女士', phone: '13904719999' }],
    employer: { name: '内蒙古恒泰建筑工程有限公司' },
    typeCode: 'consult',
    subjectCode: 'labor_contract',
  });
const dispatched = (body: ReturnType<typeof order>, unitId: string) => dispatchedOrder({ agent, dispatcher }, body, unitId);

const listed = async (c: Client) => {
  const r = await ok<{ items: { id: string; order: { number: string } | null; callId: string | null }[] }>(c.get('/api/legal/lawyer-transfers'));
  return r.items.map((i) => i.id).sort();
};
const ids = (...keys: (keyof typeof transfers)[]) => keys.map((k) => transfers[k]).sort();

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' }); // Monday 10:00 Beijing
  [supervisor, agent, dispatcher, city, leader, inspector, lawyer] = await Promise.all([
    t.login('supervisor'),
    t.login('agent'),
    t.login('dispatcher'),
    t.login('city'),
    t.login('leader'),
    t.login('inspector'),
    t.login('lawyer'),
  ]);
  const handler2 = await t.login('handler2');
  await ok(
    supervisor.put('/api/legal/lawyer-roster', {
      version: 0,
      perDay: 2,
      anchorDate: '2026-11-30',
      lawyers: ['张律师', '王律师'].map((name, i) => ({
        name,
        firm: '内蒙古第一律师事务所',
        phone: `1390471000${i}`,
        username: i ? null : 'lawyer',
        active: true,
      })),
    }),
  );
  // A Hohhot centre (decision 0002) with an agent of its own: the city's reach has the calls that agent answered.
  const admin = await t.login('admin');
  const hohhot = await unitByName(t, '呼和浩特市总工会');
  const centre = await ok<{ id: string }>(admin.post('/api/units', { parentId: hohhot.id, type: 'hotline_centre', name: '呼和浩特市12351热线分中心' }), 201);
  const cityAgent = await addPerson(t, 'hohhot-agent', 'agent', centre.id);

  const base = Date.parse('2026-11-30T01:50:00Z');
  const at = (sec: number) => new Date(base + sec * 1000).toISOString();
  const post = callEventPoster(t, 'law-reach');
  const res = await post([
    { eventId: 'p-1', callId: 'call-province', type: 'offered', at: at(0), from: '13904711111', to: '12351' },
    { eventId: 'p-2', callId: 'call-province', type: 'answered', at: at(4), agent: 'agent' },
    { eventId: 'h-1', callId: 'call-hohhot', type: 'offered', at: at(0), from: '13904712222', to: '12351' },
    { eventId: 'h-2', callId: 'call-hohhot', type: 'answered', at: at(6), agent: 'hohhot-agent' },
  ]);
  expect(res.statusCode).toBe(200);

  hohhotOrder = await dispatched(
    order('咨询公司未签劳动合同满一年，能否主张二倍工资。', { text: '呼和浩特市新城区', divisionCode: '150102' }),
    (await unitByDivision(t, 'county_federation', '150102')).id,
  );
  otherOrder = await dispatched(order('咨询被包头某建筑公司辞退能否要求经济补偿。', { text: '另一城市某区' }), handler2.session.current.unit.id);
  const pass = async (c: Client, body: Record<string, string>) =>
    (await ok<{ id: string }>(c.post('/api/legal/lawyer-transfers', { ...body, note: '转值班律师' }))).id;
  transfers.hohhot = await pass(agent, { orderId: hohhotOrder.id });
  transfers.other = await pass(agent, { orderId: otherOrder.id });
  transfers.provinceCall = await pass(agent, { callId: 'call-province' });
  transfers.cityCall = await pass(cityAgent, { callId: 'call-hohhot' });
  // The lawyer answers the other city's order: the question and the advice are what must not reach Hohhot.
  await ok(
    lawyer.post(`/api/legal/lawyer-transfers/${transfers.other}/consultation`, {
      question: '被辞退能否要求经济补偿',
      advice: '用人单位违法解除劳动合同的，应支付二倍经济补偿标准的赔偿金。',
      lawCited: ['劳动合同法第八十七条'],
      legalAidRecommended: false,
    }),
  );
});
afterAll(() => t.close());

describe("the list of transfers to the lawyer on duty is the reader's", () => {
  it("a city's dispatcher reads the transfers of its orders and of its centre's calls, none of another city's order or of the province's calls", async () => {
    const got = await ok<{ items: any[] }>(city.get('/api/legal/lawyer-transfers'));
    expect(got.items.map((i) => i.id).sort()).toEqual(ids('hohhot', 'cityCall'));
    const text = JSON.stringify(got);
    for (const leaked of [otherOrder.number, '被辞退能否要求经济补偿', 'call-province']) expect(text).not.toContain(leaked);
    // The same order read by id is a 404 for this reader: the list agrees with it.
    expect((await city.get(`/api/orders/${otherOrder.id}`)).statusCode).toBe(404);
  });

  it("a dispatcher of the other county reads only its own order's transfer (it has no centre, so no call)", async () => {
    const handler2 = await t.login('handler2');
    const countyDispatcher = await addPerson(t, 'dh-dispatcher', 'dispatcher', handler2.session.current.unit.id);
    expect(await listed(countyDispatcher)).toEqual(ids('other'));
  });

  it('those who steer at the province, and its desk’s dispatcher, still read every transfer', async () => {
    const all = ids('hohhot', 'other', 'provinceCall', 'cityCall');
    for (const c of [leader, inspector, supervisor, dispatcher]) expect(await listed(c)).toEqual(all);
  });

  it('a lawyer reads the transfers made to them; an agent those they made', async () => {
    // Both lawyers are on duty; every transfer went to the first of the day, the demo's "lawyer".
    expect(await listed(lawyer)).toEqual(ids('hohhot', 'other', 'provinceCall', 'cityCall'));
    expect(await listed(agent)).toEqual(ids('hohhot', 'other', 'provinceCall'));
    expect(await listed(await t.login('callback'))).toEqual([]);
  });
});

describe("the figures per lawyer are the reader's too", () => {
  type Figures = { items: { lawyer: { name: string }; transfers: number; consultations: number; legalAid: number }[]; total: Record<string, number> };
  const figuresOf = (c: Client) => ok<Figures>(c.get('/api/legal/lawyer-figures?from=2026-11-30&to=2026-11-30'));

  it("a city's dispatcher counts its order's and its centre's call's transfers, and none of the other city's consultation", async () => {
    const f = await figuresOf(city);
    expect(f.total).toEqual({ transfers: 2, consultations: 0, legalAid: 0 });
    expect(f.total.transfers).toBe((await listed(city)).length);
    expect(f.items.find((i) => i.lawyer.name === '张律师')).toMatchObject({ transfers: 2, consultations: 0 });
  });

  it("a county's dispatcher counts only its own order's transfer and consultation", async () => {
    const handler2 = await t.login('handler2');
    const countyDispatcher = await addPerson(t, 'dh-figures', 'dispatcher', handler2.session.current.unit.id);
    const f = await figuresOf(countyDispatcher);
    expect(f.total).toEqual({ transfers: 1, consultations: 1, legalAid: 0 });
    expect(f.total.transfers).toBe((await listed(countyDispatcher)).length);
  });

  it("the province counts every transfer: its consultations are the cockpit's 律师咨询, and agree with its list", async () => {
    for (const c of [leader, supervisor, dispatcher, inspector]) {
      const f = await figuresOf(c);
      expect(f.total).toEqual({ transfers: 4, consultations: 1, legalAid: 0 });
      expect(f.total.transfers).toBe((await listed(c)).length);
    }
    const kpis = await ok<{ legalConsultations: number | null }>(leader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'));
    expect(kpis.legalConsultations).toBe((await figuresOf(leader)).total.consultations);
  });

  it('a lawyer counts the transfers made to them, on their own line', async () => {
    const f = await figuresOf(lawyer);
    expect(f.items).toEqual([{ lawyer: expect.objectContaining({ name: '张律师' }), transfers: 4, consultations: 1, legalAid: 0 }]);
    expect(f.total.transfers).toBe((await listed(lawyer)).length);
  });
});
