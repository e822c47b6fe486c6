import { and, eq, isNull, like } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskEmployers } from '../../src/legal/legal.tables.js';
import { workOrders } from '../../src/orders/orders.tables.js';
import { units } from '../../src/units/units.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { countStatements } from '../support/statement-count.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/** Legal work over HTTP: supervision letters, mediation cases, the risk-employer register, referrals. */
let t: TestApp;
const listCap = 10;
let agent: Client, dispatcher: Client, handler: Client, handler2: Client, leader: Client, supervisor: Client, auditor: Client;
let county: { id: string; path: string };
type Order = { id: string; version: number; state: string; number: string; [k: string]: any };
type Letter = { id: string; version: number; state: string; number: string | null; [k: string]: any };

const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '赵师傅', phone: '13904712222' }],
  employer: { name: '内蒙古恒泰建筑工程有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映工地拖欠12名农民工工资共计26万元，多次讨要未果。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  workersInvolved: 12,
  amountInvolved: 260000,
  ...over,
});

async function atCounty(over: Record<string, unknown> = {}) {
  let o = await ok<Order>(agent.post('/api/orders', newOrder(over)), 201);
  o = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  return ok<Order>(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
}

const docxText = async (res: Promise<{ statusCode: number; rawPayload: Buffer; headers: Record<string, unknown> }>) => {
  const r = await res;
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const files = unzipSync(new Uint8Array(r.rawPayload));
  expect(Object.keys(files)).toContain('word/document.xml');
  // Text runs joined: the XML splits text into runs, the reader sees them as one paragraph.
  return strFromU8(files['word/document.xml']!).replace(/<[^>]+>/g, '');
};

beforeAll(async () => {
  // The list cap low, so that the register with the employers that left (counted up to it) passes it here.
  t = await createTestApp({
    at: '2026-11-30T02:00:00Z',
    config: { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400, passwordMaxAgeDays: 0, listCountCap: listCap },
  });
  [agent, dispatcher, handler, handler2, leader, supervisor, auditor] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('handler2'),
    t.login('leader'),
    t.login('supervisor'),
    t.login('auditor'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(() => t.close());

describe('legal supervision letters', () => {
  let order: Order;
  let letter: Letter;

  it('a union drafts a letter from an order: facts from the order, the legal basis with article numbers', async () => {
    order = await atCounty();
    letter = await ok(handler.post('/api/legal/letters', { orderId: order.id, kind: 'notice' }));
    expect(letter).toMatchObject({
      state: 'draft',
      number: null,
      kindName: '工会劳动法律监督提示函',
      employerName: '内蒙古恒泰建筑工程有限公司',
      replyBy: '2026-12-15',
    });
    expect(letter.facts).toContain(order.number);
    expect(letter.facts).toContain('12名职工');
    expect(letter.legalBasis.map((c: any) => `${c.law}${c.article}`)).toEqual(
      expect.arrayContaining(['中华人民共和国工会法第二十二条', '中华人民共和国劳动合同法第三十条', '保障农民工工资支付条例第三条']),
    );
    const text = await docxText(handler.get(`/api/legal/letters/${letter.id}/document.docx`) as never);
    expect(text).toContain('草稿，未经审批，不得发出');
    expect(text).toContain('内蒙古恒泰建筑工程有限公司：');
  });

  it('the draft is edited by its union; another county sees nothing of it', async () => {
    await expectError(handler2.get(`/api/legal/letters/${letter.id}`), 404, 'LETTER_NOT_FOUND');
    await expectError(handler.patch(`/api/legal/letters/${letter.id}`, { version: letter.version, replyBy: '2026-11-01' }), 400, 'LETTER_REPLY_BY_PAST');
    await expectError(handler.patch(`/api/legal/letters/${letter.id}`, { version: letter.version, legalBasis: [] }), 400, 'VALIDATION_FAILED');
    letter = await ok(handler.patch(`/api/legal/letters/${letter.id}`, { version: letter.version, demands: '于十日内足额支付12名农民工工资26万元；' }));
    expect(letter.version).toBe(2);
    await expectError(handler.patch(`/api/legal/letters/${letter.id}`, { version: 1, demands: '旧版本的要求' }), 409, 'VERSION_CONFLICT');
  });

  it('a leader approves it and it is numbered per union, kind and year; then sent, answered and followed up', async () => {
    await expectError(handler.post(`/api/legal/letters/${letter.id}/approve`, { version: letter.version }), 403, 'ROLE_REQUIRED');
    letter = await ok(leader.post(`/api/legal/letters/${letter.id}/approve`, { version: letter.version }));
    expect(letter).toMatchObject({ state: 'approved', number: '新城区工会监提〔2026〕1号', approvedByName: expect.any(String) });
    await expectError(handler.patch(`/api/legal/letters/${letter.id}`, { version: letter.version, demands: '改一改要求' }), 409, 'LETTER_NOT_DRAFT');
    const text = await docxText(leader.get(`/api/legal/letters/${letter.id}/document.docx`) as never);
    expect(text).toContain('新城区工会监提〔2026〕1号');
    expect(text).toContain('工会劳动法律监督提示函');
    expect(text).toContain('2026年11月30日');
    expect(text).not.toContain('草稿');
    await expectError(handler.post(`/api/legal/letters/${letter.id}/response`, { version: letter.version, response: '已付' }), 409, 'LETTER_WRONG_STATE');
    letter = await ok(handler.post(`/api/legal/letters/${letter.id}/send`, { version: letter.version, via: '直接送达，企业负责人签收' }));
    letter = await ok(handler.post(`/api/legal/letters/${letter.id}/response`, { version: letter.version, response: '企业承诺12月10日前支付全部工资' }));
    letter = await ok(
      handler.post(`/api/legal/letters/${letter.id}/follow-up`, {
        version: letter.version,
        visitAt: '2026-11-30T08:00:00+08:00',
        result: '回访确认工资已支付',
      }),
    );
    expect(letter.state).toBe('closed');
    const events = (await ok<{ action: string }[]>(handler.get(`/api/orders/${order.id}/events`))).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['letter_drafted', 'letter_approved', 'letter_sent', 'letter_responded', 'letter_followed_up']));
  });

  it('numbers never repeat within a union, kind and year, also when approved at the same time', async () => {
    const drafts = await Promise.all([1, 2, 3].map(() => ok<Letter>(handler.post('/api/legal/letters', { orderId: order.id, kind: 'notice' }))));
    const approved = await Promise.all(drafts.map((d) => ok<Letter>(leader.post(`/api/legal/letters/${d.id}/approve`, { version: d.version }))));
    expect(approved.map((l) => l.number).sort()).toEqual(['新城区工会监提〔2026〕2号', '新城区工会监提〔2026〕3号', '新城区工会监提〔2026〕4号']);
    const opinion = await ok<Letter>(handler.post('/api/legal/letters', { orderId: order.id, kind: 'opinion' }));
    expect((await ok<Letter>(leader.post(`/api/legal/letters/${opinion.id}/approve`, { version: opinion.version }))).number).toBe('新城区工会监意〔2026〕1号');
    t.clock.set('2027-01-04T02:00:00Z');
    const next = await ok<Letter>(handler.post('/api/legal/letters', { orderId: order.id, kind: 'notice' }));
    expect((await ok<Letter>(leader.post(`/api/legal/letters/${next.id}/approve`, { version: next.version }))).number).toBe('新城区工会监提〔2027〕1号');
    t.clock.set('2026-11-30T02:00:00Z');
  });
});

describe('mediation', () => {
  it('a case from an order: sessions, an agreement whose schedule must add up, performance, the agreement as a docx', async () => {
    const order = await atCounty({ employer: { name: '呼和浩特市某物业服务有限公司' } });
    let c = await ok(
      handler.post('/api/mediation/cases', { orderId: order.id, workerParty: { name: '赵师傅等12人', representative: '赵师傅' }, mediators: ['李律师'] }),
    );
    expect(c).toMatchObject({ state: 'open', employerParty: { name: '呼和浩特市某物业服务有限公司' }, mediators: ['李律师'] });
    await expectError(handler.post('/api/mediation/cases', { orderId: order.id, workerParty: { name: '再开一个' } }), 409, 'MEDIATION_CASE_OPEN');
    await expectError(handler2.get(`/api/mediation/cases/${c.id}`), 404, 'MEDIATION_CASE_NOT_FOUND');
    // A session dated outside 2000–2099 is a mistake, not a fact: refused, naming the field.
    const session = { place: '新城区总工会调解室', attendees: '赵师傅', notes: '初次调解' };
    for (const at of ['1900-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) {
      const refused = await expectError(handler.post(`/api/mediation/cases/${c.id}/sessions`, { ...session, at }), 400, 'VALIDATION_FAILED');
      expect(refused.details!.fields).toEqual([{ field: 'body.at', message: '时间应在 2000 年至 2099 年之间' }]);
    }
    c = await ok(
      handler.post(`/api/mediation/cases/${c.id}/sessions`, {
        at: '2026-11-30T09:30:00+08:00',
        place: '新城区总工会调解室',
        attendees: '赵师傅、企业负责人王某、李律师',
        notes: '双方就欠薪数额达成一致意见',
      }),
    );
    expect(c.sessions).toHaveLength(1);
    const bad = await expectError(
      handler.post(`/api/mediation/cases/${c.id}/agreement`, {
        version: c.version,
        terms: '企业分两期支付工资',
        amount: 260000,
        workersCovered: 12,
        paymentSchedule: [{ dueDate: '2026-12-05', amount: 100000 }],
        signedAt: '2026-11-30T10:00:00+08:00',
      }),
      400,
      'MEDIATION_SCHEDULE_INVALID',
    );
    expect(bad.details!.fields![0]!.message).toContain('不一致');
    c = await ok(
      handler.post(`/api/mediation/cases/${c.id}/agreement`, {
        version: c.version,
        terms: '一、被申请人于2026年12月5日前支付10万元；\n二、余款16万元于2026年12月20日前付清。',
        amount: 260000,
        workersCovered: 12,
        paymentSchedule: [
          { dueDate: '2026-12-05', amount: 100000 },
          { dueDate: '2026-12-20', amount: 160000 },
        ],
        signedAt: '2026-11-30T10:00:00+08:00',
      }),
    );
    expect(c).toMatchObject({
      state: 'agreed',
      agreement: { performance: 'performing', paid: 0 },
      suggestedReply: { amountRecovered: 260000, workersHelped: 12 },
    });
    c = await ok(
      handler.post(`/api/mediation/cases/${c.id}/payments`, { version: c.version, instalment: 0, paidAt: '2026-12-04T10:00:00+08:00', paidAmount: 100000 }),
    );
    expect(c.agreement.paymentSchedule.map((s: any) => s.status)).toEqual(['paid_on_time', 'due']);
    t.clock.set('2026-12-22T02:00:00Z');
    expect((await ok(handler.get(`/api/mediation/cases/${c.id}`))).agreement.performance).toBe('breached');
    t.clock.set('2026-11-30T02:00:00Z');
    const text = await docxText(handler.get(`/api/mediation/cases/${c.id}/agreement.docx`) as never);
    expect(text).toContain('调解协议书');
    expect(text).toContain('赵师傅等12人');
    expect(text).toContain('260,000.00');
    expect(text).toContain('2026-12-20');
    const events = (await ok<{ action: string }[]>(handler.get(`/api/orders/${order.id}/events`))).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['mediation_opened', 'mediation_session', 'mediation_agreement', 'mediation_payment']));
  });

  it('an agreement is recorded once signed: not signed in the future, nothing due before the signing, no negative amount', async () => {
    const order = await atCounty({ employer: { name: '呼和浩特市协议校验有限公司' } });
    const c = await ok(handler.post('/api/mediation/cases', { orderId: order.id, workerParty: { name: '周师傅' } }));
    const agreement = (over: Record<string, unknown>) =>
      handler.post(`/api/mediation/cases/${c.id}/agreement`, {
        version: c.version,
        terms: '被申请人分期支付拖欠工资',
        amount: 5000,
        workersCovered: 1,
        paymentSchedule: [{ dueDate: '2026-12-31', amount: 5000 }],
        signedAt: '2026-11-30T09:00:00+08:00',
        ...over,
      });
    // The clock reads 2026-11-30 10:00 in Hohhot: signing tomorrow (or in 2030) is not yet an agreement.
    const future = await expectError(agreement({ signedAt: '2030-01-01T00:00:00Z' }), 400, 'MEDIATION_AGREEMENT_IN_FUTURE');
    expect(future.details!.fields).toEqual([{ field: 'signedAt', message: '签订时间不能晚于现在' }]);
    const early = await expectError(agreement({ paymentSchedule: [{ dueDate: '2020-01-01', amount: 5000 }] }), 400, 'MEDIATION_SCHEDULE_INVALID');
    expect(early.details!.fields).toEqual([{ field: 'paymentSchedule.0.dueDate', message: '第1期到期日不能早于协议签订日期（2026-11-30）' }]);
    const negative = await expectError(agreement({ amount: -1, paymentSchedule: [] }), 400, 'VALIDATION_FAILED');
    expect(negative.details!.fields).toEqual([expect.objectContaining({ field: 'body.amount', message: '金额不能为负' })]);
    const negativeInstalment = await expectError(agreement({ paymentSchedule: [{ dueDate: '2026-12-31', amount: -5 }] }), 400, 'VALIDATION_FAILED');
    expect(negativeInstalment.details!.fields!.map((f) => f.message)).toContain('金额不能为负');
    // Amounts are stored to the fen: a third decimal was rounded away, now it is refused.
    const fen = await expectError(agreement({ amount: 5000.005, paymentSchedule: [] }), 400, 'VALIDATION_FAILED');
    expect(fen.details!.fields).toEqual([expect.objectContaining({ field: 'body.amount', message: '金额最多两位小数（精确到分）' })]);
    expect((await ok(handler.get(`/api/mediation/cases/${c.id}`))).state).toBe('open');
    // Due on the day it was signed is fine; signed a moment ago too.
    const agreed = await ok(agreement({ paymentSchedule: [{ dueDate: '2026-11-30', amount: 5000 }], signedAt: '2026-11-30T10:00:00+08:00' }));
    expect(agreed).toMatchObject({ state: 'agreed', agreement: { signedAt: '2026-11-30T02:00:00.000Z' } });
  });

  it('the case list: every case on an order the reader may see, by state, paged; another county sees none of them', async () => {
    const a = await atCounty({ employer: { name: '呼和浩特市案件列表甲有限公司' } });
    const b = await atCounty({ employer: { name: '呼和浩特市案件列表乙有限公司' } });
    const ca = await ok(
      handler.post('/api/mediation/cases', { orderId: a.id, workerParty: { name: '钱师傅', phone: '13904713333', idNumber: '150102198001011234' } }),
    );
    const cb = await ok(handler.post('/api/mediation/cases', { orderId: b.id, workerParty: { name: '孙师傅' } }));
    await ok(handler.post(`/api/mediation/cases/${cb.id}/failure`, { version: cb.version, reason: '企业负责人拒绝到场' }));
    const all = await ok(handler.get('/api/mediation/cases'));
    expect(all.items.map((c: any) => c.id)).toEqual(expect.arrayContaining([ca.id, cb.id]));
    expect(all.items.find((c: any) => c.id === ca.id)).toMatchObject({ orderNumber: a.number, state: 'open', workerParty: { name: '钱师傅' } });
    expect(all.total).toBe(all.items.length);
    const open = await ok(handler.get('/api/mediation/cases?state=open'));
    expect(open.items.every((c: any) => c.state === 'open')).toBe(true);
    expect(open.items.map((c: any) => c.id)).not.toContain(cb.id);
    const page = await ok(handler.get('/api/mediation/cases?limit=1&offset=1'));
    expect([page.items.length, page.total]).toEqual([1, all.total]);
    // The centre's dispatcher sees them (it dispatched the orders); a handler of another county sees none.
    expect((await ok(dispatcher.get('/api/mediation/cases'))).items.map((c: any) => c.id)).toEqual(expect.arrayContaining([ca.id, cb.id]));
    // Those who mediate read the party's numbers (they print the agreement); a leader reading the list sees them masked.
    expect(all.items.find((c: any) => c.id === ca.id).workerParty).toMatchObject({ phone: '13904713333', idNumber: '150102198001011234' });
    const seenByLeader = (await ok(leader.get('/api/mediation/cases'))).items.find((c: any) => c.id === ca.id);
    expect(seenByLeader.workerParty.phone).toBe('139****3333');
    expect(seenByLeader.workerParty.idNumber).not.toContain('19800101');
    expect(await ok(handler2.get('/api/mediation/cases'))).toEqual({ items: [], total: 0 });
    await expectError(handler.get('/api/mediation/cases?state=closed'), 400, 'VALIDATION_FAILED');
  });

  it('the studio mediates an order it was invited to: its mediator lists, reads and records the case; a mediator elsewhere does not', async () => {
    const [studio] = await t.db.select().from(units).where(eq(units.type, 'lawyer_studio'));
    const mediator = await t.login('mediator');
    let order = await atCounty({ employer: { name: '呼和浩特市调解工作室测试有限公司' } });
    const open = (by: Client) => by.post('/api/mediation/cases', { orderId: order.id, workerParty: { name: '吴师傅' }, mediators: ['陈静'] });
    // The studio sees an order once it takes part in it (decisions/0001); until then there is nothing for it to mediate.
    await expectError(open(mediator), 404, 'ORDER_NOT_FOUND');
    order = await ok(dispatcher.post(`/api/orders/${order.id}/co-handlers`, { version: order.version, unitId: studio!.id, task: '双方同意调解' }));
    const c = await ok(open(mediator));
    expect(c).toMatchObject({ unit: { id: studio!.id, name: studio!.name }, mediators: ['陈静'], orderNumber: order.number });
    expect((await ok(mediator.get('/api/mediation/cases'))).items.map((x: any) => x.id)).toContain(c.id);
    expect((await ok(mediator.get(`/api/mediation/cases/${c.id}`))).id).toBe(c.id);
    await ok(
      mediator.post(`/api/mediation/cases/${c.id}/sessions`, {
        at: '2026-11-30T09:00:00+08:00',
        place: '劳模律师调解工作室',
        attendees: '双方',
        notes: '首次调解',
      }),
    );
    // The county whose order it is reads the studio's case; a mediator of another unit neither lists nor reads it.
    expect((await ok(handler.get('/api/mediation/cases'))).items.map((x: any) => x.id)).toContain(c.id);
    const baotou = await unitByDivision(t, 'city_federation', '150200');
    const elsewhere = await addPerson(t, 'mediator-baotou', 'mediator', baotou.id);
    expect((await ok(elsewhere.get('/api/mediation/cases'))).items.map((x: any) => x.id)).not.toContain(c.id);
    await expectError(elsewhere.get(`/api/mediation/cases/${c.id}`), 404, 'MEDIATION_CASE_NOT_FOUND');
  });
});

describe('the risk-employer register', () => {
  it('an employer with three orders in 90 days enters the register and its territorial union is told once', async () => {
    const employer = { name: '呼和浩特市鑫达劳务派遣有限公司' };
    const small = { employer, workersInvolved: 1, amountInvolved: 8000 };
    await atCounty(small);
    await atCounty(small);
    let r = await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    let reg = await ok(handler.get('/api/legal/risk-employers'));
    expect(reg.items.find((i: any) => i.employerName === employer.name)).toBeUndefined();
    await atCounty(small);
    r = await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect(r.entered).toBeGreaterThanOrEqual(1);
    reg = await ok(handler.get('/api/legal/risk-employers'));
    const entry = reg.items.find((i: any) => i.employerName === employer.name);
    expect(entry).toMatchObject({
      level: 'low',
      ordersInWindow: 3,
      reasons: [{ code: 'repeat', text: '近90天被诉求3次' }],
      territorialUnit: { id: county.id },
    });
    expect(entry.orders).toHaveLength(3);
    // Told once: a second evaluation enters nothing new.
    expect((await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}))).entered).toBe(0);
    const notices = (await ok(auditor.get('/api/audit/events?action=notice.risk_employer'))).items.filter(
      (e: any) => e.targetId === county.id && e.detail.includes(employer.name),
    );
    expect(notices).toHaveLength(1);
    // The county's people are told in the notification centre once the outbox is delivered.
    await t.app.jobs.runDue();
    const inbox = await ok(handler.get('/api/notifications?limit=100'));
    expect(inbox.items.filter((n: any) => n.title.includes(employer.name))).toHaveLength(1);
    // Another county's handler sees nothing of it.
    expect((await ok(handler2.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name)).toBeUndefined();
    await expectError(agent.get('/api/legal/risk-employers'), 403, 'ROLE_REQUIRED');
    await expectError(handler.post('/api/legal/risk-employers/evaluate', {}), 403, 'ROLE_REQUIRED');
  });

  it('the scheduler re-evaluates the register every hour without anyone asking', async () => {
    const employer = { name: '呼和浩特市宏远物流有限公司' };
    for (let i = 0; i < 3; i++) await atCounty({ employer, workersInvolved: 2, amountInvolved: 5000 });
    expect((await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name)).toBeUndefined();
    t.clock.advance(3_600_000);
    await t.app.jobs.runDue();
    expect((await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name)).toMatchObject({ ordersInWindow: 3 });
  });

  it('counts the last 90 days up to the evaluation, invalid orders left out; the newest dispatched order names the union of the place', async () => {
    const employer = { name: '呼和浩特市金桥建材有限公司' };
    const small = { employer, workersInvolved: 3, amountInvolved: 8000 };
    const entryOf = async () => (await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name);
    t.clock.set('2026-08-31T01:00:00Z'); // 90 days and an hour before the evaluation: outside the window
    await atCounty(small);
    t.clock.set('2026-09-01T03:00:00Z');
    await atCounty(small);
    t.clock.set('2026-11-30T02:00:00Z');
    await atCounty(small);
    const invalid = await ok<Order>(agent.post('/api/orders', newOrder(small)), 201);
    await ok(agent.post(`/api/orders/${invalid.id}/invalidate`, { version: invalid.version, reason: '重复来电' }));
    // Two orders count; either the old one or the invalid one counted would make three.
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect(await entryOf()).toBeUndefined();
    // The third, newest and still at the intake desk, is counted, but the union of the place is the county.
    t.clock.set('2026-11-30T02:01:00Z');
    const undispatched = await ok<Order>(agent.post('/api/orders', newOrder({ ...small, workersInvolved: 5 })), 201);
    expect(undispatched.state).toBe('pending_dispatch');
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect(await entryOf()).toMatchObject({ ordersInWindow: 3, amountTotal: 24000, workersMax: 5, level: 'low', territorialUnit: { id: county.id } });
    // Evaluated at a moment before it, the newest order is not counted yet: the employer leaves the register.
    t.clock.set('2026-11-30T02:00:30Z');
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect(await entryOf()).toBeUndefined();
    t.clock.set('2026-11-30T02:00:00Z');
  });

  it('a duplicate merged into another order is not a second request', async () => {
    const employer = { name: '呼和浩特市聚源餐饮管理有限公司' };
    const small = { employer, workersInvolved: 1, amountInvolved: 3000 };
    const main = await atCounty(small);
    await atCounty(small);
    const dup = await ok<Order>(agent.post('/api/orders', newOrder(small)), 201);
    const merged = await ok<Order>(dispatcher.post(`/api/orders/${main.id}/merge`, { version: main.version, sources: [{ id: dup.id, version: dup.version }] }));
    expect(merged.id).toBe(main.id);
    expect((await ok<Order>(agent.get(`/api/orders/${dup.id}`))).state).toBe('merged');
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect((await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name)).toBeUndefined();
  });

  it('one order of a large amount enters the register; a danger flag on any order of the window makes it high', async () => {
    const employer = { name: '呼和浩特市远航运输有限公司' };
    await atCounty({ employer, workersInvolved: 2, amountInvolved: 600000 });
    await atCounty({ employer, workersInvolved: 1, amountInvolved: 2000, riskFlags: ['danger'] });
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    const entry = (await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === employer.name);
    expect(entry).toMatchObject({ level: 'high', ordersInWindow: 2, amountTotal: 602000, workersMax: 2 });
    expect(entry.reasons.map((r: any) => r.code)).toEqual(['large', 'danger']);
  });

  it('reads the register with a few statements however many employers it lists, and orders it high, medium, low', async () => {
    const counter = countStatements(t.database);
    const { value, statements } = await counter.during(() => ok<{ items: any[] }>(supervisor.get('/api/legal/risk-employers')));
    expect(value.items.length).toBeGreaterThanOrEqual(5);
    // Session, register rows, visits, unit names, every employer's history: not one history statement per employer.
    expect(statements).toBeLessThanOrEqual(6);
    const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    const ranks = value.items.map((i) => rank[i.level]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Each history is the newest orders the reader may see, newest first.
    for (const i of value.items) expect(i.orders.map((o: any) => o.createdAt)).toEqual([...i.orders.map((o: any) => o.createdAt)].sort().reverse());
  });

  it('visits are planned and their results recorded; after 90 quiet days the employer leaves the register', async () => {
    const key = (await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerName === '呼和浩特市鑫达劳务派遣有限公司').employerKey;
    let reg = await ok(handler.post('/api/legal/risk-employers/visits', { employerKey: key, plannedFor: '2026-12-03', purpose: '“12351+法律监督”上门走访' }));
    // The answer is that employer's entry, wherever it stands in the register's pages.
    expect([reg.items.map((i: any) => i.employerKey), reg.nextCursor]).toEqual([[key], null]);
    const visit = reg.items.find((i: any) => i.employerKey === key).visits[0];
    reg = await ok(
      handler.post(`/api/legal/risk-employers/visits/${visit.id}/result`, { visitedAt: '2026-12-03T10:00:00+08:00', result: '企业已建立工资支付台账' }),
    );
    expect(reg.items.find((i: any) => i.employerKey === key).visits[0]).toMatchObject({ result: '企业已建立工资支付台账' });
    await expectError(
      handler2.post(`/api/legal/risk-employers/visits/${visit.id}/result`, { visitedAt: '2026-12-03T10:00:00+08:00', result: 'x1' }),
      404,
      'RISK_VISIT_NOT_FOUND',
    );
    t.clock.set('2027-03-15T02:00:00Z');
    await ok(supervisor.post('/api/legal/risk-employers/evaluate', {}));
    expect((await ok(handler.get('/api/legal/risk-employers'))).items.find((i: any) => i.employerKey === key)).toBeUndefined();
    expect((await ok(handler.get('/api/legal/risk-employers?includeLeft=true'))).items.find((i: any) => i.employerKey === key).leftAt).toBeTruthy();
    t.clock.set('2026-11-30T02:00:00Z');
  });
});

describe('the register, page by page', () => {
  type Page = { items: any[]; nextCursor: string | null; total: number; totalCapped: boolean; countsByLevel: Record<string, number> | null };
  const url = (query: string, limit: number, cursor?: string | null) => `/api/legal/risk-employers?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
  /** Every page of a query, following nextCursor; each page but the last is full, the last says there is no next. */
  async function pages(c: Client, query: string, limit: number): Promise<Page[]> {
    const got: Page[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await ok(c.get(url(query, limit, cursor)));
      got.push(p);
      cursor = p.nextCursor;
    } while (cursor && got.length < 100);
    expect(got.slice(0, -1).map((p) => p.items.length)).toEqual(got.slice(0, -1).map(() => limit));
    expect(got.at(-1)!.items.length).toBeLessThanOrEqual(limit);
    expect(got.at(-1)!.nextCursor).toBeNull();
    return got;
  }
  const keysOf = (ps: Page[]) => ps.flatMap((p) => p.items.map((i) => i.employerKey as string));
  /** The whole list in one answer: the register's order as the database sorts it, no keyset involved. */
  const whole = async (c: Client, query = '') => {
    const p: Page = await ok(c.get(url(query, 200)));
    expect(p.nextCursor).toBeNull();
    return p;
  };
  const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
  const inOrder = (items: any[]) =>
    items.every(
      (x, i) => i === 0 || rank[items[i - 1].level]! < rank[x.level]! || (items[i - 1].level === x.level && items[i - 1].ordersInWindow >= x.ordersInWindow),
    );

  let other: { id: string; path: string };
  let shared: string;
  const otherKeys: string[] = [];

  beforeAll(async () => {
    const [h2] = await t.db.select().from(units).where(eq(units.id, handler2.session.current.unit.id));
    other = h2!;
    // An employer with an order in the handler's county whose entry stands in the other county: the other county
    // reads the entry but none of the orders (its history is the reader's to see, on every page).
    const o = await atCounty({ employer: { name: '呼和浩特市页码测试商贸有限公司' }, workersInvolved: 1, amountInvolved: 1000 });
    const [w] = await t.db.select({ key: workOrders.employerKey }).from(workOrders).where(eq(workOrders.id, o.id));
    shared = w!.key!;
    const now = t.clock.now();
    const row = (key: string, level: string, n: number, unit: { id: string; path: string }, left = false) => ({
      employerKey: key,
      employerName: `${key}有限公司`,
      creditCode: null,
      level,
      reasons: [{ code: 'repeat' as const, text: `近90天被诉求${n}次` }],
      ordersInWindow: n,
      amountTotal: 0,
      workersMax: 1,
      territorialUnitId: unit.id,
      territorialUnitPath: unit.path,
      enteredAt: now,
      evaluatedAt: now,
      leftAt: left ? now : null,
      notifiedAt: now,
    });
    // Ties at every level, keys that sort differently by byte and by language (upper and lower case, Chinese), a
    // medium above every high's count and a low above both: the rank decides first.
    const here = [
      row('页测高甲', 'high', 7, county),
      row('页测高乙', 'high', 5, county),
      row('Zeta页测', 'high', 5, county),
      row('alpha页测', 'high', 5, county),
      row('页测中甲', 'medium', 9, county),
      row('页测中乙', 'medium', 3, county),
      row('页测中丙', 'medium', 3, county),
      row('beta页测', 'medium', 3, county),
      row('页测中丁', 'medium', 1, county),
      row('页测低甲', 'low', 20, county),
      row('页测低乙', 'low', 4, county),
      row('页测低丙', 'low', 4, county),
      row('Gamma页测', 'low', 4, county),
      row('delta页测', 'low', 4, county),
      row('页测低丁', 'low', 2, county),
      row('页测已移出高', 'high', 8, county, true),
      row('页测已移出低', 'low', 3, county, true),
    ];
    const there = [
      row('页测他县高甲', 'high', 6, other),
      row('页测他县高乙', 'high', 5, other),
      row(shared, 'medium', 3, other),
      row('页测他县低', 'low', 4, other),
    ];
    otherKeys.push(...there.map((r) => r.employerKey));
    await t.db.insert(riskEmployers).values([...here, ...there]);
  });

  /** What the database holds of the register in a territory, counted apart from the list's own code. */
  const held = (path: string, includeLeft = false) =>
    t.db
      .select({ key: riskEmployers.employerKey, level: riskEmployers.level })
      .from(riskEmployers)
      .where(and(like(riskEmployers.territorialUnitPath, `${path}%`), includeLeft ? undefined : isNull(riskEmployers.leftAt)));

  it('pages of any size make up the whole ranked list: none twice, none missing, across the levels and their ties', async () => {
    const all = await whole(handler);
    const expected = await held(county.path);
    expect(all.items.map((i) => i.employerKey).sort()).toEqual(expected.map((r) => r.key).sort());
    expect(inOrder(all.items)).toBe(true);
    const count = (l: string) => expected.filter((r) => r.level === l).length;
    expect(all.countsByLevel).toEqual({ high: count('high'), medium: count('medium'), low: count('low') });
    expect([all.total, all.totalCapped]).toEqual([expected.length, false]);
    for (const limit of [1, 2, 3, 4, 5, 7, 15, 16]) {
      const got = await pages(handler, '', limit);
      expect(keysOf(got), `pages of ${limit}`).toEqual(all.items.map((i) => i.employerKey));
      expect(got.every((p) => p.total === all.total)).toBe(true);
    }
    // A page goes on after the row the cursor names, even when that row has left the register since.
    const first: Page = await ok(handler.get(url('', 4)));
    const gone = first.items.at(-1).employerKey;
    await t.db.update(riskEmployers).set({ leftAt: t.clock.now() }).where(eq(riskEmployers.employerKey, gone));
    const next: Page = await ok(handler.get(url('', 4, first.nextCursor)));
    expect(next.items.map((i) => i.employerKey)).toEqual(all.items.slice(4, 8).map((i) => i.employerKey));
    await t.db.update(riskEmployers).set({ leftAt: null }).where(eq(riskEmployers.employerKey, gone));
  });

  it('a level, the employers that left and one employer are filters the pages keep', async () => {
    const all = await whole(handler);
    for (const level of ['high', 'medium', 'low']) {
      const one = await whole(handler, `&level=${level}`);
      expect(one.items.map((i) => i.employerKey)).toEqual(all.items.filter((i) => i.level === level).map((i) => i.employerKey));
      expect(keysOf(await pages(handler, `&level=${level}`, 2))).toEqual(one.items.map((i) => i.employerKey));
      // The counts per level stay the register's (the filter's tabs); the total is the level's.
      expect([one.total, one.countsByLevel]).toEqual([all.countsByLevel![level], all.countsByLevel]);
    }
    const withLeft = await whole(handler, '&includeLeft=true');
    expect(withLeft.items.map((i) => i.employerKey)).toEqual(expect.arrayContaining(['页测已移出高', '页测已移出低']));
    expect(inOrder(withLeft.items)).toBe(true);
    expect(keysOf(await pages(handler, '&includeLeft=true', 3))).toEqual(withLeft.items.map((i) => i.employerKey));
    // With the employers that left (they accumulate for good), the count stops past the list cap.
    const n = (await held(county.path, true)).length;
    expect(n).toBeGreaterThan(listCap);
    expect([withLeft.total, withLeft.totalCapped, withLeft.countsByLevel]).toEqual([listCap, true, null]);
    const high = await whole(handler, '&includeLeft=true&level=high');
    const highHeld = (await held(county.path, true)).filter((r) => r.level === 'high').length;
    expect([high.total, high.totalCapped]).toEqual([Math.min(highHeld, listCap), highHeld > listCap]);
    const just = await whole(handler, `&key=${encodeURIComponent('页测中丙')}`);
    expect([just.items.map((i) => i.employerKey), just.total]).toEqual([['页测中丙'], 1]);
    // Another county's employer is not found by its key either.
    expect((await whole(handler, `&key=${encodeURIComponent('页测他县高甲')}`)).items).toEqual([]);
  });

  it('a unit sees on every page what it saw before: its own territory, and of the histories the orders it may see', async () => {
    const mine = keysOf(await pages(handler, '', 2));
    expect(mine.filter((k) => otherKeys.includes(k))).toEqual([]);
    const theirs = await pages(handler2, '', 1);
    expect(keysOf(theirs).sort()).toEqual([...otherKeys].sort());
    // The shared employer is on the other county's third page, with none of the handler's county's orders.
    expect(theirs[2]!.items[0]).toMatchObject({ employerKey: shared, orders: [] });
    // The province reads both counties and the orders; its pages make up its whole list as well.
    const province = await whole(supervisor);
    expect(province.items.map((i) => i.employerKey)).toEqual(expect.arrayContaining([...mine, ...otherKeys]));
    const its = await pages(supervisor, '', 3);
    expect(keysOf(its)).toEqual(province.items.map((i) => i.employerKey));
    const entry = its.flatMap((p) => p.items).find((i) => i.employerKey === shared);
    expect(entry.orders).toHaveLength(1);
    await expectError(agent.get(url('', 2, theirs[0]!.nextCursor)), 403, 'ROLE_REQUIRED');
  });

  it('a cursor that is not one of its own is a 400 with a stable code; a page is a few statements', async () => {
    const forge = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    for (const cursor of [
      'not a cursor',
      '!!!',
      forge('null'),
      forge('[0,1'),
      forge([0, 1]),
      forge([3, 1, '页测中甲']),
      forge(['0', 1, '页测中甲']),
      forge([0, -1, '页测中甲']),
      forge([0, 1.5, '页测中甲']),
      forge([0, 1e12, '页测中甲']),
      forge([0, 1, '']),
      forge([0, 1, 7]),
      forge('[0,1,"a\\u0000b"]'),
      forge('[0,1,"\\ud800"]'),
      forge({ rank: 0, orders: 1, key: '页测中甲' }),
    ]) {
      const e = await expectError(handler.get(url('', 2, encodeURIComponent(cursor))), 400, 'RISK_CURSOR_INVALID');
      expect(e.message).toBe('翻页游标无效，请从第一页重新查询');
    }
    await expectError(handler.get(url('', 2, 'x'.repeat(1001))), 400, 'VALIDATION_FAILED');
    await expectError(handler.get(url('', 0)), 400, 'VALIDATION_FAILED');
    await expectError(handler.get(url('', 201)), 400, 'VALIDATION_FAILED');
    // Page two of the province's register: the rows, their count, visits, units' names, histories (and the session).
    const first: Page = await ok(supervisor.get(url('', 3)));
    const counter = countStatements(t.database);
    const { value, statements } = await counter.during(() => ok<Page>(supervisor.get(url('', 3, first.nextCursor))));
    expect(value.items).toHaveLength(3);
    expect(statements).toBeLessThanOrEqual(6);
  });
});

describe('12351 + petitions', () => {
  it('a hard case is referred and its result recorded on the timeline', async () => {
    const order = await atCounty({ employer: { name: '呼和浩特市某商贸有限公司' } });
    let list = await ok(handler.post('/api/legal/referrals', { orderId: order.id, channel: 'legal_aid', reason: '企业拒不支付，需法律援助申请仲裁' }));
    list = await ok(handler.post(`/api/legal/referrals/${list.items[0].id}/result`, { result: '法律援助中心已受理，指派律师代理仲裁' }));
    expect(list.items[0]).toMatchObject({ channel: 'legal_aid', result: '法律援助中心已受理，指派律师代理仲裁' });
    await expectError(handler2.get(`/api/legal/referrals?orderId=${order.id}`), 404, 'ORDER_NOT_FOUND');
    const events = (await ok<{ action: string }[]>(handler.get(`/api/orders/${order.id}/events`))).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['referred', 'referral_result']));
  });
});
