import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounced, liveRefreshPlan, notificationArrived } from './live-refresh.js';

describe('a notification arriving on the live stream', () => {
  it.each([
    [null, 4, false], // the count on connect: where things stand
    [4, 5, true], // the bell went 4 → 5: something happened to an order
    [5, 4, false], // a read mark
    [5, 5, false],
    [0, 2, true], // reconnected after two arrived
  ] as const)('%s → %s: %s', (before, now, arrived) => expect(notificationArrived(before, now)).toBe(arrived));
});

describe('what it refreshes', () => {
  it('the counts and the first page while only the first page is shown', () => expect(liveRefreshPlan(30, 30)).toEqual({ counts: true, firstPage: true }));
  it('only the counts once more pages are loaded (paging and scroll kept)', () => expect(liveRefreshPlan(60, 30)).toEqual({ counts: true, firstPage: false }));
});

describe('debounced', () => {
  afterEach(() => vi.useRealTimers());
  it('runs once after a burst, and not after cancel', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounced(fn, 800);
    d.call();
    d.call();
    d.call();
    vi.advanceTimersByTime(799);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d.call();
    d.cancel();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
