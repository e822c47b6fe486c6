import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { apiTokens } from '../auth/auth.tables.js';
import { sha256 } from '../auth/tokens.js';
import { idNumberCheckChar } from '../platform/validation/id-number.js';
import { units } from '../units/units.tables.js';
import { isUniqueViolation } from '../platform/db/unique-violation.js';
import { insertUser } from './users.repo.js';
import { users } from './users.tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['login']>>;
/** 新城区总工会 (a county of 呼和浩特市), 呼和浩特市总工会, the province's 12345 platform, and handler2's county elsewhere. */
let county: string;
let city: string;
let gov12345: string;
let otherCounty: string;

const unitOf = async (type: string, divisionCode?: string) =>
  (
    await t.db
      .select()
      .from(units)
      .where(divisionCode ? and(eq(units.type, type), eq(units.divisionCode, divisionCode)) : eq(units.type, type))
  )[0]!.id;
const userId = async (username: string) => (await t.db.select().from(users).where(eq(users.username, username)))[0]!.id;
const usernames = (body: { items: { username: string }[] }) => body.items.map((u) => u.username);

const first17 = '11010519491231002';
const validId = first17 + idNumberCheckChar(first17);
const wrongCheckId = first17 + (idNumberCheckChar(first17) === '1' ? '2' : '1');

beforeAll(async () => {
  t = await createTestApp();
  // Accounts are the security administrator's (三员分立); `admin` here is the one who manages people.
  admin = await t.login('secadmin');
  county = await unitOf('county_federation', '150102');
  city = await unitOf('city_federation', '150100');
  gov12345 = await unitOf('gov_hotline');
  otherCounty = (await t.db.select().from(users).where(eq(users.username, 'handler2')))[0]!.unitId;
});
afterAll(() => t.close());

/** The security administrator creates a person with a known password and logs in as them. */
async function newPerson(username: string, roles: { role: string; unitId: string }[], unitId = roles[0]!.unitId) {
  const res = await admin.post('/api/users', { username, displayName: username, unitId, roles, password: 'Start2026x' });
  expect(res.statusCode, res.body).toBe(201);
  // The first login must replace the one-time password (enforced by the server) before the person can do anything.
  let password = 'Start2026x';
  const login = async () => {
    const c = await t.login(username, password);
    if ((c.session as unknown as { user: { mustChangePassword: boolean } }).user.mustChangePassword) {
      const next = `Own-${password}`;
      const changed = await c.post('/api/auth/password', { currentPassword: password, newPassword: next });
      expect(changed.statusCode, changed.body).toBe(204);
      password = next;
    }
    return c;
  };
  return { id: res.json().user.id as string, login };
}

describe('people and roles', () => {
  it('creates a person with roles at two units, who logs in and switches role', async () => {
    const res = await admin.post('/api/users', {
      username: 'Zhao.Lei',
      displayName: '赵磊',
      kind: 'person',
      phone: '139-4710-1234',
      idNumber: validId.toLowerCase(),
      email: 'zhaolei@example.cn',
      unitId: city,
      roles: [
        { role: 'dispatcher', unitId: city },
        { role: 'handler', unitId: county },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { user, password } = res.json();
    expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    expect(user).toMatchObject({ username: 'Zhao.Lei', phone: '13947101234', idNumber: validId, masked: false, mustChangePassword: true, version: 1 });
    expect(user.roles.map((r: { role: string }) => r.role)).toEqual(['dispatcher', 'handler']);

    const person = await t.login('zhao.lei', password);
    expect(person.session.assignments).toHaveLength(2);
    const handler = person.session.assignments.find((a) => a.role === 'handler')!;
    expect(handler.unit.id).toBe(county);
    // Until the one-time password is replaced, nothing but changing it (and logging out) is allowed.
    const refused = await person.post('/api/auth/session/role', { assignmentId: handler.assignmentId });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'AUTH_PASSWORD_CHANGE_REQUIRED']);
    expect((await person.post('/api/auth/password', { currentPassword: password, newPassword: 'Zhao-Lei-2026' })).statusCode).toBe(204);
    const switched = await person.post('/api/auth/session/role', { assignmentId: handler.assignmentId });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().current.role).toBe('handler');
    expect(switched.json().user.mustChangePassword).toBe(false);
  });

  it('creates an integration account without a password, only with the integration role', async () => {
    const ok = await admin.post('/api/users', {
      username: 'gov-platform',
      displayName: '政务平台',
      kind: 'integration',
      unitId: gov12345,
      roles: [{ role: 'integration', unitId: gov12345 }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().password).toBeNull();
    const [row] = await t.db.select().from(users).where(eq(users.id, ok.json().user.id));
    expect(row!.passwordHash).toBeNull();
    const withPassword = await admin.post('/api/users', {
      username: 'gov2',
      displayName: 'x',
      kind: 'integration',
      unitId: gov12345,
      roles: [{ role: 'integration', unitId: gov12345 }],
      password: 'Integration-Key-2026',
    });
    expect(withPassword.json()).toMatchObject({ code: 'USER_INTEGRATION_PASSWORD', details: { fields: [{ field: 'body.password' }] } });
    const personRole = await admin.post('/api/users', {
      username: 'gov3',
      displayName: 'x',
      kind: 'integration',
      unitId: gov12345,
      roles: [{ role: 'agent', unitId: gov12345 }],
    });
    expect(personRole.statusCode).toBe(400);
    expect(personRole.json().code).toBe('USER_ROLE_KIND');
    const personWithIntegration = await admin.post('/api/users', {
      username: 'p.integration',
      displayName: 'x',
      unitId: county,
      roles: [{ role: 'integration', unitId: county }],
    });
    expect(personWithIntegration.json().code).toBe('USER_ROLE_KIND');
  });

  it('keeps administrator and auditor apart (等保)', async () => {
    const res = await admin.post('/api/users', {
      username: 'both',
      displayName: '兼任者',
      unitId: city,
      roles: [
        { role: 'administrator', unitId: city },
        { role: 'auditor', unitId: county },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'USER_ROLE_SEPARATION', details: { fields: [{ field: 'body.roles' }] } });
    const auditor = await userId('auditor');
    const [before] = await t.db.select().from(users).where(eq(users.id, auditor));
    const grant = await admin.patch(`/api/users/${auditor}`, {
      version: before!.version,
      roles: [
        { role: 'auditor', unitId: before!.unitId },
        { role: 'administrator', unitId: county },
      ],
    });
    expect(grant.json().code).toBe('USER_ROLE_SEPARATION');
  });
});

describe('API tokens of integration accounts', () => {
  it('issues a token shown once and stored hashed; it authenticates until revoked', async () => {
    const api = await userId('api12345');
    const created = await admin.post(`/api/users/${api}/tokens`, { name: '12345 对接', expiresAt: '2027-11-25T00:00:00+08:00' });
    expect(created.statusCode, created.body).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^ht_[A-Za-z0-9_-]{40,}$/);
    expect(prefix).toBe(token.slice(0, 10));
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const session = await t.withToken(token).get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().current.role).toBe('integration');

    const listed = await admin.get(`/api/users/${api}/tokens`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect(listed.body).not.toContain(token);

    expect((await admin.del(`/api/users/${api}/tokens/${id}`)).statusCode).toBe(204);
    expect((await admin.del(`/api/users/${api}/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.withToken(token).get('/api/auth/session');
    expect(after.statusCode).toBe(401);
    expect((await admin.del(`/api/users/${api}/tokens/${crypto.randomUUID()}`)).json().code).toBe('USER_TOKEN_NOT_FOUND');
  });

  it('refuses tokens for people, past expiry dates and other roles', async () => {
    const agent = await userId('agent');
    expect((await admin.post(`/api/users/${agent}/tokens`, { name: 'x' })).json().code).toBe('USER_NOT_INTEGRATION');
    const api = await userId('api12345');
    const past = await admin.post(`/api/users/${api}/tokens`, { name: 'x', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.json()).toMatchObject({ code: 'USER_TOKEN_EXPIRY_PAST', details: { fields: [{ field: 'body.expiresAt' }] } });
    const badDate = await admin.post(`/api/users/${api}/tokens`, { name: 'x', expiresAt: 'tomorrow' });
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body.expiresAt' }] } });
    const dispatcher = await t.login('dispatcher');
    expect((await dispatcher.post(`/api/users/${api}/tokens`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('masking and scope', () => {
  it('masks phone and ID numbers for a dispatcher and the system administrator, not for the security administrator', async () => {
    const agent = await userId('agent');
    const dispatcher = await t.login('dispatcher');
    const list = await dispatcher.get('/api/users?q=agent');
    expect(list.statusCode).toBe(200);
    const seen = list.json().items.find((u: { username: string }) => u.username === 'agent');
    expect(seen.phone).toMatch(/^138\*{4}\d{4}$/);
    expect(seen.masked).toBe(true);
    const zhao = (await dispatcher.get('/api/users?q=zhao')).json().items[0];
    expect(zhao.idNumber).toBe(`110105********${validId.slice(-4)}`);
    const full = await admin.get(`/api/users/${agent}`);
    expect(full.json().phone).toMatch(/^138\d{8}$/);
    expect(full.json().masked).toBe(false);
    const system = await (await t.login('admin')).get(`/api/users/${agent}`);
    expect(system.json()).toMatchObject({ masked: true, phone: expect.stringMatching(/^138\*{4}\d{4}$/) });
  });

  it('lets only reading roles list people', async () => {
    const handler2 = await t.login('handler2');
    const res = await handler2.get('/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_REQUIRED');
  });

  it('keeps a county supervisor to the county: other people are 404 and unlisted', async () => {
    const sup = await (await newPerson('xc.supervisor', [{ role: 'supervisor', unitId: county }])).login();
    const list = (await sup.get('/api/users?limit=100')).json();
    expect(usernames(list)).toContain('handler');
    expect(usernames(list)).not.toContain('handler2');
    expect(usernames(list)).not.toContain('agent');
    expect((await sup.get(`/api/users/${await userId('handler2')}`)).statusCode).toBe(404);
    expect((await sup.get(`/api/users/${await userId('handler')}`)).statusCode).toBe(200);
    expect((await sup.get(`/api/users?unitId=${otherCounty}`)).statusCode).toBe(404);
    expect((await sup.patch(`/api/users/${await userId('handler')}`, { version: 1, displayName: 'x' })).statusCode).toBe(403);
  });

  it('lets the city dispatcher see the people of its counties only', async () => {
    const cityUser = await t.login('city');
    expect(cityUser.session.current.role).toBe('dispatcher');
    const names = usernames((await cityUser.get('/api/users?limit=100')).json());
    expect(names).toEqual(expect.arrayContaining(['handler', 'city', 'Zhao.Lei']));
    for (const outside of ['handler2', 'agent', 'admin', 'api12345']) expect(names).not.toContain(outside);
    const underCounty = usernames((await cityUser.get(`/api/users?unitId=${county}`)).json());
    expect(underCounty).toContain('handler');
    expect(underCounty).not.toContain('city');
  });

  it('filters by role and active state and pages with a cursor', async () => {
    const handlers = usernames((await admin.get('/api/users?role=handler&active=true')).json());
    expect(handlers).toEqual(expect.arrayContaining(['handler', 'handler2', 'city', 'Zhao.Lei']));
    expect(handlers).not.toContain('agent');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { username: string }[]; nextCursor: string | null } = (
        await admin.get(`/api/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...usernames(page));
      cursor = page.nextCursor;
    } while (cursor);
    const all = usernames((await admin.get('/api/users?limit=100')).json());
    expect(seen).toEqual(all);
    expect(all).toContain('api12345');
  });

  it('keeps a county security administrator to the county when granting and removing roles', async () => {
    const countyAdmin = await (await newPerson('xc.admin', [{ role: 'security', unitId: county }])).login();
    const outside = await countyAdmin.post('/api/users', {
      username: 'p.city',
      displayName: '市里',
      unitId: county,
      roles: [
        { role: 'handler', unitId: county },
        { role: 'agent', unitId: city },
      ],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ code: 'USER_UNIT_UNKNOWN', details: { fields: [{ field: 'body.roles.1.unitId' }] } });
    expect((await countyAdmin.get(`/api/users/${await userId('city')}`)).statusCode).toBe(404);

    const both = await newPerson(
      'p.both',
      [
        { role: 'handler', unitId: county },
        { role: 'dispatcher', unitId: city },
      ],
      county,
    );
    const drop = await countyAdmin.patch(`/api/users/${both.id}`, { version: 1, roles: [{ role: 'handler', unitId: county }] });
    expect(drop.json().code).toBe('USER_ROLE_OUT_OF_SCOPE');
    const add = await countyAdmin.patch(`/api/users/${both.id}`, {
      version: 1,
      roles: [
        { role: 'handler', unitId: county },
        { role: 'dispatcher', unitId: city },
        { role: 'agent', unitId: county },
      ],
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(
      add
        .json()
        .roles.map((r: { role: string }) => r.role)
        .sort(),
    ).toEqual(['agent', 'dispatcher', 'handler']);
  });
});

describe('changing people', () => {
  it('updates with the version, answers 409 when stale, and replaces the role set', async () => {
    const p = await newPerson('p.update', [{ role: 'agent', unitId: county }]);
    const res = await admin.patch(`/api/users/${p.id}`, {
      version: 1,
      displayName: '改名',
      phone: '0471-6612351',
      roles: [{ role: 'handler', unitId: county }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '改名', phone: '04716612351', version: 2 });
    expect(res.json().roles.map((r: { role: string }) => r.role)).toEqual(['handler']);
    const stale = await admin.patch(`/api/users/${p.id}`, { version: 1, displayName: '再改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const cleared = await admin.patch(`/api/users/${p.id}`, { version: 2, phone: null });
    expect(cleared.json()).toMatchObject({ phone: null, version: 3 });
  });

  it('moves a logged-in person off a removed role without breaking their session', async () => {
    const p = await newPerson('p.roles', [
      { role: 'agent', unitId: county },
      { role: 'handler', unitId: county },
    ]);
    const session = await p.login();
    expect(session.session.current.role).toBe('agent');
    // Version 2: the first login replaced the one-time password.
    const res = await admin.patch(`/api/users/${p.id}`, { version: 2, roles: [{ role: 'handler', unitId: county }] });
    expect(res.statusCode, res.body).toBe(200);
    const now = await session.get('/api/auth/session');
    expect(now.statusCode).toBe(200);
    expect(now.json().current.role).toBe('handler');
  });

  it('deactivating ends the sessions and tokens at once', async () => {
    const p = await newPerson('p.leaving', [{ role: 'agent', unitId: county }]);
    const session = await p.login();
    const res = await admin.patch(`/api/users/${p.id}`, { version: 2, active: false });
    expect(res.json().active).toBe(false);
    expect((await session.get('/api/auth/session')).statusCode).toBe(401);
    await expect(p.login()).rejects.toThrow(/401/);

    const api = await admin.post('/api/users', {
      username: 'ext.leaving',
      displayName: '待停用平台',
      kind: 'integration',
      unitId: gov12345,
      roles: [{ role: 'integration', unitId: gov12345 }],
    });
    const apiId = api.json().user.id;
    const { token } = (await admin.post(`/api/users/${apiId}/tokens`, { name: 'x' })).json();
    expect((await t.withToken(token).get('/api/auth/session')).statusCode).toBe(200);
    await admin.patch(`/api/users/${apiId}`, { version: 1, active: false });
    expect((await t.withToken(token).get('/api/auth/session')).statusCode).toBe(401);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, apiId));
    expect(row!.revokedAt).not.toBeNull();
  });

  it('refuses to strand a token by moving an integration account', async () => {
    const api = await admin.post('/api/users', {
      username: 'ext.move',
      displayName: '平台',
      kind: 'integration',
      unitId: gov12345,
      roles: [{ role: 'integration', unitId: gov12345 }],
    });
    const apiId = api.json().user.id;
    await admin.post(`/api/users/${apiId}/tokens`, { name: 'x' });
    const res = await admin.patch(`/api/users/${apiId}`, { version: 1, roles: [{ role: 'integration', unitId: city }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('USER_ROLE_HAS_TOKENS');
  });

  it('does not let a security administrator lock themselves out', async () => {
    const me = await userId('secadmin');
    const version = (await admin.get(`/api/users/${me}`)).json().version;
    const off = await admin.patch(`/api/users/${me}`, { version, active: false });
    expect(off.json()).toMatchObject({ code: 'USER_SELF_DEACTIVATE', details: { fields: [{ field: 'body.active' }] } });
    const demote = await admin.patch(`/api/users/${me}`, { version, roles: [{ role: 'leader', unitId: admin.session.current.unit.id }] });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().code).toBe('USER_SELF_ADMIN_ROLE');
    expect((await admin.get('/api/auth/session')).json().current.role).toBe('security');
  });

  it('resets a password: random and shown once, or given; sessions end and the lockout lifts', async () => {
    const p = await newPerson('p.reset', [{ role: 'agent', unitId: county }]);
    const session = await p.login();
    for (let i = 0; i < 5; i++) await t.anonymous().post('/api/auth/login', { username: 'p.reset', password: `wrong${i}` });
    const res = await admin.post(`/api/users/${p.id}/password`, {});
    expect(res.statusCode, res.body).toBe(200);
    const { password } = res.json();
    expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    expect((await session.get('/api/auth/session')).statusCode).toBe(401);
    await expect(p.login()).rejects.toThrow(/401/);
    const again = await t.login('p.reset', password);
    expect((await again.get('/api/auth/session')).json().user.mustChangePassword).toBe(true);

    const given = await admin.post(`/api/users/${p.id}/password`, { password: 'Given2026pw' });
    expect(given.json()).toEqual({ password: null, mustChangePassword: true });
    await t.login('p.reset', 'Given2026pw');
    const weak = await admin.post(`/api/users/${p.id}/password`, { password: 'short' });
    expect(weak.json().code).toBe('VALIDATION_FAILED');
    expect(weak.json().details.fields.map((f: { field: string }) => f.field)).toContain('body.password');
    expect((await admin.post(`/api/users/${await userId('api12345')}/password`, {})).json().code).toBe('USER_INTEGRATION_PASSWORD');
    expect((await admin.post(`/api/users/${crypto.randomUUID()}/password`, {})).statusCode).toBe(404);
  });
});

describe('bad input gets a 4xx with a stable code and a Chinese message per field', () => {
  const base = () => ({
    username: `p${Math.random().toString(36).slice(2, 8)}`,
    displayName: '测试',
    unitId: county,
    roles: [{ role: 'agent', unitId: county }],
  });
  it.each<[string, () => Record<string, unknown>, number, string, string]>([
    ['a bad phone number', () => ({ ...base(), phone: '1234-abc' }), 400, 'VALIDATION_FAILED', 'body.phone'],
    ['an ID number with a wrong check digit', () => ({ ...base(), idNumber: wrongCheckId }), 400, 'VALIDATION_FAILED', 'body.idNumber'],
    ['an ID number with a bad birth date', () => ({ ...base(), idNumber: '110105194902301234' }), 400, 'VALIDATION_FAILED', 'body.idNumber'],
    ['an unknown home unit', () => ({ ...base(), unitId: crypto.randomUUID() }), 400, 'USER_UNIT_UNKNOWN', 'body.unitId'],
    ['an unknown role unit', () => ({ ...base(), roles: [{ role: 'agent', unitId: crypto.randomUUID() }] }), 400, 'USER_UNIT_UNKNOWN', 'body.roles.0.unitId'],
    ['an unknown role', () => ({ ...base(), roles: [{ role: 'boss', unitId: county }] }), 400, 'VALIDATION_FAILED', 'body.roles.0.role'],
    ['a duplicate user name in another case', () => ({ ...base(), username: 'HANDLER' }), 409, 'USER_DUPLICATE_USERNAME', 'body.username'],
    ['a user name with spaces', () => ({ ...base(), username: 'wang xiao' }), 400, 'VALIDATION_FAILED', 'body.username'],
    ['a too short user name', () => ({ ...base(), username: 'ab' }), 400, 'VALIDATION_FAILED', 'body.username'],
    ['an unknown field', () => ({ ...base(), isRoot: true }), 400, 'VALIDATION_FAILED', 'body.isRoot'],
    ['an overlong display name', () => ({ ...base(), displayName: '长'.repeat(41) }), 400, 'VALIDATION_FAILED', 'body.displayName'],
    ['a bad unit uuid', () => ({ ...base(), unitId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED', 'body.unitId'],
    ['a bad email', () => ({ ...base(), email: 'not-an-email' }), 400, 'VALIDATION_FAILED', 'body.email'],
    ['no roles', () => ({ ...base(), roles: [] }), 400, 'USER_ROLE_REQUIRED', 'body.roles'],
  ])('createUser: %s', async (_name, body, status, code, field) => {
    const res = await admin.post('/api/users', body());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    const f = res.json().details.fields.find((x: { field: string }) => x.field === field);
    expect(f, JSON.stringify(res.json().details)).toBeDefined();
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts the valid ID number computed from the same 17 digits', async () => {
    const res = await admin.post('/api/users', { ...base(), idNumber: validId });
    expect(res.statusCode, res.body).toBe(201);
  });

  it.each<[string, 'get' | 'patch', string, unknown, number, string, string]>([
    ['a bad uuid in the path', 'get', '/api/users/not-a-uuid', undefined, 400, 'VALIDATION_FAILED', 'params.id'],
    ['an unknown query parameter', 'get', '/api/users?admin=1', undefined, 400, 'VALIDATION_FAILED', 'querystring.admin'],
    ['a limit out of range', 'get', '/api/users?limit=1000', undefined, 400, 'VALIDATION_FAILED', 'querystring.limit'],
    ['a bad active flag', 'get', '/api/users?active=yes', undefined, 400, 'VALIDATION_FAILED', 'querystring.active'],
    ['a missing version', 'patch', '/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' }, 400, 'VALIDATION_FAILED', 'body.version'],
    [
      'an overlong display name',
      'patch',
      '/api/users/00000000-0000-4000-8000-000000000000',
      { version: 1, displayName: '长'.repeat(41) },
      400,
      'VALIDATION_FAILED',
      'body.displayName',
    ],
    ['a bad phone on update', 'patch', '/api/users/00000000-0000-4000-8000-000000000000', { version: 1, phone: '999' }, 400, 'VALIDATION_FAILED', 'body.phone'],
  ])('%s', async (_name, method, url, body, status, code, field) => {
    const res = method === 'get' ? await admin.get(url) : await admin.patch(url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().details.fields.map((x: { field: string }) => x.field)).toContain(field);
    expect(res.json().details.fields[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('recognises the unique violation a concurrent duplicate would hit after the pre-check', async () => {
    const err = await insertUser(t.db, { username: 'Admin', displayName: 'x', unitId: county }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isUniqueViolation(err, 'users_username_uq')).toBe(true);
    expect(isUniqueViolation(err, 'role_assignments_uq')).toBe(false);
  });

  it('answers 404 for an unknown user and a garbage cursor with an empty page, never 500', async () => {
    expect((await admin.get(`/api/users/${crypto.randomUUID()}`)).json().code).toBe('USER_NOT_FOUND');
    expect((await admin.patch(`/api/users/${crypto.randomUUID()}`, { version: 1, displayName: 'x' })).statusCode).toBe(404);
    const res = await admin.get('/api/users?cursor=%FF%FE~~');
    expect(res.statusCode).toBeLessThan(500);
  });
});
