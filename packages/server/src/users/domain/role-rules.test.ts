import { describe, expect, it } from 'vitest';
import { parseMergedDuties } from '../../auth/duties.js';
import { roles, type Role } from '../../auth/roles.js';
import { changedFields, checkDutyChange, checkRoleSet, checkSelfChange, dedupeGrants, mayLiftLockouts, type AccountKind } from './role-rules.js';

const g = (role: Role, unitId = 'u1') => ({ role, unitId });

describe('checkRoleSet', () => {
  it.each<[string, AccountKind, ReturnType<typeof g>[], string | null]>([
    ['a person with one role', 'person', [g('agent')], null],
    ['a person with roles at two units', 'person', [g('dispatcher', 'u1'), g('handler', 'u2')], null],
    ['administrator with a leader role', 'person', [g('administrator'), g('leader')], null],
    ['a person without roles', 'person', [], 'USER_ROLE_REQUIRED'],
    ['administrator and auditor at one unit', 'person', [g('administrator'), g('auditor')], 'USER_ROLE_SEPARATION'],
    ['administrator and auditor at different units', 'person', [g('administrator', 'u1'), g('auditor', 'u2')], 'USER_ROLE_SEPARATION'],
    ['a person with the integration role', 'person', [g('agent'), g('integration')], 'USER_ROLE_KIND'],
    ['an integration account with its role', 'integration', [g('integration')], null],
    ['an integration account with a person role', 'integration', [g('agent')], 'USER_ROLE_KIND'],
    ['an integration account at two units', 'integration', [g('integration', 'u1'), g('integration', 'u2')], 'USER_ROLE_KIND'],
    ['an integration account without roles', 'integration', [], 'USER_ROLE_KIND'],
    ['system and security administration (三员分立)', 'person', [g('administrator'), g('security', 'u2')], 'USER_ROLE_SEPARATION'],
    ['security administration and audit', 'person', [g('security'), g('auditor')], 'USER_ROLE_SEPARATION'],
    ['the same duty at two units', 'person', [g('security', 'u1'), g('security', 'u2')], null],
    ['a security administrator who also handles orders', 'person', [g('security'), g('handler')], null],
  ])('%s', (_name, kind, grants, code) => {
    const problem = checkRoleSet(kind, grants);
    expect(problem?.code ?? null).toBe(code);
    if (problem) expect(problem.field).toBe('body.roles');
  });

  it('lets an installation merge exactly the pairs it names (HOTLINE_MERGED_DUTIES)', () => {
    const parsed = parseMergedDuties('security+administrator');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(checkRoleSet('person', [g('administrator'), g('security')], parsed.merged)).toBeNull();
    expect(checkRoleSet('person', [g('administrator'), g('auditor')], parsed.merged)?.code).toBe('USER_ROLE_SEPARATION');
    expect(checkRoleSet('person', [g('administrator'), g('security'), g('auditor')], parsed.merged)?.code).toBe('USER_ROLE_SEPARATION');
    const all = parseMergedDuties('administrator+security, security+auditor,administrator+auditor');
    if ('error' in all) throw new Error(all.error);
    expect(checkRoleSet('person', [g('administrator'), g('security'), g('auditor')], all.merged)).toBeNull();
  });

  it.each(['administrator', 'administrator+administrator', 'administrator+leader', 'a+b+c', 'security+auditor+administrator'])(
    'refuses the setting %s',
    (setting) => {
      expect('error' in parseMergedDuties(setting)).toBe(true);
    },
  );
});

describe('checkSelfChange', () => {
  const acting = g('security', 'root');
  const held = [acting, g('leader', 'root')];
  it.each<[string, Parameters<typeof checkSelfChange>[1], string | null]>([
    ['renaming oneself', {}, null],
    ['staying active', { active: true }, null],
    ['deactivating oneself', { active: false }, 'USER_SELF_DEACTIVATE'],
    ['keeping the roles held', { roles: [acting, g('leader', 'root')] }, null],
    ['dropping a role of one’s own', { roles: [acting] }, null],
    ['dropping the acting role', { roles: [g('leader', 'root')] }, 'USER_SELF_ADMIN_ROLE'],
    ['moving the admin role to another unit', { roles: [g('security', 'other')] }, 'USER_SELF_ADMIN_ROLE'],
    ['granting oneself the audit duty', { roles: [acting, g('auditor', 'root')] }, 'USER_SELF_GRANT'],
    ['granting oneself system administration', { roles: [acting, g('administrator', 'root')] }, 'USER_SELF_GRANT'],
    ['granting oneself the same duty higher up', { roles: [acting, g('security', 'top')] }, 'USER_SELF_GRANT'],
    ['granting oneself a working role', { roles: [acting, g('dispatcher', 'root')] }, 'USER_SELF_GRANT'],
  ])('%s', (_name, change, code) => {
    expect(checkSelfChange(acting, change, held)?.code ?? null).toBe(code);
  });
});

describe('dedupeGrants', () => {
  it('keeps one of each role at each unit, in order', () => {
    expect(dedupeGrants([g('agent', 'a'), g('handler', 'a'), g('agent', 'a'), g('agent', 'b')])).toEqual([g('agent', 'a'), g('handler', 'a'), g('agent', 'b')]);
  });
});

describe('changedFields', () => {
  it.each([
    ['nothing changed', { a: 1, r: [1] }, { a: 1, r: [1] }, {}, {}],
    ['one scalar', { a: 1, b: 'x' }, { a: 2, b: 'x' }, { a: 1 }, { a: 2 }],
    ['an array', { r: [1] }, { r: [1, 2] }, { r: [1] }, { r: [1, 2] }],
    ['null to a value', { p: null as string | null }, { p: '1' as string | null }, { p: null }, { p: '1' }],
  ])('%s', (_name, before, after, b, a) => {
    expect(changedFields(before as Record<string, unknown>, after as Record<string, unknown>)).toEqual({ before: b, after: a });
  });
});

describe('checkDutyChange (the three duties change only on the console)', () => {
  const code = (p: ReturnType<typeof checkDutyChange>) => p && [p.code, p.field];
  it.each<[string, ReturnType<typeof g>[], Parameters<typeof checkDutyChange>[1], [string, string] | null]>([
    ['a working role added to a working account', [g('agent')], { roles: [g('agent'), g('dispatcher')] }, null],
    ['the auditor given to a working account', [g('agent')], { roles: [g('agent'), g('auditor')] }, ['USER_DUTY_CONSOLE', 'body.roles']],
    ['system administration given to a working account', [g('agent')], { roles: [g('administrator')] }, ['USER_DUTY_CONSOLE', 'body.roles']],
    ['the auditor’s role taken away', [g('auditor')], { roles: [g('agent')] }, ['USER_DUTY_CONSOLE', 'body.roles']],
    ['the auditor moved to another unit', [g('auditor', 'u1')], { roles: [g('auditor', 'u2')] }, ['USER_DUTY_CONSOLE', 'body.roles']],
    ['security administration delegated to a county', [g('agent')], { roles: [g('security', 'u2')] }, null],
    ['a security administrator’s password reset', [g('security')], { password: true }, null],
    ['a working role added beside a duty', [g('auditor')], { roles: [g('auditor'), g('leader')] }, null],
    ['the same duty listed again', [g('security')], { roles: [g('security')] }, null],
    ['a duty account’s password reset', [g('auditor')], { password: true }, ['USER_DUTY_CONSOLE', 'body.password']],
    ['a working account’s password reset', [g('handler')], { password: true }, null],
    ['a duty account deactivated', [g('administrator')], { active: false }, ['USER_DUTY_CONSOLE', 'body.active']],
    ['a duty account reactivated', [g('auditor')], { active: true }, ['USER_DUTY_CONSOLE', 'body.active']],
    ['a working account deactivated', [g('agent')], { active: false }, null],
    ['a duty account renamed', [g('auditor')], {}, null],
  ])('%s', (_name, held, change, expected) => {
    expect(code(checkDutyChange(held, change))).toEqual(expected);
  });

  it('leaves system administration to the account manager where the installation merged the two', () => {
    const parsed = parseMergedDuties('administrator+security');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(checkDutyChange([g('agent')], { roles: [g('administrator')] }, parsed.merged)).toBeNull();
    expect(checkDutyChange([g('administrator')], { password: true }, parsed.merged)).toBeNull();
    expect(code(checkDutyChange([g('agent')], { roles: [g('auditor')] }, parsed.merged))).toEqual(['USER_DUTY_CONSOLE', 'body.roles']);
  });
});

describe('mayLiftLockouts', () => {
  it('is the security administrator alone, among every role (the same rule shows a lockout and lifts it)', () => {
    expect(roles.filter(mayLiftLockouts)).toEqual(['security']);
  });
});
