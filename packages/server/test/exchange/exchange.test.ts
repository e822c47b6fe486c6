import { createServer, type AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/exchange/simulator.js';
import { sm2KeyPair } from '../../src/platform/signing/hmac.js';
import { exchangeMessages, exchangeNonces } from '../../src/exchange/exchange.tables.js';
import { claimNonces, findInboundOrders } from '../../src/exchange/exchange.repo.js';
import { orderEvents, workOrders } from '../../src/orders/orders.tables.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testPassword } from '../support/test-db.js';
import { expectError } from '../orders/http.js';
import { countStatements } from '../support/statement-count.js';
import { planNodes } from '../support/plans.js';

/**
 * The exchange with other platforms against the partner simulator, a real HTTP server: the product listens on a
 * port, the simulator posts signed orders to it and receives its signed status messages.
 */
let t: TestApp;
let admin: Client, dispatcher: Client, handler: Client;
let sim: Simulator, national: Simulator;
let partnerId: string, nationalId: string;
const hour = 3_600_000;

const mapping = {
  fields: {
    narrative: 'appealContent',
    title: 'appealTitle',
    typeCode: 'appealType',
    subjectCode: 'appealItem',
    'callers.0.name': 'citizen.name',
    'callers.0.phone': 'citizen.mobile',
    'employer.name': 'companyName',
  },
  values: { typeCode: { 投诉: 'complaint', 咨询: 'consult', 求助: 'help' } },
  states: { pending_dispatch: '已受理', pending_sign: '已派发', handling: '办理中', archived: '已办结' },
  defaults: { priority: 'normal' },
};
const theirOrder = (n: number) => ({
  appealTitle: `拖欠工资 ${n}`,
  appealContent: `某建筑工地拖欠工资三个月，涉及多名农民工（${n}）`,
  appealType: '投诉',
  appealItem: 'wage_arrears',
  citizen: { name: '张三', mobile: '13904710000' },
  companyName: '恒泰建筑工程有限公司',
});
/** Sessions end while the clock moves through a simulated day: log in again afterwards. */
const logins = async () => {
  [admin, dispatcher, handler] = await Promise.all([t.login('admin'), t.login('dispatcher'), t.login('handler')]);
};
/** A GET by the administrator with an English interface (Accept-Language as the web sends it). */
const inEnglish = async (url: string) => {
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: testPassword } });
  const c = login.cookies.find((x) => x.name === 'hotline_session')!;
  return t.app.inject({ method: 'GET', url, headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' } });
};
const orderCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(workOrders))[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z', config: { exchangeTimeoutSeconds: 1 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const product = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await logins();
  sim = await startSimulator({ product, partnerId: '', secret: '', method: 'hmac-sm3', now: () => t.clock.now() });
  national = await startSimulator({ product, partnerId: '', secret: '', now: () => t.clock.now() });
  const centre = dispatcher.session.current.unit.id;
  const created = await ok(
    admin.post('/api/exchange/partners', {
      name: '呼和浩特市 12345',
      kind: 'gov12345',
      direction: 'both',
      endpoint: sim.url,
      signingMethod: 'hmac-sm3',
      receivingUnitId: centre,
      mapping,
    }),
    201,
  );
  partnerId = created.id;
  sim.identify(created.id, created.signingSecret);
  const nat = await ok(
    admin.post('/api/exchange/partners', { name: '全国 12351 平台', kind: 'national', direction: 'in', signingMethod: 'hmac-sha256', receivingUnitId: centre }),
    201,
  );
  nationalId = nat.id;
  national.identify(nat.id, nat.signingSecret);
});
/** One counter for the file: a connection is wrapped once (test/support/statement-count.ts). */
let counted: ReturnType<typeof countStatements> | undefined;
const statements = () => (counted ??= countStatements(t.database));
afterAll(async () => {
  await sim?.close();
  await national?.close();
  await t?.close();
});

describe('partners', () => {
  it('shows the secret once, at creation; lists without it; changes are versioned', async () => {
    const list = await ok(admin.get('/api/exchange/partners'));
    expect(list.items).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain('signingSecret');
    const p = list.items.find((x: { id: string }) => x.id === nationalId);
    const changed = await ok(admin.patch(`/api/exchange/partners/${nationalId}`, { version: p.version, credentials: { platformCode: 'ACFTU' } }));
    expect(changed).toMatchObject({ version: p.version + 1, credentials: { platformCode: 'ACFTU' } });
    expect(changed.signingSecret).toBeUndefined();
    await expectError(admin.patch(`/api/exchange/partners/${nationalId}`, { version: p.version, active: true }), 409, 'VERSION_CONFLICT');
    await expectError(handler.get('/api/exchange/partners'), 403, 'ROLE_REQUIRED');
    await expectError(
      dispatcher.post('/api/exchange/partners', { name: 'y', direction: 'in', signingMethod: 'hmac-sha256', receivingUnitId: p.receivingUnit.id }),
      403,
      'ROLE_REQUIRED',
    );
    await expectError(
      admin.post('/api/exchange/partners', { name: 'x', direction: 'out', signingMethod: 'hmac-sha256', receivingUnitId: p.receivingUnit.id }),
      400,
      'EXCHANGE_ENDPOINT_REQUIRED',
    );
  });
});

describe('receiving orders', () => {
  it('takes in a mapped order with a receipt; the order shows its partner and the 12345 channel', async () => {
    const received = async () =>
      (await ok(admin.get('/api/exchange/figures'))).partners.find((p: { partner: { id: string } }) => p.partner.id === partnerId).receivedToday;
    expect(await received()).toBe(0);
    const r = await sim.sendOrder('HH-0001', theirOrder(1));
    expect(r.status).toBe(200);
    expect(await received()).toBe(1);
    expect(r.body).toMatchObject({ duplicate: false, number: expect.stringMatching(/^\d/) });
    const o = await ok(dispatcher.get(`/api/orders/${r.body!.orderId}`));
    expect(o).toMatchObject({ channel: 'transfer_12345', typeCode: 'complaint', state: 'pending_dispatch', narrative: theirOrder(1).appealContent });
    const x = await ok(dispatcher.get(`/api/orders/${o.id}/exchange`));
    expect(x.source).toMatchObject({ partner: { id: partnerId, name: '呼和浩特市 12345' }, externalId: 'HH-0001' });
    const [created] = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id));
    expect(created!.data).toMatchObject({ partner: { id: partnerId, externalId: 'HH-0001' } });
  });

  it('20 concurrent duplicates make one order and answer it 20 times', async () => {
    const before = await orderCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => sim.sendOrder('HH-DUP', theirOrder(2))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body!.orderId)).size).toBe(1);
    expect(answers.filter((a) => a.body!.duplicate === false)).toHaveLength(1);
    expect(await orderCount()).toBe(before + 1);
    const again = await sim.sendOrder('HH-DUP', theirOrder(2));
    expect(again.body).toMatchObject({ duplicate: true, orderId: answers[0]!.body!.orderId, number: answers[0]!.body!.number });
  });

  it('a malformed order gets a 400 naming the field in the partner’s terms, and nothing is created', async () => {
    const before = await orderCount();
    const { appealContent: _, ...noContent } = theirOrder(3);
    const r1 = await sim.sendOrder('HH-BAD1', noContent);
    expect(r1.status).toBe(400);
    expect((r1.body!.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain('order.appealContent');
    const r2 = await sim.sendOrder('HH-BAD2', { ...theirOrder(3), appealType: '表扬' });
    expect(r2.status).toBe(400);
    expect(r2.body!.code).toBe('CATALOG_CODE_UNKNOWN');
    expect((r2.body!.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['order.appealType']);
    // The intake's refusal keeps its own English when it is put in the partner's terms.
    const r2InEnglish = await sim.sendOrder('HH-BAD2', { ...theirOrder(3), appealType: '表扬' }, { language: 'en' });
    expect(r2InEnglish.body).toMatchObject({ code: 'CATALOG_CODE_UNKNOWN', message: expect.stringMatching(/^Unknown request type: /) });
    const r3 = await sim.sendOrder('HH-BAD3', { ...theirOrder(3), citizen: { name: '李四', mobile: 'abc' } });
    expect(r3.status).toBe(400);
    expect(JSON.stringify(r3.body)).toContain('order.citizen.mobile');
    // A partner reading English gets the summary in English too: each field's problem said by the English table.
    const r4 = await sim.sendOrder('HH-BAD4', noContent, { language: 'en' });
    expect(r4.body).toMatchObject({
      code: 'EXCHANGE_ORDER_INVALID',
      message: expect.stringMatching(/^The order does not meet the requirements: order\.appealContent /),
    });
    expect(r4.body!.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await orderCount()).toBe(before);
    // The same external id sent right afterwards is taken in: the failed attempt left nothing behind.
    expect((await sim.sendOrder('HH-BAD1', theirOrder(3))).body).toMatchObject({ duplicate: false });
  });

  it('takes a nonce once when the same signed request comes several times at once', async () => {
    // The receipts arriving together claim their nonces in one statement (inbound.service.ts): the copies meet in it.
    const answers = await Promise.all(Array.from({ length: 5 }, () => sim.sendOrder('HH-RACE', theirOrder(8), { nonce: 'nonce-race' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body!.code === 'SIGNATURE_REPLAYED')).toBe(true);
    const race = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.externalId, 'HH-RACE'));
    expect(race.filter((m) => m.direction === 'in')).toHaveLength(1);
    // By the statement itself: a pair named twice is taken by its first claim; one taken before is refused; the same
    // nonce of another partner is another pair.
    const at = t.clock.now();
    const other = '00000000-0000-4000-8000-000000000001';
    expect(
      await claimNonces(t.db, [
        { partnerId, nonce: 'n-a', at },
        { partnerId, nonce: 'n-a', at },
        { partnerId, nonce: 'nonce-race', at },
        { partnerId: other, nonce: 'n-a', at },
      ]),
    ).toEqual([true, false, false, true]);
    // The duplicate checks of receipts arriving together are one read too; each gets its own answer.
    const found = await findInboundOrders(t.db, [
      { partnerId, externalId: 'HH-RACE' },
      { partnerId, externalId: 'HH-NEVER' },
      { partnerId: other, externalId: 'HH-RACE' },
      { partnerId, externalId: 'HH-RACE' },
    ]);
    expect(found.map((m) => m?.externalId ?? null)).toEqual(['HH-RACE', null, null, 'HH-RACE']);
    expect(found[0]!.orderId).toBe(race.find((m) => m.direction === 'in')!.orderId);
    // Each key is one probe of the inbound key's index, never a read of every order received (a plan the planner
    // chose for `(partner, external id) in (…)` on a table it had not analysed yet, growing with the table).
    const counter = statements();
    const keys = [
      { partnerId, externalId: 'HH-RACE' },
      { partnerId, externalId: 'HH-NEVER' },
    ];
    const { sql: sent } = await counter.during(() => findInboundOrders(t.db, keys));
    const statement = sent.find((q) => /json_to_recordset/.test(q))!;
    const nodes = await planNodes(t.db, statement, JSON.stringify(keys.map((k) => ({ p: k.partnerId, e: k.externalId }))));
    const received = (await t.db.select({ n: sql<number>`count(*)::int` }).from(exchangeMessages).where(eq(exchangeMessages.direction, 'in')))[0]!.n;
    expect(received).toBeGreaterThan(2);
    const messages = nodes.filter((n) => n['Relation Name'] === 'exchange_messages');
    expect(messages.map((n) => [n['Node Type'], n['Index Name'], n['Actual Loops']])).toEqual([['Index Scan', 'exchange_messages_inbound_uq', 2]]);
    expect(messages[0]!['Index Cond']).toMatch(/partner_id.*kind.*external_id/);
  });

  it('refuses a bad signature, a replayed nonce and an old timestamp, storing nothing', async () => {
    const before = await orderCount();
    const messages = (await t.db.select({ n: sql<number>`count(*)::int` }).from(exchangeMessages))[0]!.n;
    expect((await sim.sendOrder('HH-SIG', theirOrder(4), { secret: 'not-the-partner-secret', nonce: 'nonce-bad' })).body!.code).toBe('SIGNATURE_BAD_SIGNATURE');
    expect((await sim.sendOrder('HH-SIG', theirOrder(4), { at: new Date(t.clock.now().getTime() - 6 * 60_000), nonce: 'nonce-old' })).body!.code).toBe(
      'SIGNATURE_STALE',
    );
    const first = await sim.sendOrder('HH-NONCE', theirOrder(5), { nonce: 'nonce-once' });
    expect(first.status).toBe(200);
    const replay = await sim.sendOrder('HH-REPLAY', theirOrder(6), { nonce: 'nonce-once' });
    expect([replay.status, replay.body!.code]).toEqual([409, 'SIGNATURE_REPLAYED']);
    // A partner signing with the other method is refused too (its method is part of the agreement).
    const wrong = await sim.post('/api/exchange/inbound/orders', { partnerId, externalId: 'HH-M', order: theirOrder(7) }, { secret: 'x' });
    expect(wrong.status).toBe(401);
    expect(await orderCount()).toBe(before + 1);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(exchangeMessages))[0]!.n).toBeGreaterThanOrEqual(messages + 1);
    for (const externalId of ['HH-SIG', 'HH-REPLAY', 'HH-M'])
      expect(await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.externalId, externalId))).toHaveLength(0);
    // A refused request's nonce is not kept either: only the accepted one's is.
    const nonces = (await t.db.select().from(exchangeNonces)).map((n) => n.nonce);
    expect(nonces).toContain('nonce-once');
    expect(nonces).not.toContain('nonce-bad');
    expect(nonces).not.toContain('nonce-old');
  });

  it('an order from the national platform comes in on the upper-platform channel', async () => {
    const theirs = {
      narrative: '全国平台转来：某企业拒签劳动合同',
      typeCode: 'complaint',
      subjectCode: 'labor_contract',
      callers: [{ name: '王五' }],
    };
    expect((await national.sendOrder('ACFTU-0', theirs)).status).toBe(200); // reference data and the system actor read
    const counter = statements();
    const { value: r, sql: sent } = await counter.during(() => national.sendOrder('ACFTU-1', theirs));
    expect(r.status).toBe(200);
    expect((await ok(dispatcher.get(`/api/orders/${r.body!.orderId}`))).channel).toBe('upper_platform');
    // A partner that takes no status messages: its nonce, the duplicate check, and the order written with its receipt
    // message by one statement, in no transaction of its own (orders/new-order.repo.ts `Alongside`). Was six: BEGIN,
    // the order, the message, COMMIT.
    expect(sent.filter((q) => /^(begin|commit)/i.test(q.trim()))).toEqual([]);
    const orderStatements = sent.filter((q) => q.includes('insert into "work_orders"'));
    expect(orderStatements).toHaveLength(1);
    expect(orderStatements[0]).toContain('insert into "exchange_messages"');
    // Besides, at most a block of order numbers (orders/order-numbers.ts).
    expect(sent.filter((q) => !q.includes('"order_sequences"'))).toHaveLength(3);
    // Its duplicates sent at once (no transaction here: the receipt message's unique key fails the order's statement)
    // make one order too, and each answers with it.
    const before = await orderCount();
    const dups = await Promise.all(Array.from({ length: 8 }, () => national.sendOrder('ACFTU-DUP', theirs)));
    expect(dups.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(dups.map((a) => a.body!.orderId)).size).toBe(1);
    expect(dups.filter((a) => a.body!.duplicate === false)).toHaveLength(1);
    expect(await orderCount()).toBe(before + 1);
    const [message] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.externalId, 'ACFTU-1'));
    expect(message).toMatchObject({ direction: 'in', kind: 'order', orderId: r.body!.orderId, partnerId: nationalId, state: 'received' });
    expect(message!.payload).toMatchObject({ number: r.body!.number, order: { narrative: '全国平台转来：某企业拒签劳动合同' } });
  });
});

describe('status back to the partner', () => {
  it('every state change is sent signed, in order; a partner down for a day gets each once, in order', async () => {
    const r = await sim.sendOrder('HH-LOOP', theirOrder(8));
    const id = r.body!.orderId as string;
    const number = r.body!.number as string;
    await t.app.jobs.runDue();
    expect(sim.ofOrder(number).map((m) => m.body.action)).toEqual(['received']);
    expect(sim.ofOrder(number)[0]!.body).toMatchObject({ state: '已受理', externalId: 'HH-LOOP', seq: 1 });

    sim.setMode('error500');
    let o = await ok(dispatcher.get(`/api/orders/${id}`));
    o = await ok(dispatcher.post(`/api/orders/${id}/dispatch`, { version: o.version, unitId: handler.session.current.unit.id }));
    o = await ok(handler.post(`/api/orders/${id}/sign`, { version: o.version }));
    for (let h = 0; h < 24; h++) {
      t.clock.advance(hour);
      await t.app.jobs.runDue();
    }
    await logins();
    const waiting = await ok(admin.get(`/api/exchange/messages?orderId=${id}&direction=out`));
    const undelivered = waiting.items.filter((m: { state: string }) => m.state !== 'delivered').sort((a: { seq: number }, b: { seq: number }) => a.seq - b.seq);
    expect(undelivered.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
    expect(undelivered[0].attempts).toBeGreaterThan(5);
    expect(undelivered[0].lastError).toContain('500');
    // The later one waits behind it, and says so. The kinds (domain/failures.ts) are what the page puts in words.
    expect(undelivered[1].lastError).toContain(`#${undelivered[0].id}`);
    expect(undelivered.map((m: { lastErrorKind: string }) => m.lastErrorKind)).toEqual(['partner_error', 'behind_earlier']);
    const down = await ok(admin.get('/api/exchange/figures'));
    expect(down.waiting).toBeGreaterThanOrEqual(2);
    // The lag is the age of the oldest message still waiting: the dispatch's, a day ago.
    const downFig = down.partners.find((p: { partner: { id: string } }) => p.partner.id === partnerId);
    expect(downFig).toMatchObject({ waiting: 2, failed: 0, sentToday: 0 });
    expect(downFig.lagSeconds).toBeGreaterThanOrEqual(24 * 3600);
    expect(downFig.lagSeconds).toBeLessThan(24 * 3600 + 600);
    expect(down.lagSeconds).toBe(downFig.lagSeconds);

    sim.setMode('ok');
    // The back-off has reached its cap (an hour, and up to a tenth more): within two hours every job has tried again.
    t.clock.advance(2 * hour);
    await t.app.jobs.runDue();
    await logins();
    const got = sim.ofOrder(number);
    expect(got.map((m) => [m.seq, m.body.action, m.times])).toEqual([
      [1, 'received', 1],
      [2, 'dispatch', 1],
      [3, 'sign', 1],
    ]);
    expect(got[2]!.body.state).toBe('办理中');
    expect(sim.refusedSignatures()).toBe(0);
    const up = (await ok(admin.get('/api/exchange/figures'))).partners.find((p: { partner: { id: string } }) => p.partner.id === partnerId);
    expect(up).toMatchObject({ waiting: 0, lagSeconds: 0, sentToday: 2 });
    const after = await ok(admin.get(`/api/exchange/messages?orderId=${id}&direction=out`));
    expect(after.items.every((m: { state: string; partnerReceipt: string }) => m.state === 'delivered' && m.partnerReceipt)).toBe(true);
  });

  it('a message that timed out is sent again; the partner counts the repeat, the product delivers it once', async () => {
    const r = await sim.sendOrder('HH-TIMEOUT', theirOrder(9));
    sim.setMode('timeout');
    await t.app.jobs.runDue();
    const [m] = (await ok(admin.get(`/api/exchange/messages?orderId=${r.body!.orderId}&direction=out`))).items;
    expect(m).toMatchObject({ state: 'pending', attempts: 1, lastErrorKind: 'timeout' });
    expect(m.lastError).toContain('超时');
    sim.setMode('ok');
    const retried = await ok(admin.post(`/api/exchange/messages/${m.id}/retry`));
    expect(retried.state).toBe('pending');
    await t.app.jobs.runDue();
    expect(sim.ofOrder(r.body!.number as string).map((x) => x.times)).toEqual([2]);
    const [done] = (await ok(admin.get(`/api/exchange/messages?orderId=${r.body!.orderId}&direction=out`))).items;
    expect(done).toMatchObject({ state: 'delivered', attempts: 2, ackCount: 1, lastError: null, lastErrorKind: null });
  });
});

describe('the rest of the loop back to the partner', () => {
  it('replied, reviewed with the answer, called back: each sent once, in order, in the partner’s state names', async () => {
    await logins();
    const callbackAgent = await t.login('callback');
    const r = await sim.sendOrder('HH-FULL', theirOrder(14));
    const id = r.body!.orderId as string;
    let o = await ok(dispatcher.get(`/api/orders/${id}`));
    o = await ok(dispatcher.post(`/api/orders/${id}/dispatch`, { version: o.version, unitId: handler.session.current.unit.id }));
    o = await ok(handler.post(`/api/orders/${id}/sign`, { version: o.version }));
    const measures = '经协调，公司已补发三个月工资';
    o = await ok(
      handler.post(`/api/orders/${id}/reply`, { version: o.version, outcome: { resolved: true, measures, amountRecovered: 30000, workersHelped: 3 } }),
    );
    o = await ok(dispatcher.post(`/api/orders/${id}/review`, { version: o.version, decision: 'accept' }));
    o = await ok(
      callbackAgent.post(`/api/orders/${id}/callback`, {
        version: o.version,
        result: 'reached',
        handlingSatisfaction: 'satisfied',
        callSatisfaction: 'satisfied',
      }),
    );
    await t.app.jobs.runDue();
    const got = sim.ofOrder(r.body!.number as string);
    expect(got.map((m) => [m.seq, m.body.action, m.times])).toEqual([
      [1, 'received', 1],
      [2, 'dispatch', 1],
      [3, 'sign', 1],
      [4, 'reply', 1],
      [5, 'review_accept', 1],
      [6, 'callback_satisfied', 1],
    ]);
    expect(got[4]!.body).toMatchObject({ answer: measures });
    expect(got[5]!.body).toMatchObject({ stateCode: o.state, state: mapping.states[o.state as keyof typeof mapping.states] ?? o.state });
  });
});

describe('returned as not a union matter', () => {
  it('an order invalidated as not a union matter goes back to the partner with the reason, once', async () => {
    const r = await sim.sendOrder('HH-NOT-OURS', { ...theirOrder(13), appealContent: '小区物业乱收停车费，请求处理' });
    await t.app.jobs.runDue();
    const o = await ok(dispatcher.get(`/api/orders/${r.body!.orderId}`));
    await ok(dispatcher.post(`/api/orders/${o.id}/invalidate`, { version: o.version, category: 'not_union_matter', reason: '物业收费纠纷，属住建部门职责' }));
    await t.app.jobs.runDue();
    const got = sim.ofOrder(r.body!.number as string);
    expect(got.map((m) => [m.seq, m.body.action, m.times])).toEqual([
      [1, 'received', 1],
      [2, 'returned', 1],
    ]);
    expect(got[1]!.body).toMatchObject({ externalId: 'HH-NOT-OURS', stateCode: 'invalid', reason: '物业收费纠纷，属住建部门职责' });
    const timeline = (await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id))).find((e) => e.action === 'invalidate');
    expect(timeline!.data).toMatchObject({ category: 'not_union_matter' });
  });
});

describe('transfer out (转办)', () => {
  it('sends the order to the partner in its terms, records the receipt, and the answer comes back once', async () => {
    const o = await ok(
      dispatcher.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '赵六', phone: '13904719999' }],
        narrative: '小区物业乱收费，不属于工会职责',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    const m = await ok(dispatcher.post(`/api/orders/${o.id}/transfer-out`, { partnerId, reason: '属政府部门职责，转 12345' }), 201);
    await t.app.jobs.runDue();
    const sent = sim.received.find((r) => r.messageId === m.id)!;
    expect(sent.body).toMatchObject({
      type: 'transfer',
      reason: '属政府部门职责，转 12345',
      order: { appealContent: '小区物业乱收费，不属于工会职责', appealType: '投诉' },
    });
    const a1 = await sim.answer(m.id, '已转物业主管部门处理，已答复市民');
    const a2 = await sim.answer(m.id, '已转物业主管部门处理，已答复市民');
    expect([a1.body!.acknowledged, a2.body!.duplicate]).toEqual([1, true]);
    const x = await ok(dispatcher.get(`/api/orders/${o.id}/exchange`));
    expect(x.source).toBeNull();
    expect(x.transfers).toEqual([
      expect.objectContaining({
        messageId: m.id,
        state: 'delivered',
        partnerReceipt: expect.stringMatching(/^R-/),
        answer: '已转物业主管部门处理，已答复市民',
      }),
    ]);
    const actions = (await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id))).map((e) => e.action);
    expect(actions.filter((a) => a === 'transfer_answered')).toHaveLength(1);
    expect(actions).toContain('transferred_out');
  });

  it('is the province centre’s act: a city’s dispatcher holding the order is refused; the desk is told plainly of a partner it cannot use', async () => {
    await logins();
    const city = await t.login('city');
    const o = await ok(
      dispatcher.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱七', phone: '13904718888' }],
        narrative: '小区供暖不热，不属于工会职责',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: city.session.current.unit.id }));
    // The city holds the order and reads it, as a dispatcher: the transfer is still not its own to make.
    expect(city.session.current).toMatchObject({ role: 'dispatcher', holdsProvinceHotline: false });
    expect((await ok(city.get(`/api/orders/${o.id}`))).holderUnit.id).toBe(city.session.current.unit.id);
    await expectError(city.post(`/api/orders/${o.id}/transfer-out`, { partnerId, reason: '属政府部门职责' }), 403, 'EXCHANGE_OUT_OF_SCOPE');
    const transfers = async () => (await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.orderId, o.id))).filter((m) => m.kind === 'transfer');
    expect(await transfers()).toEqual([]);
    expect((await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id))).map((e) => e.action)).not.toContain('transferred_out');

    // The desk: an unknown partner, one switched off, one that receives nothing from us: each a 400 on the field.
    const transfer = (id: string) => dispatcher.post(`/api/orders/${o.id}/transfer-out`, { partnerId: id, reason: '属政府部门职责' });
    await expectError(transfer('00000000-0000-4000-8000-000000000000'), 400, 'EXCHANGE_PARTNER_UNKNOWN');
    const version = async () => (await ok(admin.get('/api/exchange/partners'))).items.find((p: { id: string }) => p.id === partnerId).version;
    await ok(admin.patch(`/api/exchange/partners/${partnerId}`, { version: await version(), active: false }));
    const off = await expectError(transfer(partnerId), 400, 'EXCHANGE_PARTNER_INACTIVE');
    expect(off).toMatchObject({ message: '该对接平台已停用，不能转办', details: { fields: [{ field: 'body.partnerId' }] } });
    await ok(admin.patch(`/api/exchange/partners/${partnerId}`, { version: await version(), active: true }));
    await expectError(transfer(nationalId), 400, 'EXCHANGE_PARTNER_NOT_OUTBOUND');
    expect(await transfers()).toEqual([]);
    // And the partner it can use: sent.
    await ok(transfer(partnerId), 201);
    expect(await transfers()).toHaveLength(1);
  });
});

describe('reconciliation', () => {
  it('finds a message the partner never acknowledged, re-sends it, and notes acknowledgements twice and out of order', async () => {
    t.clock.set('2026-12-03T02:00:00Z');
    await logins();
    sim.setMode('later');
    const a = await sim.sendOrder('HH-REC-1', theirOrder(10));
    const b = await sim.sendOrder('HH-REC-2', theirOrder(11));
    await t.app.jobs.runDue();
    const acks = await sim.flushAcks({ outOfOrder: true, twice: true });
    expect(acks.every((x) => x.status === 200)).toBe(true);
    sim.setMode('later');
    const c = await sim.sendOrder('HH-REC-3', theirOrder(12));
    // The partner accepts this one but never acknowledges it, and forgets it (its statement lacks it).
    await t.app.jobs.runDue();
    sim.received.splice(
      sim.received.findIndex((r) => r.body.externalId === 'HH-REC-3'),
      1,
    );
    const report = await ok(admin.get(`/api/exchange/reconciliation?partnerId=${partnerId}&day=2026-12-03&refresh=true`));
    expect(report.statement).toBe('compared');
    const missing = report.missing.map((m: { orderId: string }) => m.orderId);
    expect(missing).toContain(c.body!.orderId);
    expect(missing).not.toContain(a.body!.orderId);
    expect(report.duplicated.map((m: { orderId: string }) => m.orderId)).toEqual(expect.arrayContaining([a.body!.orderId, b.body!.orderId]));
    // Accepted (202) and never confirmed: an hour later its acknowledgement is overdue in the figures.
    const unacked = async () =>
      (await ok(dispatcher.get('/api/exchange/figures'))).partners.find((p: { partner: { id: string } }) => p.partner.id === partnerId).unacknowledged;
    expect(await unacked()).toBe(0);
    t.clock.advance(2 * hour);
    await logins();
    expect(await unacked()).toBe(1);
    sim.setMode('ok');
    expect((await ok(admin.post('/api/exchange/reconciliation/resend', { partnerId, day: '2026-12-03' }))).resent).toBe(1);
    await t.app.jobs.runDue();
    const again = await ok(admin.get(`/api/exchange/reconciliation?partnerId=${partnerId}&day=2026-12-03&refresh=true`));
    expect(again.missing).toEqual([]);
    expect(await unacked()).toBe(0);
  });

  it('the daily job keeps each partner’s report of the day before', async () => {
    t.clock.set('2026-12-04T00:00:00Z');
    await t.app.jobs.runDue();
    await logins();
    const kept = await ok(admin.get(`/api/exchange/reconciliation?partnerId=${nationalId}&day=2026-12-03`));
    expect(kept).toMatchObject({ day: '2026-12-03', statement: 'unavailable', missing: [] });
    const fig = await ok(admin.get('/api/exchange/figures'));
    expect(fig.partners).toHaveLength(2);
  });
});

describe('SM2 signatures', () => {
  it('a partner signing with SM2: its orders checked with its public key, our status messages signed with our private key', async () => {
    const theirs = sm2KeyPair();
    const product = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const s2 = await startSimulator({ product, partnerId: '', secret: theirs.privateKey, method: 'sm2', now: () => t.clock.now() });
    try {
      await logins();
      const base = {
        name: '某省政务平台（SM2）',
        kind: 'government',
        direction: 'both',
        endpoint: s2.url,
        signingMethod: 'sm2',
        receivingUnitId: dispatcher.session.current.unit.id,
      };
      await expectError(admin.post('/api/exchange/partners', base), 400, 'EXCHANGE_PUBLIC_KEY_REQUIRED');
      const p = await ok(admin.post('/api/exchange/partners', { ...base, partnerPublicKey: theirs.publicKey }), 201);
      expect(p.signingSecret).toBeUndefined();
      expect(p.publicKey).toMatch(/^04[0-9a-f]{128}$/);
      expect(p.partnerPublicKey).toBe(theirs.publicKey);
      s2.identify(p.id, theirs.privateKey, p.publicKey);

      const r = await s2.sendOrder('SM2-1', {
        narrative: '某公司拖欠工资两个月',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        callers: [{ name: '刘七' }],
      });
      expect(r.status).toBe(200);
      await t.app.jobs.runDue();
      expect(s2.ofOrder(r.body!.number as string).map((m) => m.body.action)).toEqual(['received']);
      expect(s2.refusedSignatures()).toBe(0);
      // Signed with another private key: refused, nothing stored.
      const forged = await s2.sendOrder(
        'SM2-2',
        { narrative: '伪造', typeCode: 'complaint', subjectCode: 'wage_arrears' },
        { secret: sm2KeyPair().privateKey },
      );
      expect([forged.status, forged.body!.code]).toEqual([401, 'SIGNATURE_BAD_SIGNATURE']);
      expect(await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.externalId, 'SM2-2'))).toHaveLength(0);
    } finally {
      await s2.close();
    }
  });
});

describe('the message list', () => {
  it('pages newest first by cursor to the end, every message once, the count capped, a forged cursor a 400', async () => {
    // 1,010 inbound messages of one partner: more than the count's cap (1,000), fewer statements than pages.
    await t.db.execute(sql`
      insert into exchange_messages (partner_id, direction, kind, external_id, payload, state, created_at)
      select ${nationalId}::uuid, 'in', 'order', 'PAGE-' || g, '{}'::jsonb, 'received', now() from generate_series(1, 1010) g`);
    const all = (await t.db.select({ id: exchangeMessages.id }).from(exchangeMessages).where(eq(exchangeMessages.partnerId, nationalId))).map((r) =>
      String(r.id),
    );
    const first = await ok(admin.get(`/api/exchange/messages?partnerId=${nationalId}&pageSize=200`));
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    const counter = countStatements(t.database);
    const seen: string[] = [...first.items.map((m: { id: string }) => m.id)];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = await counter.during(() => ok(admin.get(`/api/exchange/messages?partnerId=${nationalId}&pageSize=200&cursor=${cursor}`)));
      expect(page.statements).toBeLessThanOrEqual(3);
      expect(page.sql.filter((q) => /\boffset\b/i.test(q))).toEqual([]);
      seen.push(...page.value.items.map((m: { id: string }) => m.id));
      cursor = page.value.nextCursor;
    }
    expect(seen).toEqual([...all].sort((a, b) => Number(b) - Number(a)));
    // Filters hold across pages: the partner's ten newest of this batch, two pages of five.
    const p1 = await ok(admin.get(`/api/exchange/messages?partnerId=${nationalId}&direction=in&pageSize=5`));
    const p2 = await ok(admin.get(`/api/exchange/messages?partnerId=${nationalId}&direction=in&pageSize=5&cursor=${p1.nextCursor}`));
    expect([...p1.items, ...p2.items].map((m: { externalId: string }) => m.externalId)).toEqual(Array.from({ length: 10 }, (_, i) => `PAGE-${1010 - i}`));
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const c of ['abc', forged([-1]), forged(['1']), forged([1.5]), forged([2 ** 60])])
      await expectError(admin.get(`/api/exchange/messages?cursor=${c}`), 400, 'EXCHANGE_CURSOR_INVALID');
  });
});

describe('a partner nobody answers at', () => {
  it('stores why in kinds: the transfer’s connection refused, the reconciliation’s statement refused (not "fetch failed")', async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await logins();
    const dead = await ok(
      admin.post('/api/exchange/partners', {
        name: '无人应答的平台',
        kind: 'government',
        direction: 'both',
        endpoint: `http://127.0.0.1:${port}/`,
        signingMethod: 'hmac-sha256',
        receivingUnitId: dispatcher.session.current.unit.id,
      }),
      201,
    );
    const o = await ok(
      dispatcher.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '孙八', phone: '13904717777' }],
        narrative: '道路破损，不属于工会职责',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    const m = await ok(dispatcher.post(`/api/orders/${o.id}/transfer-out`, { partnerId: dead.id, reason: '属政府部门职责' }), 201);
    await t.app.jobs.runDue();
    const [sent] = (await ok(admin.get(`/api/exchange/messages?orderId=${o.id}`))).items;
    expect(sent).toMatchObject({ id: m.id, state: 'pending', lastErrorKind: 'refused', lastError: '无法连接对方：ECONNREFUSED' });
    // The messages page read in English says the stored detail in English, as the reconciliation does.
    const [sentInEnglish] = (await inEnglish(`/api/exchange/messages?orderId=${o.id}`)).json().items;
    expect(sentInEnglish).toMatchObject({ id: m.id, lastErrorKind: 'refused', lastError: 'Could not connect to the partner: ECONNREFUSED' });
    const day = new Date(t.clock.now().getTime() + 8 * hour).toISOString().slice(0, 10);
    const report = await ok(admin.get(`/api/exchange/reconciliation?partnerId=${dead.id}&day=${day}&refresh=true`));
    expect(report).toMatchObject({ statement: 'unavailable', statementErrorKind: 'refused', statementError: '无法连接对方：ECONNREFUSED' });
    // An English page reads the report kept in Chinese in English: each item's 说明 and the statement's detail.
    const english = (await inEnglish(`/api/exchange/reconciliation?partnerId=${dead.id}&day=${day}`)).json();
    expect(english).toMatchObject({ statementErrorKind: 'refused', statementError: 'Could not connect to the partner: ECONNREFUSED' });
    expect(english.missing.find((i: { messageId: string }) => i.messageId === String(m.id))).toMatchObject({
      problem: 'Not delivered yet',
    });
    expect(report.missing.find((i: { messageId: string }) => i.messageId === String(m.id))).toMatchObject({ problem: '尚未送达' });
  });
});
