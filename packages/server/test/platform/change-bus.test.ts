import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createCalendarService } from '../../src/calendar/calendar.service.js';
import { writeWorkingPeriods, readWorkingPeriods } from '../../src/calendar/calendar.repo.js';
import { createChangeBus, type BusMessage, type ChangeBus } from '../../src/platform/bus/index.js';
import { createPgBus, packed } from '../../src/platform/bus/pg-bus.js';
import { createInProcessBus } from '../../src/platform/bus/bus.js';
import { ok, unitByDivision } from '../support/order-helpers.js';
import { createTestApp } from '../support/test-app.js';
import { buildApp } from '../../src/app.js';
import { demoPassword } from '../../src/install/demo.js';
import { createInstalledDatabase } from '../support/test-db.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;

/** Resolves with the next message of a topic (the test's timeout is the only bound: no sleeps). */
function next<T extends BusMessage['topic']>(bus: ChangeBus, topic: T, match: (m: Extract<BusMessage, { topic: T }>) => boolean = () => true) {
  return new Promise<Extract<BusMessage, { topic: T }>>((resolve) => {
    const off = bus.subscribe(topic, (m) => {
      if (!match(m)) return;
      off();
      resolve(m);
    });
  });
}

describe('packed announcements', () => {
  it('fit a NOTIFY payload (under 8,000 bytes), in order, none lost', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ topic: 'notifications.changed' as const, userIds: [`user-${i}-${'x'.repeat(40)}`] }));
    const payloads = packed('me', many);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => (JSON.parse(p) as { from: string; messages: unknown[] }).messages)).toEqual(many);
  });
});

describe('order.changed', () => {
  it('is announced once per committed transition, after the commit, with the new version and visible_to', async () => {
    const bus = createInProcessBus();
    const t = await createTestApp({ bus });
    try {
      const heard: Extract<BusMessage, { topic: 'order.changed' }>[] = [];
      bus.subscribe('order.changed', (m) => heard.push(m));
      const [agent, dispatcher] = await Promise.all([t.login('agent'), t.login('dispatcher')]);
      const county = await unitByDivision(t, 'county_federation', '150102');
      const o = await ok<{ id: string; version: number }>(
        agent.post('/api/orders', {
          channel: 'phone',
          callers: [{ name: '王先生', phone: '13904711111' }],
          employer: { name: '呼和浩特市某某餐饮有限公司' },
          place: { text: '呼和浩特市新城区', divisionCode: '150102' },
          narrative: '反映餐饮公司拖欠两个月工资。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
        }),
        201,
      );
      heard.length = 0;
      const d = await ok<{ version: number }>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({ orderId: o.id, action: 'dispatch', fromState: 'pending_dispatch', toState: 'pending_sign', version: d.version });
      expect(heard[0]!.visibleTo).toContain(county.id);
      // A refused change (stale version) is not announced.
      const res = await dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id });
      expect(res.statusCode).toBe(409);
      expect(heard).toHaveLength(1);
    } finally {
      await t.close();
    }
    // Installing the demo inside the test takes most of it: on a shared machine that is over a minute.
  }, 240_000);
});

describe.runIf(onPostgres)('across instances on PostgreSQL (LISTEN/NOTIFY)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('reaches the other instance once, and not its own sender twice; reconnects after the LISTEN connection is killed', async () => {
    const installed = await createInstalledDatabase();
    closers.push(() => installed.database.close());
    const opts = {
      connectionString: installed.database.url!,
      notify: async (channel: string, payload: string) => void (await installed.db.execute(sql`select pg_notify(${channel}, ${payload})`)),
      retryMs: 5,
    };
    const a = await createPgBus(opts);
    const b = await createPgBus(opts);
    closers.push(a.close, b.close);

    const heardByA: string[] = [];
    a.subscribe('reference.changed', (m) => heardByA.push(m.kind));
    const atB = next(b, 'reference.changed');
    await a.publish({ topic: 'reference.changed', kind: 'units' });
    expect(await atB).toEqual({ topic: 'reference.changed', kind: 'units' });
    // A heard its own message once, synchronously; the echo through PostgreSQL is skipped. B publishing after
    // proves A's echo had its chance to arrive (notifications of one connection are delivered in order).
    const atA = next(a, 'reference.changed', (m) => m.kind === 'catalog');
    await b.publish({ topic: 'reference.changed', kind: 'catalog' });
    await atA;
    expect(heardByA).toEqual(['units', 'catalog']);

    // Kill both LISTEN connections: each reconnects and tells its subscribers they may have missed something.
    const resyncedA = next(a, 'bus.resynced');
    const resyncedB = next(b, 'bus.resynced');
    await installed.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen hotline_bus'`);
    await Promise.all([resyncedA, resyncedB]);
    expect(a.listening() && b.listening()).toBe(true);
    const again = next(b, 'reference.changed');
    await a.publish({ topic: 'reference.changed', kind: 'rules' });
    expect((await again).kind).toBe('rules');
  });

  it('tells another instance of an order change after the commit, with no NOTIFY inside the order transaction', async () => {
    const sent: string[] = [];
    const installed = await createInstalledDatabase({ onQuery: (q) => sent.push(q) });
    closers.push(() => installed.database.close());
    const app = await buildApp({ database: installed.database, config: installed.config, clock: installed.clock });
    closers.push(() => app.close());
    const other = await createChangeBus(installed.database);
    closers.push(other.close);
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
      return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    };
    const agent = await login('agent');
    const created = next(other, 'order.changed');
    const res = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: agent },
      payload: {
        channel: 'phone',
        callers: [{ name: '王先生', phone: '13904711111' }],
        narrative: '反映拖欠工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await created).toMatchObject({ orderId: res.json().id, action: 'create', fromState: null, toState: 'pending_dispatch', version: 1 });
    // The announcement went on the bus's own connection after the commit: no statement of the app's pool notified
    // (a NOTIFY in a transaction takes PostgreSQL's global notify lock at its commit, serialising every order change).
    expect(sent.filter((q) => /notify/i.test(q))).toEqual([]);
  });

  it('gathers the changes committed in one window into one NOTIFY, an order changed twice announced as its last change, calls once', async () => {
    const installed = await createInstalledDatabase();
    closers.push(() => installed.database.close());
    const opts = {
      connectionString: installed.database.url!,
      notify: async (channel: string, payload: string) => void (await installed.db.execute(sql`select pg_notify(${channel}, ${payload})`)),
      coalesceMs: 50,
    };
    const a = await createPgBus(opts);
    const b = await createPgBus(opts);
    closers.push(a.close, b.close);
    const change = (orderId: string, version: number): BusMessage => ({
      topic: 'order.changed',
      orderId,
      number: orderId,
      version,
      action: 'x',
      fromState: null,
      toState: 'pending_dispatch',
      visibleTo: [],
      at: '2026-11-25T02:00:00.000Z',
    });
    const here: string[] = [];
    a.subscribe('order.changed', (m) => here.push(`${m.orderId}@${m.version}`));
    const there: string[] = [];
    const done = new Promise<void>((resolve) =>
      b.subscribe('order.changed', (m) => {
        there.push(`${m.orderId}@${m.version}`);
        if (m.orderId === 'o3') resolve();
      }),
    );
    const callsThere: string[] = [];
    b.subscribe('calls.changed', (m) => callsThere.push(m.at));
    a.committed(change('o1', 1));
    a.committed({ topic: 'calls.changed', at: '2026-11-25T02:00:01.000Z' });
    a.committed(change('o2', 1));
    a.committed(change('o1', 2));
    a.committed({ topic: 'calls.changed', at: '2026-11-25T02:00:02.000Z' });
    a.committed(change('o3', 1));
    expect(here).toEqual(['o1@1', 'o2@1', 'o1@2', 'o3@1']); // this process hears every change at once
    await done;
    expect(there).toEqual(['o2@1', 'o1@2', 'o3@1']);
    // A busy telephony batch after batch: the other instance's cockpit re-reads the calls once per window.
    expect(callsThere).toEqual(['2026-11-25T02:00:02.000Z']);
  });

  it("drops the other instance's cached calendar when one instance changes it", async () => {
    const installed = await createInstalledDatabase();
    closers.push(() => installed.database.close());
    const busA = await createChangeBus(installed.database);
    const busB = await createChangeBus(installed.database);
    closers.push(busA.close, busB.close);
    const calA = createCalendarService({ db: installed.db, clock: installed.clock, bus: busA });
    const calB = createCalendarService({ db: installed.db, clock: installed.clock, bus: busB });
    const before = await calB.current();
    const { version } = await readWorkingPeriods(installed.db);
    await writeWorkingPeriods(installed.db, [{ start: '08:00', end: '12:00' }], version, installed.clock.now());
    expect(await calB.current()).toBe(before); // still the cached copy
    const heard = next(busB, 'reference.changed');
    await calA.invalidate();
    await heard;
    const after = await calB.current();
    expect(after).not.toBe(before);
    expect(after.periods).toEqual([{ start: 8 * 60, end: 12 * 60 }]);
  });
});
