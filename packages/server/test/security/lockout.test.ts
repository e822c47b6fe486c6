import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 10, item 6: failures are counted atomically, and a stranger's guesses slow the stranger, not the owner. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('6. lockout', () => {
  it('checks at most the limit of passwords when 60 logins for one account arrive at once', async () => {
    const attempts = [
      ...Array.from({ length: 59 }, (_, i) => login('supervisor', `wrong-pass-${i}`, '10.6.0.1')),
      login('supervisor', 'Demo12351', '10.6.0.1'),
    ];
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    const checked = statuses.filter((s) => s === 401 || s === 200).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(55);
  });

  it('locks the guesser’s address, not the owner: the administrator still logs in from their own', async () => {
    // The owner has signed in from their desk before.
    expect((await login('admin', 'Admin12345', '10.6.1.1')).statusCode).toBe(200);
    for (let i = 0; i < 6; i++) await login('admin', `guess-${i}`, '10.6.9.9');
    expect((await login('admin', 'Admin12345', '10.6.9.9')).statusCode).toBe(423);
    expect((await login('admin', 'Admin12345', '10.6.1.1')).statusCode).toBe(200);
    expect((await login('admin', 'Admin12345', '10.6.1.2')).statusCode).toBe(200);
  });

  it('after many failures from many addresses, refuses new addresses but not the owner’s known one', async () => {
    expect((await login('leader', 'Demo12351', '10.6.2.1')).statusCode).toBe(200);
    for (let a = 0; a < 4; a++) for (let i = 0; i < 5; i++) await login('leader', `guess-${i}`, `10.6.3.${a}`);
    expect((await login('leader', 'Demo12351', '10.6.4.4')).statusCode).toBe(423);
    expect((await login('leader', 'Demo12351', '10.6.2.1')).statusCode).toBe(200);
  });
});
