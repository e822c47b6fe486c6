import { afterAll, beforeAll, expect, it } from 'vitest';
import { reviewItems, reviewMeetings } from '../../src/supervision/supervision.tables.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo's weekly review on the day after the review day (Thursday by default): installed on a Friday in Beijing, the
 * last meeting was held yesterday, and its item already past due may not be due before it (REVIEW_DUE_BEFORE_MEETING
 * stopped `npm start` and every browser test on Fridays, Beijing time).
 */
let t: TestApp;
beforeAll(async () => {
  // Friday 4 December 2026, 01:00 in Beijing (Thursday 17:00 UTC).
  t = await createTestApp({ at: '2026-12-03T17:00:00Z', config: { demoOrders: 300 } });
});
afterAll(() => t.close());

it('installs the demo review on a Friday: the meeting of the day before, its first item past due since then', async () => {
  const [meeting] = await t.db.select().from(reviewMeetings);
  expect(meeting?.heldOn).toBe('2026-12-03');
  const items = await t.db.select().from(reviewItems);
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(item.dueOn >= meeting!.heldOn).toBe(true);
  expect(items.some((i) => i.dueOn < '2026-12-04')).toBe(true);
});
