import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * Bounds V8's young generation (the new space, where every request's short-lived objects are born). Node 20 lets it
 * grow to two semi-spaces of 16 MB; under intake it does, and those 32 MB stay resident: an eighth of the 250 MB the
 * server may use (issue 18; docs/decisions/0012, "Memory, 2 December 2026"). `--max-semi-space-size` would cap it,
 * but V8 reads it only when the process starts (a command-line flag the operator may not give), whereas the growth
 * factor is read each time a scavenge decides to grow the space. So growth is held (factor 1) from the start
 * (main.ts, before the server's modules are loaded: loading and compiling them alone took it from 2 × 1 to 2 × 16 MB
 * before any of their code ran) and, once the server listens, after each collection (a `gc` performance entry,
 * delivered between callbacks) allowed again (V8's doubling) only while the space is below the cap. The space
 * doubles from 1 MB semi-spaces: it stops at the first power of two at or above the cap; if V8 shrinks it when the
 * load goes, it may grow back.
 *
 * An operator's own `--max-semi-space-size` or `--semi-space-growth-factor` (node flag or NODE_OPTIONS) wins; 0
 * leaves V8's default.
 */
const v8GrowthFactor = 2;

/** The growth factor the next scavenges should use: V8's doubling below the cap (both semi-spaces), none at it. */
export const growthFactorFor = (newSpaceBytes: number, semiSpaceMb: number) => (newSpaceBytes >= 2 * semiSpaceMb * 1024 * 1024 ? 1 : v8GrowthFactor);

const operatorFlag = (given: readonly string[]) => given.some((a) => a.includes('semi-space'));
const defaultGiven = () => [...process.execArgv, process.env.NODE_OPTIONS ?? ''];

/**
 * The node flags that cap the young generation from a process's start, for the processes the server starts itself
 * (a cluster's workers): exact, where the run-time bound below only resets the growth factor after a `gc` entry is
 * delivered, and a burst of scavenges in between (a supervision scan's wave of 180,000 signals at a million orders)
 * had grown it to 24 MB past its 16. `npm run start:prod` gives the same flag to the first process (package.json).
 */
export function youngGenerationStartFlags(semiSpaceMb: number, given: readonly string[] = defaultGiven()): string[] {
  return semiSpaceMb > 0 && !operatorFlag(given) ? [`--max-semi-space-size=${semiSpaceMb}`] : [];
}

/** Holds growth (main.ts, before the modules are evaluated) unless the operator set the young generation himself. */
export function holdYoungGeneration(given: readonly string[] = defaultGiven()): void {
  if (!operatorFlag(given)) v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Returns what lets the young generation grow to the cap, to be called once the server listens: start-up
 * (installing, building the routes and their schemas) runs long synchronous stretches in which several scavenges
 * could each double the space before a `gc` entry is delivered. 0 gives V8 its own growth back.
 */
export function boundYoungGeneration(semiSpaceMb: number, given: readonly string[] = defaultGiven()): { bounded: boolean; allowGrowth: () => void } {
  if (operatorFlag(given)) return { bounded: false, allowGrowth: () => {} };
  if (semiSpaceMb <= 0) {
    v8.setFlagsFromString(`--semi-space-growth-factor=${v8GrowthFactor}`);
    return { bounded: false, allowGrowth: () => {} };
  }
  let factor = 1;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  const check = () => {
    const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    const next = growthFactorFor(newSpace?.space_size ?? 0, semiSpaceMb);
    if (next === factor) return;
    factor = next;
    v8.setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  let observer: PerformanceObserver | undefined;
  const allowGrowth = () => {
    if (observer) return;
    observer = new PerformanceObserver(check);
    observer.observe({ entryTypes: ['gc'] });
    check();
  };
  return { bounded: true, allowGrowth };
}
