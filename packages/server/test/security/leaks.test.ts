import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.tables.js';
import { users } from '../../src/users/users.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/** Issue 10, items 1–3: personal data and out-of-scope orders must not leak through merges, searches or links. */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, handler2: Client, city: Client;
let county: { id: string }, otherCounty: { id: string };

const order = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904719999' }],
  employer: { name: '呼和浩特市某某保安服务有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映保安公司拖欠两个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  [agent, dispatcher, handler, handler2, city] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('handler2'),
    t.login('city'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  const [h2] = await t.db.select().from(users).where(eq(users.username, 'handler2'));
  otherCounty = { id: h2!.unitId };
});
afterAll(() => t.close());

describe('1. a confidential caller merged into an ordinary order', () => {
  const secret = { name: '匿名职工甲', phone: '13887654321', idNumber: '150102199001011230' };
  let target: { id: string; version: number };

  beforeAll(async () => {
    const s = await ok(agent.post('/api/orders', order({ confidential: true, callers: [secret] })), 201);
    const tCreated = await ok(agent.post('/api/orders', order({ callers: [{ name: '李师傅', phone: '13904710011' }] })), 201);
    target = await ok(dispatcher.post(`/api/orders/${tCreated.id}/dispatch`, { version: tCreated.version, unitId: county.id }));
    target = await ok(dispatcher.post(`/api/orders/${target.id}/merge`, { version: target.version, sources: [{ id: s.id, version: s.version }] }));
  });

  it('stays hidden from the handling unit on the order it ends up on', async () => {
    const seen = await ok(handler.get(`/api/orders/${target.id}`));
    const merged = seen.callers.find((c: { sourceOrderId: string | null }) => c.sourceOrderId);
    expect(merged).toMatchObject({ name: '（保密）', phone: null, idNumber: null });
    // Not the number, not even its masked tail ('138****4321'), nor the name or the ID: '4321' alone also matched a
    // random uuid in the order now and then (a caller's id held it: a flaky CI).
    const text = JSON.stringify(seen);
    for (const leak of [secret.phone, '*4321', secret.name, secret.idNumber]) expect(text).not.toContain(leak);
    // The order's own, ordinary caller is still shown masked as before.
    expect(seen.callers.find((c: { sourceOrderId: string | null }) => !c.sourceOrderId).phone).toBe('139****0011');
  });

  it('cannot be found by number nor revealed by the handling unit', async () => {
    expect((await ok(handler.get(`/api/orders?callerPhone=${secret.phone}`))).total).toBe(0);
    const revealed = await ok(handler.post(`/api/orders/${target.id}/reveal-contact`, { reason: '需要联系来电人' }));
    expect(JSON.stringify(revealed)).not.toContain(secret.phone);
    expect(JSON.stringify(revealed)).not.toContain(secret.idNumber);
    expect(revealed.callers.map((c: { phone: string | null }) => c.phone)).toContain('13904710011');
  });

  it('is still seen by the hotline that took the call', async () => {
    const seen = await ok(agent.get(`/api/orders/${target.id}`));
    expect(seen.callers.map((c: { phone: string }) => c.phone)).toContain(secret.phone);
  });
});

describe('2. searching by phone number', () => {
  let placed: { id: string };
  beforeAll(async () => {
    const o = await ok(agent.post('/api/orders', order({ callers: [{ name: '赵女士', phone: '13887650000' }] })), 201);
    placed = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  });

  it('refuses part of a number to a role that sees numbers masked', async () => {
    for (const part of ['1388', '138876', '387650']) {
      const res = await handler.get(`/api/orders?callerPhone=${part}`);
      expect([part, res.statusCode, res.json().code]).toEqual([part, 400, 'ORDER_PHONE_SEARCH_WHOLE_NUMBER']);
    }
    expect((await ok(handler.get('/api/orders?callerPhone=13887650000'))).items.map((o: { id: string }) => o.id)).toEqual([placed.id]);
  });

  it('lets the intake agent search by part of a number among the orders their unit took in', async () => {
    expect((await ok(agent.get('/api/orders?callerPhone=876500'))).items.map((o: { id: string }) => o.id)).toEqual([placed.id]);
  });

  it('writes every search by number to the audit log with who, what (masked) and how many results', async () => {
    await ok(handler.get('/api/orders?callerPhone=13887650000'));
    await ok(agent.get('/api/orders/intake-matches?phone=13887650000'));
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'search_personal_data'));
    const byHandler = rows.filter((r) => r.actorUsername === 'handler');
    expect(byHandler.length).toBeGreaterThanOrEqual(2);
    expect(byHandler.at(-1)!.after).toMatchObject({ phone: '138****0000', results: 1 });
    expect(JSON.stringify(rows)).not.toContain('13887650000');
    expect(rows.some((r) => r.actorUsername === 'agent' && r.targetId === 'findIntakeMatches')).toBe(true);
  });
});

describe('3. orders out of scope', () => {
  let mine: { id: string; version: number };
  let theirs: { id: string; version: number; number: string };

  beforeAll(async () => {
    const a = await ok(agent.post('/api/orders', order()), 201);
    mine = await ok(dispatcher.post(`/api/orders/${a.id}/dispatch`, { version: a.version, unitId: county.id }));
    const b = await ok(agent.post('/api/orders', order({ employer: { name: '包头市某某保安服务有限公司' }, place: { text: '另一城市' } })), 201);
    theirs = await ok(dispatcher.post(`/api/orders/${b.id}/dispatch`, { version: b.version, unitId: otherCounty.id }));
    await ok(dispatcher.post(`/api/orders/${mine.id}/links`, { linkedOrderId: theirs.id, note: '同一老板名下另一公司，欠薪职工王某某' }));
  });

  it('shows nothing of a linked order the viewer cannot see, in the order or on its timeline', async () => {
    const seen = await ok(handler.get(`/api/orders/${mine.id}`));
    expect(seen.links).toEqual([]);
    const events = JSON.stringify(await ok(handler.get(`/api/orders/${mine.id}/events`)));
    expect(events).not.toContain(theirs.id);
    expect(events).not.toContain(theirs.number);
    expect(events).not.toContain('王某某');
    // The hotline sees both and so the whole link.
    expect((await ok(dispatcher.get(`/api/orders/${mine.id}`))).links.map((l: { orderId: string }) => l.orderId)).toEqual([theirs.id]);
    expect(JSON.stringify(await ok(dispatcher.get(`/api/orders/${mine.id}/events`)))).toContain(theirs.number);
  });

  it('counts only the orders the viewer may list in the intake hints', async () => {
    // handler2's county has an order about this employer; the city dispatcher of Hohhot may not list it.
    const other = await ok(handler2.get(`/api/orders/${theirs.id}`));
    expect(other.employerName).toBe('包头市某某保安服务有限公司');
    const employer = encodeURIComponent('包头市某某保安服务有限公司');
    const hints = await ok(city.get(`/api/orders/intake-matches?employer=${employer}`));
    expect(hints.employerRequestsInWindow).toBe(0);
    expect(hints.employerOpenOrders).toEqual([]);
    expect((await ok(agent.get(`/api/orders/intake-matches?employer=${employer}`))).employerRequestsInWindow).toBe(1);
  });
});

describe('audit rows are scoped', () => {
  it('records searches under the searcher’s scope', async () => {
    const [row] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'search_personal_data'), eq(auditEvents.actorUsername, 'handler')));
    expect(row!.scopeUnitId).toBe(county.id);
  });
});
