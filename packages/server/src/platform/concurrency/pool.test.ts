import { describe, expect, it } from 'vitest';
import { forEachAtMost } from './pool.js';

/** A piece of work per item, each ended by the test: which have started, in what order, how many at once. */
function controlledWork() {
  const started: number[] = [];
  const finished: number[] = [];
  const pending = new Map<number, { end: () => void; fail: (e: Error) => void }>();
  let inFlight = 0;
  let maxInFlight = 0;
  const work = (item: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const settle = () => {
        inFlight--;
        finished.push(item);
        pending.delete(item);
      };
      pending.set(item, {
        end: () => {
          settle();
          resolve();
        },
        fail: (e) => {
          settle();
          reject(e);
        },
      });
    });
  const item = (i: number) => {
    const p = pending.get(i);
    if (!p) throw new Error(`item ${i} is not in flight (started: ${started.join(', ')})`);
    return p;
  };
  return { started, finished, work, item, inFlight: () => inFlight, maxInFlight: () => maxInFlight };
}
const tick = () => new Promise((r) => setImmediate(r));
/** Whether `p` has settled by now (after a turn of the event loop). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await tick();
  return done;
}

describe('forEachAtMost', () => {
  it('keeps at most `workers` items in flight, starting them in order as workers free up', async () => {
    const w = controlledWork();
    const all = forEachAtMost([0, 1, 2, 3, 4, 5, 6], 3, w.work);
    await tick();
    expect(w.started).toEqual([0, 1, 2]);
    w.item(1).end();
    await tick();
    expect(w.started).toEqual([0, 1, 2, 3]);
    w.item(0).end();
    w.item(3).end();
    await tick();
    expect(w.started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(w.inFlight()).toBe(3);
    for (const i of [2, 4, 5]) w.item(i).end();
    await tick();
    expect(w.started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await settled(all)).toBe(false);
    w.item(6).end();
    await expect(all).resolves.toBeUndefined();
    expect(w.maxInFlight()).toBe(3);
  });

  it('passes each item with its index', async () => {
    const seen: [string, number][] = [];
    await forEachAtMost(['a', 'b', 'c'], 2, async (item, index) => {
      seen.push([item, index]);
    });
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('treats fewer than one worker as one', async () => {
    for (const workers of [0, -2, Number.NaN]) {
      const w = controlledWork();
      const all = forEachAtMost([0, 1], workers, w.work);
      await tick();
      expect(w.started).toEqual([0]);
      w.item(0).end();
      await tick();
      w.item(1).end();
      await expect(all).resolves.toBeUndefined();
      expect(w.maxInFlight()).toBe(1);
    }
  });

  it('after a failure starts nothing more, and rejects only once the items in flight have finished', async () => {
    const w = controlledWork();
    const all = forEachAtMost([0, 1, 2, 3, 4], 2, w.work);
    await tick();
    w.item(0).fail(new Error('lost connection'));
    await tick();
    // Item 1 still holds its connection: the caller must not go on yet.
    expect(await settled(all)).toBe(false);
    w.item(1).end();
    await expect(all).rejects.toThrow('lost connection');
    expect(w.started).toEqual([0, 1]);
    expect(w.finished).toEqual([0, 1]);
    expect(w.inFlight()).toBe(0);
  });

  it('rejects with the first error when two fail, leaving none unhandled', async () => {
    const w = controlledWork();
    const all = forEachAtMost([0, 1, 2, 3], 2, w.work);
    await tick();
    w.item(1).fail(new Error('first'));
    await tick();
    expect(await settled(all)).toBe(false);
    w.item(0).fail(new Error('second'));
    await expect(all).rejects.toThrow('first');
    expect(w.started).toEqual([0, 1]);
    // An unhandled rejection would surface here, after a turn (vitest fails the run on one).
    await tick();
  });

  it('counts an item that throws before returning its promise as a failure', async () => {
    const started: number[] = [];
    const all = forEachAtMost([0, 1, 2], 1, (i) => {
      started.push(i);
      if (i === 1) throw new Error('at once');
      return Promise.resolve();
    });
    await expect(all).rejects.toThrow('at once');
    expect(started).toEqual([0, 1]);
  });

  it('resolves at once for no items', async () => {
    let calls = 0;
    const all = forEachAtMost([], 4, async () => {
      calls++;
    });
    expect(await settled(all)).toBe(true);
    await expect(all).resolves.toBeUndefined();
    expect(calls).toBe(0);
  });
});
