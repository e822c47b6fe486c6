/**
 * The soak's figures and verdict (bench/soak.ts), pure: samples in, numbers out, no clock and no I/O, so that what
 * decides "no growth" is tested on its own (test/bench/soak-verdict.test.ts).
 *
 * Criterion (issue 18, "no growth over a one-hour soak of mixed traffic"): after the warm-up is cut off, the
 * least-squares slope of the server's RSS over the rest of the run is below `maxSlopeMbPerHour` (default 5 MB/h),
 * the RSS at the end of the run is at most `maxEndMb` (default 250 MB, the memory target), and no request
 * was answered with a 5xx.
 */
import { linearRegression } from 'simple-statistics';

/** One sample of the server's memory: seconds since the soak began, RSS from /proc, V8's heap from the probe. */
export type MemorySample = { t: number; rssMb: number; heapUsedMb?: number; heapTotalMb?: number };

export type SoakCriteria = { warmupSeconds: number; maxSlopeMbPerHour: number; maxEndMb: number };
export const defaultCriteria: Omit<SoakCriteria, 'warmupSeconds'> = { maxSlopeMbPerHour: 5, maxEndMb: 250 };

/** The samples taken at or after the warm-up: the measured window. */
export const measuredWindow = (samples: readonly MemorySample[], warmupSeconds: number) => samples.filter((s) => s.t >= warmupSeconds);

/**
 * Least-squares slope of `value` over time, in MB per hour (samples' `t` in seconds). Fewer than two samples, or all
 * at one instant, give no slope (null): no verdict can be drawn from them.
 */
export function slopeMbPerHour(samples: readonly MemorySample[], value: (s: MemorySample) => number | undefined = (s) => s.rssMb): number | null {
  const points = samples.flatMap((s) => {
    const v = value(s);
    return v === undefined || !Number.isFinite(v) ? [] : [[s.t, v] as [number, number]];
  });
  if (points.length < 2 || points.every((p) => p[0] === points[0]![0])) return null;
  return linearRegression(points).m * 3600;
}

/** The p-th percentile (0–100) by nearest rank of unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export type SoakVerdict = {
  /** Samples in the measured window and its length in minutes. */
  samples: number;
  windowMinutes: number;
  startMb: number | null;
  peakMb: number | null;
  endMb: number | null;
  slopeMbPerHour: number | null;
  /** The same for V8's used heap, when the probe gave it (informative; the verdict is on RSS). */
  heapStartMb: number | null;
  heapEndMb: number | null;
  heapSlopeMbPerHour: number | null;
  serverErrors: number;
  pass: boolean;
  /** Why it failed, one line each (empty when it passed). */
  reasons: string[];
};

export function soakVerdict(samples: readonly MemorySample[], serverErrors: number, criteria: SoakCriteria): SoakVerdict {
  const window = [...measuredWindow(samples, criteria.warmupSeconds)].sort((a, b) => a.t - b.t);
  const first = window[0];
  const last = window.at(-1);
  const heaps = window.filter((s) => s.heapUsedMb !== undefined);
  const slope = slopeMbPerHour(window);
  const reasons: string[] = [];
  if (slope === null) reasons.push(`fewer than two memory samples after the warm-up (${window.length})`);
  else if (slope >= criteria.maxSlopeMbPerHour) reasons.push(`RSS grows ${slope.toFixed(1)} MB/h (criterion < ${criteria.maxSlopeMbPerHour})`);
  if (last && last.rssMb > criteria.maxEndMb) reasons.push(`RSS at the end ${last.rssMb.toFixed(0)} MB (criterion ≤ ${criteria.maxEndMb})`);
  if (serverErrors > 0) reasons.push(`${serverErrors} requests answered 5xx (criterion 0)`);
  return {
    samples: window.length,
    windowMinutes: first && last ? (last.t - first.t) / 60 : 0,
    startMb: first?.rssMb ?? null,
    peakMb: window.length ? Math.max(...window.map((s) => s.rssMb)) : null,
    endMb: last?.rssMb ?? null,
    slopeMbPerHour: slope,
    heapStartMb: heaps[0]?.heapUsedMb ?? null,
    heapEndMb: heaps.at(-1)?.heapUsedMb ?? null,
    heapSlopeMbPerHour: slopeMbPerHour(heaps, (s) => s.heapUsedMb),
    serverErrors,
    pass: reasons.length === 0,
    reasons,
  };
}

/**
 * The next kind of request for an open-loop mix: `pick` is a number in [0, 1) (from the caller's seeded random),
 * `weights` the share of each kind, `available` which kinds can be sent now (a transition needs an order at its step).
 * A kind that cannot be sent gives its share to the fallback, so the total rate stays what was asked.
 */
export function pickKind<K extends string>(weights: Readonly<Record<K, number>>, pick: number, available: (k: K) => boolean, fallback: K): K {
  const kinds = Object.keys(weights) as K[];
  const total = kinds.reduce((a, k) => a + weights[k], 0);
  let x = pick * total;
  for (const k of kinds) {
    x -= weights[k];
    if (x < 0) return available(k) ? k : fallback;
  }
  return fallback;
}
