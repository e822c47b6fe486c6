/**
 * Where the seeder's time goes (issue 18: a million orders in five minutes): each step of the multiplication timed and
 * its rows counted, summed over the ranges and connections that run it, so a run prints its own profile instead of
 * one total. The copy's steps run on two connections at once: their seconds add up to more than the wall time.
 */
export type StepTime = { step: string; seconds: number; rows: number; runs: number };

export type Steps = {
  /** Runs `fn`, adding its time (and the rows it returns, if a number) to `step`. */
  time<T>(step: string, fn: () => Promise<T>): Promise<T>;
  /** Adds a step timed elsewhere. */
  add(step: string, seconds: number, rows?: number): void;
  list(): StepTime[];
};

export { rowCountOf } from '../platform/db/client.js';

export function steps(): Steps {
  const all = new Map<string, StepTime>();
  const add = (step: string, seconds: number, rows = 0) => {
    const s = all.get(step) ?? { step, seconds: 0, rows: 0, runs: 0 };
    s.seconds += seconds;
    s.rows += rows;
    s.runs++;
    all.set(step, s);
  };
  return {
    async time(step, fn) {
      const t0 = performance.now();
      const out = await fn();
      add(step, (performance.now() - t0) / 1000, typeof out === 'number' ? out : 0);
      return out;
    },
    add,
    list: () => [...all.values()],
  };
}

/** A step that is not timed (tests, callers that do not ask). */
export const untimed: Steps = { time: (_step, fn) => fn(), add: () => undefined, list: () => [] };
