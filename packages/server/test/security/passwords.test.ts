import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.js';
import { users } from '../../src/users/users.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 10, item 10: a password policy fit for 等保 level 3, on every way a password is set. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('10. password policy', () => {
  it('refuses weak new passwords, the user name and common ones, with a stable code per rule', async () => {
    const s = await t.login('mediator');
    const change = (newPassword: string) => s.post('/api/auth/password', { currentPassword: 'Demo12351', newPassword });
    for (const weak of ['password1', 'Password1!', 'Demo12351', 'abcdefghij1']) {
      const r = await change(weak);
      expect([weak, r.statusCode, r.json().code]).toEqual([weak, 400, 'VALIDATION_FAILED']);
      expect(r.json().details.fields[0].field).toBe('body.newPassword');
    }
    const named = await change('Mediator-2026!');
    expect([named.statusCode, named.json().code]).toEqual([400, 'PASSWORD_CONTAINS_USERNAME']);
  });

  it('keeps a history of five: none of the last five may come back', async () => {
    const s = await t.login('lawyer');
    const sequence = ['First-Pass-2026', 'Second-Pass-2026', 'Third-Pass-2026', 'Fourth-Pass-2026', 'Fifth-Pass-2026'];
    let current = 'Demo12351';
    for (const next of sequence) {
      expect((await s.post('/api/auth/password', { currentPassword: current, newPassword: next })).statusCode).toBe(204);
      current = next;
    }
    const again = await s.post('/api/auth/password', { currentPassword: current, newPassword: 'First-Pass-2026' });
    expect([again.statusCode, again.json().code]).toEqual([400, 'PASSWORD_REUSED']);
    expect((await s.post('/api/auth/password', { currentPassword: current, newPassword: 'Sixth-Pass-2026' })).statusCode).toBe(204);
  });

  it('applies the policy when the security administrator sets a password too', async () => {
    const admin = await t.login('secadmin');
    const [handler] = await t.db.select().from(users).where(eq(users.username, 'handler'));
    const weak = await admin.post(`/api/users/${handler!.id}/password`, { password: 'password1' });
    expect(weak.statusCode).toBe(400);
    const named = await admin.post(`/api/users/${handler!.id}/password`, { password: 'Handler-2026!' });
    expect(named.json().code).toBe('PASSWORD_CONTAINS_USERNAME');
    const generated = await admin.post(`/api/users/${handler!.id}/password`, {});
    expect(generated.json().password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{10,}$/);
  });

  it('refuses a weak initial administrator password at start', () => {
    expect(() => loadConfig({ HOTLINE_ADMIN_PASSWORD: 'Demo12351' })).toThrow(/HOTLINE_ADMIN_PASSWORD/);
    expect(() => loadConfig({ HOTLINE_ADMIN_PASSWORD: 'password12' })).toThrow(/HOTLINE_ADMIN_PASSWORD/);
    expect(loadConfig({ HOTLINE_ADMIN_PASSWORD: 'Strong-Admin-2026' }).adminPassword).toBe('Strong-Admin-2026');
  });
});
