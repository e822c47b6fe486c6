import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/platform/db/unique-violation.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/**
 * The legal work an order offers (its view's `legalActions`) is what the legal services accept
 * (legal/domain/legal-actions.ts): a letter, a mediation and a referral start on an open order, none on a closed one,
 * and a letter only where the order names an employer.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, callbackAgent: Client;
let county: { id: string };
type Order = { id: string; version: number; state: string; legalActions: string[]; legalWork: string[]; [k: string]: unknown };

let employers = 0;
const create = (over: Record<string, unknown> = {}) =>
  ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '孙师傅', phone: '13904715555' }],
      employer: { name: `呼和浩特市第${++employers}建材有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映建材公司拖欠三名工人工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      ...over,
    }),
    201,
  );

async function handling(over: Record<string, unknown> = {}) {
  let o = await create(over);
  o = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  return ok<Order>(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
}

/** Through the whole loop to 已归档: reply, review, a satisfied callback. */
async function archived() {
  let o = await handling();
  o = await ok(
    handler.post(`/api/orders/${o.id}/reply`, {
      version: o.version,
      outcome: { resolved: true, measures: '已督促企业支付', amountRecovered: 3000, workersHelped: 3 },
    }),
  );
  o = await ok(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'accept' }));
  o = await ok(
    callbackAgent.post(`/api/orders/${o.id}/callback`, {
      version: o.version,
      result: 'reached',
      handlingSatisfaction: 'satisfied',
      callSatisfaction: 'satisfied',
    }),
  );
  expect(o.state).toBe('archived');
  return o;
}

const letter = (c: Client, o: Order) => c.post('/api/legal/letters', { orderId: o.id, kind: 'notice' });
const mediation = (c: Client, o: Order) => c.post('/api/mediation/cases', { orderId: o.id, workerParty: { name: '孙师傅' } });
const referral = (c: Client, o: Order) => c.post('/api/legal/referrals', { orderId: o.id, channel: 'legal_aid', reason: '需要法律援助代理仲裁' });

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-25T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, dispatcher, handler, callbackAgent] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler'), t.login('callback')]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(() => t.close());

describe('legal work from an order', () => {
  it('an open order offers the handler a letter, a mediation and a referral, and each is accepted', async () => {
    const o = await handling();
    expect(o.legalActions).toEqual(['draft_letter', 'open_mediation', 'refer']);
    // An agent starts none of them, and is offered none.
    expect((await ok<Order>(agent.get(`/api/orders/${o.id}`))).legalActions).toEqual([]);
    await ok(letter(handler, o));
    await ok(mediation(handler, o));
    await ok(referral(handler, o));
  });

  it('an archived order offers none, and the services refuse each with nothing written', async () => {
    const o = await archived();
    for (const who of [handler, dispatcher]) expect((await ok<Order>(who.get(`/api/orders/${o.id}`))).legalActions).toEqual([]);
    await expectError(letter(handler, o), 409, 'LETTER_ORDER_CLOSED');
    await expectError(mediation(handler, o), 409, 'MEDIATION_ORDER_CLOSED');
    await expectError(referral(handler, o), 409, 'REFERRAL_ORDER_CLOSED');
    expect((await ok<{ items: unknown[] }>(handler.get(`/api/legal/letters?orderId=${o.id}`))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(handler.get(`/api/mediation/cases?orderId=${o.id}`))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(handler.get(`/api/legal/referrals?orderId=${o.id}`))).items).toEqual([]);
  });

  it('an order with an open mediation case offers no second one (the service refuses it), and offers it again once the case ends', async () => {
    const o = await handling();
    const c = await ok<{ id: string; version: number }>(mediation(handler, o));
    const read = async (who: Client) => ok<Order>(who.get(`/api/orders/${o.id}`));
    for (const who of [handler, dispatcher]) expect((await read(who)).legalActions).toEqual(['draft_letter', 'refer']);
    await expectError(mediation(handler, o), 409, 'MEDIATION_CASE_OPEN');
    await ok(handler.post(`/api/mediation/cases/${c.id}/failure`, { version: c.version, reason: '企业负责人拒绝到场' }));
    expect((await read(handler)).legalActions).toEqual(['draft_letter', 'open_mediation', 'refer']);
  });

  it('two opens at the same moment make one case: the database keeps one open case per order', async () => {
    const o = await handling();
    const answers = await Promise.all([mediation(handler, o), mediation(dispatcher, o)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((answers.find((r) => r.statusCode === 409)!.json() as { code: string }).code).toBe('MEDIATION_CASE_OPEN');
    expect((await ok<{ items: unknown[] }>(handler.get(`/api/mediation/cases?orderId=${o.id}`))).items).toHaveLength(1);
    // Each request read no open case before the other wrote one, on PostgreSQL: the index is what refuses the second.
    const second =
      t.db.execute(sql`insert into mediation_cases (order_id, unit_id, worker_party, employer_party, mediators, matter, state, opened_by, opened_at)
      select order_id, unit_id, worker_party, employer_party, mediators, matter, 'open', opened_by, opened_at from mediation_cases where order_id = ${o.id}`);
    const err = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err, 'mediation_cases_one_open_uq')).toBe(true);
  });

  it('work already begun is offered to whoever may carry it on, on an archived order too', async () => {
    const o = await archived();
    expect((await ok<Order>(handler.get(`/api/orders/${o.id}`))).legalWork).toEqual(['mediate', 'record_referral_result']);
    expect((await ok<Order>(agent.get(`/api/orders/${o.id}`))).legalWork).toEqual([]);
  });

  it('an order naming no employer offers no letter, and a letter is refused', async () => {
    const o = await handling({ employer: undefined });
    expect(o.legalActions).toEqual(['open_mediation', 'refer']);
    await expectError(letter(handler, o), 400, 'LETTER_EMPLOYER_REQUIRED');
  });
});
