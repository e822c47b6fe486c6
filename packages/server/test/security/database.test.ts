import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { grantRuntimeRole } from '../../src/platform/db/roles.js';
import { openDatabase, rowsOf, withoutJit } from '../../src/platform/db/client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 10, item 9: append-only tables refuse TRUNCATE too, and on PostgreSQL the server's role owns nothing. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await (await t.login('agent')).post('/api/orders', {
    channel: 'phone',
    callers: [{ name: '王先生', phone: '13904713333' }],
    narrative: '咨询工资问题。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
  });
});
afterAll(() => t.close());

async function refusal(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'accepted';
}

describe('9. append-only tables', () => {
  for (const table of ['order_events', 'audit_events']) {
    it(`${table} refuses TRUNCATE, DELETE and UPDATE, naming itself`, async () => {
      for (const statement of [`truncate ${table}`, `delete from ${table}`, `update ${table} set at = at`]) {
        const message = await refusal(t.db.execute(sql.raw(statement)));
        expect(message, statement).toContain(`${table} is append-only`);
      }
    });
  }
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('9. the runtime database role owns nothing (PostgreSQL)', () => {
  const role = `hotline_rt_${process.pid}`;
  let runtimeUrl: string;
  beforeAll(async () => {
    if (t.database.kind !== 'postgresql') return;
    await t.db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => {});
    await t.db.execute(sql.raw(`create role ${role} login`));
    await grantRuntimeRole(t.db, role);
    const name = rowsOf<{ db: string }>(await t.db.execute(sql`select current_database() as db`))[0]!.db;
    const u = new URL(url!);
    u.username = role;
    u.pathname = `/${name}`;
    runtimeUrl = u.toString();
  });
  afterAll(async () => {
    if (t.database.kind !== 'postgresql') return;
    await t.db.execute(sql.raw(`drop owned by ${role}`)).catch(() => {});
    await t.db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => {});
  });

  it('cannot truncate, alter, drop or rewrite, but can read and write rows', async () => {
    const c = new pg.Client({ connectionString: runtimeUrl });
    await c.connect();
    try {
      const tryIt = (q: string) =>
        c.query(q).then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      expect(await tryIt('truncate order_events')).toMatch(/permission denied|append-only/);
      // The orders themselves cannot be wiped either: the runtime role holds no TRUNCATE on any table.
      expect(await tryIt('truncate work_orders cascade')).toMatch(/permission denied/);
      expect(await tryIt('alter table order_events disable trigger all')).toMatch(/must be owner/);
      expect(await tryIt('drop table audit_events')).toMatch(/must be owner/);
      expect(await tryIt('delete from audit_events')).toMatch(/permission denied/);
      expect(await tryIt('update order_events set note = null')).toMatch(/permission denied/);
      expect(await tryIt('create table runtime_probe (i int)')).toMatch(/permission denied/);
      expect(await tryIt('select count(*) from work_orders')).toBe('accepted');
    } finally {
      await c.end();
    }
  });

  it('runs the server: a login and an order as the runtime role', async () => {
    const database = await openDatabase({ databaseUrl: runtimeUrl, poolSize: 2 });
    const app = await buildApp({ database, config: t.config, clock: t.clock });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: 'Demo12351' } });
      expect(res.statusCode).toBe(200);
      const c = res.cookies.find((x) => x.name === 'hotline_session')!;
      const order = await app.inject({
        method: 'POST',
        url: '/api/orders',
        headers: { cookie: `${c.name}=${c.value}` },
        payload: {
          channel: 'phone',
          callers: [{ name: '李女士', phone: '13904714444' }],
          narrative: '反映加班费问题。',
          typeCode: 'complaint',
          subjectCode: 'wage_arrears',
        },
      });
      expect(order.statusCode, order.body).toBe(201);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('the application connections', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('[PostgreSQL] run without JIT compilation, on every connection of the pool', async () => {
    // Several at once, so that more than one connection of the pool answers.
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.db.execute(sql`select current_setting('jit') as jit, pg_backend_pid() as pid`)));
    const rows = answers.flatMap((r) => rowsOf<{ jit: string; pid: number }>(r));
    expect(new Set(rows.map((r) => r.jit))).toEqual(new Set(['off']));
    expect(new Set(rows.map((r) => r.pid)).size).toBeGreaterThan(1);
  });

  it("adds jit=off to the operator's own startup options, and leaves an operator's own jit setting alone", () => {
    const options = (url: string) => new URL(withoutJit(url)).searchParams.get('options');
    expect(options('postgres://hotline@db.example:5432/hotline')).toBe('-c jit=off');
    expect(options('postgres://hotline@db.example/hotline?options=-c%20statement_timeout%3D5000&sslmode=require')).toBe('-c statement_timeout=5000 -c jit=off');
    expect(new URL(withoutJit('postgres://hotline@db.example/hotline?sslmode=require')).searchParams.get('sslmode')).toBe('require');
    expect(withoutJit('postgres://hotline@db.example/hotline?options=-c%20jit%3Don')).toBe('postgres://hotline@db.example/hotline?options=-c%20jit%3Don');
  });
});
