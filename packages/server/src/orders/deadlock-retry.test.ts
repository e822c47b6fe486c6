import { describe, expect, it } from 'vitest';
import { retryDeadlockVictim } from './deadlock-retry.js';

/** drizzle wraps the driver's error; PostgreSQL's code is on the cause. */
const pgError = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error(code), { code }) });

describe('a transaction PostgreSQL chose as a deadlock victim', () => {
  it('runs again, and its result is the attempt that went through', async () => {
    let runs = 0;
    const result = await retryDeadlockVictim(async () => {
      runs++;
      if (runs === 1) throw pgError('40P01');
      return 'committed';
    });
    expect([result, runs]).toEqual(['committed', 2]);
  });

  it('also after a serialization failure', async () => {
    let runs = 0;
    await retryDeadlockVictim(async () => {
      if (++runs === 1) throw pgError('40001');
    });
    expect(runs).toBe(2);
  });

  it('gives up after four attempts with the last error, pausing longer before each new one', async () => {
    let runs = 0;
    const pauses: number[] = [];
    await expect(
      retryDeadlockVictim(
        async () => {
          runs++;
          throw pgError('40P01');
        },
        async (attempt) => {
          pauses.push(attempt);
        },
      ),
    ).rejects.toThrow('Failed query');
    expect([runs, pauses]).toEqual([4, [1, 2, 3]]);
  });

  it('never runs again after any other error (a unique violation, a 409, a refusal)', async () => {
    for (const err of [pgError('23505'), new Error('VERSION_CONFLICT')]) {
      let runs = 0;
      await expect(
        retryDeadlockVictim(async () => {
          runs++;
          throw err;
        }),
      ).rejects.toBe(err);
      expect(runs).toBe(1);
    }
  });
});
