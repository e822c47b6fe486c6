import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../../test/support/statement-count.js';
import { createInstalledDatabase, openSameDatabase } from '../../test/support/test-db.js';
import { buildApp } from '../app.js';
import { demoPassword } from '../install/demo.js';
import { createInProcessBus } from '../platform/bus/bus.js';
import { createChangeBus, type BusMessage, type ChangeBus } from '../platform/bus/index.js';
import { fixedClock } from '../platform/clock.js';
import { grantDuty, setDutyAccountActive, type ConsoleContext } from '../users/duty-console.js';
import { createAuthService } from './auth.service.js';
import { sessions } from './auth.tables.js';
import { createSessionCache, sessionCacheMs, type CachedSession } from './session-cache.js';
import { sha256 } from './tokens.js';

/**
 * The per-process session cache (session-cache.ts): a signed-in request reads its session from the database once,
 * then from the process; a revocation holds at once in the instance that wrote it and in every other one as soon as
 * the change bus tells it. Two app instances on one database: on PostgreSQL each with its own pool and LISTEN
 * connection (the announcement travels by NOTIFY), on PGlite one process with one bus. Injected clock, no sleeps.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

type Installed = Awaited<ReturnType<typeof createInstalledDatabase>>;
let installed: Installed;
const closers: (() => Promise<void>)[] = [];
let appA: FastifyInstance, appB: FastifyInstance, busA: ChangeBus, busB: ChangeBus;
let countA: ReturnType<typeof countStatements>, countB: ReturnType<typeof countStatements>;

/** Resolves when `bus` hears a `sessions.changed` (on PGlite at once: the publisher's own bus is synchronous). */
function heard(bus: ChangeBus, topic: BusMessage['topic'] = 'sessions.changed') {
  return new Promise<void>((resolve) => {
    const off = bus.subscribe(topic, () => {
      off();
      resolve();
    });
  });
}

async function signIn(username: string, password = demoPassword) {
  const res = await appA.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'hotline_session')!;
  const cookie = `${c.name}=${c.value}`;
  const on = (app: FastifyInstance) => ({
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers: { cookie } }),
    patch: (url: string, payload: object) => app.inject({ method: 'PATCH', url, payload, headers: { cookie } }),
  });
  return { token: c.value, session: res.json(), a: on(appA), b: on(appB) };
}

/** The session lookups a request sent (by token hash: not the session screen's own read by id). */
const sessionStatements = (sent: string[]) => sent.filter((q) => /"token_hash" = /.test(q));
/** The unit directory's load (units/unit-directory.ts): every unit, once a process until units change. */
const directoryLoads = (sent: string[]) => sent.filter((q) => /^select [^;]* from "units"$/.test(q.trim()));
/** Its writes to sessions (a touch, a revocation). */
const sessionWrites = (sent: string[]) => sent.filter((q) => /^\s*update "sessions"/i.test(q));

async function personByName(admin: Awaited<ReturnType<typeof signIn>>, username: string) {
  const res = await admin.a.get(`/api/users?q=${encodeURIComponent(username)}`);
  const found = (res.json().items as { id: string; username: string; version: number }[]).find((u) => u.username === username);
  if (!found) throw new Error(`no person ${username}`);
  return found;
}

beforeAll(async () => {
  installed = await createInstalledDatabase();
  closers.push(() => installed.database.close());
  const second = await openSameDatabase(installed.database);
  closers.push(() => second.close());
  busA = await createChangeBus(installed.database);
  busB = onPostgres ? await createChangeBus(second) : busA;
  closers.push(busA.close);
  if (busB !== busA) closers.push(busB.close);
  countA = countStatements(installed.database);
  // On PGlite the second database is the same client: one counter sees both.
  countB = second.db === installed.database.db ? countA : countStatements(second);
  appA = await buildApp({ database: installed.database, config: installed.config, clock: installed.clock, bus: busA, instanceId: 'a' });
  appB = await buildApp({ database: second, config: installed.config, clock: installed.clock, bus: busB, instanceId: 'b' });
  closers.push(
    () => appA.close(),
    () => appB.close(),
  );
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

describe('a signed-in request', () => {
  it('reads its session once, then from the process: no statement for it', async () => {
    // The login answers with the session it opened, resolved as any request's: that read fills A's cache.
    const login = await countA.during(() => signIn('agent'));
    expect(sessionStatements(login.sql)).toHaveLength(1);
    const agent = login.value;
    const onA = await countA.during(() => agent.a.get('/api/auth/session'));
    expect(onA.value.statusCode).toBe(200);
    expect(sessionStatements(onA.sql), onA.sql.join('\n')).toEqual([]);
    // Another instance reads it on its first request, then no more.
    const first = await countB.during(() => agent.b.get('/api/auth/session'));
    expect(first.value.statusCode).toBe(200);
    expect(sessionStatements(first.sql), first.sql.join('\n')).toHaveLength(1);
    const second = await countB.during(() => agent.b.get('/api/auth/session'));
    expect(second.value.statusCode).toBe(200);
    expect(sessionStatements(second.sql), second.sql.join('\n')).toEqual([]);
    // B's first request also filled B's unit directory (once a process), which the session's view reads.
    expect(directoryLoads(second.sql)).toEqual([]);
    expect(second.statements).toBe(first.statements - 1 - directoryLoads(first.sql).length);
    expect(second.value.json()).toEqual(first.value.json());
    expect(onA.value.json()).toEqual(first.value.json());
  });

  it('is read again after the TTL: a revocation whose announcement was lost holds after at most that long', async () => {
    const callback = await signIn('callback');
    expect((await callback.a.get('/api/auth/session')).statusCode).toBe(200);
    // Revoked behind the app's back (no announcement: what a lost NOTIFY looks like to this instance).
    await installed.db
      .update(sessions)
      .set({ revokedAt: installed.clock.now() })
      .where(eq(sessions.tokenHash, sha256(callback.token)));
    installed.clock.advance(sessionCacheMs - 1_000);
    expect((await callback.a.get('/api/auth/session')).statusCode).toBe(200);
    installed.clock.advance(1_000);
    const late = await countA.during(() => callback.a.get('/api/auth/session'));
    expect(late.value.statusCode).toBe(401);
    expect(sessionStatements(late.sql)).toHaveLength(1);
  });

  it('touches lastSeenAt at most once a minute, and the cached copy with it', async () => {
    const agent = await signIn('agent');
    const hash = sha256(agent.token);
    expect((await agent.a.get('/api/auth/session')).statusCode).toBe(200);
    installed.clock.advance(61_000);
    // Past the TTL: read again, and touched (the session was last seen 61 s ago).
    const touched = await countA.during(() => agent.a.get('/api/auth/session'));
    expect(sessionStatements(touched.sql)).toHaveLength(1);
    expect(sessionWrites(touched.sql)).toHaveLength(1);
    const [row] = await installed.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
    expect(row!.lastSeenAt.getTime()).toBe(installed.clock.now().getTime());
    // The copy moved with it: the next requests neither read nor touch.
    installed.clock.advance(20_000);
    const quiet = await countA.during(() => agent.a.get('/api/auth/session'));
    expect(sessionStatements(quiet.sql)).toEqual([]);
    expect(sessionWrites(quiet.sql)).toEqual([]);
  });
});

describe('a revocation', () => {
  it('logout: refused at once by the instance that wrote it, and by the other once it hears', async () => {
    const leader = await signIn('leader');
    expect((await leader.a.get('/api/auth/session')).statusCode).toBe(200);
    expect((await leader.b.get('/api/auth/session')).statusCode).toBe(200);
    // Both instances hold it now: B answers from its cache.
    const cached = await countB.during(() => leader.b.get('/api/auth/session'));
    expect(sessionStatements(cached.sql)).toEqual([]);
    const told = heard(busB);
    expect((await leader.a.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await leader.a.get('/api/auth/session')).statusCode).toBe(401);
    await told;
    expect((await leader.b.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('a changed password: the person’s other sessions end everywhere, this one goes on', async () => {
    const mine = await signIn('supervisor');
    const other = await signIn('supervisor');
    for (const c of [mine, other]) {
      expect((await c.a.get('/api/auth/session')).statusCode).toBe(200);
      expect((await c.b.get('/api/auth/session')).statusCode).toBe(200);
    }
    const told = heard(busB);
    expect((await mine.a.post('/api/auth/password', { currentPassword: demoPassword, newPassword: 'Changed2026x' })).statusCode).toBe(204);
    expect((await other.a.get('/api/auth/session')).statusCode).toBe(401);
    expect((await mine.a.get('/api/auth/session')).statusCode).toBe(200);
    await told;
    expect((await other.b.get('/api/auth/session')).statusCode).toBe(401);
    expect((await mine.b.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('an administrator deactivating a person or resetting their password ends their sessions everywhere', async () => {
    const secadmin = await signIn('secadmin');
    const inspector = await signIn('inspector');
    const handler = await signIn('handler');
    for (const c of [inspector, handler]) {
      expect((await c.a.get('/api/auth/session')).statusCode).toBe(200);
      expect((await c.b.get('/api/auth/session')).statusCode).toBe(200);
    }
    const p = await personByName(secadmin, 'inspector');
    let told = heard(busB);
    expect((await secadmin.a.patch(`/api/users/${p.id}`, { version: p.version, active: false })).statusCode).toBe(200);
    expect((await inspector.a.get('/api/auth/session')).statusCode).toBe(401);
    await told;
    expect((await inspector.b.get('/api/auth/session')).statusCode).toBe(401);

    const h = await personByName(secadmin, 'handler');
    told = heard(busB);
    expect((await secadmin.a.post(`/api/users/${h.id}/password`, {})).statusCode).toBe(200);
    expect((await handler.a.get('/api/auth/session')).statusCode).toBe(401);
    await told;
    expect((await handler.b.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('a role taken away: the cached actor changes role at once here and on the other instance once it hears', async () => {
    const secadmin = await signIn('secadmin');
    const city = await signIn('city');
    const dispatcher = city.session.assignments.find((a: { role: string }) => a.role === 'dispatcher');
    const handler = city.session.assignments.find((a: { role: string }) => a.role === 'handler');
    expect((await city.a.post('/api/auth/session/role', { assignmentId: dispatcher.assignmentId })).statusCode).toBe(200);
    expect((await city.a.get('/api/auth/session')).json().current.role).toBe('dispatcher');
    expect((await city.b.get('/api/auth/session')).json().current.role).toBe('dispatcher');
    const p = await personByName(secadmin, 'city');
    const told = heard(busB);
    const res = await secadmin.a.patch(`/api/users/${p.id}`, { version: p.version, roles: [{ role: 'handler', unitId: handler.unit.id }] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await city.a.get('/api/auth/session')).json().current.role).toBe('handler');
    await told;
    expect((await city.b.get('/api/auth/session')).json().current.role).toBe('handler');
  });

  it('a role switched on one instance is the role on the other once it hears', async () => {
    const secadmin = await signIn('secadmin');
    const p = await personByName(secadmin, 'city');
    const unitId = (await secadmin.a.get(`/api/users/${p.id}`)).json().roles[0].unit.id as string;
    const back = await secadmin.a.patch(`/api/users/${p.id}`, {
      version: p.version,
      roles: [
        { role: 'dispatcher', unitId },
        { role: 'handler', unitId },
      ],
    });
    expect(back.statusCode, back.body).toBe(200);
    const city = await signIn('city');
    const other = city.session.assignments.find((a: { assignmentId: string }) => a.assignmentId !== city.session.current.assignmentId);
    expect((await city.b.get('/api/auth/session')).json().current.role).toBe(city.session.current.role);
    const told = heard(busB);
    expect((await city.a.post('/api/auth/session/role', { assignmentId: other.assignmentId })).statusCode).toBe(200);
    await told;
    expect((await city.b.get('/api/auth/session')).json().current.role).toBe(other.role);
  });

  it('the console switching a duty account off ends its sessions in the running servers', async () => {
    const ctx: ConsoleContext = {
      db: installed.db,
      clock: installed.clock,
      province: installed.config.province,
      merged: installed.config.mergedDuties,
      operator: 'ops',
      // What cli/duties.ts does on PostgreSQL (announceOnce: a NOTIFY from outside the servers); here A's bus.
      announce: (m) => busA.publish(m),
    };
    // A second auditor first: the last active holder of a duty may not be switched off.
    await grantDuty(ctx, 'leader', 'auditor');
    const auditor = await signIn('auditor');
    expect((await auditor.a.get('/api/auth/session')).statusCode).toBe(200);
    expect((await auditor.b.get('/api/auth/session')).statusCode).toBe(200);
    const told = heard(busB);
    await setDutyAccountActive(ctx, 'auditor', false);
    expect((await auditor.a.get('/api/auth/session')).statusCode).toBe(401);
    await told;
    expect((await auditor.b.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('idle and expired sessions from the cache', () => {
  it('are refused by the cached copy’s own times, and closed in the database', async () => {
    const clock = fixedClock(installed.clock.now());
    const bus = createInProcessBus();
    const meta = { ip: '10.0.0.9', userAgent: null };
    const count = async (fn: () => Promise<unknown>) => {
      const { sql } = await countA.during(fn);
      return sessionStatements(sql).length + sessionWrites(sql).length;
    };

    // Idle after 15 s, within the cache's 30 s.
    const idling = createAuthService({ db: installed.db, config: { ...installed.config, sessionIdleMinutes: 0.25 }, clock, bus });
    const idle = await idling.login('dispatcher', demoPassword, meta);
    expect(await idling.actorFromSession(idle.token, meta)).not.toBeNull();
    clock.advance(10_000);
    expect(await count(() => idling.actorFromSession(idle.token, meta))).toBe(0);
    clock.advance(14_000);
    let actor: unknown;
    // The copy says idle: read again (another instance might have kept it alive), then closed.
    expect(await count(async () => (actor = await idling.actorFromSession(idle.token, meta)))).toBe(2);
    expect(actor).toBeNull();
    const [closed] = await installed.db.select().from(sessions).where(eq(sessions.id, idle.sessionId));
    expect(closed!.revokedAt).not.toBeNull();

    // Past its end (18 s after login) while cached.
    const short = createAuthService({ db: installed.db, config: { ...installed.config, sessionMaxHours: 0.005 }, clock, bus });
    const ending = await short.login('dispatcher', demoPassword, meta);
    expect(await short.actorFromSession(ending.token, meta)).not.toBeNull();
    clock.advance(17_000);
    expect(await count(() => short.actorFromSession(ending.token, meta))).toBe(0);
    clock.advance(1_000);
    expect(await short.actorFromSession(ending.token, meta)).toBeNull();
    const [ended] = await installed.db.select().from(sessions).where(eq(sessions.id, ending.sessionId));
    expect(ended!.revokedAt).not.toBeNull();
  });
});

describe('the cache itself', () => {
  const entry = (id: string, userId: string, loadedAt: number): CachedSession<never> => ({
    session: { id, userId, assignmentId: null, lastSeenAt: new Date(loadedAt), expiresAt: new Date(loadedAt + 3_600_000) },
    user: { id: userId, username: userId, displayName: userId, kind: 'person', mustChangePassword: false, passwordChangedAt: null, createdAt: new Date(0) },
    assignments: [],
    loadedAt,
  });

  it('holds at most its bound, the oldest loaded going first, and lets go of what is past the TTL', () => {
    const clock = fixedClock('2026-11-25T02:00:00Z');
    const cache = createSessionCache<never>({ clock, max: 3 });
    const t0 = clock.now().getTime();
    for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, entry(k, 'u', t0), cache.generation());
    expect(cache.size()).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => !!cache.get(k))).toEqual([false, false, true, true, true]);
    clock.advance(sessionCacheMs);
    expect(cache.get('e')).toBeUndefined();
    cache.set('f', entry('f', 'u', clock.now().getTime()), cache.generation());
    expect(cache.size()).toBe(1);
  });

  it('drops by session, by person, all, on units changed and on a resync; a load begun before a drop is not kept', async () => {
    const clock = fixedClock('2026-11-25T02:00:00Z');
    const bus = createInProcessBus();
    const cache = createSessionCache<never>({ clock, bus });
    const now = clock.now().getTime();
    const fill = () => {
      for (const [k, u] of [
        ['s1', 'u1'],
        ['s2', 'u1'],
        ['s3', 'u2'],
      ] as const)
        cache.set(k, entry(k, u, now), cache.generation());
    };
    fill();
    await bus.publish({ topic: 'sessions.changed', sessionIds: ['s3'] });
    expect(cache.size()).toBe(2);
    await bus.publish({ topic: 'sessions.changed', userIds: ['u1'] });
    expect(cache.size()).toBe(0);
    for (const m of [{ topic: 'sessions.changed', all: true }, { topic: 'reference.changed', kind: 'units' }, { topic: 'bus.resynced' }] as BusMessage[]) {
      fill();
      await bus.publish(m);
      expect(cache.size(), m.topic).toBe(0);
    }
    fill();
    await bus.publish({ topic: 'reference.changed', kind: 'catalog' });
    expect(cache.size()).toBe(3);
    const before = cache.generation();
    await bus.publish({ topic: 'sessions.changed', userIds: ['nobody'] });
    cache.set('late', entry('late', 'u3', now), before);
    expect(cache.get('late')).toBeUndefined();
  });
});
