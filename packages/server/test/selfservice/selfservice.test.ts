import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { demoWechatGroupSecret } from '../../src/platform/config/config.js';
import { signRequest } from '../../src/platform/signing/hmac.js';
import { groupMessages, serviceGroups } from '../../src/service-groups/service-groups.tables.js';
import { membershipApplications, verificationCodes } from '../../src/selfservice/selfservice.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/** The worker's own page and the WeChat service groups, over HTTP against a real SMS gateway (a local server). */
let t: TestApp;
let gateway: http.Server;
const sms: { to: string; text: string }[] = [];
let agent: Client, dispatcher: Client, handler: Client, handler2: Client, callbackAgent: Client;
let county: { id: string };
let address = 0;

/** Each test speaks from its own address, so the per-address limits of one do not reach another. */
const from = () => `10.0.0.${++address}`;
const pub = (url: string, payload: unknown, ip: string) =>
  t.app.inject({ method: 'POST', url: `/api/public${url}`, payload: payload as object, remoteAddress: ip });
const codeFor = (phone: string) => {
  const m = [...sms].reverse().find((s) => s.to === phone);
  return /验证码是 (\d{6})/.exec(m?.text ?? '')![1]!;
};
async function verified(phone: string, purpose: 'request' | 'membership', ip: string) {
  await ok(pub('/verification-codes', { phone, purpose }, ip));
  return codeFor(phone);
}
const request = (phone: string, code: string, over: Record<string, unknown> = {}) => ({
  phone,
  code,
  name: '李师傅',
  narrative: '呼和浩特市新城区某建筑公司拖欠我们 12 名农民工三个月工资共 18 万元，老板不接电话。',
  ...over,
});

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      sms.push(JSON.parse(body));
      res.end('{}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
  t = await createTestApp({ config: { smsGatewayUrl: url, sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 24 * 60 } });
  [agent, dispatcher, handler, handler2, callbackAgent] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('handler2'),
    t.login('callback'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => gateway.close(r));
});

describe('verification codes', () => {
  it('are sent by SMS, stored hashed, used once, and die after five wrong tries', async () => {
    const ip = from();
    const phone = '13904710001';
    const sent = await ok(pub('/verification-codes', { phone, purpose: 'request' }, ip));
    expect(sent).toMatchObject({ sentTo: '139****0001', resendAfterSeconds: 60 });
    const code = codeFor(phone);
    const [row] = await t.db.select().from(verificationCodes).where(eq(verificationCodes.phone, phone));
    expect(row!.codeHash).not.toContain(code);
    // One a minute per phone.
    await expectError(pub('/verification-codes', { phone, purpose: 'request' }, ip), 429, 'VERIFICATION_CODE_TOO_SOON');
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await expectError(pub('/requests', request(phone, wrong), ip), 400, 'VERIFICATION_CODE_WRONG');
    expect(bad.details!.fields).toEqual([{ field: 'body.code', message: '验证码不正确' }]);
    await ok(pub('/requests', request(phone, code), ip));
    // Used up: the same code does not prove the phone twice.
    await expectError(pub('/requests', request(phone, code), ip), 400, 'VERIFICATION_CODE_MISSING');

    t.clock.advance(61_000);
    const again = await verified(phone, 'request', ip);
    for (let i = 0; i < 5; i++)
      await expectError(pub('/requests', request(phone, again === '000000' ? '111111' : '000000'), ip), 400, 'VERIFICATION_CODE_WRONG');
    await expectError(pub('/requests', request(phone, again), ip), 400, 'VERIFICATION_CODE_LOCKED');

    t.clock.advance(61_000);
    const late = await verified(phone, 'request', ip);
    t.clock.advance(11 * 60_000);
    await expectError(pub('/requests', request(phone, late), ip), 400, 'VERIFICATION_CODE_EXPIRED');
  });

  it('are limited per phone and per address (@fastify/rate-limit)', async () => {
    const ip = from();
    const phone = '13904710002';
    for (let i = 0; i < 5; i++) {
      await ok(pub('/verification-codes', { phone, purpose: 'membership' }, from()));
      t.clock.advance(61_000);
    }
    await expectError(pub('/verification-codes', { phone, purpose: 'membership' }, from()), 429, 'RATE_LIMITED');
    for (let i = 0; i < 10; i++) await ok(pub('/verification-codes', { phone: `1390472${String(i).padStart(4, '0')}`, purpose: 'request' }, ip));
    await expectError(pub('/verification-codes', { phone: '13904729999', purpose: 'request' }, ip), 429, 'RATE_LIMITED');
  });

  it('refuse a phone that is not a mobile number, with a Chinese field message', async () => {
    const res = await expectError(pub('/verification-codes', { phone: '0471-1234567', purpose: 'request' }, from()), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.details)).toContain('11 位手机号码');
  });
});

describe('a request from the worker’s page', () => {
  it('is validated like intake, enters the loop pre-classified, and waits for an agent’s check before dispatch', async () => {
    const ip = from();
    const phone = '13904710003';
    const code = await verified(phone, 'request', ip);
    const empty = await expectError(pub('/requests', request(phone, code, { narrative: '  ' }), ip), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(empty.details)).toContain('请填写诉求内容');
    await expectError(pub('/requests', request(phone, code, { workersInvolved: 0 }), ip), 400, 'VALIDATION_FAILED');
    const made = await ok(pub('/requests', request(phone, code), ip));
    expect(made).toMatchObject({ stage: 'checking' });

    const { items } = await ok(agent.get(`/api/orders?q=${made.number}`));
    const o = await ok(agent.get(`/api/orders/${items[0].id}`));
    expect(o).toMatchObject({ channel: 'self_service', state: 'pending_dispatch', subjectCode: 'wage_arrears' });
    expect(o.allowedActions).toContain('check_request');
    // The agents' queue 待核实 holds it until the check.
    const queue = await ok(agent.get('/api/orders?state=pending_dispatch&awaitingCheck=true&limit=200'));
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(o.id);
    const counts = await ok(agent.get('/api/orders/view-counts'));
    expect(counts.views.find((v: { key: string }) => v.key === 'to_check').count).toBe(queue.total);
    const d = await ok(dispatcher.get(`/api/orders/${o.id}`));
    expect(d.allowedActions).not.toContain('dispatch');
    await expectError(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }), 409, 'ORDER_CHECK_REQUIRED');
    const checked = await ok(agent.post(`/api/orders/${o.id}/check`, { version: o.version, typeCode: 'complaint', subjectCode: 'wage_arrears' }));
    expect(checked).toMatchObject({ typeCode: 'complaint', version: o.version + 1 });
    await expectError(
      agent.post(`/api/orders/${o.id}/check`, { version: checked.version, typeCode: 'complaint', subjectCode: 'wage_arrears' }),
      409,
      'ORDER_NOTHING_TO_CHECK',
    );
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: checked.version, unitId: county.id }));
    const after = await ok(agent.get('/api/orders?state=pending_dispatch&awaitingCheck=true&limit=200'));
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(o.id);
  });

  it('is followed by number and phone only, in plain words, and rated once after the answer (on the timeline)', async () => {
    const ip = from();
    const phone = '13904710004';
    const made = await ok(pub('/requests', request(phone, await verified(phone, 'request', ip)), ip));
    // Someone else's order with the same number pattern, and a wrong pair: the same 404.
    const missing = await expectError(pub('/requests/track', { number: made.number, phone: '13904719999' }, ip), 404, 'PUBLIC_REQUEST_NOT_FOUND');
    const unknown = await expectError(pub('/requests/track', { number: `${made.number.slice(0, -1)}9`, phone }, ip), 404, 'PUBLIC_REQUEST_NOT_FOUND');
    expect(missing.message).toBe(unknown.message);

    const { items } = await ok(agent.get(`/api/orders?q=${made.number}`));
    let o = await ok(agent.get(`/api/orders/${items[0].id}`));
    o = await ok(agent.post(`/api/orders/${o.id}/check`, { version: o.version, typeCode: o.typeCode, subjectCode: o.subjectCode }));
    o = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    o = await ok(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    // An internal note the worker must never read (its text is checked against what the page shows below).
    o = await ok(handler.post(`/api/orders/${o.id}/notes`, { note: '内部：老板系某某亲属，注意方式' }));
    expect(JSON.stringify(await ok(handler.get(`/api/orders/${o.id}/events`)))).toContain('内部：老板系某某亲属');
    await expectError(pub('/requests/rate', { number: made.number, phone, satisfaction: 'satisfied' }, ip), 409, 'PUBLIC_RATING_NOT_YET');
    o = await ok(
      handler.post(`/api/orders/${o.id}/reply`, {
        version: o.version,
        outcome: { resolved: true, measures: '经协调，公司已于 11 月 28 日补发全部工资', amountRecovered: 180000, workersHelped: 12 },
        // Intake read fewer workers from the narrative than the reply helped: the handler confirms the figure.
        confirmedDoubts: ['workers_above_involved'],
      }),
    );
    let seen = await ok(pub('/requests/track', { number: made.number, phone }, ip));
    expect(seen).toMatchObject({ stage: 'reviewing', answer: null, canRate: false });
    o = await ok(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'accept', reason: '已电话核实 12 名工人均已领到工资' }));
    seen = await ok(pub('/requests/track', { number: made.number, phone }, ip));
    expect(seen).toMatchObject({ stage: 'answered', answer: '经协调，公司已于 11 月 28 日补发全部工资', canRate: true, handlingUnit: '新城区总工会' });
    expect(JSON.stringify(seen)).not.toContain('内部');
    expect(seen.steps.map((s: { text: { zh: string } }) => s.text.zh)).toEqual([
      '诉求已提交',
      '热线已核实受理',
      '已转交新城区总工会办理',
      '新城区总工会已接收',
      '答复已审核',
    ]);

    const rated = await ok(pub('/requests/rate', { number: made.number, phone, satisfaction: 'dissatisfied', comment: '还差一个月' }, ip));
    expect(rated).toMatchObject({ canRate: false, rating: { satisfaction: 'dissatisfied', comment: '还差一个月' } });
    await expectError(pub('/requests/rate', { number: made.number, phone, satisfaction: 'satisfied' }, ip), 409, 'PUBLIC_ALREADY_RATED');
    const events = await ok<{ action: string; data: Record<string, unknown> }[]>(callbackAgent.get(`/api/orders/${o.id}/events`));
    expect(events.find((e) => e.action === 'self_rated')?.data).toEqual({ satisfaction: 'dissatisfied' });
    // The self-rating channel of satisfaction, in the figures apart from callbacks (none was made here).
    const leader = await t.login('leader');
    const day = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const kpis = await ok(leader.get(`/api/analytics/kpis?from=${day}&to=${day}&unitId=${county.id}`));
    expect(kpis).toMatchObject({ selfRatings: 1, selfRatingSatisfactionRate: 0, callbacks: 0 });
  });
});

describe('following a call’s order on the worker’s page', () => {
  it('takes the number the caller gave, a landline too, written as people write it; a wrong one answers like a wrong order', async () => {
    const ip = from();
    const called = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [
          { name: '刘师傅', phone: '0471-6543210' },
          { name: '刘师傅的同事', phone: '139 0471 0008' },
        ],
        narrative: '新城区某物业公司拖欠保安两个月工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    for (const phone of ['04716543210', '0471 654 3210', '(0471) 6543210', '+86 471 6543210', '13904710008', '139-0471-0008', '+86 139 0471 0008']) {
      const seen = await ok(pub('/requests/track', { number: called.number, phone }, ip));
      expect(seen).toMatchObject({ number: called.number, stage: 'accepted' });
    }
    // Another landline, another area code, an unknown order: one answer, nothing learnt.
    const wrongPhone = await expectError(pub('/requests/track', { number: called.number, phone: '0471-6543211' }, ip), 404, 'PUBLIC_REQUEST_NOT_FOUND');
    const wrongArea = await expectError(pub('/requests/track', { number: called.number, phone: '0472-6543210' }, ip), 404, 'PUBLIC_REQUEST_NOT_FOUND');
    const wrongNumber = await expectError(
      pub('/requests/track', { number: `${called.number.slice(0, -1)}9`, phone: '0471-6543210' }, ip),
      404,
      'PUBLIC_REQUEST_NOT_FOUND',
    );
    expect(new Set([wrongPhone, wrongArea, wrongNumber].map((e) => JSON.stringify({ ...e, requestId: undefined })))).toHaveProperty('size', 1);
    expect(wrongPhone.message).toBe('未找到该诉求，请核对受理编号和电话号码');
    // Not a number at all: the schema's message, as at intake.
    const bad = await expectError(pub('/requests/track', { number: called.number, phone: '010-1234' }, ip), 400, 'VALIDATION_FAILED');
    expect(bad.details?.fields).toEqual([{ field: 'body.phone', message: '电话号码格式不正确' }]);
  });

  it('is limited per address whatever the numbers tried (@fastify/rate-limit)', async () => {
    const ip = from();
    const number = '12351-150000-20261125-0001';
    for (let i = 0; i < 20; i++) {
      await expectError(pub('/requests/track', { number, phone: `0471-65432${String(i).padStart(2, '0')}` }, ip), 404, 'PUBLIC_REQUEST_NOT_FOUND');
    }
    await expectError(pub('/requests/track', { number, phone: '0471-6543299' }, ip), 429, 'RATE_LIMITED');
  });

  it('sends a code to a mobile written with spaces, the number it was sent to as stored', async () => {
    const ip = from();
    await ok(pub('/verification-codes', { phone: '139 0471 0009', purpose: 'request' }, ip));
    const code = codeFor('13904710009');
    const made = await ok(pub('/requests', request('+86 139-0471-0009', code), ip));
    await ok(pub('/requests/track', { number: made.number, phone: '13904710009' }, ip));
  });
});

describe('membership applications (入会申请)', () => {
  it('name the employer with two characters at least: blank asks for it, one character says it is too short (in English too)', async () => {
    const ip = from();
    const phone = '13904710035';
    const code = await verified(phone, 'membership', ip);
    const apply = (employer: string, language = 'zh-CN') =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/memberships',
        payload: { name: '赵敏', phone, code, employer, industry: '餐饮' },
        remoteAddress: ip,
        headers: { 'accept-language': language },
      });
    const employerProblems = async (res: ReturnType<typeof apply>) =>
      (await expectError(res, 400, 'VALIDATION_FAILED')).details?.fields?.filter((f) => f.field.endsWith('employer')).map((f) => f.message);
    expect(await employerProblems(apply('  '))).toEqual(['请填写工作单位']);
    expect(await employerProblems(apply(' 厂 '))).toEqual(['工作单位至少 2 个字']);
    expect(await employerProblems(apply('厂', 'en'))).toEqual(['The employer needs at least 2 characters']);
  });

  it('go to the union of the employer’s place and through received → accepted → card issued, within the subtree', async () => {
    const ip = from();
    const phone = '13904710005';
    const code = await verified(phone, 'membership', ip);
    await expectError(pub('/memberships', { name: '赵敏', phone, code, employer: '', industry: '餐饮' }, ip), 400, 'VALIDATION_FAILED');
    const applied = await ok(
      pub(
        '/memberships',
        { name: '赵敏', phone, code, employer: '呼和浩特市某某餐饮有限公司', industry: '餐饮', place: { text: '新城区', divisionCode: '150102' } },
        ip,
      ),
    );
    expect(applied).toMatchObject({ unitName: '新城区总工会', state: 'received' });
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.number, applied.number));
    expect(row!.unitId).toBe(county.id);

    // Another county's handler does not see it (404 on an action too).
    expect((await ok(handler2.get('/api/memberships'))).items.map((i: { number: string }) => i.number)).not.toContain(applied.number);
    await expectError(handler2.post(`/api/memberships/${row!.id}/accept`, { version: 1 }), 404, 'MEMBERSHIP_NOT_FOUND');
    await expectError(agent.get('/api/memberships'), 403, 'ROLE_REQUIRED');

    const listed = (await ok(handler.get('/api/memberships?state=received'))).items.find((i: { number: string }) => i.number === applied.number);
    expect(listed).toMatchObject({ state: 'received', allowedActions: ['accept', 'decline'] });
    await expectError(handler.post(`/api/memberships/${row!.id}/issue-card`, { version: 1 }), 409, 'MEMBERSHIP_INVALID_TRANSITION');
    const accepted = await ok(handler.post(`/api/memberships/${row!.id}/accept`, { version: 1 }));
    await expectError(handler.post(`/api/memberships/${row!.id}/accept`, { version: 1 }), 409, 'VERSION_CONFLICT');
    const carded = await ok(handler.post(`/api/memberships/${row!.id}/issue-card`, { version: accepted.version }));
    expect(carded).toMatchObject({ state: 'card_issued', cardNumber: `HY${applied.number.slice(2)}`, allowedActions: [] });
  });
});

describe('the applicant’s number on an application', () => {
  it('is whole for the staff of the union handling it, masked for a leader and for any union above it', async () => {
    const ip = from();
    const phone = '13904710025';
    const code = await verified(phone, 'membership', ip);
    const applied = await ok(
      pub(
        '/memberships',
        { name: '周磊', phone, code, employer: '呼和浩特市某某保洁有限公司', industry: '保洁', place: { text: '新城区', divisionCode: '150102' } },
        ip,
      ),
    );
    const city = await unitByName(t, '呼和浩特市总工会');
    const [countyDispatcher, cityDispatcher, cityHandler, leader] = await Promise.all([
      addPerson(t, 'ms-county-dispatcher', 'dispatcher', county.id),
      addPerson(t, 'ms-city-dispatcher', 'dispatcher', city.id),
      addPerson(t, 'ms-city-handler', 'handler', city.id),
      t.login('leader'),
    ]);
    const phoneSeenBy = async (who: Client) =>
      (await ok<{ items: { number: string; phone: string }[] }>(who.get('/api/memberships'))).items.find((i) => i.number === applied.number)?.phone;
    // 新城区总工会 handles it: its handler and dispatcher call the applicant back.
    for (const who of [handler, countyDispatcher]) expect(await phoneSeenBy(who)).toBe(phone);
    // The city above it, the province's desk and the leader read it, with the number masked.
    for (const who of [cityDispatcher, cityHandler, dispatcher, leader]) expect(await phoneSeenBy(who)).toBe('139****0025');
    // What an action answers follows the same rule.
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.number, applied.number));
    const accepted = await ok(countyDispatcher.post(`/api/memberships/${row!.id}/accept`, { version: row!.version }));
    expect(accepted.phone).toBe(phone);
    const carded = await ok(cityHandler.post(`/api/memberships/${row!.id}/issue-card`, { version: accepted.version }));
    expect(carded.phone).toBe('139****0025');
  });
});

describe('following a membership application (查询进度 with the RH number)', () => {
  it('by the number given at submission and the phone: state, union and steps; a wrong pair is the same 404', async () => {
    const ip = from();
    const phone = '13904710015';
    const code = await verified(phone, 'membership', ip);
    const applied = await ok(
      pub(
        '/memberships',
        { name: '钱芳', phone, code, employer: '呼和浩特市某某快递有限公司', industry: '快递', place: { text: '新城区', divisionCode: '150102' } },
        ip,
      ),
    );
    expect(applied.number).toMatch(/^RH\d{14}$/);
    const tracked = await ok(pub('/memberships/track', { number: applied.number, phone: '139 0471 0015' }, ip));
    expect(tracked).toMatchObject({
      number: applied.number,
      unitName: '新城区总工会',
      state: 'received',
      stateText: { zh: '已收到' },
      declineReason: null,
      steps: [{ text: { zh: '已提交入会申请，转新城区总工会办理' } }],
    });
    // A wrong phone and a number that does not exist answer alike; the order tracker does not know the number.
    const wrongPhone = await expectError(pub('/memberships/track', { number: applied.number, phone: '13904710016' }, ip), 404, 'PUBLIC_APPLICATION_NOT_FOUND');
    const noSuch = await expectError(pub('/memberships/track', { number: 'RH20261130000000', phone }, ip), 404, 'PUBLIC_APPLICATION_NOT_FOUND');
    expect({ ...wrongPhone, requestId: null }).toEqual({ ...noSuch, requestId: null });
    await expectError(pub('/memberships/track', { number: '', phone }, ip), 400, 'VALIDATION_FAILED');

    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.number, applied.number));
    const declined = await ok(handler.post(`/api/memberships/${row!.id}/decline`, { version: row!.version, reason: '所在单位已建会，请向单位工会申请' }));
    expect(declined.state).toBe('declined');
    const after = await ok(pub('/memberships/track', { number: applied.number, phone }, ip));
    expect(after).toMatchObject({ state: 'declined', stateText: { zh: '未通过' }, declineReason: '所在单位已建会，请向单位工会申请' });
    expect(after.steps.map((s: { text: { zh: string } }) => s.text.zh)).toEqual(['已提交入会申请，转新城区总工会办理', '新城区总工会未同意入会']);
  });

  it('shows acceptance and the card once issued', async () => {
    const ip = from();
    const phone = '13904710017';
    const code = await verified(phone, 'membership', ip);
    const applied = await ok(
      pub(
        '/memberships',
        { name: '孙丽', phone, code, employer: '呼和浩特市某某物流有限公司', industry: '物流', place: { text: '新城区', divisionCode: '150102' } },
        ip,
      ),
    );
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.number, applied.number));
    const accepted = await ok(handler.post(`/api/memberships/${row!.id}/accept`, { version: row!.version }));
    await ok(handler.post(`/api/memberships/${row!.id}/issue-card`, { version: accepted.version }));
    const tracked = await ok(pub('/memberships/track', { number: applied.number, phone }, ip));
    expect(tracked.state).toBe('card_issued');
    expect(tracked.steps.map((s: { text: { zh: string } }) => s.text.zh)).toEqual([
      '已提交入会申请，转新城区总工会办理',
      '新城区总工会已同意入会',
      '已发放会员卡',
    ]);
  });
});

describe('WeChat service groups (ingestGroupMessages)', () => {
  let nonce = 0;
  const post = (body: unknown, o: { secret?: string; nonce?: string; ts?: number } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(o.ts ?? Math.floor(t.clock.now().getTime() / 1000));
    const n = o.nonce ?? `g-${nonce++}`;
    return t.app.inject({
      method: 'POST',
      url: '/api/wechat-groups/messages',
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': n,
        'x-hotline-signature': signRequest('hmac-sha256', o.secret ?? demoWechatGroupSecret, ts, n, raw),
      },
    });
  };
  const at = () => t.clock.now().toISOString();
  let chair: Client;

  beforeAll(async () => {
    chair = await addPerson(t, 'xcchair', 'leader', county.id);
    const [u] = await t.db
      .select()
      .from((await import('../../src/users/users.tables.js')).users)
      .where(eq((await import('../../src/users/users.tables.js')).users.username, 'xcchair'));
    await t.db
      .insert(serviceGroups)
      .values({ chatId: 'wr-xincheng-1', name: '新城区建筑工人服务群', unitId: county.id, chairUserId: u!.id, createdAt: t.clock.now() });
  });

  it('refuses a bad signature, a stale one and a replay, storing nothing; a message sent twice is stored once', async () => {
    const body = {
      chatId: 'wr-xincheng-1',
      messages: [
        { msgId: 'm1', from: { id: 'w1', name: '张三' }, text: '大家好，今天天气不错', at: at() },
        { msgId: 'm2', from: { id: 'w2', name: '王五' }, text: '我们工地老板拖欠 20 多个工人两个月工资，找不到人，怎么办？', at: at() },
      ],
    };
    await expectError(post(body, { secret: 'wrong-secret-wrong-secret' }), 401, 'SIGNATURE_BAD_SIGNATURE');
    await expectError(post(body, { ts: Math.floor(t.clock.now().getTime() / 1000) - 600 }), 401, 'SIGNATURE_STALE');
    expect(await t.db.select().from(groupMessages)).toHaveLength(0);
    expect(await ok(post(body, { nonce: 'once' }))).toEqual({ accepted: 2, added: 2, drafts: 1 });
    await expectError(post(body, { nonce: 'once' }), 409, 'SIGNATURE_REPLAYED');
    expect(await ok(post(body))).toEqual({ accepted: 2, added: 0, drafts: 0 });
    expect(await t.db.select().from(groupMessages)).toHaveLength(2);
    await expectError(post({ ...body, chatId: 'nobody' }), 400, 'WECHAT_GROUP_UNKNOWN');

    // The chair hears of the draft (the notice channel).
    await t.app.jobs.runDue();
    const notes = await ok(chair.get('/api/notifications'));
    expect(JSON.stringify(notes)).toContain('新城区建筑工人服务群');
  });

  it('refuses an id of spaces or invisible characters and an instant outside 2000–2099, storing nothing', async () => {
    const before = (await t.db.select().from(groupMessages)).length;
    const message = (over: Record<string, unknown>) => ({
      chatId: 'wr-xincheng-1',
      messages: [{ msgId: 'm-bad', from: { id: 'w9', name: '赵六' }, text: '老板拖欠工资', at: at(), ...over }],
    });
    for (const [over, field] of [
      [{ msgId: '   ' }, 'body.messages.0.msgId'],
      [{ from: { id: '\u200b', name: '赵六' } }, 'body.messages.0.from.id'],
      [{ at: '9999-12-31T23:59:59Z' }, 'body.messages.0.at'],
    ] as const) {
      const refused = await expectError(post(message(over)), 400, 'VALIDATION_FAILED');
      expect(refused.details?.fields?.map((f) => f.field)).toEqual([field]);
    }
    expect(await t.db.select().from(groupMessages)).toHaveLength(before);
  });

  it('the chair confirms a draft into an order waiting for a check, or dismisses it; other units see neither', async () => {
    await ok(
      post({
        chatId: 'wr-xincheng-1',
        messages: [{ msgId: 'm3', from: { id: 'w3', name: '刘六' }, text: '物业公司不给我们保安交社保，还威胁要开除我们十几个人', at: at() }],
      }),
    );
    const drafts = (await ok(chair.get('/api/wechat-groups/drafts?state=draft'))).items;
    expect(drafts.map((d: { sender: string }) => d.sender).sort()).toEqual(['刘六', '王五']);
    expect((await ok(handler2.get('/api/wechat-groups/drafts'))).items).toEqual([]);
    const [wang, liu] = [drafts.find((d: { sender: string }) => d.sender === '王五'), drafts.find((d: { sender: string }) => d.sender === '刘六')];
    // Why each is a draft: stored in Chinese as it was read, said in the reader's language (Accept-Language).
    expect(wang.reading.why[0]).toBe('涉及“拖欠”');
    const session = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xcchair', password: 'Person2026' } })).cookies.find(
      (c) => c.name === 'hotline_session',
    )!;
    const inEnglish = await t.app.inject({
      method: 'GET',
      url: '/api/wechat-groups/drafts?state=draft',
      headers: { cookie: `${session.name}=${session.value}`, 'accept-language': 'en' },
    });
    const englishWhy = (inEnglish.json().items as { id: string; reading: { why: string[] } }[]).find((d) => d.id === wang.id)!.reading.why;
    expect(englishWhy[0]).toBe('Mentions arrears');
    expect(englishWhy.length).toBe(wang.reading.why.length);
    expect(englishWhy.filter((w) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(w))).toEqual([]);
    await expectError(handler2.post(`/api/wechat-groups/drafts/${wang.id}/confirm`, { version: wang.version }), 404, 'GROUP_DRAFT_NOT_FOUND');
    const confirmed = await ok(chair.post(`/api/wechat-groups/drafts/${wang.id}/confirm`, { version: wang.version, phone: '13904710006' }));
    expect(confirmed).toMatchObject({ state: 'confirmed' });
    await expectError(chair.post(`/api/wechat-groups/drafts/${wang.id}/dismiss`, { version: confirmed.version, reason: '重复' }), 409, 'GROUP_DRAFT_DECIDED');
    const { items } = await ok(agent.get(`/api/orders?q=${confirmed.orderNumber}`));
    const o = await ok(agent.get(`/api/orders/${items[0].id}`));
    expect(o).toMatchObject({ channel: 'wechat', state: 'pending_dispatch' });
    expect(o.allowedActions).toContain('check_request');
    const dismissed = await ok(chair.post(`/api/wechat-groups/drafts/${liu.id}/dismiss`, { version: liu.version, reason: '已当面解答' }));
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissReason: '已当面解答' });
  });
});
