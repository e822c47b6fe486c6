import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';

/**
 * A list's total when no maintained counter stands for its filters (order-list.ts stateCounts): counted up to the cap
 * (HOTLINE_LIST_COUNT_CAP; 3 here), past it "more than" with no counts per state. Counters, the deadline counts and
 * lists bounded by the open orders stay exact past the cap; the page itself is never cut by it. Where it would be
 * counted over the history, the list answers its page first and the count (`/api/orders/count`) is asked for
 * apart (`countsDeferred`); a first page that holds every match is its own count. A text searched
 * several ways (words and an employer's name) is counted and paged one way at a time, each order once.
 */
let t: TestApp;
let agent: Client, dispatcher: Client;
const T0 = '2026-11-25T02:00:00Z'; // Wednesday 10:00 in Beijing
const today = 'from=2026-11-25';
type Counts = { countsByState: Record<string, number>; total: number; totalCapped: boolean };
type Page = Counts & { items: { id: string }[]; nextCursor: string | null; countsDeferred: boolean };
const made: string[] = [];

const body = (i: number, over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: `来电人${i}`, phone: `1390471${String(i).padStart(4, '0')}` }],
  narrative: '反映单位拖欠工资两个月。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp({ at: T0, config: { listCountCap: 3 } });
  [agent, dispatcher] = await Promise.all([t.login('agent'), t.login('dispatcher')]);
  // Five orders today: four wait for dispatch, one answered on the spot; two name the same employer.
  for (let i = 1; i <= 4; i++) {
    const over = i <= 2 ? { employer: { name: '呼和浩特市宏远物流有限公司' } } : {};
    made.push((await ok<{ id: string }>(agent.post('/api/orders', body(i, over)), 201)).id);
  }
  made.push((await ok<{ id: string }>(agent.post('/api/orders', body(5, { typeCode: 'consult', answeredOnSpot: { answer: '当场解答' } })), 201)).id);
});
afterAll(() => t.close());

const count = (filters: string) => ok<Counts>(dispatcher.get(`/api/orders/count?${today}${filters}`));

describe('a list total past the count cap', () => {
  it('says "more than the cap" with no counts per state, and still pages every order', async () => {
    expect(await count('')).toEqual({ total: 3, totalCapped: true, countsByState: {} });
    const list = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}`));
    expect(list.items.map((o) => o.id).sort()).toEqual([...made].sort());
    // A first page that holds every match is its own count, past the cap too: no second request needed.
    expect(list).toMatchObject({ total: 5, totalCapped: false, countsByState: { pending_dispatch: 4, closed_at_intake: 1 }, countsDeferred: false });
  });

  it('shows a page first and leaves its count to a second request when the page does not hold every match', async () => {
    const first = await ok<Page>(dispatcher.get(`/api/orders?limit=2&${today}`));
    expect(first.items).toHaveLength(2);
    // "More than the page": the count would range over the history (a period here).
    expect(first).toMatchObject({ total: 2, totalCapped: true, countsByState: {}, countsDeferred: true });
    const next = await ok<Page>(dispatcher.get(`/api/orders?limit=2&${today}&cursor=${first.nextCursor}`));
    expect(next).toMatchObject({ total: 2, totalCapped: true, countsDeferred: true });
    // The count takes the list's filters and nothing of its paging.
    await expectError(dispatcher.get(`/api/orders/count?${today}&limit=2`), 400, 'VALIDATION_FAILED');
    await expectError(dispatcher.get('/api/orders/count?from=2026-02-30'), 400, 'VALIDATION_FAILED');
  });

  it('counts the states asked for on their own when they are under the cap', async () => {
    const closed = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}&state=closed_at_intake`));
    expect(closed.items.map((o) => o.id)).toEqual([made[4]]);
    // The page holds every order of the state: its total, but not the other states' counts.
    expect(closed).toMatchObject({ total: 1, totalCapped: false, countsByState: {}, countsDeferred: true });
    expect(await count('&state=closed_at_intake')).toMatchObject({ total: 1, totalCapped: false });
  });

  it('counts exactly under the cap, every state', async () => {
    // A phone searched is counted with its page (its audit row records how many orders it found).
    const two = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}&callerPhone=13904710001`));
    expect(two).toMatchObject({ total: 1, totalCapped: false, countsByState: { pending_dispatch: 1 }, countsDeferred: false });
    expect(await count('&callerPhone=13904710001')).toEqual({ total: 1, totalCapped: false, countsByState: { pending_dispatch: 1 } });
  });

  it('counts open orders exactly past the cap: they are bounded by the open orders, not the history', async () => {
    const open = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}&state=pending_dispatch`));
    expect(open.items).toHaveLength(4);
    expect(open).toMatchObject({ total: 4, totalCapped: false });
    expect(await count('&state=pending_dispatch')).toMatchObject({ total: 4, totalCapped: false });
  });

  it('counts from the maintained counters past the cap (the saved views, the whole list)', async () => {
    const all = await ok<Page>(dispatcher.get('/api/orders?limit=1'));
    expect(all.totalCapped).toBe(false);
    expect(all.countsDeferred).toBe(false);
    expect(all.total).toBeGreaterThan(3);
    expect(Object.values(all.countsByState).reduce((a, b) => a + b, 0)).toBe(all.total);
    // A filter given empty filters nothing, and the counters still stand for the list.
    const blank = await ok<Page>(dispatcher.get('/api/orders?limit=1&subjectCode=&typeCode=&q=&employer=&riskFlag='));
    expect(blank).toMatchObject({ total: all.total, totalCapped: false, countsByState: all.countsByState });
    expect(await ok<Counts>(dispatcher.get('/api/orders/count'))).toEqual({ total: all.total, totalCapped: false, countsByState: all.countsByState });
  });

  it('finds a text by its words and by the employer named in it, each order once', async () => {
    // 宏远物流: the words of two orders, and the employer's normalised name of the same two.
    const found = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}&q=${encodeURIComponent('宏远物流')}`));
    expect(found.items.map((o) => o.id).sort()).toEqual(made.slice(0, 2).sort());
    expect(found).toMatchObject({ total: 2, totalCapped: false, countsByState: { pending_dispatch: 2 } });
    expect(await count(`&q=${encodeURIComponent('宏远物流')}`)).toEqual({ total: 2, totalCapped: false, countsByState: { pending_dispatch: 2 } });
    const many = await ok<Page>(dispatcher.get(`/api/orders?limit=20&${today}&q=${encodeURIComponent('拖欠工资')}`));
    expect(new Set(many.items.map((o) => o.id)).size).toBe(many.items.length);
    expect(many.items).toHaveLength(5);
    expect(many).toMatchObject({ total: 5, totalCapped: false });
    expect(await count(`&q=${encodeURIComponent('拖欠工资')}`)).toMatchObject({ total: 3, totalCapped: true });
  });
});
