import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseEmployerName } from '../../src/orders/domain/employer.js';
import { requestsAboutEmployer, requestsAboutEmployers } from '../../src/orders/orders.repo.js';
import { ok, type Client } from '../support/order-helpers.js';
import { planNodes } from '../support/plans.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The "same employer in the window" count at intake (orders.repo.ts requestsAboutEmployers): several intakes' counts
 * in one statement give what each counted alone gives, and concurrent intakes share their counts' statements
 * (orders/intake.service.ts, platform/concurrency/coalesce.ts).
 */
let t: TestApp;
let agent: Client;
const countStatements: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ onQuery: (s) => /json_to_recordset/.test(s) && /employer_key/.test(s) && countStatements.push(s) });
  agent = await t.login('agent');
});
afterAll(async () => {
  await t.close();
});

const order = (employer: string, callers: { name: string; phone?: string }[], narrative = '反映拖欠工资两个月。') => ({
  channel: 'phone',
  callers,
  employer: { name: employer },
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});

const minute = 60_000;

describe('the employer counts of several intakes in one statement', () => {
  it('give each intake what its count alone gives: callers counted, invalid orders and orders before the window left out, up to the cap', async () => {
    const a = '呼和浩特市甲乙丙劳务有限公司';
    const b = '包头市丁戊己物业服务有限公司';
    const start = t.clock.now();
    await ok(agent.post('/api/orders', order(a, [{ name: '甲一' }, { name: '甲二' }])), 201);
    t.clock.advance(10 * minute);
    await ok(agent.post('/api/orders', order(a, [{ name: '甲三' }])), 201);
    t.clock.advance(10 * minute);
    const invalid = await ok<{ id: string }>(agent.post('/api/orders', order(a, [{ name: '甲四' }])), 201);
    await ok(agent.post('/api/orders', order(b, [{ name: '乙一' }])), 201);
    // An invalid order is not a request about the employer (set here directly: the loop's invalidation is tested elsewhere).
    await t.db.execute(sql`update work_orders set state = 'invalid' where id = ${invalid.id}`);

    // A group order: y (the older) merged into x moves y's caller to x; x counts three callers, y none, and y takes
    // no place under a cap of 1.
    const c = '赤峰市庚辛物流有限公司';
    const y = await ok<{ id: string; version: number }>(agent.post('/api/orders', order(c, [{ name: '丙三' }])), 201);
    t.clock.advance(minute);
    const x = await ok<{ id: string; version: number }>(agent.post('/api/orders', order(c, [{ name: '丙一' }, { name: '丙二' }])), 201);
    await ok(agent.post(`/api/orders/${x.id}/merge`, { version: x.version, sources: [{ id: y.id, version: y.version }], note: '同一单位同一事项' }));

    const [ka, kb, kc] = [normaliseEmployerName(a), normaliseEmployerName(b), normaliseEmployerName(c)];
    const before = new Date(start.getTime() - minute);
    const asked = [
      { employerKey: ka, since: before, cap: 100 },
      { employerKey: ka, since: before, cap: 2 },
      { employerKey: ka, since: new Date(start.getTime() + 5 * minute), cap: 100 },
      { employerKey: kb, since: before, cap: 100 },
      { employerKey: normaliseEmployerName('从未听说过的某某有限公司'), since: before, cap: 5 },
      { employerKey: ka, since: before, cap: 1 },
      { employerKey: kc, since: before, cap: 100 },
      { employerKey: kc, since: before, cap: 2 },
      { employerKey: kc, since: before, cap: 1 },
    ];
    const together = await requestsAboutEmployers(t.db, asked);
    expect(together).toEqual([3, 2, 1, 1, 0, 1, 3, 2, 1]);
    const alone = [];
    for (const q of asked) alone.push(await requestsAboutEmployer(t.db, q.employerKey, q.since, q.cap));
    expect(alone).toEqual(together);
    expect(await requestsAboutEmployers(t.db, [])).toEqual([]);
    // The matches panel counts the same window its own way (every caller of every visible order, up to 100): the same.
    const windowStart = new Date(t.clock.now().getTime() - 30 * 86_400_000);
    for (const [name, key] of [
      [a, ka],
      [b, kb],
      [c, kc],
    ] as const) {
      const m = await ok<{ employerRequestsInWindow: number }>(agent.get(`/api/orders/intake-matches?employer=${encodeURIComponent(name)}`));
      expect([name, m.employerRequestsInWindow]).toEqual([name, (await requestsAboutEmployers(t.db, [{ employerKey: key, since: windowStart, cap: 100 }]))[0]]);
    }
  });

  it('are shared by concurrent intakes, and an intake still sees the requests before it', async () => {
    const employer = '鄂尔多斯市庚辛壬建筑工程有限公司';
    countStatements.length = 0;
    const n = 12;
    const created = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        ok<{ id: string }>(agent.post('/api/orders', order(employer, [{ name: `并发${i}` }], `同一公司第${i}位工人反映欠薪`)), 201),
      ),
    );
    expect(created).toHaveLength(n);
    // On PostgreSQL, fewer count statements than intakes: the ones arriving while two counts ran waited and went as
    // one. PGlite answers each statement before the next intake reaches its count (nothing to share, no round trip).
    expect(countStatements.length).toBeGreaterThan(0);
    if (t.database.kind === 'postgresql') expect(countStatements.length).toBeLessThan(n);
    else expect(countStatements.length).toBeLessThanOrEqual(n);
    // The next intake about the employer counts the twelve before it (cap: the repeat threshold) and is flagged 多.
    t.clock.advance(minute);
    const next = await ok<{ id: string }>(agent.post('/api/orders', order(employer, [{ name: '第十三位' }])), 201);
    const events = await ok<{ action: string; data: { suggestedRiskFlags?: { flag: string }[] } }[]>(agent.get(`/api/orders/${next.id}/events`));
    expect(events[0]!.data.suggestedRiskFlags?.map((f) => f.flag)).toContain('repeat');
  });
  it('never read the invalid orders of an employer on the way to the cap', async () => {
    // A wave about one employer marked 无效 afterwards (a campaign of duplicate calls): the count of the next intake
    // about it reads its counted orders only (work_orders_employer_counted_idx), not the invalid ones before them.
    const employer = '乌兰察布市无效来电测试有限公司';
    const key = normaliseEmployerName(employer);
    const since = new Date(t.clock.now().getTime() - minute);
    const made: string[] = [];
    for (let i = 0; i < 30; i++) {
      made.push((await ok<{ id: string }>(agent.post('/api/orders', order(employer, [{ name: `来电${i}` }], `第${i}次来电反映欠薪`)), 201)).id);
      t.clock.advance(1000);
    }
    await t.db.execute(sql`update work_orders set state = 'invalid' where id in ${made.slice(0, 25)}`);
    await t.db.execute(sql`analyze work_orders`);
    countStatements.length = 0;
    expect(await requestsAboutEmployers(t.db, [{ employerKey: key, since, cap: 3 }])).toEqual([3]);
    const statement = countStatements.at(-1)!;
    const asked = JSON.stringify([{ i: 0, k: key, f: since.toISOString(), cap: 3 }]);
    const nodes = await planNodes(t.db, statement, asked);
    const orders = nodes.filter((n) => n['Relation Name'] === 'work_orders');
    // Three orders read for a cap of three: none of the 25 invalid ones before them (through work_orders_employer_key_idx
    // they were all read and filtered out).
    expect(orders.map((n) => [n['Node Type'], Number(n['Actual Rows']) + Number(n['Rows Removed by Filter'] ?? 0)])).toEqual([['Index Scan', 3]]);
  });
});
