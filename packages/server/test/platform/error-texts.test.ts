import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a refusal says to a person: plain Chinese (zod's own programmer's wording never reaches them), English when the
 * interface is English, and fastify's and Node's own refusals in the same body as every other 4xx.
 */
let t: TestApp;
let cookie: string;
const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: 'Demo12351' } });
  const c = login.cookies.find((x) => x.name === 'hotline_session')!;
  cookie = `${c.name}=${c.value}`;
}, 600_000);
afterAll(() => t?.close());

type Refusal = { code: string; message: string; requestId: string; details?: { fields: { field: string; message: string }[] } };
const get = async (url: string, language?: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie, ...(language ? { 'accept-language': language } : {}) } });
  return { status: res.statusCode, body: res.json() as Refusal };
};
const byField = (r: Refusal) => Object.fromEntries((r.details?.fields ?? []).map((f) => [f.field, f.message]));

describe('a field without a message of its own', () => {
  it('is refused in plain Chinese: no "期望 number <=200", no "未知的键(key)"', async () => {
    const { status, body } = await get('/api/quality/inspections?pageSize=500&bogus=1');
    expect([status, body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(byField(body)).toEqual({ 'querystring.pageSize': '不能大于 200', 'querystring.bogus': '不支持的字段：bogus' });
  });

  it('is refused in English when the interface is English', async () => {
    const { body } = await get('/api/quality/inspections?pageSize=0&bogus=1', 'en');
    expect(byField(body)).toEqual({ 'querystring.pageSize': 'At least 1', 'querystring.bogus': 'Unknown field: bogus' });
    expect(body.message).toBe('Invalid input: querystring.pageSize: At least 1; querystring.bogus: Unknown field: bogus');
  });

  it('a wrong type says what was expected, in words', async () => {
    const zh = await get('/api/quality/inspections?pageSize=many');
    expect(byField(zh.body)['querystring.pageSize']).toBe('应为数字');
    const en = await get('/api/quality/inspections?pageSize=many', 'en');
    expect(byField(en.body)['querystring.pageSize']).toBe('Must be a number');
  });
});

describe('the input guard and the router', () => {
  const login = (language?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent\u0000', password: 'x' },
      headers: language ? { 'accept-language': language } : {},
    });

  it('a null character is refused naming the field, in Chinese and in English', async () => {
    const zh = (await login()).json() as Refusal;
    expect(zh).toMatchObject({ code: 'VALIDATION_FAILED', message: '输入有误：body.username：不能包含空字符（U+0000）' });
    expect(byField(zh)).toEqual({ 'body.username': '不能包含空字符（U+0000）' });
    const en = (await login('en-US,en;q=0.9')).json() as Refusal;
    expect(en.message).toBe('Invalid input: body.username: Cannot contain a null character (U+0000)');
    expect(byField(en)).toEqual({ 'body.username': 'Cannot contain a null character (U+0000)' });
  });

  it('an address the router cannot decode is said in English too', async () => {
    const bad = await get('/api/orders/%E0%A4%A', 'en');
    expect([bad.status, bad.body.code, bad.body.message]).toEqual([400, 'BAD_URL', 'The address is malformed']);
    expect((await get('/api/orders/%E0%A4%A')).body.message).toBe('请求地址格式不正确');
  });
});

describe('a request Node cannot parse', () => {
  it('a 27 KB query string gets a stable code, a Chinese message and a request id, not fastify’s "Client Error"', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/orders?q=${'a'.repeat(27_000)}`, { headers: { cookie } });
    expect(res.status).toBe(431);
    const body = (await res.json()) as Refusal;
    expect(body).toEqual({ code: 'REQUEST_TOO_LONG', message: expect.stringMatching(chinese), requestId: expect.any(String) });
    // The server still answers on new connections.
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });
});

describe('an API path no route serves', () => {
  it('is a 404 ROUTE_NOT_FOUND in the caller’s language, for a GET (the web client’s catch-all) and any other method', async () => {
    expect(await get('/api/no-such-thing')).toMatchObject({
      status: 404,
      body: { code: 'ROUTE_NOT_FOUND', message: '接口不存在：GET /api/no-such-thing' },
    });
    expect(await get('/api/no-such-thing', 'en')).toMatchObject({
      status: 404,
      body: { code: 'ROUTE_NOT_FOUND', message: 'No such endpoint: GET /api/no-such-thing' },
    });
    const post = await t.app.inject({ method: 'POST', url: '/api/no-such-thing', headers: { cookie, 'accept-language': 'en' }, payload: {} });
    expect([post.statusCode, post.json().message]).toEqual([404, 'No such endpoint: POST /api/no-such-thing']);
  });
});

describe('mediation’s and membership’s refusals (english.ts; every message: src/platform/i18n/english-coverage.test.ts)', () => {
  it('a mediation case out of reach is a 404 MEDIATION_CASE_NOT_FOUND in the caller’s language', async () => {
    const url = '/api/mediation/cases/00000000-0000-4000-8000-000000000000';
    expect(await get(url)).toMatchObject({ status: 404, body: { code: 'MEDIATION_CASE_NOT_FOUND', message: '调解案件不存在或无权查看' } });
    expect(await get(url, 'en')).toMatchObject({
      status: 404,
      body: { code: 'MEDIATION_CASE_NOT_FOUND', message: 'No such mediation case, or you may not see it' },
    });
  });

  it('a mediation session left empty names each field in English', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/mediation/cases/00000000-0000-4000-8000-000000000000/sessions',
      headers: { cookie, 'accept-language': 'en' },
      payload: { at: '2026-11-30T09:00:00+08:00', place: ' ', attendees: '', notes: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(byField(res.json() as Refusal)).toEqual({
      'body.place': 'Please fill in: the place',
      'body.attendees': 'Please fill in: the attendees',
      'body.notes': 'Please fill in: the record of the session',
    });
  });

  it('the worker following an application that does not exist gets a 404 PUBLIC_APPLICATION_NOT_FOUND in English', async () => {
    const track = (language?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/memberships/track',
        headers: language ? { 'accept-language': language } : {},
        payload: { number: 'RH-20261130-9999', phone: '13800138000' },
      });
    expect((await track()).json()).toMatchObject({ code: 'PUBLIC_APPLICATION_NOT_FOUND', message: '未找到该入会申请，请核对申请编号和手机号码' });
    const en = await track('en-GB,en;q=0.8');
    expect([en.statusCode, en.json().code, en.json().message]).toEqual([
      404,
      'PUBLIC_APPLICATION_NOT_FOUND',
      'No such application: check the application number and the mobile number',
    ]);
  });
});
