import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Actor } from '../../src/auth/actor.js';
import { createInProcessBus } from '../../src/platform/bus/bus.js';
import { createCalendarService } from '../../src/calendar/calendar.service.js';
import { noticeJobKind } from '../../src/notifications/domain/notice.js';
import type { OrderDeps } from '../../src/orders/order-deps.js';
import { createTimeLimits } from '../../src/orders/time-limits.js';
import { createCatalogReference } from '../../src/catalog/catalog-reference.js';
import { createUnitDirectory } from '../../src/units/unit-directory.js';
import { addNoteEffect } from '../../src/orders/domain/effects.js';
import { runTransition, type TransitionCtx } from '../../src/orders/transition.js';
import type { Database } from '../../src/platform/db/client.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { notFound } from '../../src/platform/errors/app-error.js';
import { JobFailure } from '../../src/platform/jobs/job-failure.js';
import { jobs } from '../../src/platform/jobs/jobs.tables.js';
import { outbox } from '../../src/platform/jobs/outbox.repo.js';
import { createJobRunner, dueJobs } from '../../src/platform/jobs/runner.js';
import { users } from '../../src/users/users.tables.js';
import { ok, unitByDivision } from '../support/order-helpers.js';
import { planNodesOf } from '../support/plans.js';
import { openSameDatabase, testPassword } from '../support/test-db.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The outbox and the job runner on a real database (PGlite, and PostgreSQL in CI): atomic with the change, retries
 * with back-off, failed jobs listed and retried, scheduled slots, and exactly once with two server instances.
 * Time moves by the injected clock; nothing sleeps.
 */
let t: TestApp;
let second: { app: FastifyInstance; database: Database };
const minute = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  const database = await openSameDatabase(t.database);
  second = { database, app: await buildApp({ database, config: t.config, clock: t.clock, instanceId: 'instance-b' }) };
  await t.db.execute(sql`create table job_probe (job_id bigint not null, instance text not null, payload jsonb)`);
});
afterAll(async () => {
  await second.app.close();
  await second.database.close();
  await t.close();
});

const probeRows = async () =>
  rowsOf<{ job_id: unknown; instance: string }>(await t.db.execute(sql`select job_id, instance from job_probe`)).map((r) => ({
    job_id: String(r.job_id),
    instance: r.instance,
  }));
const clearProbe = () => t.db.execute(sql`delete from job_probe`);

/** A runner on one instance's database whose only job kind writes a probe row with the job's completion. */
function probeRunner(db: Database['db'], instance: string, kind: string, opts: { leaseMs?: number; before?: (id: number) => Promise<void> } = {}) {
  const runner = createJobRunner({ db, clock: t.clock, system: () => t.app.jobs.system(), instanceId: instance });
  runner.register(
    kind,
    async (job, ctx) => {
      await opts.before?.(job.id);
      await ctx.complete(async (tx) => {
        await tx.execute(sql`insert into job_probe (job_id, instance, payload) values (${job.id}, ${instance}, ${JSON.stringify(job.payload)}::jsonb)`);
      });
    },
    opts.leaseMs ? { leaseMs: opts.leaseMs } : {},
  );
  return runner;
}

describe('the outbox', () => {
  it('writes a job only when the transaction that implies it commits', async () => {
    const now = t.clock.now();
    await expect(
      t.db.transaction(async (tx) => {
        await outbox.enqueue(tx, { kind: 'probe.atomic', payload: { n: 1 }, runAt: now }, now);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await t.db.transaction((tx) => outbox.enqueue(tx, { kind: 'probe.atomic', payload: { n: 2 }, runAt: now }, now));
    const rows = await t.db.select().from(jobs).where(eq(jobs.kind, 'probe.atomic'));
    expect(rows.map((r) => r.payload)).toEqual([{ n: 2 }]);
  });

  it('writes a keyed job once however often it is enqueued', async () => {
    const now = t.clock.now();
    const first = await outbox.enqueue(t.db, { kind: 'probe.keyed', payload: {}, key: 'probe:once', runAt: now }, now);
    const again = await outbox.enqueue(t.db, [{ kind: 'probe.keyed', payload: {}, key: 'probe:once', runAt: now }], now);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
  });

  it("carries a transition's notices, written with the order's change", async () => {
    const agent = await t.login('agent');
    const dispatcher = await t.login('dispatcher');
    const county = await unitByDivision(t, 'county_federation', '150102');
    const order = await ok(
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
    await ok(dispatcher.post(`/api/orders/${order.id}/dispatch`, { version: order.version, unitId: county.id }));
    const [handlerUser] = await t.db.select().from(users).where(eq(users.username, 'handler'));
    const actor: Actor = {
      userId: handlerUser!.id,
      username: 'handler',
      displayName: handlerUser!.displayName,
      assignmentId: '00000000-0000-0000-0000-000000000000',
      role: 'handler',
      unitId: county.id,
      scopePath: county.path,
      via: 'session',
      sessionId: null,
      ip: null,
      userAgent: null,
    };
    const reference = createCatalogReference({ db: t.db, clock: t.clock });
    const deps = {
      db: t.db,
      clock: t.clock,
      config: t.config,
      calendar: createCalendarService({ db: t.db, clock: t.clock, bus: createInProcessBus() }),
      units: createUnitDirectory({ db: t.db, clock: t.clock, province: t.config.province }),
      reference,
      limits: createTimeLimits(reference),
      bus: createInProcessBus(),
    } as unknown as OrderDeps;
    const notice = { kind: 'probe.note_added', to: [{ unitId: county.id, roles: ['handler'] as const }], title: '测试通知', key: `probe:${order.id}` };
    // A change that fails after computing its notices leaves no notice behind.
    const [calendar, units, ref] = await Promise.all([deps.calendar.current(), deps.units.current(), deps.reference.current()]);
    const noting = (note: string) => (c: TransitionCtx) => ({ ...addNoteEffect(c.snapshot, { note, kind: 'progress' }, c.effectCtx), notices: [notice] });
    await expect(
      t.db.transaction(async (tx) => {
        await runTransition(deps, actor, order.id, null, 'add_note', noting('进展'), { tx, calendar, units, reference: ref, announce: [] });
        throw new Error('a later step of the same change fails');
      }),
    ).rejects.toThrow('a later step');
    expect(await outbox.byKeys(t.db, [`notice:probe:${order.id}`])).toEqual([]);
    await runTransition(deps, actor, order.id, null, 'add_note', noting('已联系用人单位'));
    const [job] = await outbox.byKeys(t.db, [`notice:probe:${order.id}`]);
    expect(job).toMatchObject({ kind: noticeJobKind, state: 'pending', payload: { ...notice, orderId: order.id } });
  });
});

describe('the job runner', () => {
  it('retries a failing job with growing delays, then keeps it as failed for an administrator to retry', async () => {
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system(), instanceId: 'retry' });
    let calls = 0;
    runner.register('probe.flaky', async () => {
      calls++;
      throw new Error(`短信网关无响应（第 ${calls} 次）`);
    });
    const now = t.clock.now();
    const [id] = await outbox.enqueue(t.db, { kind: 'probe.flaky', payload: {}, runAt: now, maxAttempts: 3 }, now);
    expect(await runner.runDue()).toMatchObject({ retried: 1 });
    let row = (await outbox.byId(t.db, id!))!;
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: '短信网关无响应（第 1 次）' });
    const firstDelay = row.runAt.getTime() - now.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(30_000);
    // Not due yet: nothing runs.
    expect(await runner.runDue()).toMatchObject({ done: 0, retried: 0, failed: 0 });
    t.clock.set(row.runAt);
    expect(await runner.runDue()).toMatchObject({ retried: 1 });
    row = (await outbox.byId(t.db, id!))!;
    expect(row.runAt.getTime() - t.clock.now().getTime()).toBeGreaterThan(firstDelay);
    t.clock.set(row.runAt);
    expect(await runner.runDue()).toMatchObject({ failed: 1 });
    expect(calls).toBe(3);
    t.clock.advance(24 * 60 * minute);
    expect(await runner.runDue()).toMatchObject({ failed: 0, retried: 0 });

    const admin = await t.login('admin');
    const listed = await ok(admin.get('/api/jobs?state=failed'));
    expect(listed.items).toEqual([expect.objectContaining({ id, kind: 'probe.flaky', attempts: 3, lastError: '短信网关无响应（第 3 次）' })]);
    expect(listed.counts.failed).toBe(1);
    expect((await (await t.login('agent')).get('/api/jobs')).statusCode).toBe(403);
    expect(await ok(admin.post(`/api/jobs/${id}/retry`))).toMatchObject({ state: 'pending', attempts: 0 });
    expect((await admin.post(`/api/jobs/${id}/retry`)).json()).toMatchObject({ code: 'JOB_NOT_FAILED' });
    runner.register('probe.flaky', async () => {});
    expect(await runner.runDue()).toMatchObject({ done: 1 });
  });

  it('keeps why an attempt failed as a kind and a message, said in the reader’s language on the jobs page', async () => {
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system(), instanceId: 'kinds' });
    const failures: Record<string, (ctx: { db: typeof t.db }) => Promise<void>> = {
      'probe.unreachable': async () => {
        throw new JobFailure('unreachable', '无法连接 hooks.example.cn：fetch failed');
      },
      'probe.refused': async () => {
        throw notFound('ORDER_NOT_FOUND', '工单不存在');
      },
      // A real query's failure: the driver's words and SQLSTATE, not drizzle's "Failed query: … params: …".
      'probe.database': async (ctx) => {
        await ctx.db.execute(sql`select * from no_such_table where name = ${'张三'}`);
      },
      'probe.program': async () => {
        (undefined as unknown as { id: string }).id;
      },
    };
    for (const [kind, fail] of Object.entries(failures)) runner.register(kind, (_job, ctx) => fail(ctx));
    const now = t.clock.now();
    const ids = await outbox.enqueue(
      t.db,
      Object.keys(failures).map((kind) => ({ kind, payload: {}, runAt: now, maxAttempts: 1 })),
      now,
    );
    expect(await runner.runDue()).toMatchObject({ failed: 4 });
    const rows = await Promise.all(ids.map((id) => outbox.byId(t.db, id)));
    expect(rows.map((r) => [r!.kind, r!.lastErrorKind])).toEqual([
      ['probe.unreachable', 'unreachable'],
      ['probe.refused', 'refused'],
      ['probe.database', 'database'],
      ['probe.program', 'program'],
    ]);
    expect(rows[2]!.lastError).toMatch(/no_such_table.*\(SQLSTATE 42P01\)\nselect \* from no_such_table where name = \$1$/s);
    expect(rows[2]!.lastError).not.toContain('张三');
    expect(rows[3]!.lastError).toMatch(/^TypeError: /);

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: testPassword } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const page = async (language: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/jobs?state=failed&limit=200',
          headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': language },
        })
      ).json().items as { id: number; lastError: string; lastErrorKind: string }[];
    const [en, zh] = await Promise.all([page('en'), page('zh-CN')]);
    const of = (items: typeof en, id: number) => items.find((j) => j.id === id)!;
    expect(of(en, ids[0]!)).toMatchObject({ lastErrorKind: 'unreachable', lastError: 'Could not connect to hooks.example.cn: fetch failed' });
    expect(of(en, ids[1]!)).toMatchObject({ lastErrorKind: 'refused', lastError: 'No such order' });
    expect(of(zh, ids[1]!)).toMatchObject({ lastErrorKind: 'refused', lastError: '工单不存在' });
    // Retried: the attempt's error and its kind go together.
    const admin = await t.login('admin');
    expect(await ok(admin.post(`/api/jobs/${ids[1]}/retry`))).toMatchObject({ state: 'pending', lastError: null, lastErrorKind: null });
  });

  it('lists jobs for the administrator page by page, newest first, with the kinds to filter by', async () => {
    const now = t.clock.now();
    const ids = await outbox.enqueue(
      t.db,
      [1, 2, 3].map((n) => ({ kind: 'probe.listed', payload: { n }, runAt: now })),
      now,
    );
    const admin = await t.login('admin');
    const first = await ok(admin.get('/api/jobs?kind=probe.listed&limit=2'));
    expect(first.items.map((j: { id: number }) => j.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextBeforeId).toBe(ids[1]);
    // The kinds this server handles, sorted: the exchange's deliveries and the notices among them.
    expect(first.kinds).toEqual([...first.kinds].sort());
    expect(first.kinds).toEqual(expect.arrayContaining(['exchange.deliver', 'notice.deliver', 'jobs.purge']));
    const rest = await ok(admin.get(`/api/jobs?kind=probe.listed&limit=2&beforeId=${first.nextBeforeId}`));
    expect(rest.items.map((j: { id: number }) => j.id)).toEqual([ids[0]]);
    expect(rest.nextBeforeId).toBeNull();
    expect((await ok(admin.get('/api/jobs?kind=probe.listed&limit=3'))).nextBeforeId).toBeNull();
  });

  it("completes a batch but the job that failed on its own, which comes back after its back-off (a batch's one failed message)", async () => {
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system(), instanceId: 'batch-one' });
    const effects: string[] = [];
    runner.registerBatch('probe.batch', async (batch, ctx) => {
      for (const job of batch) if ((job.payload as { bad?: boolean }).bad) ctx.failed(job, new Error('网关拒收'));
      await ctx.complete(async () => {
        effects.push(...batch.filter((j) => !(j.payload as { bad?: boolean }).bad).map((j) => String((j.payload as { n: number }).n)));
      });
    });
    const now = t.clock.now();
    const ids = await outbox.enqueue(
      t.db,
      [1, 2, 3].map((n) => ({ kind: 'probe.batch', payload: { n, bad: n === 2 }, runAt: now, maxAttempts: 2 })),
      now,
    );
    expect(await runner.runDue()).toMatchObject({ done: 2, retried: 1, failed: 0 });
    expect(effects).toEqual(['1', '3']);
    const rows = await Promise.all(ids.map((id) => outbox.byId(t.db, id)));
    expect(rows.map((r) => r!.state)).toEqual(['done', 'pending', 'done']);
    expect(rows[1]).toMatchObject({ attempts: 1, lastError: '网关拒收' });
    expect(rows[1]!.runAt.getTime()).toBeGreaterThan(now.getTime());
    t.clock.set(rows[1]!.runAt);
    expect(await runner.runDue()).toMatchObject({ done: 0, failed: 1 });
    expect((await outbox.byId(t.db, ids[1]!))!).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('leaves jobs of kinds it does not know to an instance that does', async () => {
    const now = t.clock.now();
    const [id] = await outbox.enqueue(t.db, { kind: 'probe.unknown', payload: {}, runAt: now }, now);
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system() });
    runner.register('probe.other', async () => {});
    await runner.runDue();
    expect(await outbox.byId(t.db, id!)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('gives waiting I/O a turn between two jobs (PGlite runs in the server thread and would otherwise starve requests)', async () => {
    const now = t.clock.now();
    await outbox.enqueue(
      t.db,
      [1, 2, 3, 4].map((n) => ({ kind: 'probe.turns', payload: { n }, runAt: now })),
      now,
    );
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system() });
    // Each job sets an immediate (an I/O-phase callback, as an incoming request is) and a database write; the next job finds it run.
    let turned = true;
    const seen: boolean[] = [];
    runner.register('probe.turns', async (_job, ctx) => {
      seen.push(turned);
      turned = false;
      setImmediate(() => {
        turned = true;
      });
      await ctx.complete(async (tx) => {
        await tx.execute(sql`select 1`);
      });
    });
    await runner.runDue();
    expect(seen).toEqual([true, true, true, true]);
  });

  it('acts as the system actor, a real account hidden from the users API', async () => {
    const system = await t.app.jobs.system();
    expect(system).toMatchObject({ username: 'system', displayName: '系统', role: 'system' });
    const [row] = await t.db.select().from(users).where(eq(users.id, system.userId));
    expect(row).toMatchObject({ kind: 'system', passwordHash: null });
    const admin = await t.login('admin');
    const found = await ok(admin.get('/api/users?q=system'));
    expect(found.items.map((u: { username: string }) => u.username)).not.toContain('system');
    expect((await admin.get(`/api/users/${system.userId}`)).statusCode).toBe(404);
    expect((await t.anonymous().post('/api/auth/login', { username: 'system', password: 'x'.repeat(10) })).statusCode).toBe(401);
  });

  it('enqueues a scheduled job once per slot, whichever instance ticks first, and again in the next slot', async () => {
    await clearProbe();
    t.clock.set('2026-11-26T02:01:00Z');
    const a = probeRunner(t.db, 'a', 'probe.every5');
    const b = probeRunner(second.database.db, 'b', 'probe.every5');
    a.every('probe.every5', 5 * minute);
    b.every('probe.every5', 5 * minute);
    await Promise.all([a.runDue(), b.runDue()]);
    t.clock.advance(2 * minute);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(await probeRows()).toHaveLength(1);
    t.clock.advance(3 * minute);
    await Promise.all([b.runDue(), a.runDue()]);
    expect(await probeRows()).toHaveLength(2);
  });
});

describe('periodic work behind a backlog', () => {
  it('claims a scheduled kind first: its slot runs in the first batch, ahead of older deliveries', async () => {
    await clearProbe();
    t.clock.set('2026-11-27T02:00:30Z');
    const runner = createJobRunner({ db: t.db, clock: t.clock, system: () => t.app.jobs.system(), instanceId: 'backlog', batchSize: 5 });
    const order: string[] = [];
    runner.register('probe.backlog', async (job, ctx) => {
      order.push(`backlog ${(job.payload as { n: number }).n}`);
      await ctx.complete();
    });
    runner.register('probe.periodic', async (_job, ctx) => {
      order.push('periodic');
      await ctx.complete();
    });
    runner.every('probe.periodic', minute);
    // Thirty deliveries due since an hour ago: taken strictly by due time, the slot's job (due 02:00) came last.
    const earlier = new Date(t.clock.now().getTime() - 60 * minute);
    await outbox.enqueue(
      t.db,
      Array.from({ length: 30 }, (_, n) => ({ kind: 'probe.backlog', payload: { n }, runAt: earlier })),
      earlier,
    );
    await runner.runDue({ max: 5 });
    expect(order).toContain('periodic');
    expect(order).toHaveLength(5);
    await runner.runDue();
    expect(order.filter((x) => x === 'periodic')).toHaveLength(1);
    expect(order).toHaveLength(31);
  });
});

describe('a claim behind a backlog', () => {
  it('reads the due jobs in its own order and stops at its limit: a backlog sharing one run_at is not read and sorted', async () => {
    const now = t.clock.now();
    // A scan's notices: one run_at for all of them (supervision.scan.ts enqueues them together).
    await outbox.enqueue(
      t.db,
      Array.from({ length: 500 }, (_, n) => ({ kind: 'probe.claim_order', payload: { n }, runAt: now })),
      now,
    );
    const kinds = ['probe.claim_order', 'probe.other', 'notice.deliver'];
    const nodes = await planNodesOf(t.db, dueJobs(t.db, now, 20, kinds, false).getSQL());
    expect(nodes.filter((n) => String(n['Node Type']).includes('Sort'))).toEqual([]);
    const scan = nodes.find((n) => n['Relation Name'] === 'jobs')!;
    expect(scan['Index Name']).toBe('jobs_due_idx');
    expect(scan['Actual Rows']).toBeLessThanOrEqual(20);
    await t.db.execute(sql`delete from jobs where kind = 'probe.claim_order'`);
  });
});

describe('two server instances on one database', () => {
  it('run each of 400 jobs exactly once', async () => {
    await clearProbe();
    const now = t.clock.now();
    const n = 400;
    await outbox.enqueue(
      t.db,
      Array.from({ length: n }, (_, i) => ({ kind: 'probe.twice', payload: { i }, runAt: now })),
      now,
    );
    const a = probeRunner(t.db, 'a', 'probe.twice');
    const b = probeRunner(second.database.db, 'b', 'probe.twice');
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra.done + rb.done).toBe(n);
    const rows = await probeRows();
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.job_id)).size).toBe(n);
    const left = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from jobs where kind = 'probe.twice' and state <> 'done'`));
    expect(Number(left[0]!.n)).toBe(0);
  });

  it("take over a stalled instance's job when its lease ends, and the stalled one's late result is dropped", async () => {
    await clearProbe();
    const now = t.clock.now();
    const [id] = await outbox.enqueue(t.db, { kind: 'probe.stall', payload: {}, runAt: now }, now);
    let release!: () => void;
    let claimed!: () => void;
    const claimedByA = new Promise<void>((r) => (claimed = r));
    const stalled = new Promise<void>((r) => (release = r));
    const a = probeRunner(t.db, 'a', 'probe.stall', { leaseMs: 60_000, before: async () => (claimed(), stalled) });
    const b = probeRunner(second.database.db, 'b', 'probe.stall', { leaseMs: 60_000 });
    const runA = a.runDue();
    await claimedByA;
    // Within A's lease, B leaves the job alone.
    expect(await b.runDue()).toMatchObject({ done: 0 });
    t.clock.advance(61_000);
    expect(await b.runDue()).toMatchObject({ done: 1 });
    release();
    expect(await runA).toMatchObject({ done: 0, lost: 1 });
    expect(await probeRows()).toEqual([{ job_id: String(id), instance: 'b' }]);
    expect(await outbox.byId(t.db, id!)).toMatchObject({ state: 'done', attempts: 2, leasedBy: 'b' });
  });
});
