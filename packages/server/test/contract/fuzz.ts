import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ok } from '../support/order-helpers.js';
import { createTestApp } from '../support/test-app.js';
import type { Pools } from './arbitraries.js';
import { seedOrders, signIn, type Session } from './fixtures.js';
import { operationsOf, type OpenApiDoc, type Operation } from './openapi-doc.js';
import { requestFor, type FuzzRequest } from './requests.js';

/**
 * Property: whatever arrives — any JSON, schema-shaped values with wrong types, unknown or missing fields, huge and
 * hostile text, malformed JSON, wrong content types, random ids and query strings — from any kind of caller, no
 * operation answers 5xx, and every 4xx is the error body { code, message, requestId } with a Chinese message.
 * The operations are read from the published OpenAPI document, so a new route is fuzzed without touching this file.
 * FUZZ_SEED replays a failure; FUZZ_RUNS raises the runs per operation for a longer search.
 */
// The two databases fuzz with different seeds, so that CI's second pass (PostgreSQL) sends inputs the first did not.
const onPostgres = !!process.env.TEST_DATABASE_URL;
const seed = Number(process.env.FUZZ_SEED ?? (onPostgres ? 12352 : 12351));
const extraRuns = Number(process.env.FUZZ_RUNS ?? 0);

/**
 * The fuzz is split into shards (fuzz-1.test.ts … fuzz-4.test.ts), each its own file with its own database, so that
 * both test workers share it: as one file (224 operations, about 35,000 requests) it ran 708 s of a 1,370 s PGlite
 * suite on CI's 2 cores, all on one worker while the other had long finished. A shard takes every 4th operation of the
 * published document, so a new route lands in one of them without touching these files.
 */
export async function fuzzShard(shard: number, shards: number): Promise<void> {
  // Top-level of the file: the operations must be known when the tests are collected, one test per operation.
  const t = await createTestApp();
  const doc: OpenApiDoc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const operations = operationsOf(doc).filter((_op, i) => i % shards === shard - 1);

  type Who = (typeof people)[number] | 'integration' | 'anonymous' | 'forged';
  const people = ['admin', 'secadmin', 'agent', 'dispatcher', 'handler', 'auditor'] as const;
  const sessions = {} as Record<(typeof people)[number], Session>;
  let apiToken = '';
  let pools: Pools;

  beforeAll(async () => {
    for (const p of people) sessions[p] = await signIn(t, p);
    const seeded = await seedOrders(t, sessions);
    const { admin } = sessions;
    const catalog = await ok(admin.get('/api/catalog'));
    const rules = await ok(admin.get('/api/time-limit-rules'));
    // Records the admin may change at random without locking the fuzzing sessions out.
    const spareUnit = await ok(admin.post('/api/units', { parentId: seeded.county.id, type: 'enterprise_union', name: '模糊测试企业工会' }), 201);
    // Accounts are the security administrator's (三员分立).
    const { secadmin } = sessions;
    const spare = await ok(
      secadmin.post('/api/users', {
        username: 'fuzz_target',
        displayName: '模糊测试',
        unitId: spareUnit.id,
        roles: [{ role: 'handler', unitId: spareUnit.id }],
      }),
      201,
    );
    const integration = (await ok(secadmin.get('/api/users?q=api12345'))).items[0];
    const token = await ok(secadmin.post(`/api/users/${integration.id}/tokens`, { name: '模糊测试令牌' }), 201);
    apiToken = token.token;
    pools = {
      ids: [
        ...Object.values(seeded.orders).map((o) => o.id as string),
        seeded.coHandlerId,
        seeded.attachmentId,
        spare.user.id,
        integration.id,
        token.id,
        rules.items[0].id,
      ],
      units: [seeded.county.id, seeded.enterprise.id, spareUnit.id],
      typeCodes: catalog.types.map((x: { code: string }) => x.code),
      subjectCodes: catalog.subjects.map((x: { code: string }) => x.code),
      riskFlags: catalog.riskFlags.map((x: { code: string }) => x.code),
    };
  }, 120_000);
  afterAll(() => t.close());

  const forgedCredential: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.string({ maxLength: 80 }).map((s) => ({ cookie: `hotline_session=${encodeURIComponent(s)}` })),
    fc.string({ maxLength: 80 }).map((s) => ({ authorization: `Bearer ${s.replace(/[\r\n]/g, '')}` })),
    fc.constantFrom<Record<string, string>>(
      { authorization: 'Basic YWRtaW46QWRtaW4xMjM0NQ==' },
      { authorization: 'Bearer' },
      { cookie: 'hotline_session=' },
      { cookie: 'hotline_session=%zz; hotline_session=x' },
    ),
  );

  function credentials(who: Who, forged: Record<string, string>): Record<string, string> {
    if (who === 'anonymous') return {};
    if (who === 'forged') return forged;
    if (who === 'integration') return { authorization: `Bearer ${apiToken}` };
    return { cookie: sessions[who].cookie };
  }

  const chinese = /[\u4e00-\u9fff]/;

  /** The whole contract for one answer; a thrown message names what broke. */
  function checkAnswer(res: LightMyRequestResponse): void {
    if (res.statusCode >= 500) throw new Error(`answered ${res.statusCode}: ${res.body.slice(0, 400)}`);
    if (res.statusCode < 400) return;
    let body: { code?: unknown; message?: unknown; requestId?: unknown };
    try {
      body = res.json();
    } catch {
      throw new Error(`${res.statusCode} without a JSON body: ${res.body.slice(0, 200)}`);
    }
    if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(body.code))
      throw new Error(`${res.statusCode} without a stable code: ${res.body.slice(0, 300)}`);
    if (typeof body.message !== 'string' || !chinese.test(body.message))
      throw new Error(`${res.statusCode} without a Chinese message: ${res.body.slice(0, 300)}`);
    if (typeof body.requestId !== 'string' || !body.requestId) throw new Error(`${res.statusCode} without a requestId: ${res.body.slice(0, 300)}`);
  }

  /** Sign-out and password changes end a fuzzing session: sign in again so the next runs still act as that person. */
  async function keepSessionsAlive(): Promise<void> {
    for (const p of people) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: sessions[p].cookie } });
      if (res.statusCode === 401) sessions[p] = await signIn(t, p);
    }
  }

  /**
   * Runs per operation: enough to reach every branch of the generators. CI runs the suite on both databases, each
   * with its own seed: half the runs on PGlite and an eighth on PostgreSQL (a quarter until session 13, when CI ran
   * 1,503 s against its 1,500 s target with the PostgreSQL suites beside the browser tests, the fuzz shards 116 s of
   * their file time). A longer search is FUZZ_RUNS away.
   * Input checking is the same code on both databases; what differs (errors a driver raises) shows within the first
   * runs of each operation.
   */
  const databaseShare = onPostgres ? 0.125 : 0.5;
  function runsFor(op: Operation): number {
    const base = (op.method === 'GET' ? 120 : 200) * databaseShare;
    // Each login and password check hashes with argon2 on purpose: those routes are slow by design.
    const slow = ['login', 'changePassword', 'resetPassword', 'createUser', 'logout'].includes(op.operationId) ? 0.5 : 1;
    return Math.round(base * slow) + extraRuns;
  }

  const who = fc.constantFrom<Who>('admin', 'secadmin', 'agent', 'dispatcher', 'handler', 'handler', 'auditor', 'integration', 'anonymous', 'forged');

  describe('no input makes the API answer 5xx, and every 4xx is the error body', () => {
    it.each(operations.map((op) => [op.operationId, op] as const))(
      '%s',
      async (_id, op) => {
        await keepSessionsAlive();
        // A server-sent event stream never ends by itself: its answer is read up to the headers, and a 200 is closed.
        const streaming = Object.values(op.responses ?? {}).some((r) => r.content && 'text/event-stream' in r.content);
        const property = fc.asyncProperty(who, forgedCredential, requestFor(op, pools), async (caller, forged, req: FuzzRequest) => {
          const sent = {
            method: req.method,
            url: req.url,
            headers: { ...req.headers, ...credentials(caller, forged) },
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          };
          if (streaming) {
            const live = await t.app.inject({ ...sent, payloadAsStream: true });
            if (live.statusCode === 200) {
              live.stream().destroy();
              return;
            }
            let body = '';
            for await (const chunk of live.stream()) body += chunk;
            return checkAnswer({ statusCode: live.statusCode, body, json: () => JSON.parse(body) } as LightMyRequestResponse);
          }
          const res = await t.app.inject(sent);
          if (op.operationId === 'logout' && res.statusCode === 204) await keepSessionsAlive();
          checkAnswer(res);
        });
        try {
          await fc.assert(property, { seed, numRuns: runsFor(op) });
        } catch (e) {
          const cause = (e as Error).cause instanceof Error ? `\n${((e as Error).cause as Error).message}` : '';
          throw new Error(`${op.operationId}: replay with FUZZ_SEED=${seed}\n${(e as Error).message}${cause}`);
        }
      },
      120_000,
    );
  });
}
