import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/install/demo.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The role check's refusal (auth/actor.ts requireRole, 403 ROLE_REQUIRED) names the reader's role and the roles that
 * would do: in Chinese, and in English when the interface is English (Accept-Language), the code the same in both.
 */
let t: TestApp;
const cookies = new Map<string, string>();
/** Chinese, or the full-width punctuation that comes with it. */
const notEnglish = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' });
  for (const username of ['inspector', 'agent']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
    const c = res.cookies.find((x) => x.name === 'hotline_session')!;
    cookies.set(username, `${c.name}=${c.value}`);
  }
}, 600_000);
afterAll(() => t?.close());

/** The board asks for a supervisor, leader or dispatcher; drawing the quality sample for an inspector. */
const refusal = async (who: 'inspector' | 'agent', language?: string) => {
  const headers = { cookie: cookies.get(who)!, ...(language ? { 'accept-language': language } : {}) };
  const res =
    who === 'inspector'
      ? await t.app.inject({ method: 'GET', url: '/api/supervision/board', headers })
      : await t.app.inject({ method: 'POST', url: '/api/quality/sample', headers, payload: {} });
  return { status: res.statusCode, ...(res.json() as { code: string; message: string }) };
};

describe('ROLE_REQUIRED', () => {
  it('names the reader’s role and the roles that would do, in Chinese', async () => {
    expect(await refusal('inspector')).toMatchObject({
      status: 403,
      code: 'ROLE_REQUIRED',
      message: '当前角色（质检员）无权执行此操作，需要：督办员、领导、派单员',
    });
    expect(await refusal('agent', 'zh-CN,zh;q=0.9,en;q=0.8')).toMatchObject({
      status: 403,
      code: 'ROLE_REQUIRED',
      message: '当前角色（接线员）无权执行此操作，需要：质检员',
    });
  });

  it('in English when the interface is English', async () => {
    const many = await refusal('inspector', 'en-US,en;q=0.9');
    expect(many).toMatchObject({
      status: 403,
      code: 'ROLE_REQUIRED',
      message: 'Your current role (Quality inspector) may not do this: it needs one of the roles Supervisor, Leader, Dispatcher',
    });
    const one = await refusal('agent', 'en');
    expect(one).toMatchObject({
      status: 403,
      code: 'ROLE_REQUIRED',
      message: 'Your current role (Agent) may not do this: it needs the role Quality inspector',
    });
    expect(notEnglish.test(many.message + one.message)).toBe(false);
  });
});
