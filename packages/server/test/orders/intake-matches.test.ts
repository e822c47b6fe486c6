import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What the intake console learns while the agent types: earlier callers by number, open orders by employer. */
let t: TestApp;
let agent: Client;
const order = (over: Record<string, unknown>) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904712222' }],
  narrative: '反映公司拖欠工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});
const matches = (q: string) => ok<any>(agent.get(`/api/orders/intake-matches?${q}`));

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-25T02:00:00Z' });
  agent = await t.login('agent');
  await ok(
    agent.post(
      '/api/orders',
      order({ employer: { name: '内蒙古恒泰建筑工程有限公司' }, callers: [{ name: '张建军', phone: '13904713333', relation: 'self' }] }),
    ),
    201,
  );
  await ok(agent.post('/api/orders', order({ confidential: true, callers: [{ name: '保密的人', phone: '13904714444' }] })), 201);
});
afterAll(() => t.close());

describe('intake matches', () => {
  it('a part of the employer name of four characters or more finds the open orders about it', async () => {
    expect((await matches(`employer=${encodeURIComponent('恒泰建筑')}`)).employerOpenOrders.map((o: any) => o.employerName)).toEqual([
      '内蒙古恒泰建筑工程有限公司',
    ]);
    expect((await matches(`employer=${encodeURIComponent('恒泰')}`)).employerOpenOrders).toEqual([]);
    expect((await matches(`employer=${encodeURIComponent('恒泰_%')}`)).employerOpenOrders).toEqual([]);
  });

  it("fills a returning caller's name from the last call of that number, never a confidential caller's", async () => {
    expect((await matches('phone=13904713333')).knownCaller).toEqual({ name: '张建军', relation: 'self' });
    expect((await matches('phone=13904714444')).knownCaller).toBeNull();
    expect((await matches('phone=13904719999')).knownCaller).toBeNull();
  });
});
