import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in with the admin password and returns the session', async () => {
    const admin = await t.login('admin');
    expect(admin.session.current.role).toBe('administrator');
    const res = await admin.get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('admin');
  });

  it('sets an http-only SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: 'Demo12351' } });
    const c = res.cookies.find((x) => x.name === 'hotline_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.secure).toBeFalsy();
  });

  it('refuses a wrong password with one message for unknown and known names', async () => {
    const a = await t.anonymous().post('/api/auth/login', { username: 'agent', password: 'wrong-pass1' });
    const b = await t.anonymous().post('/api/auth/login', { username: 'nobody', password: 'wrong-pass1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(a.json().message).toBe(b.json().message);
  });

  it('locks an account after 5 failures in 15 minutes, and lets it in again after', async () => {
    for (let i = 0; i < 5; i++) await t.anonymous().post('/api/auth/login', { username: 'inspector', password: 'bad-pass' + i });
    const locked = await t.anonymous().post('/api/auth/login', { username: 'inspector', password: 'Demo12351' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('AUTH_LOCKED');
    t.clock.advance(16 * 60_000);
    const ok = await t.anonymous().post('/api/auth/login', { username: 'inspector', password: 'Demo12351' });
    expect(ok.statusCode).toBe(200);
  });

  it('ends an idle session and says so', async () => {
    const s = await t.login('supervisor');
    expect((await s.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await s.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('logs out', async () => {
    const s = await t.login('leader');
    expect((await s.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('asks for a login on protected routes', async () => {
    const res = await t.anonymous().get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_REQUIRED');
  });

  it('tells the sign-in state with 200 whether or not anyone is signed in', async () => {
    const nobody = await t.anonymous().get('/api/auth/state');
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ session: null, expired: false });
    const s = await t.login('dispatcher');
    const signed = await s.get('/api/auth/state');
    expect(signed.statusCode).toBe(200);
    expect(signed.json().session.current.role).toBe('dispatcher');
    await s.post('/api/auth/logout');
    expect((await s.get('/api/auth/state')).json()).toEqual({ session: null, expired: true });
  });

  it('switches between roles held at several units', async () => {
    const city = await t.login('city');
    expect(city.session.assignments.map((a) => a.role).sort()).toEqual(['dispatcher', 'handler']);
    const handler = city.session.assignments.find((a) => a.role === 'handler')!;
    const res = await city.post('/api/auth/session/role', { assignmentId: handler.assignmentId });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.role).toBe('handler');
    expect((await city.get('/api/auth/session')).json().current.role).toBe('handler');
    const bad = await city.post('/api/auth/session/role', { assignmentId: crypto.randomUUID() });
    expect(bad.statusCode).toBe(404);
  });

  it('keeps a start page per person and role (设为首页), and says which roles reach the whole province', async () => {
    // The demo's callback agent chose the callback queue; the other agent starts on the role's page (null).
    const callback = await t.login('callback');
    expect(callback.session.current).toMatchObject({ role: 'agent', startPage: '/orders?view=to_callback', provinceWide: true });
    expect((await t.login('agent')).session.current.startPage).toBeNull();
    expect((await t.login('handler')).session.current.provinceWide).toBe(false);

    const city = await t.login('city');
    const set = await city.put('/api/auth/session/start-page', { startPage: '/orders?view=to_sign' });
    expect(set.statusCode).toBe(200);
    const now = city.session.current;
    expect(set.json().current).toMatchObject({ assignmentId: now.assignmentId, startPage: '/orders?view=to_sign' });
    // Only the role worked in now: the same person's other role keeps the role's start page.
    expect(set.json().assignments.find((a: { assignmentId: string }) => a.assignmentId !== now.assignmentId).startPage).toBeNull();
    expect((await city.get('/api/auth/session')).json().current.startPage).toBe('/orders?view=to_sign');

    for (const startPage of ['https://evil.example/', '//evil.example', '/api/orders', '/orders?view=x&y=1', 'orders', 42]) {
      const bad = await city.put('/api/auth/session/start-page', { startPage });
      expect(bad.statusCode, String(startPage)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(bad.json().details.fields[0].message).toMatch(/首页|应为/);
    }
    expect((await city.put('/api/auth/session/start-page', { startPage: null })).json().current.startPage).toBeNull();
    expect((await t.anonymous().put('/api/auth/session/start-page', { startPage: null })).statusCode).toBe(401);
  });

  it('changes the password and checks the old one and the policy', async () => {
    const s = await t.login('mediator');
    const weak = await s.post('/api/auth/password', { currentPassword: 'Demo12351', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('VALIDATION_FAILED');
    const wrong = await s.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'NewPass2026' });
    expect(wrong.json().code).toBe('AUTH_WRONG_PASSWORD');
    expect((await s.post('/api/auth/password', { currentPassword: 'Demo12351', newPassword: 'NewPass2026' })).statusCode).toBe(204);
    await expect(t.login('mediator')).rejects.toThrow();
    await t.login('mediator', 'NewPass2026');
  });

  it('answers malformed JSON and unknown fields with 400 and a stable code', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
    const extra = await t.anonymous().post('/api/auth/login', { username: 'a', password: 'b', admin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('VALIDATION_FAILED');
    expect(extra.json().details.fields[0].field).toContain('admin');
  });
});
