import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCallers, orderCoHandlers, orderHops, workOrders } from '../../src/orders/orders.tables.js';
import { users } from '../../src/users/users.tables.js';
import { ok } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { orderInput, seedOrders, signIn, type Seeded, type Session } from './fixtures.js';

/**
 * Explicit bad requests, family by family, each with the status and code it must get: the readable companion of the
 * fuzz test. Rejections must also leave nothing behind — no half-created order, no half-applied dispatch or merge.
 */
let t: TestApp;
let as: Record<'admin' | 'secadmin' | 'agent' | 'dispatcher' | 'handler' | 'handler2' | 'auditor', Session>;
let s: Seeded;
let cat: { version: number };
let rule: { id: string; version: number };
let spare: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  as = {} as typeof as;
  for (const who of ['admin', 'secadmin', 'agent', 'dispatcher', 'handler', 'handler2', 'auditor'] as const) as[who] = await signIn(t, who);
  s = await seedOrders(t, as);
  cat = await ok(as.admin.get('/api/catalog'));
  rule = (await ok(as.admin.get('/api/time-limit-rules'))).items[0];
  const unit = await ok(as.admin.post('/api/units', { parentId: s.county.id, type: 'enterprise_union', name: '校验测试企业工会' }), 201);
  spare = (
    await ok(
      as.secadmin.post('/api/users', { username: 'checked', displayName: '校验测试', unitId: unit.id, roles: [{ role: 'handler', unitId: unit.id }] }),
      201,
    )
  ).user;
}, 120_000);
afterAll(() => t.close());

type Who = keyof typeof as;
type Case = {
  name: string;
  who: Who;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: () => string;
  body?: () => unknown;
  status: number;
  code: string;
  field?: string;
  message?: RegExp;
};

const chinese = /[\u4e00-\u9fff]/;
const wrongCheckDigit = '150102199003070018'; // 1990-03-07, check character should be 6
const o = () => s.orders;

function send(c: Pick<Case, 'who' | 'method' | 'url' | 'body'>): Promise<LightMyRequestResponse> {
  const body = c.body?.();
  return as[c.who].raw(
    c.method,
    c.url(),
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );
}

/** Status, code, the error body, and the field named with a Chinese message. */
async function expectRefused(c: Case) {
  const res = await send(c);
  const body = res.json();
  expect({ status: res.statusCode, code: body.code }, res.body).toEqual({ status: c.status, code: c.code });
  expect(body.message).toMatch(chinese);
  expect(body.requestId).toEqual(expect.any(String));
  if (c.field) {
    const f = (body.details?.fields ?? []).find((x: { field: string }) => x.field === c.field);
    expect(f, `no field ${c.field} in ${res.body}`).toBeDefined();
    expect(f.message).toMatch(c.message ?? chinese);
  }
}

const named = (cases: Case[]) => cases.map((c) => [`${c.name} → ${c.status} ${c.code}`, c] as const);

const order = (over: Record<string, unknown>) => () => orderInput(over);
const unitBody =
  (over: Record<string, unknown> = {}) =>
  () => ({ parentId: s.county.id, type: 'enterprise_union', name: '某某企业工会', ...over });
const userBody =
  (over: Record<string, unknown> = {}) =>
  () => ({ username: 'newperson', displayName: '新人员', unitId: s.county.id, roles: [{ role: 'handler', unitId: s.county.id }], ...over });
const dispatchBody =
  (over: Record<string, unknown> = {}) =>
  () => ({ version: o().pending.version, unitId: s.county.id, ...over });

describe('malformed JSON and content types', () => {
  const bodies: [string, Who, Case['method'], () => string][] = [
    ['login', 'admin', 'POST', () => '/api/auth/login'],
    ['createUnit', 'admin', 'POST', () => '/api/units'],
    ['updateUser', 'secadmin', 'PATCH', () => `/api/users/${spare.id}`],
    ['updateCatalog', 'admin', 'PUT', () => '/api/catalog'],
    ['setCalendarDay', 'admin', 'PUT', () => '/api/calendar/days/2026-12-01'],
    ['createOrder', 'agent', 'POST', () => '/api/orders'],
    ['dispatchOrder', 'dispatcher', 'POST', () => `/api/orders/${o().pending.id}/dispatch`],
    ['replyOrder', 'handler', 'POST', () => `/api/orders/${o().handling.id}/reply`],
  ];
  it.each(bodies)('%s: broken JSON → 400 MALFORMED_JSON', async (_op, who, method, url) => {
    for (const payload of ['{"version": 1,', "{'version': 1}", '{"a":1}{"b":2}', '']) {
      const res = await as[who].raw(method, url(), payload, { 'content-type': 'application/json' });
      expect([res.statusCode, res.json().code], payload).toEqual([400, 'MALFORMED_JSON']);
      expect(res.json().message).toMatch(chinese);
    }
  });
  it.each(bodies)('%s: a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async (_op, who, method, url) => {
    const res = await as[who].raw(method, url(), '<order/>', { 'content-type': 'application/xml' });
    expect([res.statusCode, res.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('field validation: unknown fields, wrong types, over-long text, phone and ID numbers, hostile text', () => {
  const long = (n: number) => '字'.repeat(n);
  const cases: Case[] = [
    // Unknown fields are named, however deep.
    {
      name: 'login with an extra field',
      who: 'admin',
      method: 'POST',
      url: () => '/api/auth/login',
      body: () => ({ username: 'a', password: 'b', remember: true }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.remember',
    },
    {
      name: 'createUnit with an extra field',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ colour: 'red' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.colour',
    },
    {
      name: 'createUser with an extra field',
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ nickname: 'x' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.nickname',
    },
    {
      name: 'updateCatalog with an extra field',
      who: 'admin',
      method: 'PUT',
      url: () => '/api/catalog',
      body: () => ({ version: cat.version, colour: 'red' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.colour',
    },
    {
      name: 'createOrder with an extra caller field',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '王先生', age: 40 }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.age',
    },
    {
      name: 'dispatchOrder with an extra field',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ urgent: true }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.urgent',
    },
    {
      name: 'listOrders with an unknown query parameter',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders?colour=red',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.colour',
    },
    // Wrong types.
    {
      name: 'createOrder callers as text',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: '王先生' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers',
    },
    {
      name: 'createOrder workers as text',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ workersInvolved: '4' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.workersInvolved',
      message: /人数/,
    },
    {
      name: 'createOrder negative amount',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ amountInvolved: -1 }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.amountInvolved',
      message: /不能为负/,
    },
    {
      name: 'dispatchOrder version as text',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ version: '1' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.version',
    },
    {
      name: 'createUnit fractional sort order',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ sortOrder: 1.5 }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.sortOrder',
    },
    {
      name: 'updateUser active as text',
      who: 'secadmin',
      method: 'PATCH',
      url: () => `/api/users/${spare.id}`,
      body: () => ({ version: spare.version, active: 'yes' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.active',
    },
    {
      name: 'requestExtension without a boolean',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/extension`,
      body: () => ({ version: o().handling.version, amount: 3, reason: '需要调查', callerInformed: 'true' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callerInformed',
    },
    {
      name: 'replyOrder outcome as a list',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: () => ({ version: o().handling.version, outcome: [] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.outcome',
    },
    {
      name: 'listOrders limit as text',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders?limit=abc',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.limit',
    },
    {
      name: 'listOrders from a day that does not exist',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders?from=2026-02-30',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.from',
    },
    {
      name: 'listOrders from year 0000',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders?from=0000-01-01',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.from',
    },
    {
      name: 'listAuditEvents from year 0000',
      who: 'auditor',
      method: 'GET',
      url: () => '/api/audit/events?from=0000-01-01T00:00:00Z',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.from',
    },
    {
      name: 'listCalendarDays from year 0000',
      who: 'admin',
      method: 'GET',
      url: () => '/api/calendar/days?from=0000-01-01&to=0000-01-02',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.from',
    },
    {
      name: 'getOrder with an id that is not a uuid',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders/12351',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'params.id',
    },
    {
      name: 'setCalendarDay on 30 February',
      who: 'admin',
      method: 'PUT',
      url: () => '/api/calendar/days/2026-02-30',
      body: () => ({ workday: true }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'params.date',
    },
    // Over-long text.
    {
      name: 'createOrder narrative over 5000',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ narrative: long(5001) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.narrative',
      message: /不能超过 5000/,
    },
    {
      name: 'createOrder more than 50 callers',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: Array.from({ length: 51 }, () => ({ name: '工友' })) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers',
      message: /最多 50/,
    },
    {
      name: 'addOrderNote over 1000',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/notes`,
      body: () => ({ note: long(1001) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.note',
      message: /不能超过 1000/,
    },
    {
      name: 'createUnit name over 60',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ name: long(61) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.name',
      message: /不能超过 60/,
    },
    {
      name: 'createUser display name over 40',
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ displayName: long(41) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.displayName',
      message: /不能超过 40/,
    },
    {
      name: 'login user name over 64',
      who: 'admin',
      method: 'POST',
      url: () => '/api/auth/login',
      body: () => ({ username: 'a'.repeat(65), password: 'x' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.username',
    },
    // Phone numbers.
    {
      name: "caller phone '12345678901'",
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '王先生', phone: '12345678901' }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.phone',
      message: /电话号码格式不正确/,
    },
    {
      name: "caller phone '010-1234' (a trunk 0 without a whole area code and number)",
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '王先生', phone: '010-1234' }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.phone',
      message: /电话号码格式不正确/,
    },
    {
      name: "caller phone 'abc'",
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '王先生', phone: 'abc' }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.phone',
      message: /电话号码格式不正确/,
    },
    {
      name: "user phone 'abc'",
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ phone: 'abc' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.phone',
      message: /电话号码格式不正确/,
    },
    {
      name: "unit phone '12345678901'",
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ contactPhone: '12345678901' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.contactPhone',
      message: /电话号码格式不正确/,
    },
    {
      name: "intake matches for phone 'abc'",
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders/intake-matches?phone=abc',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.phone',
      message: /电话号码格式不正确/,
    },
    // 18-digit ID numbers with a wrong check character.
    {
      name: 'caller ID number with a wrong check digit',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '王先生', idNumber: wrongCheckDigit }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.idNumber',
      message: /身份证号校验位不正确/,
    },
    {
      name: 'user ID number with a wrong check digit',
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ idNumber: wrongCheckDigit }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.idNumber',
      message: /身份证号校验位不正确/,
    },
    {
      name: 'attached caller ID number with a wrong check digit',
      who: 'agent',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/callers`,
      body: () => ({ version: o().pending.version, channel: 'phone', caller: { name: '李先生', idNumber: wrongCheckDigit } }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.caller.idNumber',
      message: /身份证号校验位不正确/,
    },
    // U+0000 passes JSON and zod but PostgreSQL text cannot hold it.
    {
      name: 'createOrder narrative with U+0000',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ narrative: '拖欠工资\u0000三个月' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.narrative',
    },
    {
      name: 'listOrders search with U+0000',
      who: 'agent',
      method: 'GET',
      url: () => '/api/orders?q=%00',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'querystring.q',
    },
    {
      name: 'login user name with U+0000',
      who: 'admin',
      method: 'POST',
      url: () => '/api/auth/login',
      body: () => ({ username: 'ad\u0000min', password: 'x' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.username',
    },
  ];
  it.each(named(cases))('%s', (_name, c) => expectRefused(c));
});

describe('text and numbers the database cannot hold as sent (a hostile client’s probe)', () => {
  const lone = /不成对的 UTF-16 代理项/;
  const cases: Case[] = [
    // A lone surrogate: a json column answered 500, a text column stored U+FFFD instead of what was sent.
    {
      name: 'replyOrder measures with a lone surrogate (stored in the event’s json)',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: () => ({ version: o().handling.version, outcome: { resolved: true, measures: 'ab\ud800cd', amountRecovered: 0, workersHelped: 0 } }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.outcome.measures',
      message: lone,
    },
    {
      name: 'createUnit leader with a lone low surrogate (units.leaders is json)',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ leaders: [{ name: '王\udc00', title: '主席' }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.leaders.0.name',
      message: lone,
    },
    {
      name: 'createUnit name with a lone surrogate (a text column)',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ name: 'ab\ud800cd' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.name',
      message: lone,
    },
    // A key is checked as a value is (input-guard.ts): the field is named by the key itself.
    {
      name: 'createUnit with a key holding a lone surrogate',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ 'a\ud800': 1 }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.a\ud800',
      message: lone,
    },
    {
      name: 'replyOrder with a nested key holding a lone low surrogate',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: () => ({ version: o().handling.version, outcome: { resolved: true, measures: '已约谈企业负责人', '\udc00x': 0 } }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.outcome.\udc00x',
      message: lone,
    },
    // Versions are int4 columns: 2^31 reached PostgreSQL and failed there.
    {
      name: 'updateUnit version 2^31',
      who: 'admin',
      method: 'PATCH',
      url: () => `/api/units/${s.county.id}`,
      body: () => ({ version: 2 ** 31, name: '某某区总工会' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.version',
      message: /版本号不正确/,
    },
    {
      name: 'dispatchOrder version 2^53 − 1',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ version: Number.MAX_SAFE_INTEGER }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.version',
      message: /版本号不正确/,
    },
    {
      name: 'updateCatalog version 2^31',
      who: 'admin',
      method: 'PUT',
      url: () => '/api/catalog',
      body: () => ({ version: 2 ** 31, subjects: [] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.version',
      message: /版本号不正确/,
    },
    {
      name: 'setAgentState version 2^31 (a version that starts at 0)',
      who: 'agent',
      method: 'PUT',
      url: () => '/api/calls/agents/me',
      body: () => ({ state: 'ready', version: 2 ** 31 }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.version',
      message: /版本号不正确/,
    },
    // Whitespace and invisible characters only (U+200B, U+2060, U+FEFF, U+3000) are no text: trim() kept U+200B.
    {
      name: 'createUnit named with a zero-width space',
      who: 'admin',
      method: 'POST',
      url: () => '/api/units',
      body: unitBody({ name: '\u200b' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.name',
      message: /^请填写单位名称$/,
    },
    {
      name: 'createOrder caller named with invisible characters and spaces',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ callers: [{ name: '\u2060\ufeff\u3000 \u200d' }] }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.callers.0.name',
      message: /^请填写来电人姓名$/,
    },
    {
      name: 'replyOrder measures of a zero-width space',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: () => ({ version: o().handling.version, outcome: { resolved: true, measures: '\u200b', amountRecovered: 0, workersHelped: 0 } }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.outcome.measures',
      message: /^请填写办理措施$/,
    },
    {
      name: 'createApiToken named with a zero-width space',
      who: 'secadmin',
      method: 'POST',
      url: () => `/api/users/${spare.id}/tokens`,
      body: () => ({ name: '\u200b' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.name',
      message: /^请填写令牌名称$/,
    },
    // Amounts are numeric(14,2): 0.001 was stored as 0.
    {
      name: 'createOrder amount involved 0.001',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ amountInvolved: 0.001 }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.amountInvolved',
      message: /^金额最多两位小数（精确到分）$/,
    },
    {
      name: 'replyOrder amount recovered 1e-9',
      who: 'handler',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: () => ({ version: o().handling.version, outcome: { resolved: true, measures: '已督促支付', amountRecovered: 1e-9, workersHelped: 0 } }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.outcome.amountRecovered',
      message: /^追回金额最多两位小数（精确到分）$/,
    },
    // Instants a record cannot have.
    {
      name: 'createApiToken expiring in 9999',
      who: 'secadmin',
      method: 'POST',
      url: () => `/api/users/${spare.id}/tokens`,
      body: () => ({ name: '接口令牌', expiresAt: '9999-12-31T00:00:00Z' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.expiresAt',
      message: /^时间应在 2000 年至 2099 年之间$/,
    },
    {
      name: 'previewDeadline from 1900',
      who: 'admin',
      method: 'POST',
      url: () => '/api/time-limit-rules/preview',
      body: () => ({ step: 'reply', type: 'complaint', subject: 'wage_arrears', priority: 'normal', tier: 'general', start: '1900-01-02T01:00:00Z' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.start',
      message: /^时间应在 2000 年至 2099 年之间$/,
    },
    {
      name: 'previewDeadline from a year the calendar does not cover: the start is named',
      who: 'admin',
      method: 'POST',
      url: () => '/api/time-limit-rules/preview',
      body: () => ({ step: 'reply', type: 'complaint', subject: 'wage_arrears', priority: 'normal', tier: 'general', start: '2001-03-01T09:00:00+08:00' }),
      status: 422,
      code: 'CALENDAR_NOT_COVERED',
      field: 'body.start',
      message: /^起算时间或其期限超出工作日历的覆盖范围$/,
    },
  ];
  it.each(named(cases))('%s', (_name, c) => expectRefused(c));

  it('an unknown risk flag sent twice is named once', async () => {
    const res = await send({ who: 'agent', method: 'POST', url: () => '/api/orders', body: order({ riskFlags: ['no_such_flag', 'no_such_flag'] }) });
    expect([res.statusCode, res.json().code]).toEqual([400, 'CATALOG_CODE_UNKNOWN']);
    expect(res.json().message).toBe('未知的风险标识：no_such_flag');
    expect(res.json().details.fields).toHaveLength(1);
  });

  it('the refusal of a lone surrogate is said in English for an English interface', async () => {
    const res = await as.admin.raw('POST', '/api/units', JSON.stringify(unitBody({ name: 'ab\ud800cd' })()), {
      'content-type': 'application/json',
      'accept-language': 'en',
    });
    expect(res.json().details.fields).toEqual([{ field: 'body.name', message: 'Cannot contain an invalid character (an unpaired UTF-16 surrogate)' }]);
  });

  it('upholding a return refuses a receiving unit and co-handlers as it refuses a corrected place: nothing is dropped silently', async () => {
    let r = await ok(as.agent.post('/api/orders', orderInput()), 201);
    r = await ok(as.dispatcher.post(`/api/orders/${r.id}/dispatch`, { version: r.version, unitId: s.county.id }));
    r = await ok(as.handler.post(`/api/orders/${r.id}/return`, { version: r.version, reason: '非本辖区' }));
    const decide = (over: Record<string, unknown>) =>
      send({
        who: 'dispatcher',
        method: 'POST',
        url: () => `/api/orders/${r.id}/return-decision`,
        body: () => ({ version: r.version, decision: 'reject', reason: '属本辖区', ...over }),
      });
    const refused = await decide({ unitId: s.enterprise.id, coHandlers: [{ unitId: s.enterprise.id }] });
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json().details.fields).toEqual([
      { field: 'body.unitId', message: '只有改派才选择接收单位' },
      { field: 'body.coHandlers', message: '只有改派才邀请协办单位' },
    ]);
    expect((await ok(as.dispatcher.get(`/api/orders/${r.id}`))).version).toBe(r.version);
    expect((await ok(decide({}))).state).not.toBe('returned');
  });
});

describe('text that shows nothing is no text: a reason or a note of spaces and zero-width characters', () => {
  const cases: Case[] = [
    // The review's rule is the schema's, on the trimmed reason: U+200B alone sent the order back with an invisible reason.
    {
      name: 'reviewOrder rework with a reason of one zero-width space',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().replied.id}/review`,
      body: () => ({ version: o().replied.version, decision: 'rework', reason: '\u200B' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.reason',
      message: /请填写退回重办的理由/,
    },
    {
      name: 'reviewOrder rework with a reason of a BOM, an ideographic space and a word joiner',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().replied.id}/review`,
      body: () => ({ version: o().replied.version, decision: 'rework', reason: '\uFEFF\u3000\u2060' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.reason',
      message: /请填写退回重办的理由/,
    },
    // "At least 2 characters" counts what shows: two zero-width spaces passed note.trim().length >= 2.
    {
      name: 'decideExtension refusal with a note of two zero-width spaces',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/extension-decision`,
      body: () => ({ version: o().handling.version, approve: false, note: '\u200B\u200B' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.note',
      message: /不同意延期须填写理由/,
    },
    {
      name: 'decideExtension refusal with one character between zero-width spaces',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/extension-decision`,
      body: () => ({ version: o().handling.version, approve: false, note: '\u200B否\u200B' }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.note',
      message: /不同意延期须填写理由/,
    },
    // A search is trimmed by the same rule: one of U+200B alone is no search, not a search for U+200B.
    {
      name: 'searchArticles for one zero-width space',
      who: 'agent',
      method: 'GET',
      url: () => '/api/knowledge/search?q=%E2%80%8B',
      status: 400,
      code: 'SEARCH_QUERY_EMPTY',
      field: 'querystring.q',
    },
    // A note's limit is on what is kept: trimmed first, so 1001 characters are refused, not stored.
    {
      name: 'dispatchOrder note over 1000 characters between zero-width spaces',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ note: `\u200B${'字'.repeat(1001)}\u200B` }),
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body.note',
      message: /备注不能超过 1000 字/,
    },
  ];
  it.each(named(cases))('%s', (_name, c) => expectRefused(c));

  it('a note of nothing visible is no note: the dispatch keeps none on the timeline', async () => {
    const created = await ok<{ id: string; version: number }>(
      as.agent.post('/api/orders', orderInput({ callers: [{ name: '钱师傅', phone: '13904710009' }] })),
      201,
    );
    await ok(as.dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId: s.county.id, note: ' \u200B\uFEFF' }));
    const events = await ok<{ action: string; note: string | null }[]>(as.dispatcher.get(`/api/orders/${created.id}/events`));
    expect(events.find((e) => e.action === 'dispatch')?.note).toBeNull();
  });
});

describe('list dates within the years a record falls in (plausibleDate)', () => {
  it.each([
    ['from', '1999-12-31'],
    ['to', '2100-01-01'],
    ['from', '1900-01-01'],
  ])('listOrders %s=%s → 400 naming the field', async (param, value) => {
    await expectRefused({
      name: '',
      who: 'agent',
      method: 'GET',
      url: () => `/api/orders?${param}=${value}`,
      status: 400,
      code: 'VALIDATION_FAILED',
      field: `querystring.${param}`,
      message: /日期应在 2000 年至 2099 年之间/,
    });
  });
});

describe('references to codes and units that do not exist', () => {
  const cases: Case[] = [
    {
      name: 'createOrder unknown type',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ typeCode: 'no_such_type' }),
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.typeCode',
    },
    {
      name: 'createOrder unknown subject',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ subjectCode: 'no_such_subject' }),
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.subjectCode',
    },
    {
      name: 'createOrder unknown risk flag',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ riskFlags: ['mass', 'no_such_flag'] }),
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.riskFlags',
    },
    {
      name: 'createOrder division code GB/T 2260 does not have',
      who: 'agent',
      method: 'POST',
      url: () => '/api/orders',
      body: order({ place: { text: '某地', divisionCode: '999999' } }),
      status: 400,
      code: 'ORDER_DIVISION_UNKNOWN',
      field: 'body.place.divisionCode',
      message: /行政区划代码不存在/,
    },
    {
      name: 'listOrders from after to',
      who: 'dispatcher',
      method: 'GET',
      url: () => '/api/orders?from=2026-12-05&to=2026-11-01',
      status: 400,
      code: 'ORDER_PERIOD_INVALID',
      field: 'querystring.from',
      message: /开始日期不能晚于结束日期/,
    },
    {
      name: 'previewDeadline unknown type',
      who: 'admin',
      method: 'POST',
      url: () => '/api/time-limit-rules/preview',
      body: () => ({ step: 'reply', type: 'no_such_type', subject: 'wage_arrears', priority: 'normal', tier: 'general' }),
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.type',
    },
    {
      name: 'updateCatalog subject naming an unknown type',
      who: 'admin',
      method: 'PUT',
      url: () => '/api/catalog',
      body: () => ({ version: cat.version, subjects: [{ code: 'wage_arrears', usualTypes: ['no_such_type'] }] }),
      status: 400,
      code: 'CATALOG_CODE_UNKNOWN',
      field: 'body.subjects.0.usualTypes',
    },
    {
      name: 'dispatchOrder to an unknown unit',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ unitId: crypto.randomUUID() }),
      status: 400,
      code: 'DISPATCH_TARGET_INVALID',
      field: 'body.unitId',
    },
    {
      name: 'dispatchOrder with an unknown co-handler',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody({ coHandlers: [{ unitId: crypto.randomUUID() }] }),
      status: 400,
      code: 'DISPATCH_TARGET_INVALID',
      field: 'body.coHandlers.0.unitId',
    },
    {
      name: 'createUser with a role at an unknown unit',
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ roles: [{ role: 'handler', unitId: crypto.randomUUID() }] }),
      status: 400,
      code: 'USER_UNIT_UNKNOWN',
      field: 'body.roles.0.unitId',
    },
    {
      name: 'linkOrders to an unknown order',
      who: 'agent',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/links`,
      body: () => ({ linkedOrderId: crypto.randomUUID() }),
      status: 400,
      code: 'ORDER_LINK_UNKNOWN',
      field: 'body.linkedOrderId',
    },
  ];
  it.each(named(cases))('%s', (_name, c) => expectRefused(c));
});

describe('actions the state or the role does not allow', () => {
  const v = (k: keyof Seeded['orders']) => () => ({ version: o()[k].version });
  const cases: Case[] = [
    {
      name: 'sign an order not yet dispatched',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/sign`,
      body: v('pending'),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'review an order still being handled',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/review`,
      body: () => ({ version: o().handling.version, decision: 'accept' }),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'archive an order still being handled',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/archive`,
      body: v('handling'),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'reopen an order not called back',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().replied.id}/reopen`,
      body: () => ({ version: o().replied.version, reason: '来电人不满意' }),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'invalidate a dispatched order',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().signing.id}/invalidate`,
      body: () => ({ version: o().signing.version, reason: '测试' }),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'reply to an order closed at intake',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${o().closed.id}/reply`,
      body: () => ({ version: o().closed.version, outcome: { resolved: true, measures: '已答复' } }),
      status: 409,
      code: 'ORDER_INVALID_TRANSITION',
    },
    {
      name: 'an agent dispatches',
      who: 'agent',
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: dispatchBody(),
      status: 403,
      code: 'ORDER_ACTION_FORBIDDEN',
    },
    { name: 'a handler creates an order', who: 'handler', method: 'POST', url: () => '/api/orders', body: order({}), status: 403, code: 'ROLE_REQUIRED' },
    { name: 'an agent creates a unit', who: 'agent', method: 'POST', url: () => '/api/units', body: unitBody(), status: 403, code: 'ROLE_REQUIRED' },
    { name: 'a dispatcher creates a user', who: 'dispatcher', method: 'POST', url: () => '/api/users', body: userBody(), status: 403, code: 'ROLE_REQUIRED' },
    {
      name: 'an agent edits the catalog',
      who: 'agent',
      method: 'PUT',
      url: () => '/api/catalog',
      body: () => ({ version: cat.version }),
      status: 403,
      code: 'ROLE_REQUIRED',
    },
    {
      name: 'a handler edits the calendar',
      who: 'handler',
      method: 'PUT',
      url: () => '/api/calendar/days/2026-12-01',
      body: () => ({ workday: false, holidayName: '测试' }),
      status: 403,
      code: 'ROLE_REQUIRED',
    },
    { name: 'the administrator reads the audit log', who: 'admin', method: 'GET', url: () => '/api/audit/events', status: 403, code: 'ROLE_REQUIRED' },
    {
      name: 'another county reads an order (404, not 403)',
      who: 'handler2',
      method: 'GET',
      url: () => `/api/orders/${o().handling.id}`,
      status: 404,
      code: 'ORDER_NOT_FOUND',
    },
  ];
  it.each(named(cases))('%s', (_name, c) => expectRefused(c));
});

describe('stale versions change nothing', () => {
  const stale: { name: string; who: Who; read: () => string; method: Case['method']; url: () => string; body: (current: { version: number }) => unknown }[] = [
    {
      name: 'dispatchOrder',
      who: 'dispatcher',
      read: () => `/api/orders/${o().pending.id}`,
      method: 'POST',
      url: () => `/api/orders/${o().pending.id}/dispatch`,
      body: (c) => ({ version: c.version + 1, unitId: s.county.id }),
    },
    {
      name: 'replyOrder',
      who: 'handler',
      read: () => `/api/orders/${o().handling.id}`,
      method: 'POST',
      url: () => `/api/orders/${o().handling.id}/reply`,
      body: (c) => ({ version: c.version - 1, outcome: { resolved: true, measures: '已督促支付' } }),
    },
    {
      name: 'updateUnit',
      who: 'admin',
      read: () => `/api/units/${s.enterprise.id}`,
      method: 'PATCH',
      url: () => `/api/units/${s.enterprise.id}`,
      body: (c) => ({ version: c.version + 1, name: '改名后的企业工会' }),
    },
    {
      name: 'updateUser',
      who: 'secadmin',
      read: () => `/api/users/${spare.id}`,
      method: 'PATCH',
      url: () => `/api/users/${spare.id}`,
      body: (c) => ({ version: c.version + 1, displayName: '改名' }),
    },
    {
      name: 'updateCatalog',
      who: 'admin',
      read: () => '/api/catalog',
      method: 'PUT',
      url: () => '/api/catalog',
      body: (c) => ({ version: c.version + 1, thresholds: { massWorkers: 99 } }),
    },
    {
      name: 'updateTimeLimitRule',
      who: 'admin',
      read: () => '/api/time-limit-rules',
      method: 'PATCH',
      url: () => `/api/time-limit-rules/${rule.id}`,
      body: () => ({ version: rule.version + 1, amount: 99 }),
    },
  ];
  it.each(stale.map((c) => [c.name, c] as const))('%s → 409 VERSION_CONFLICT, the record as it was', async (_name, c) => {
    const before = await ok(as[c.who].get(c.read()));
    await expectRefused({ name: c.name, who: c.who, method: c.method, url: c.url, body: () => c.body(before), status: 409, code: 'VERSION_CONFLICT' });
    expect(await ok(as[c.who].get(c.read()))).toEqual(before);
  });
});

describe('conflicts with what exists', () => {
  it.each(['agent', 'AGENT'])('a user name already taken (%s) → 409 with the field', async (username) => {
    await expectRefused({
      name: 'dup',
      who: 'secadmin',
      method: 'POST',
      url: () => '/api/users',
      body: userBody({ username }),
      status: 409,
      code: 'USER_DUPLICATE_USERNAME',
      field: 'body.username',
    });
  });

  it.each([
    ['under one of its own descendants', () => s.enterprise.id],
    ['under itself', () => s.county.id],
  ])('a unit moved %s → 400 UNIT_MOVE_CYCLE, the tree unchanged', async (_what, parent) => {
    const before = await ok(as.admin.get(`/api/units/${s.county.id}`));
    await expectRefused({
      name: 'cycle',
      who: 'admin',
      method: 'POST',
      url: () => `/api/units/${s.county.id}/move`,
      body: () => ({ version: before.version, parentId: parent() }),
      status: 400,
      code: 'UNIT_MOVE_CYCLE',
      field: 'body.parentId',
    });
    expect(await ok(as.admin.get(`/api/units/${s.county.id}`))).toEqual(before);
  });
});

describe('a rejected request leaves nothing half-written', () => {
  const rows = async () => ({
    orders: (await t.db.select({ n: count() }).from(workOrders))[0]!.n,
    callers: (await t.db.select({ n: count() }).from(orderCallers))[0]!.n,
    hops: (await t.db.select({ n: count() }).from(orderHops))[0]!.n,
    coHandlers: (await t.db.select({ n: count() }).from(orderCoHandlers))[0]!.n,
    users: (await t.db.select({ n: count() }).from(users))[0]!.n,
  });

  it.each([
    ['a wrong ID check digit', { name: '赵师傅', idNumber: wrongCheckDigit }],
    ['an invalid phone', { name: '赵师傅', phone: '12345678901' }],
    ['no name', { phone: '13904710009' }],
  ])('createOrder with three callers, the third with %s: no order, no callers', async (_why, bad) => {
    const before = await rows();
    const res = await as.agent.post('/api/orders', orderInput({ callers: [{ name: '王先生', phone: '13904710001' }, { name: '李师傅' }, bad] }));
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const fields: string[] = res.json().details.fields.map((f: { field: string }) => f.field);
    expect(fields.length > 0 && fields.every((f) => f.startsWith('body.callers.2.')), fields.join()).toBe(true);
    expect(await rows()).toEqual(before);
  });

  it('createOrder whose risk flag is unknown after the callers pass: no order, no callers', async () => {
    const before = await rows();
    const res = await as.agent.post(
      '/api/orders',
      orderInput({ callers: [{ name: '王先生' }, { name: '李师傅' }, { name: '张师傅' }], riskFlags: ['no_such_flag'] }),
    );
    expect([res.statusCode, res.json().code]).toEqual([400, 'CATALOG_CODE_UNKNOWN']);
    expect(await rows()).toEqual(before);
  });

  it('a dispatch whose second co-handler is unknown: no hop, no co-handler, the order as it was', async () => {
    const fresh = await ok(as.agent.post('/api/orders', orderInput()), 201);
    const before = { rows: await rows(), order: await ok(as.dispatcher.get(`/api/orders/${fresh.id}`)) };
    await expectRefused({
      name: 'dispatch',
      who: 'dispatcher',
      method: 'POST',
      url: () => `/api/orders/${fresh.id}/dispatch`,
      body: () => ({ version: fresh.version, unitId: s.county.id, coHandlers: [{ unitId: s.enterprise.id }, { unitId: crypto.randomUUID() }] }),
      status: 400,
      code: 'DISPATCH_TARGET_INVALID',
      field: 'body.coHandlers.1.unitId',
    });
    expect({ rows: await rows(), order: await ok(as.dispatcher.get(`/api/orders/${fresh.id}`)) }).toEqual(before);
  });

  it('a merge whose second source is stale: the first source is not merged either', async () => {
    const made: { id: string; version: number }[] = [];
    for (const phone of ['13904710011', '13904710012', '13904710013'])
      made.push(await ok(as.agent.post('/api/orders', orderInput({ callers: [{ name: '工友', phone }] })), 201));
    const read = async () => Promise.all(made.map((m) => ok(as.agent.get(`/api/orders/${m.id}`))));
    const before = { rows: await rows(), orders: await read() };
    await expectRefused({
      name: 'merge',
      who: 'agent',
      method: 'POST',
      url: () => `/api/orders/${made[0]!.id}/merge`,
      body: () => ({
        version: made[0]!.version,
        sources: [
          { id: made[1]!.id, version: made[1]!.version },
          { id: made[2]!.id, version: made[2]!.version + 1 },
        ],
      }),
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    expect({ rows: await rows(), orders: await read() }).toEqual(before);
    expect((await t.db.select().from(orderCallers).where(eq(orderCallers.orderId, made[1]!.id))).map((c) => c.phone)).toEqual(['13904710012']);
  });

  it('createUser whose second role names an unknown unit: no user', async () => {
    const before = await rows();
    const res = await as.secadmin.post(
      '/api/users',
      userBody({
        username: 'halfmade',
        roles: [
          { role: 'handler', unitId: s.county.id },
          { role: 'agent', unitId: crypto.randomUUID() },
        ],
      })(),
    );
    expect([res.statusCode, res.json().code]).toEqual([400, 'USER_UNIT_UNKNOWN']);
    expect(await rows()).toEqual(before);
    expect(await t.db.select().from(users).where(eq(users.username, 'halfmade'))).toEqual([]);
  });
});
