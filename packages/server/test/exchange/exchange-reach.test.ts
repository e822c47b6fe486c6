import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMessages } from '../../src/exchange/exchange.tables.js';
import { signedHeaders } from '../../src/platform/signing/signed-request.js';
import { expectError } from '../orders/http.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The exchange is the province hotline centre's (exchange/exchange-desk.ts): its messages, uploads and partners are
 * refused to a city's dispatcher, and a message's payload shows a caller's personal data as the order does, masked
 * (a confidential caller hidden), to every reader, the administrator included.
 */
let t: TestApp;
let admin: Client, dispatcher: Client, city: Client;
let partnerId: string, secret: string;

const mapping = {
  fields: {
    narrative: 'appealContent',
    typeCode: 'appealType',
    subjectCode: 'appealItem',
    'callers.0.name': 'citizen.name',
    'callers.0.phone': 'citizen.mobile',
    'callers.0.idNumber': 'citizen.idCard',
  },
  values: { typeCode: { 投诉: 'complaint' } },
  states: {},
  defaults: {},
};
const theirOrder = (extra: Record<string, unknown> = {}) => ({
  appealContent: '某建筑工地拖欠工资三个月',
  appealType: '投诉',
  appealItem: 'wage_arrears',
  // backupPhone is no field of ours: the mapping leaves it out, the stored payload kept it.
  citizen: { name: '保密测试人', mobile: '13912345678', idCard: '11010519491231002X', backupPhone: '13800001111' },
  ...extra,
});
let nonce = 0;
async function send(externalId: string, order: Record<string, unknown>) {
  const body = JSON.stringify({ partnerId, externalId, order });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/exchange/inbound/orders',
    payload: body,
    headers: signedHeaders('hmac-sha256', secret, body, t.clock.now(), `reach-${++nonce}`),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { orderId: string; number: string };
}
/** The partner the file sets up; sent again, its name is taken. */
const partnerBody = () => ({
  name: '呼和浩特市 12345',
  kind: 'gov12345',
  direction: 'in',
  signingMethod: 'hmac-sha256',
  receivingUnitId: dispatcher.session.current.unit.id,
  mapping,
});
const inbound = async (c: Client, orderId: string) =>
  (await ok(c.get(`/api/exchange/messages?orderId=${orderId}&direction=in`))).items as { kind: string; payload: Record<string, unknown> }[];

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' });
  [admin, dispatcher, city] = await Promise.all([t.login('admin'), t.login('dispatcher'), t.login('city')]);
  const p = await ok(admin.post('/api/exchange/partners', partnerBody()), 201);
  partnerId = p.id;
  secret = p.signingSecret;
});
afterAll(() => t?.close());

describe('who reads the exchange', () => {
  it('a city’s dispatcher is refused its messages, uploads and partners; the province’s desk reads them', async () => {
    const r = await send('REACH-1', theirOrder());
    // The order is the province centre's, waiting for dispatch: outside the city's reach.
    expect(city.session.current).toMatchObject({ role: 'dispatcher', holdsProvinceHotline: false });
    await expectError(city.get(`/api/orders/${r.orderId}`), 404, 'ORDER_NOT_FOUND');
    for (const url of ['/api/exchange/messages?direction=in', `/api/exchange/messages?orderId=${r.orderId}`, '/api/exchange/uploads', '/api/exchange/partners'])
      await expectError(city.get(url), 403, 'EXCHANGE_OUT_OF_SCOPE');
    // The province's desk: the centre's dispatcher and the administrator, whose sessions say they hold the centre.
    expect(dispatcher.session.current.holdsProvinceHotline).toBe(true);
    expect(admin.session.current.holdsProvinceHotline).toBe(true);
    for (const c of [dispatcher, admin]) {
      expect((await inbound(c, r.orderId)).map((m) => m.kind)).toEqual(['order']);
      await ok(c.get('/api/exchange/uploads'));
      expect((await ok(c.get('/api/exchange/partners'))).items.map((p: { id: string }) => p.id)).toContain(partnerId);
    }
    // A role that never reads the exchange is still told so by its role first.
    await expectError((await t.login('handler')).get('/api/exchange/messages'), 403, 'ROLE_REQUIRED');
  });
});

describe('a message’s payload', () => {
  it('hides a confidential caller from every reader, as the order does', async () => {
    const r = await send('REACH-SECRET', theirOrder({ confidential: true }));
    const order = await ok(dispatcher.get(`/api/orders/${r.orderId}`));
    expect(order.confidential).toBe(true);
    for (const c of [admin, dispatcher]) {
      const [m] = await inbound(c, r.orderId);
      expect(m!.payload).toMatchObject({
        number: r.number,
        order: { appealContent: '某建筑工地拖欠工资三个月', citizen: { name: '（保密）', mobile: '（保密）', idCard: '（保密）', backupPhone: '（保密）' } },
      });
      // The whole list too, not only the order's own messages.
      const all = await ok(c.get('/api/exchange/messages?direction=in'));
      const listed = all.items.find((x: { orderId: string }) => x.orderId === r.orderId);
      expect(listed.payload).toEqual(m!.payload);
      for (const text of ['保密测试人', '5678', '002X', '1111']) expect(JSON.stringify(listed)).not.toContain(text);
      // No whole number in any message of the list.
      for (const text of ['13912345678', '11010519491231002X', '13800001111']) expect(JSON.stringify(all)).not.toContain(text);
    }
    // Nothing reads the partner's whole numbers once the order is made (a duplicate is answered by the number kept
    // beside them): the row keeps them masked too.
    const [row] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.externalId, 'REACH-SECRET'));
    expect(JSON.stringify(row!.payload)).not.toMatch(/保密测试人|13912345678|11010519491231002X|13800001111/);
    expect(await send('REACH-SECRET', theirOrder({ confidential: true }))).toMatchObject({ orderId: r.orderId, number: r.number, duplicate: true });
  });

  it('masks an ordinary caller’s numbers as the order view does, the name shown', async () => {
    const r = await send('REACH-PLAIN', theirOrder());
    const caller = (await ok(dispatcher.get(`/api/orders/${r.orderId}`))).callers[0];
    const [m] = await inbound(admin, r.orderId);
    expect((m!.payload.order as { citizen: unknown }).citizen).toEqual({
      name: caller.name,
      mobile: caller.phone,
      idCard: caller.idNumber,
      backupPhone: '138****1111',
    });
    expect(caller).toMatchObject({ name: '保密测试人', phone: '139****5678', idNumber: '110105********002X' });
  });

  it('masks when read a row stored whole before the masking at receipt', async () => {
    const r = await send('REACH-OLD', theirOrder({ confidential: true }));
    // A row as it was stored before: the partner's order exactly as sent.
    await t.db.execute(
      sql`update exchange_messages set payload = ${JSON.stringify({ number: r.number, order: theirOrder({ confidential: true }) })}::jsonb
          where external_id = 'REACH-OLD' and direction = 'in'`,
    );
    const [m] = await inbound(dispatcher, r.orderId);
    expect((m!.payload.order as { citizen: unknown }).citizen).toEqual({ name: '（保密）', mobile: '（保密）', idCard: '（保密）', backupPhone: '（保密）' });
  });
});

describe('a partner’s name', () => {
  it('taken by another partner is a 409 naming the field, for the form to show under it', async () => {
    const again = await expectError(admin.post('/api/exchange/partners', partnerBody()), 409, 'EXCHANGE_PARTNER_NAME_TAKEN');
    expect(again.details?.fields).toEqual([{ field: 'body.name', message: '已有同名的对接平台' }]);
  });
});
