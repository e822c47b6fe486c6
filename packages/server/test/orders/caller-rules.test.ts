import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/install/demo.js';
import { idNumberCheckChar } from '../../src/platform/validation/id-number.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectError } from './http.js';

/**
 * Who may be recorded as a caller: an ID number whose birth date has come (by the server's clock, the Beijing day),
 * and one caller per number on an order — at intake and when attaching a caller to an open order.
 */
let t: TestApp;
let agent: Client, secadmin: Client;
type Order = { id: string; version: number; callerCount: number; isGroup: boolean; callers: { phone: string | null }[] };

/** A valid ID number of a person born on `yyyymmdd` in 新城区 (150102). */
const bornOn = (yyyymmdd: string) => {
  const first17 = `150102${yyyymmdd}001`;
  return first17 + idNumberCheckChar(first17);
};
const body = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '李师傅', phone: '13904710002' }],
  narrative: '反映建筑公司拖欠工资三个月。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});
const attach = (o: Order, caller: Record<string, unknown>, c = agent) =>
  c.post(`/api/orders/${o.id}/callers`, { version: o.version, caller, channel: 'phone' });
const fields = (e: { details?: { fields?: { field: string; message: string }[] } }) => e.details?.fields;

beforeAll(async () => {
  // 10:00 on 25 November 2026 in Beijing; sessions outlast the clock's moves.
  t = await createTestApp({ at: '2026-11-25T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  [agent, secadmin] = await Promise.all([t.login('agent'), t.login('secadmin')]);
});
afterAll(() => t.close());

describe('an ID number born after today', () => {
  it('is refused at intake on its field, in Chinese and in English; born today is accepted', async () => {
    // The walk-through's number: born 2030-01-01, with a valid check digit.
    expect(bornOn('20300101')).toBe('150102203001010018');
    const callers = [
      { name: '李师傅', phone: '13904710002', idNumber: bornOn('20251125') },
      { name: '王师傅', phone: '13904710003', idNumber: '150102203001010018' },
    ];
    const e = await expectError(agent.post('/api/orders', body({ callers })), 400, 'VALIDATION_FAILED');
    expect(fields(e)).toEqual([{ field: 'body.callers.1.idNumber', message: '身份证号中的出生日期不能晚于今天' }]);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: body({ callers }),
      headers: { cookie: await cookieOf('agent'), 'accept-language': 'en' },
    });
    expect(en.json().details.fields[0].message).toBe('The date of birth in the ID number cannot be later than today');

    await expectError(agent.post('/api/orders', body({ callers: [{ name: '李师傅', idNumber: bornOn('20261126') }] })), 400, 'VALIDATION_FAILED');
    const o = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '李师傅', idNumber: bornOn('20261125') }] })), 201);
    expect(o.callerCount).toBe(1);
  });

  it('counts today by the Beijing day of the clock: at 01:00 on the 26th in Beijing (17:00 UTC on the 25th) the 26th has come', async () => {
    t.clock.set('2026-11-25T17:00:00Z');
    try {
      await ok(agent.post('/api/orders', body({ callers: [{ name: '李师傅', idNumber: bornOn('20261126') }] })), 201);
      await expectError(agent.post('/api/orders', body({ callers: [{ name: '李师傅', idNumber: bornOn('20261127') }] })), 400, 'VALIDATION_FAILED');
    } finally {
      t.clock.set('2026-11-25T02:00:00Z');
    }
  });

  it('is refused when attaching a caller, and on a person’s account', async () => {
    const o = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '赵师傅', phone: '13904710010' }] })), 201);
    const e = await expectError(attach(o, { name: '钱师傅', phone: '13904710011', idNumber: '150102203001010018' }), 400, 'VALIDATION_FAILED');
    expect(fields(e)).toEqual([{ field: 'body.caller.idNumber', message: '身份证号中的出生日期不能晚于今天' }]);
    expect((await ok<Order>(agent.get(`/api/orders/${o.id}`))).callerCount).toBe(1);

    const county = await unitByDivision(t, 'county_federation', '150102');
    const person = { username: 'future_born', displayName: '未来人', unitId: county.id, roles: [{ role: 'handler', unitId: county.id }] };
    const u = await expectError(secadmin.post('/api/users', { ...person, idNumber: '150102203001010018' }), 400, 'VALIDATION_FAILED');
    expect(fields(u)).toEqual([{ field: 'body.idNumber', message: '身份证号中的出生日期不能晚于今天' }]);
    const created = await ok<{ user: { id: string; version: number } }>(secadmin.post('/api/users', person), 201);
    const p = await expectError(
      secadmin.patch(`/api/users/${created.user.id}`, { version: created.user.version, idNumber: '150102203001010018' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(p)).toEqual([{ field: 'body.idNumber', message: '身份证号中的出生日期不能晚于今天' }]);
  });
});

describe('one caller per number on an order', () => {
  it('refuses two callers of one number at intake, on the second one’s field', async () => {
    const callers = [
      { name: '李师傅', phone: '13904710002' },
      { name: '王师傅', phone: '139 0471 0002' },
    ];
    const e = await expectError(agent.post('/api/orders', body({ callers })), 400, 'ORDER_CALLER_NUMBER_REPEATED');
    expect(fields(e)).toEqual([{ field: 'body.callers.1.phone', message: '该号码已登记为本工单的来电人' }]);
    // Callers without a number repeat nothing.
    const o = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '李师傅' }, { name: '王师傅' }] })), 201);
    expect(o.callerCount).toBe(2);
  });

  it('refuses attaching a number already a caller of the order (409, on the phone field) and changes nothing', async () => {
    const o = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '李师傅', phone: '13904710020' }] })), 201);
    const e = await expectError(attach(o, { name: '王师傅', phone: '+86 139 0471 0020' }), 409, 'ORDER_CALLER_ALREADY_ON_ORDER');
    expect(fields(e)).toEqual([{ field: 'body.caller.phone', message: '该号码已登记为本工单的来电人' }]);
    const same = await ok<Order>(agent.get(`/api/orders/${o.id}`));
    expect(same).toMatchObject({ version: o.version, callerCount: 1, isGroup: false });

    // Another number joins; then that one too is on the order.
    const joined = await ok<Order>(attach(o, { name: '王师傅', phone: '13904710021' }));
    expect(joined).toMatchObject({ callerCount: 2, isGroup: true });
    await expectError(attach(joined, { name: '王师傅', phone: '13904710021' }), 409, 'ORDER_CALLER_ALREADY_ON_ORDER');
    const events = await ok<{ action: string }[]>(agent.get(`/api/orders/${o.id}/events`));
    expect(events.map((x) => x.action)).toEqual(['create', 'attach_caller']);
  });
});

describe('intake’s hints say which orders already have this number', () => {
  type Matched = { id: string; matchReasons: string[] };
  type Matches = { callerOrders: Matched[]; employerOpenOrders: Matched[] };
  const reasons = (xs: Matched[]) => Object.fromEntries(xs.map((x) => [x.id, x.matchReasons]));

  it('same_number where attaching it would be refused, number_part and employer where it would not', async () => {
    const employer = { name: '呼和浩特市提示测试建材有限公司' };
    const a = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '李师傅', phone: '04716610030' }], employer })), 201);
    const b = await ok<Order>(agent.post('/api/orders', body({ callers: [{ name: '王师傅', phone: '13904710031' }], employer })), 201);
    const byNumber = await ok<Matches>(agent.get(`/api/orders/intake-matches?phone=0471-6610030&employer=${encodeURIComponent(employer.name)}`));
    expect(reasons(byNumber.callerOrders)).toEqual({ [a.id]: ['same_number'] });
    expect(reasons(byNumber.employerOpenOrders)).toEqual({ [a.id]: ['employer', 'same_number'], [b.id]: ['employer'] });
    await expectError(attach(a, { name: '李师傅', phone: '04716610030' }), 409, 'ORDER_CALLER_ALREADY_ON_ORDER');

    // The local number without its area code finds the agent's own order holding it whole: another number, attachable.
    const part = await ok<Matches>(agent.get('/api/orders/intake-matches?phone=6610030'));
    expect(reasons(part.callerOrders)).toEqual({ [a.id]: ['number_part'] });
    expect((await ok<Order>(attach(a, { name: '张师傅', phone: '6610030' }))).callerCount).toBe(2);
  });
});

async function cookieOf(username: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  const c = res.cookies.find((x) => x.name === 'hotline_session')!;
  return `${c.name}=${c.value}`;
}
