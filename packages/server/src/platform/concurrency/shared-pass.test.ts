import { describe, expect, it } from 'vitest';
import { sharedPass } from './shared-pass.js';

/** A run whose passes the test ends one by one. */
function controlledRun() {
  const passes: { end: (v: number) => void; fail: (e: Error) => void }[] = [];
  const run = () =>
    new Promise<number>((resolve, reject) => {
      passes.push({ end: resolve, fail: reject });
    });
  return { passes, run };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('sharedPass', () => {
  it('runs at once when idle, and again for a caller who comes after', async () => {
    const { passes, run } = controlledRun();
    const pass = sharedPass(run);
    const a = pass();
    expect(passes).toHaveLength(1);
    passes[0]!.end(1);
    await expect(a).resolves.toBe(1);
    const b = pass();
    expect(passes).toHaveLength(2);
    passes[1]!.end(2);
    await expect(b).resolves.toBe(2);
  });

  it('gives the callers who arrive during a pass one following pass between them, not one each', async () => {
    const { passes, run } = controlledRun();
    const pass = sharedPass(run);
    const first = pass();
    const waiting = [pass(), pass(), pass(), pass(), pass()];
    await tick();
    expect(passes).toHaveLength(1);
    passes[0]!.end(1);
    await expect(first).resolves.toBe(1);
    await tick();
    // The following pass has started (after the first ended), and only one.
    expect(passes).toHaveLength(2);
    const late = pass(); // arrives during the second pass: it needs a third
    passes[1]!.end(2);
    expect(await Promise.all(waiting)).toEqual([2, 2, 2, 2, 2]);
    await tick();
    expect(passes).toHaveLength(3);
    passes[2]!.end(3);
    await expect(late).resolves.toBe(3);
    expect(passes).toHaveLength(3);
  });

  it('a failed pass fails its own callers only; the waiting ones still get their pass', async () => {
    const { passes, run } = controlledRun();
    const pass = sharedPass(run);
    const first = pass();
    const waiting = pass();
    passes[0]!.fail(new Error('lost connection'));
    await expect(first).rejects.toThrow('lost connection');
    await tick();
    expect(passes).toHaveLength(2);
    passes[1]!.end(7);
    await expect(waiting).resolves.toBe(7);
  });
});
