import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/platform/jobs/jobs.tables.js';
import { purgeDone } from '../../src/platform/jobs/outbox.repo.js';
import { purgeExpiredKeys } from '../../src/platform/idempotency/idempotency.js';
import { idempotencyKeys } from '../../src/platform/idempotency/idempotency.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A job of a kind no running instance handles waits, pending, for ever (the runner claims only the kinds it knows):
 * health names such kinds once their jobs have been due for ten minutes, the time a rolling upgrade may leave a new
 * kind to the new instances.
 */
let t: TestApp;
const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and the jobs no instance handles', () => {
  it('names a kind nobody handles once its jobs have waited ten minutes, not before, and never a kind it knows', async () => {
    const known = t.app.jobs.kinds()[0]!;
    const job = (kind: string, m: number, state = 'pending') => ({ kind, payload: {}, state, runAt: minutesAgo(m), createdAt: minutesAgo(m) });
    await t.db.insert(jobs).values([job('search.retired_kind', 3), job(known, 60)]);
    let body = (await t.anonymous().get('/api/health')).json();
    expect(body.unhandledJobs).toEqual([]);
    expect(body.warnings.some((w: string) => w.includes('无实例处理'))).toBe(false);

    await t.db.insert(jobs).values([job('search.retired_kind', 11), job('search.retired_kind', 25), job('exchange.gone', 30, 'done')]);
    body = (await t.anonymous().get('/api/health')).json();
    expect(body.status).toBe('warning');
    expect(body.unhandledJobs).toEqual([{ kind: 'search.retired_kind', count: 2, dueSince: minutesAgo(25).toISOString() }]);
    expect(body.warnings).toContain(
      '2 个任务已到期 10 分钟以上仍无实例处理（search.retired_kind）：本实例不认识这些任务类型，请检查各实例是否已升级到与数据库相同的版本',
    );

    // Said in the reader's language: the web and a monitor in English send Accept-Language en.
    const english = (await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-language': 'en' } })).json();
    expect(english.warnings).toContain(
      '2 job(s) due for over 10 minutes and handled by no instance (search.retired_kind): this instance does not know these kinds of job; check that every instance runs the same version as the database',
    );
    // The calendar's warning too (the test database's calendar ends within the warning's 60 days).
    expect(english.calendar.warning).toBe(
      'The working calendar ends on 2026-12-31, 36 day(s) from now: enter the 2027 holiday arrangements once the State Council publishes them; until then, deadlines in 2027 are counted on the national holiday regulations for now (without make-up working days) and marked “provisional”',
    );
    expect(english.warnings.filter((w: string) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(w))).toEqual([]);
  });
});

describe('the purges', () => {
  it('count what they delete, on either driver, without reading it back', async () => {
    const old = minutesAgo(3 * 24 * 60);
    await t.db.insert(jobs).values(
      Array.from({ length: 7 }, (_, i) => ({
        kind: 'purge.test',
        payload: {},
        state: i < 5 ? 'done' : 'failed',
        runAt: old,
        createdAt: old,
        finishedAt: old,
      })),
    );
    expect(await purgeDone(t.db, minutesAgo(24 * 60))).toBeGreaterThanOrEqual(5);
    expect(await purgeDone(t.db, minutesAgo(24 * 60))).toBe(0);
    expect((await t.db.select().from(jobs)).filter((j) => j.kind === 'purge.test').map((j) => j.state)).toEqual(['failed', 'failed']);
    const key = (k: string, expiresAt: Date) => ({
      accountId: '00000000-0000-4000-8000-000000000001',
      scope: 'createOrder',
      key: k,
      requestHash: 'h',
      resourceId: 'r',
      createdAt: old,
      expiresAt,
    });
    await t.db.insert(idempotencyKeys).values([key('a', minutesAgo(10)), key('b', minutesAgo(1)), key('c', minutesAgo(-60))]);
    expect(await purgeExpiredKeys(t.db, t.clock.now())).toBe(2);
    expect((await t.db.select().from(idempotencyKeys)).map((k) => k.key)).toContain('c');
  });
});
