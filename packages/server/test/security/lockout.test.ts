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

describe('the people list says who is locked out now, and until when', () => {
  type Person = { username: string; lockout?: { until: string; addresses: number; newAddresses: boolean } | null };
  const listed = async (secadmin: Awaited<ReturnType<TestApp['login']>>, username: string) => {
    const res = await secadmin.get(`/api/users?q=${username}&active=true`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Person[] }).items.find((u) => u.username === username)!;
  };

  it('flags an account locked at one address until its oldest counted failure leaves the window; unlock and time clear it', async () => {
    const secadmin = await t.login('secadmin');
    expect((await listed(secadmin, 'mediator')).lockout).toBeNull();
    const first = t.clock.now();
    for (let i = 0; i < 5; i++) await login('mediator', `Wrong-guess-${i}`, '10.6.5.1');
    expect((await login('mediator', 'Demo12351', '10.6.5.1')).statusCode).toBe(423);
    expect((await listed(secadmin, 'mediator')).lockout).toEqual({
      until: new Date(first.getTime() + 15 * 60_000).toISOString(),
      addresses: 1,
      newAddresses: false,
    });
    // Four failures are no lockout: the others stay unflagged.
    for (let i = 0; i < 4; i++) await login('lawyer', `Wrong-guess-${i}`, '10.6.5.2');
    expect((await listed(secadmin, 'lawyer')).lockout).toBeNull();
    // Lifted by the security administrator: the flag goes with it.
    const mediator = (await secadmin.get('/api/users?q=mediator')).json().items[0] as { id: string };
    expect((await secadmin.post(`/api/users/${mediator.id}/unlock`, {})).statusCode).toBe(200);
    expect((await listed(secadmin, 'mediator')).lockout).toBeNull();
    expect((await login('mediator', 'Demo12351', '10.6.5.1')).statusCode).toBe(200);
    // Locked again, then the window passes.
    for (let i = 0; i < 5; i++) await login('mediator', `Wrong-again-${i}`, '10.6.5.3');
    expect((await listed(secadmin, 'mediator')).lockout).toMatchObject({ addresses: 1, newAddresses: false });
    t.clock.advance(16 * 60_000);
    const again = await t.login('secadmin');
    expect((await listed(again, 'mediator')).lockout).toBeNull();
  });

  it('flags new addresses refused when the failures of all addresses add up, also on the person read alone', async () => {
    const secadmin = await t.login('secadmin');
    for (let a = 0; a < 4; a++) for (let i = 0; i < 5; i++) await login('callback', `Wrong-${a}-${i}`, `10.6.6.${a}`);
    const person = await listed(secadmin, 'callback');
    expect(person.lockout).toMatchObject({ addresses: 4, newAddresses: true });
    expect(new Date(person.lockout!.until).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const id = ((await secadmin.get('/api/users?q=callback')).json().items[0] as { id: string }).id;
    expect((await secadmin.get(`/api/users/${id}`)).json().lockout).toEqual(person.lockout);
    // Only a role that may lift it is shown a lockout: every other reader of people (the system administrator, the
    // hotline's dispatcher) gets the person without the field — not null, which would say "not locked".
    for (const reader of [await t.login('admin'), await t.login('dispatcher')]) {
      const alone = await reader.get(`/api/users/${id}`);
      expect(alone.statusCode, alone.body).toBe(200);
      expect(alone.json()).toMatchObject({ username: 'callback' });
      expect(alone.json()).not.toHaveProperty('lockout');
      const page = await reader.get('/api/users?q=callback');
      expect(page.statusCode, page.body).toBe(200);
      const inList = (page.json() as { items: Person[] }).items.find((u) => u.username === 'callback');
      expect(inList).toBeDefined();
      expect(inList).not.toHaveProperty('lockout');
      // Nor may they lift it.
      expect((await reader.post(`/api/users/${id}/unlock`, {})).json().code).toBe('ROLE_REQUIRED');
    }
    expect((await secadmin.get(`/api/users/${id}`)).json().lockout).toEqual(person.lockout);
  });
});
