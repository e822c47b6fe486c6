import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.tables.js';
import { workOrders } from '../../src/orders/orders.tables.js';
import { users } from '../../src/users/users.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { sessionCookie, tinyPng, upload } from './http.js';

/** Who sees which order: the access rule by unit, co-handling, integration accounts and confidential callers. */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, handler2: Client, city: Client, admin: Client;
let county: { id: string }, otherCounty: { id: string };

const order = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711234' }],
  employer: { name: '呼和浩特市某某物业服务有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映物业公司拖欠三个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

async function userUnit(username: string) {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { userId: u!.id, unitId: u!.unitId };
}

async function createAndDispatch(unitId: string, over: Record<string, unknown> = {}) {
  const created = await ok(agent.post('/api/orders', order(over)), 201);
  return ok(dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId }));
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, dispatcher, handler, handler2, city, admin] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('handler2'),
    t.login('city'),
    // API tokens are issued by the security administrator (三员分立).
    t.login('secadmin'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  otherCounty = { id: (await userUnit('handler2')).unitId };
});
afterAll(() => t.close());

describe('a handler and another county’s order', () => {
  let mine: { id: string; version: number };
  let theirs: { id: string; version: number; number: string };
  let attachmentId: string;
  let coHandlerId: string;

  beforeAll(async () => {
    mine = await createAndDispatch(county.id);
    theirs = await createAndDispatch(otherCounty.id, { callers: [{ name: '赵女士', phone: '13904715678' }], place: { text: '另一城市某区' } });
    const withCo = await ok(
      dispatcher.post(`/api/orders/${theirs.id}/co-handlers`, {
        version: theirs.version,
        unitId: (await t.db.query.units.findFirst({ where: (u, { eq }) => eq(u.type, 'hr_bureau') }))!.id,
      }),
    );
    coHandlerId = withCo.coHandlers[0].id;
    const up = await upload(t, await sessionCookie(t, 'handler2'), theirs.id, { name: 'photo.png', bytes: tinyPng() });
    expect(up.statusCode).toBe(200);
    attachmentId = up.json().attachments[0].id;
    theirs = await ok(handler2.get(`/api/orders/${theirs.id}`));
  });

  it('is a 404 by id, by timeline and by attachment download', async () => {
    for (const url of [`/api/orders/${theirs.id}`, `/api/orders/${theirs.id}/events`, `/api/orders/${theirs.id}/attachments/${attachmentId}`]) {
      const res = await handler.get(url);
      expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'ORDER_NOT_FOUND']);
    }
  });

  it('is a 404 for every change, exactly as for an order that does not exist', async () => {
    const v = theirs.version;
    const bodies: [string, unknown][] = [
      ['callers', { version: v, caller: { name: '钱先生' }, channel: 'phone' }],
      ['notes', { note: '进展' }],
      ['reveal-contact', { reason: '核实' }],
      ['merge', { version: v, sources: [{ id: mine.id, version: mine.version }] }],
      ['links', { linkedOrderId: mine.id }],
      ['invalidate', { version: v, reason: '测试' }],
      ['dispatch', { version: v, unitId: county.id }],
      ['handle-at-hotline', { version: v }],
      ['sign', { version: v }],
      ['return', { version: v, reason: '非本辖区' }],
      ['return-decision', { version: v, decision: 'reject', reason: '驳回' }],
      ['co-handlers', { version: v, unitId: county.id }],
      [`co-handlers/${coHandlerId}/remove`, { version: v, reason: '移除' }],
      ['co-handler-reply', { version: v, reply: '协办' }],
      ['extension', { version: v, amount: 1, reason: '延期', callerInformed: true }],
      ['extension-decision', { version: v, approve: true }],
      ['reply', { version: v, outcome: { resolved: true, measures: '已办结' } }],
      ['review', { version: v, decision: 'accept' }],
      ['callback', { version: v, result: 'unreachable' }],
      ['reopen', { version: v, reason: '重启' }],
      ['archive', { version: v }],
    ];
    const missing = crypto.randomUUID();
    for (const [path, body] of bodies) {
      const res = await handler.post(`/api/orders/${theirs.id}/${path}`, body);
      expect([path, res.statusCode, res.json().code]).toEqual([path, 404, 'ORDER_NOT_FOUND']);
      const none = await handler.post(`/api/orders/${missing}/${path.replace(coHandlerId, crypto.randomUUID())}`, body);
      expect([path, none.statusCode]).toEqual([path, 404]);
    }
    const up = await upload(t, await sessionCookie(t, 'handler'), theirs.id, { name: 'photo.png', bytes: tinyPng() });
    expect([up.statusCode, up.json().code]).toEqual([404, 'ORDER_NOT_FOUND']);
    const after = await ok(handler2.get(`/api/orders/${theirs.id}`));
    expect(after.version).toBe(theirs.version);
    expect(after.attachments).toHaveLength(1);
    const events = await ok(handler2.get(`/api/orders/${theirs.id}/events`));
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'invite_co_handler', 'add_attachment']);
  });

  it('is absent from the list, its total and its counts', async () => {
    // The demo history ends before today: today's orders are the ones made here.
    const list = await ok(handler.get('/api/orders?limit=200&from=2026-11-25'));
    const ids = list.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.total).toBe(ids.length);
    expect(Object.values(list.countsByState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(ids.length);
    const byNumber = await ok(handler.get(`/api/orders?q=${theirs.number}`));
    expect(byNumber).toEqual({ items: [], nextCursor: null, countsByState: {}, total: 0, totalCapped: false, countsDeferred: false });
    const byPhone = await ok(handler.get('/api/orders?callerPhone=13904715678'));
    expect(byPhone.total).toBe(0);
    // The owning county finds it by the same filters.
    expect((await ok(handler2.get(`/api/orders?q=${theirs.number}`))).total).toBe(1);
  });

  it('lets the city dispatcher see its counties’ orders and no other city’s', async () => {
    expect((await city.get(`/api/orders/${mine.id}`)).statusCode).toBe(200);
    expect((await city.get(`/api/orders/${theirs.id}`)).statusCode).toBe(404);
    const ids = (await ok(city.get('/api/orders?limit=200&from=2026-11-25'))).items.map((o: { id: string }) => o.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it('lets a co-handling unit of another city see the order it was invited to', async () => {
    expect((await handler2.get(`/api/orders/${mine.id}`)).statusCode).toBe(404);
    const invited = await ok(dispatcher.post(`/api/orders/${mine.id}/co-handlers`, { version: mine.version, unitId: otherCounty.id, task: '协助核实' }));
    const seen = await ok(handler2.get(`/api/orders/${mine.id}`));
    expect(seen.relations).toEqual(['co_handler']);
    expect(seen.allowedActions).toContain('reply_co_handler_part');
    const co = await ok(handler2.get('/api/orders?involvement=co_handling&from=2026-11-25'));
    expect(co.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    mine = invited;
  });
});

describe('an integration account', () => {
  let token: string;
  let apiUserId: string;

  beforeAll(async () => {
    const { userId } = await userUnit('api12345');
    apiUserId = userId;
    token = (await ok(admin.post(`/api/users/${userId}/tokens`, { name: '12345 政务热线对接' }), 201)).token;
  });

  it('sees only the orders it created, held by the hotline centre', async () => {
    const api = t.withToken(token);
    const own = await ok(api.post('/api/orders', order({ channel: 'transfer_12345', callers: [{ name: '孙先生', phone: '13904719999' }] })), 201);
    expect(own.holderUnit.name).toBe('内蒙古自治区总工会12351热线服务中心');
    expect((await api.get(`/api/orders/${own.id}`)).statusCode).toBe(200);
    const other = await ok(agent.post('/api/orders', order()), 201);
    expect((await api.get(`/api/orders/${other.id}`)).statusCode).toBe(404);
    expect((await api.get(`/api/orders/${other.id}/events`)).statusCode).toBe(404);
    // Exactly the orders it created, the demo history's transfers included, and none of anyone else's.
    const createdByIt = (await t.db.select({ id: workOrders.id }).from(workOrders).where(eq(workOrders.createdBy, apiUserId))).map((r) => r.id).sort();
    expect(createdByIt).toContain(own.id);
    const list = await ok(api.get('/api/orders?limit=200'));
    expect(list.items.map((o: { id: string }) => o.id).sort()).toEqual(createdByIt);
    expect(list.total).toBe(createdByIt.length);
    expect((await ok(api.get('/api/orders?from=2026-11-25'))).items.map((o: { id: string }) => o.id)).toEqual([own.id]);
    // The centre's agent sees the transferred order like any other.
    expect((await agent.get(`/api/orders/${own.id}`)).statusCode).toBe(200);
  });
});

describe('a confidential caller', () => {
  let orderId: string;
  const caller = { name: '李女士', phone: '13904712468', idNumber: '11010519491231002X' };

  beforeAll(async () => {
    orderId = (await createAndDispatch(county.id, { callers: [caller], confidential: true })).id;
  });

  it('is shown whole to the intake agent', async () => {
    const seen = await ok(agent.get(`/api/orders/${orderId}`));
    expect(seen.contactAccess).toBe('plain');
    expect(seen.callers[0]).toMatchObject(caller);
  });

  it('is hidden from the handling unit, in the order, its timeline and its searches, and cannot be revealed', async () => {
    const seen = await ok(handler.get(`/api/orders/${orderId}`));
    expect(seen.contactAccess).toBe('hidden');
    expect(seen.callers[0]).toMatchObject({ name: '（保密）', phone: null, idNumber: null });
    const events = JSON.stringify(await ok(handler.get(`/api/orders/${orderId}/events`)));
    for (const secret of [caller.name, caller.phone, caller.idNumber]) expect(events).not.toContain(secret);
    const reveal = await handler.post(`/api/orders/${orderId}/reveal-contact`, { reason: '需要联系来电人' });
    expect([reveal.statusCode, reveal.json().code]).toEqual([403, 'ORDER_CONTACT_CONFIDENTIAL']);
    expect((await ok(handler.get(`/api/orders?callerPhone=${caller.phone}`))).total).toBe(0);
    expect((await city.get(`/api/orders?callerPhone=${caller.phone.slice(-6)}`)).json().code).toBe('ORDER_PHONE_SEARCH_WHOLE_NUMBER');
    expect((await ok(agent.get(`/api/orders?callerPhone=${caller.phone}`))).items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await ok(city.get(`/api/orders/intake-matches?phone=${caller.phone}`))).callerOrders).toEqual([]);
  });
});

describe('revealing a caller’s contact', () => {
  it('shows the whole number and is recorded on the timeline and in the audit log', async () => {
    const o = await createAndDispatch(county.id, { callers: [{ name: '周师傅', phone: '13904713579' }] });
    const masked = await ok(handler.get(`/api/orders/${o.id}`));
    expect(masked.callers[0].phone).toBe('139****3579');
    const revealed = await ok(handler.post(`/api/orders/${o.id}/reveal-contact`, { reason: '电话核实欠薪金额' }));
    expect(revealed.callers[0].phone).toBe('13904713579');
    const after = await ok(handler.get(`/api/orders/${o.id}`));
    expect(after.version).toBe(o.version);
    expect(after.callers[0].phone).toBe('139****3579');
    const events = await ok(handler.get(`/api/orders/${o.id}/events`));
    expect(events.at(-1)).toMatchObject({ action: 'reveal_contact', note: '电话核实欠薪金额', actor: { role: 'handler' }, unit: { id: county.id } });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'reveal_order_contact'), eq(auditEvents.targetId, o.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUsername: 'handler', targetType: 'order', detail: '电话核实欠薪金额', outcome: 'success' });
  });
});
