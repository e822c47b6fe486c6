import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce.js';

/** A run per batch, each ended by the test: which batches ran, in what order, how many at once. */
function controlledRuns(answer: (item: string) => string = (s) => s.toUpperCase()) {
  const batches: string[][] = [];
  const open: { items: string[]; end: () => void; fail: (e: Error) => void; short: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const run = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const settle = () => {
        inFlight--;
        open.splice(open.indexOf(entry), 1);
      };
      const entry = {
        items,
        end: () => {
          settle();
          resolve(items.map(answer));
        },
        fail: (e: Error) => {
          settle();
          reject(e);
        },
        short: () => {
          settle();
          resolve(items.slice(1).map(answer));
        },
      };
      open.push(entry);
    });
  return { run, batches, open, maxInFlight: () => maxInFlight };
}

/** Lets every settled promise's reactions run (the coalescer starts the next batch in a `finally`). */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** Runs 'a' alone in the one slot, queues `items` meanwhile, then lets 'a' end: `items` are now one run, still open. */
async function firstThenBatch(c: ReturnType<typeof controlledRuns>, co: { submit(s: string): Promise<string> }, items: string[]) {
  const first = co.submit('a');
  const batch = items.map((s) => co.submit(s));
  c.open[0]!.end();
  await settle();
  return { first, batch };
}

describe('createCoalescer', () => {
  it('runs an item at once and alone while a slot is free', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 2, maxBatch: 10, run: c.run });
    const a = co.submit('a');
    const b = co.submit('b');
    expect(c.batches).toEqual([['a'], ['b']]);
    c.open[0]!.end();
    c.open[0]!.end();
    expect(await Promise.all([a, b])).toEqual(['A', 'B']);
    expect(co.stats()).toEqual({ runs: 2, items: 2, largest: 1 });
  });

  it('gathers the items that arrive while every slot is busy into the next run, each answered with its own result', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run });
    const first = co.submit('a');
    const rest = ['b', 'c', 'd'].map((s) => co.submit(s));
    expect(c.batches).toEqual([['a']]);
    c.open[0]!.end();
    await settle();
    expect(c.batches).toEqual([['a'], ['b', 'c', 'd']]);
    c.open[0]!.end();
    expect(await Promise.all([first, ...rest])).toEqual(['A', 'B', 'C', 'D']);
    expect(c.maxInFlight()).toBe(1);
    expect(co.stats()).toEqual({ runs: 2, items: 4, largest: 3 });
  });

  it('with `gather`, waits one turn of the event loop before a run, with a slot free: what arrived meanwhile is one run', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run, gather: true });
    const first = ['a', 'b'].map((s) => co.submit(s));
    // Submitted in a later microtask of the same turn (a request that got as far meanwhile).
    const late = Promise.resolve().then(() => co.submit('c'));
    expect(c.batches).toEqual([]);
    await settle();
    expect(c.batches).toEqual([['a', 'b', 'c']]);
    // While the run is open, more items wait for it, then go in one run after one more turn.
    const next = ['d', 'e'].map((s) => co.submit(s));
    c.open[0]!.end();
    await settle();
    await settle();
    expect(c.batches).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    c.open[0]!.end();
    expect(await Promise.all([...first, await late, ...next])).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(co.stats()).toEqual({ runs: 2, items: 5, largest: 3 });
  });

  it('takes at most maxBatch items a run, the rest in order in the next', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 2, run: c.run });
    const all = ['a', 'b', 'c', 'd', 'e'].map((s) => co.submit(s));
    for (let i = 0; i < 3; i++) {
      c.open[0]!.end();
      await settle();
    }
    expect(c.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await Promise.all(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('puts only items of one group in a run, the first waiting item deciding it', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run, groupOf: (s: string) => s[0]! });
    const all = ['x0', 'y1', 'x2', 'y3', 'x4'].map((s) => co.submit(s));
    c.open[0]!.end();
    await settle();
    c.open[0]!.end();
    await settle();
    expect(c.batches).toEqual([['x0'], ['y1', 'y3'], ['x2', 'x4']]);
    c.open[0]!.end();
    expect(await Promise.all(all)).toEqual(['X0', 'Y1', 'X2', 'Y3', 'X4']);
  });

  it('without `alone`, a failed run fails each of its items with its error, and the next run goes on', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run });
    const { first, batch } = await firstThenBatch(c, co, ['b', 'c']);
    const later = co.submit('d');
    c.open[0]!.fail(new Error('lost'));
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).toEqual(['lost', 'lost']);
    await settle();
    c.open[0]!.end();
    expect([await first, await later]).toEqual(['A', 'D']);
    expect(c.batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('with `alone`, runs each item of a failed batch again by itself: only the faulty one fails', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run, alone: true });
    const { first, batch } = await firstThenBatch(c, co, ['b', 'bad', 'c']);
    c.open[0]!.fail(new Error('one bad row'));
    await settle();
    expect(c.batches.slice(2)).toEqual([['b'], ['bad'], ['c']]);
    for (const entry of [...c.open]) entry.items[0] === 'bad' ? entry.fail(new Error('bad row')) : entry.end();
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).toEqual(['B', 'bad row', 'C']);
    expect(await first).toBe('A');
  });

  it('rejects a run answering fewer results than items rather than answer an item with another item’s result', async () => {
    const c = controlledRuns();
    const co = createCoalescer({ inFlight: 1, maxBatch: 10, run: c.run });
    const { first, batch } = await firstThenBatch(c, co, ['b', 'c']);
    c.open[0]!.short();
    const settled = await Promise.allSettled(batch);
    expect(settled.every((s) => s.status === 'rejected' && /2 items answered by 1/.test((s.reason as Error).message))).toBe(true);
    expect(await first).toBe('A');
  });
});
