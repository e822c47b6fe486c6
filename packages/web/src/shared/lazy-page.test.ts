import { describe, expect, it, vi } from 'vitest';
import { loadWithRetry } from './lazy-page.js';

const page = { default: 'Page' };
const noWait = () => Promise.resolve();

describe('loadWithRetry', () => {
  it('answers the module when the first try works', async () => {
    const load = vi.fn().mockResolvedValue(page);
    await expect(loadWithRetry(load, { wait: noWait })).resolves.toBe(page);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after failed fetches, waiting longer each time', async () => {
    const waits: number[] = [];
    const load = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockRejectedValueOnce(new TypeError('again'))
      .mockResolvedValue(page);
    const giveUp = vi.fn();
    await expect(loadWithRetry(load, { wait: async (ms) => void waits.push(ms), giveUp })).resolves.toBe(page);
    expect(load).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([500, 1000]);
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('gives up after the last try, once, and passes the error on', async () => {
    const error = new TypeError('Failed to fetch dynamically imported module');
    const load = vi.fn().mockRejectedValue(error);
    const giveUp = vi.fn();
    await expect(loadWithRetry(load, { retries: 1, wait: noWait, giveUp })).rejects.toBe(error);
    expect(load).toHaveBeenCalledTimes(2);
    expect(giveUp).toHaveBeenCalledTimes(1);
    expect(giveUp).toHaveBeenCalledWith(error);
  });
});
