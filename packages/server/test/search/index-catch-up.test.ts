import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/install/bootstrap.js';
import { rowsOf, schemaVersion } from '../../src/platform/db/client.js';
import { indexCatchUpKind } from '../../src/search/index-catch-up.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok } from '../support/order-helpers.js';

/**
 * A start of an installed database asks for the search index's catch-up (search/index-catch-up.ts) instead of
 * running it before the server listens: one job per schema version, whichever instance asks first, which indexes the
 * orders an upgrade left without words.
 */
let t: TestApp;
let orderId = '';

beforeAll(async () => {
  t = await createTestApp();
  const agent = await t.login('agent');
  const body = {
    channel: 'phone',
    callers: [{ name: '甲', phone: '13904715555' }],
    narrative: '单位拖欠工资三个月，老板失联。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
  };
  orderId = (await ok<{ id: string }>(agent.post('/api/orders', body), 201)).id;
});
afterAll(() => t.close());

const jobsOfCatchUp = async () =>
  rowsOf<{ key: string; state: string }>(await t.db.execute(sql`select key, state from jobs where kind = ${indexCatchUpKind} order by id`));
const wordsOf = async (id: string) => rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from search_orders where order_id = ${id}`))[0]!.n;

describe('the search index after an upgrade', () => {
  it('is caught up by one job per schema version, not at every start', async () => {
    // An order as a version before search left it: no words.
    await t.db.execute(sql`delete from search_orders where order_id = ${orderId}`);
    expect(await wordsOf(orderId)).toBe(0);
    await bootstrap(t.db, t.config, t.clock);
    expect(await wordsOf(orderId)).toBe(0);
    expect(await jobsOfCatchUp()).toEqual([{ key: `${indexCatchUpKind}@${schemaVersion()}`, state: 'pending' }]);

    await t.app.jobs.runDue();
    expect(await wordsOf(orderId)).toBe(1);
    expect(await jobsOfCatchUp()).toEqual([{ key: `${indexCatchUpKind}@${schemaVersion()}`, state: 'done' }]);

    // Another start (or another instance) of the same version asks again and gets no second job.
    await bootstrap(t.db, t.config, t.clock);
    expect(await jobsOfCatchUp()).toHaveLength(1);
  });

  it('names the last migration this build carries', () => {
    expect(schemaVersion()).toMatch(/^\d{4}_\w+$/);
  });
});
