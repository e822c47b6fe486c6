import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrders } from '../../src/orders/orders.tables.js';
import { idempotencyKeys } from '../../src/platform/idempotency/idempotency.tables.js';
import { users } from '../../src/users/users.tables.js';
import { ok } from '../support/order-helpers.js';
import { countStatements } from '../support/statement-count.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 10, item 8: a double submit (the intake form, an integration's retry) makes one order, not two. */
let t: TestApp;
let cookie: { agent: string; dispatcher: string };
let token: string;

const order = (narrative: string, over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '赵女士', phone: '13904712222' }],
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

async function loginCookie(username: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo12351' } });
  expect(res.statusCode).toBe(200);
  const c = res.cookies.find((x) => x.name === 'hotline_session')!;
  return `${c.name}=${c.value}`;
}

/** createOrder as a person (session cookie) or an integration (bearer token), with an Idempotency-Key. */
function create(as: { cookie: string } | { token: string }, body: unknown, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/orders',
    payload: body as object,
    headers: {
      ...('cookie' in as ? { cookie: as.cookie } : { authorization: `Bearer ${as.token}` }),
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
  });
}

const ordersAbout = async (narrative: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(workOrders)
      .where(like(workOrders.narrative, `${narrative}%`))
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  cookie = { agent: await loginCookie('agent'), dispatcher: await loginCookie('dispatcher') };
  const [api] = await t.db.select().from(users).where(eq(users.username, 'api12345'));
  const issuer = await t.login('secadmin');
  token = (await ok(issuer.post(`/api/users/${api!.id}/tokens`, { name: '幂等测试' }), 201)).token;
});
afterAll(() => t.close());

describe('8. Idempotency-Key on createOrder', () => {
  it('without a key, two submits are two orders (the key is what makes them one)', async () => {
    await ok(create({ cookie: cookie.agent }, order('无键提交')), 201);
    await ok(create({ cookie: cookie.agent }, order('无键提交')), 201);
    expect(await ordersAbout('无键提交')).toBe(2);
  });

  it('the same key twice answers the first order with the same status, marked as replayed', async () => {
    const first = await create({ cookie: cookie.agent }, order('重复提交一次'), 'call-0001');
    const second = await create({ cookie: cookie.agent }, order('重复提交一次'), 'call-0001');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    // The same order as first answered; `relations` is a set (intake lists it in another order than a read).
    const asSet = (o: { relations: string[] }) => ({ ...o, relations: [...o.relations].sort() });
    expect(asSet(second.json())).toEqual(asSet(first.json()));
    expect(await ordersAbout('重复提交一次')).toBe(1);
  });

  it('a key reused with another body answers 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    await ok(create({ cookie: cookie.agent }, order('首次内容'), 'call-0002'), 201);
    const res = await create({ cookie: cookie.agent }, order('首次内容', { priority: 'urgent' }), 'call-0002');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await ordersAbout('首次内容')).toBe(1);
  });

  it('keys are per account: another person with the same key makes their own order', async () => {
    const a = await ok(create({ cookie: cookie.agent }, order('各自的键'), 'shared-key'), 201);
    const d = await ok(create({ cookie: cookie.dispatcher }, order('各自的键'), 'shared-key'), 201);
    expect(d.id).not.toBe(a.id);
    expect(await ordersAbout('各自的键')).toBe(2);
  });

  it('refuses a malformed key with 400 IDEMPOTENCY_KEY_INVALID', async () => {
    const res = await create({ cookie: cookie.agent }, order('坏键'), 'has space');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
    expect(await ordersAbout('坏键')).toBe(0);
  });

  it('20 simultaneous submits with one key make exactly one order, and all 20 answer it', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => create({ cookie: cookie.agent }, order('并发二十次'), 'burst-key')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await ordersAbout('并发二十次')).toBe(1);
  });

  it('an integration (API token) retrying with its key gets one order, also under 20 simultaneous retries', async () => {
    const body = order('接口重试', { channel: 'transfer_12345' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => create({ token }, body, 'gov12345-ticket-778')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(await ordersAbout('接口重试')).toBe(1);
    const changed = await create({ token }, { ...body, narrative: '接口重试（改）' }, 'gov12345-ticket-778');
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('adds one statement to createOrder (and, on PostgreSQL, the transaction that binds it to the order)', async () => {
    const counter = countStatements(t.database);
    const without = await counter.during(() => create({ cookie: cookie.agent }, order('语句数')));
    const withKey = await counter.during(() => create({ cookie: cookie.agent }, order('语句数'), 'count-key'));
    expect(without.value.statusCode).toBe(201);
    expect(withKey.value.statusCode).toBe(201);
    // Without a key the order is one statement outside any transaction; with one, the key's INSERT runs in the
    // order's transaction: node-postgres sends its BEGIN and COMMIT, PGlite opens it in-process.
    expect(withKey.statements - without.statements).toBe(t.database.kind === 'pglite' ? 1 : 3);
  });

  it('forgets a key after 24 hours: the same key then makes a new order, and the hourly job deletes expired keys', async () => {
    const a = await ok(create({ cookie: cookie.agent }, order('隔天再用同键'), 'day-key'), 201);
    t.clock.advance(24 * 3_600_000 - 60_000);
    cookie.agent = await loginCookie('agent');
    expect((await ok(create({ cookie: cookie.agent }, order('隔天再用同键'), 'day-key'), 201)).id).toBe(a.id);
    t.clock.advance(2 * 60_000);
    cookie.agent = await loginCookie('agent');
    const b = await ok(create({ cookie: cookie.agent }, order('隔天再用同键'), 'day-key'), 201);
    expect(b.id).not.toBe(a.id);
    expect(await ordersAbout('隔天再用同键')).toBe(2);

    const keysOf = async (key: string) =>
      (
        await t.db
          .select({ n: count() })
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, 'createOrder'), eq(idempotencyKeys.key, key)))
      )[0]!.n;
    expect(await keysOf('call-0001')).toBe(1);
    t.clock.advance(3_600_000);
    await t.app.jobs.runDue();
    expect(await keysOf('call-0001')).toBe(0);
    // The key taken over a day later is younger than a day: kept.
    expect(await keysOf('day-key')).toBe(1);
  });
});
