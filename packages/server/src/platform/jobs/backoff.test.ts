import { describe, expect, it } from 'vitest';
import { retryDelayMs, slotStart } from './backoff.js';

describe('retry back-off', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [20, 3_600_000],
  ])('attempt %i waits about %i ms (at most 10 %% more)', (attempt, base) => {
    for (const id of [1, 2, 77, 123456]) {
      const d = retryDelayMs(attempt, id);
      expect(d).toBeGreaterThanOrEqual(base);
      expect(d).toBeLessThanOrEqual(base * 1.1);
    }
  });

  it('is the same for the same job and attempt, and spreads different jobs', () => {
    expect(retryDelayMs(3, 42)).toBe(retryDelayMs(3, 42));
    expect(new Set([1, 2, 3, 4, 5].map((id) => retryDelayMs(3, id))).size).toBeGreaterThan(1);
  });
});

describe('schedule slots', () => {
  it('gives the same slot within it and the next one after', () => {
    const five = 5 * 60_000;
    expect(slotStart(new Date('2026-11-25T02:03:59Z'), five).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(slotStart(new Date('2026-11-25T02:05:00Z'), five).toISOString()).toBe('2026-11-25T02:05:00.000Z');
  });
});
