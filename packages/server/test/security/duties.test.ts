import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMergedDuties } from '../../src/auth/duties.js';
import { verifyPassword } from '../../src/auth/password.js';
import { grantDuty, listDutyHolders, resetDutyPassword, revokeDuty, setDutyAccountActive, type ConsoleContext } from '../../src/users/duty-console.js';
import { roleAssignments, users } from '../../src/users/users.tables.js';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 10, item 11 — 三员分立: system administration (admin), security administration (secadmin: accounts, roles,
 * passwords, lockouts) and audit (auditor) are three people, and none can act as another.
 */
let t: TestApp;
let admin: Client, secadmin: Client, auditor: Client;
let root: string;
const idOf = async (username: string) => (await t.db.select().from(users).where(eq(users.username, username)))[0]!;
const refused = (res: { statusCode: number; json(): unknown }) => [res.statusCode, (res.json() as { code: string }).code];

beforeAll(async () => {
  t = await createTestApp();
  [admin, secadmin, auditor] = await Promise.all([t.login('admin'), t.login('secadmin'), t.login('auditor')]);
  root = (await idOf('admin')).unitId;
});
afterAll(() => t.close());

describe('11. three separate administrators', () => {
  it('the system administrator cannot reset the auditor’s or the security administrator’s password, nor anyone’s', async () => {
    for (const who of ['auditor', 'secadmin', 'agent']) {
      expect(refused(await admin.post(`/api/users/${(await idOf(who)).id}/password`, {}))).toEqual([403, 'ROLE_REQUIRED']);
    }
    // Nor take the other way in: create an account, grant a role, unlock, or issue a token.
    const body = { username: 'puppet', displayName: '傀儡', unitId: root, roles: [{ role: 'auditor', unitId: root }], password: 'Puppet-2026x' };
    expect(refused(await admin.post('/api/users', body))).toEqual([403, 'ROLE_REQUIRED']);
    const aud = await idOf('auditor');
    expect(refused(await admin.patch(`/api/users/${aud.id}`, { version: aud.version, roles: [{ role: 'administrator', unitId: root }] }))).toEqual([
      403,
      'ROLE_REQUIRED',
    ]);
    expect(refused(await admin.post(`/api/users/${aud.id}/unlock`, {}))).toEqual([403, 'ROLE_REQUIRED']);
    expect(refused(await admin.post(`/api/users/${(await idOf('api12345')).id}/tokens`, { name: 'x' }))).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('the system administrator cannot read the audit log; still runs the installation’s settings', async () => {
    expect(refused(await admin.get('/api/audit/events'))).toEqual([403, 'ROLE_REQUIRED']);
    expect((await admin.get('/api/jobs')).statusCode).toBe(200);
    const catalog = await ok(admin.get('/api/catalog'));
    expect((await admin.put('/api/catalog', { version: catalog.version, thresholds: { massWorkers: 31 } })).statusCode).toBe(200);
  });

  it('the security administrator cannot read the audit log nor change system settings', async () => {
    expect(refused(await secadmin.get('/api/audit/events'))).toEqual([403, 'ROLE_REQUIRED']);
    const catalog = await ok(admin.get('/api/catalog'));
    expect(refused(await secadmin.put('/api/catalog', { version: catalog.version, thresholds: { massWorkers: 32 } }))).toEqual([403, 'ROLE_REQUIRED']);
    expect(refused(await secadmin.post('/api/units', { parentId: root, type: 'enterprise_union', name: '安全管理员建的工会' }))).toEqual([
      403,
      'ROLE_REQUIRED',
    ]);
    expect(refused(await secadmin.put('/api/calendar/days/2026-12-01', { workday: false, holidayName: '测试' }))).toEqual([403, 'ROLE_REQUIRED']);
    expect(refused(await secadmin.get('/api/jobs'))).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('neither the security administrator nor the auditor sees workers’ orders', async () => {
    const created = await ok(
      (await t.login('agent')).post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱先生', phone: '13904713333' }],
        narrative: '三员分立：安全管理员与审计员不看工单。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      }),
      201,
    );
    for (const c of [secadmin, auditor]) {
      expect((await ok(c.get('/api/orders'))).items).toEqual([]);
      expect((await c.get(`/api/orders/${created.id}`)).statusCode).toBe(404);
    }
  });

  it('the auditor only reads the audit log', async () => {
    expect((await auditor.get('/api/audit/events')).statusCode).toBe(200);
    const agent = await idOf('agent');
    for (const res of [
      await auditor.get('/api/users'),
      await auditor.post(`/api/users/${agent.id}/password`, {}),
      await auditor.post(`/api/users/${agent.id}/unlock`, {}),
      await auditor.patch(`/api/users/${agent.id}`, { version: agent.version, displayName: 'x' }),
      await auditor.get('/api/jobs'),
      await auditor.post('/api/units', { parentId: root, type: 'enterprise_union', name: '审计员建的工会' }),
    ]) {
      expect(refused(res)).toEqual([403, 'ROLE_REQUIRED']);
    }
  });

  it('nobody grants themselves another of the three roles (or any role)', async () => {
    const me = await idOf('secadmin');
    for (const role of ['auditor', 'administrator', 'dispatcher']) {
      const res = await secadmin.patch(`/api/users/${me.id}`, {
        version: me.version,
        roles: [
          { role: 'security', unitId: root },
          { role, unitId: root },
        ],
      });
      expect(refused(res)).toEqual([400, 'USER_SELF_GRANT']);
    }
    expect((await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, me.id))).map((a) => a.role)).toEqual(['security']);
  });

  it('one person cannot hold two of the three duties', async () => {
    const both = (roles: string[], username: string) =>
      secadmin.post('/api/users', {
        username,
        displayName: username,
        unitId: root,
        roles: roles.map((role) => ({ role, unitId: root })),
        password: 'Both-Duties-2026',
      });
    for (const pair of [
      ['administrator', 'security'],
      ['security', 'auditor'],
      ['administrator', 'auditor'],
    ]) {
      expect(refused(await both(pair, `two.${pair.join('.')}`))).toEqual([400, 'USER_ROLE_SEPARATION']);
    }
    // Nor gain a second one later: the auditor given system administration.
    const aud = await idOf('auditor');
    const res = await secadmin.patch(`/api/users/${aud.id}`, {
      version: aud.version,
      roles: [
        { role: 'auditor', unitId: root },
        { role: 'administrator', unitId: root },
      ],
    });
    expect(refused(res)).toEqual([400, 'USER_ROLE_SEPARATION']);
  });

  it('the security administrator lifts a lockout without touching the password, audited for the auditor', async () => {
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password }, remoteAddress: '10.11.0.1' });
    for (let i = 0; i < 5; i++) await login(`Wrong-guess-${i}`);
    expect((await login('Demo12351')).statusCode).toBe(423);
    const inspector = await idOf('inspector');
    expect(await ok(secadmin.post(`/api/users/${inspector.id}/unlock`, {}))).toEqual({ clearedAttempts: 5 });
    expect((await login('Demo12351')).statusCode).toBe(200);
    expect(refused(await secadmin.post(`/api/users/${(await idOf('secadmin')).id}/unlock`, {}))).toEqual([400, 'USER_SELF_UNLOCK']);
    const seen = (await ok(auditor.get(`/api/audit/events?action=unlock_user&targetId=${inspector.id}`))).items;
    expect(seen).toMatchObject([{ actor: { username: 'secadmin', role: 'security' }, detail: 'cleared 5 failed attempt(s)' }]);
  });
});

describe('the security administrator cannot make themselves the auditor or the system administrator', () => {
  it('cannot give anyone one of the three duties, nor take one away', async () => {
    const create = await secadmin.post('/api/users', {
      username: 'second.auditor',
      displayName: '第二审计员',
      unitId: root,
      roles: [{ role: 'auditor', unitId: root }],
      password: 'Second-Auditor-2026',
    });
    expect(refused(create)).toEqual([400, 'USER_DUTY_CONSOLE']);
    expect(await idOf('second.auditor')).toBeUndefined();
    const agent = await idOf('agent');
    for (const role of ['auditor', 'administrator']) {
      const res = await secadmin.patch(`/api/users/${agent.id}`, { version: agent.version, roles: [{ role, unitId: root }] });
      expect(refused(res)).toEqual([400, 'USER_DUTY_CONSOLE']);
    }
    const aud = await idOf('auditor');
    expect(refused(await secadmin.patch(`/api/users/${aud.id}`, { version: aud.version, roles: [{ role: 'leader', unitId: root }] }))).toEqual([
      400,
      'USER_DUTY_CONSOLE',
    ]);
    expect((await t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, aud.id))).map((a) => a.role)).toEqual(['auditor']);
  });

  it('cannot reset the password of, deactivate or reactivate an account that holds a duty', async () => {
    for (const who of ['auditor', 'admin']) {
      const u = await idOf(who);
      expect(refused(await secadmin.post(`/api/users/${u.id}/password`, { password: 'Taken-Over-2026x' }))).toEqual([400, 'USER_DUTY_CONSOLE']);
      expect(refused(await secadmin.patch(`/api/users/${u.id}`, { version: u.version, active: false }))).toEqual([400, 'USER_DUTY_CONSOLE']);
      const after = await idOf(who);
      expect([after.passwordHash, after.active, after.version]).toEqual([u.passwordHash, true, u.version]);
    }
    // The auditor still signs in with their own password, and a duty account's ordinary details still change.
    expect((await t.login('auditor')).session.current.role).toBe('auditor');
    const aud = await idOf('auditor');
    expect((await secadmin.patch(`/api/users/${aud.id}`, { version: aud.version, displayName: '审计员（张）' })).statusCode).toBe(200);
    // Working accounts are the security administrator's as before.
    expect((await secadmin.post(`/api/users/${(await idOf('agent')).id}/password`, {})).statusCode).toBe(200);
  });

  it('on the console the duties are given, taken, reset and switched, each in the audit log', async () => {
    const ctx: ConsoleContext = { db: t.db, clock: t.clock, province: t.config.province, merged: t.config.mergedDuties, operator: 'ops' };
    const leader = await idOf('leader');
    await grantDuty(ctx, 'leader', 'auditor');
    // Separation still holds on the console: the system administrator cannot also audit.
    await expect(grantDuty(ctx, 'admin', 'auditor')).rejects.toThrow('三员分立');
    const password = await resetDutyPassword(ctx, 'leader');
    expect(await verifyPassword((await idOf('leader')).passwordHash!, password)).toBe(true);
    expect((await idOf('leader')).mustChangePassword).toBe(true);
    await expect(resetDutyPassword(ctx, 'agent')).rejects.toThrow('不担任三员职责');
    await setDutyAccountActive(ctx, 'auditor', false);
    // Now the leader is the only active auditor: the duty cannot be left without anyone.
    await expect(revokeDuty(ctx, 'leader', 'auditor')).rejects.toThrow('唯一在用');
    await setDutyAccountActive(ctx, 'auditor', true);
    await revokeDuty(ctx, 'leader', 'auditor');
    expect((await listDutyHolders(t.db)).map((h) => `${h.role}:${h.username}`)).toEqual(['administrator:admin', 'security:secadmin', 'auditor:auditor']);
    // (The auditor's earlier session ended when the account was switched off.)
    const seen = (await ok((await t.login('auditor')).get(`/api/audit/events?targetId=${leader.id}`))).items as {
      action: string;
      actor: { username: string };
    }[];
    expect(seen.map((e) => e.action).sort()).toEqual(['grant_duty', 'reset_password', 'revoke_duty']);
    expect(new Set(seen.map((e) => e.actor.username))).toEqual(new Set(['console:ops']));
  });
});

describe('an installation that merges system and security administration (HOTLINE_MERGED_DUTIES)', () => {
  let merged: TestApp;
  beforeAll(async () => {
    const parsed = parseMergedDuties('administrator+security');
    if ('error' in parsed) throw new Error(parsed.error);
    merged = await createTestApp({ config: { mergedDuties: parsed.merged } });
  });
  afterAll(() => merged.close());

  it('gives admin both roles instead of a separate secadmin, and lets one person hold that pair only', async () => {
    const a = await merged.login('admin');
    expect(a.session.assignments.map((x) => x.role).sort()).toEqual(['administrator', 'security']);
    expect((await merged.db.select().from(users).where(eq(users.username, 'secadmin'))).length).toBe(0);
    // Acting as security administrator (role switch), admin manages accounts; audit stays apart.
    const security = a.session.assignments.find((x) => x.role === 'security')!;
    const switched = await a.post('/api/auth/session/role', { assignmentId: security.assignmentId });
    expect(switched.statusCode, switched.body).toBe(200);
    const unitId = security.unit.id;
    const body = (username: string, roles: string[]) => ({
      username,
      displayName: username,
      unitId,
      roles: roles.map((role) => ({ role, unitId })),
      password: 'Merged-Duty-2026',
    });
    expect((await a.post('/api/users', body('it.person', ['administrator', 'security']))).statusCode).toBe(201);
    expect(refused(await a.post('/api/users', body('it.auditor', ['security', 'auditor'])))).toEqual([400, 'USER_ROLE_SEPARATION']);
  });

  it('refuses a setting that does not name two duties, at start', async () => {
    const { loadConfig } = await import('../../src/platform/config/config.js');
    expect(() => loadConfig({ HOTLINE_MERGED_DUTIES: 'administrator+leader' })).toThrow(/HOTLINE_MERGED_DUTIES/);
    expect(loadConfig({ HOTLINE_MERGED_DUTIES: 'security+administrator' }).mergedDuties.has('administrator+security')).toBe(true);
  });
});
