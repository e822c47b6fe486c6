import { describe, expect, it } from 'vitest';
import { measuredWindow, percentile, pickKind, slopeMbPerHour, soakVerdict } from '../../../../bench/soak-verdict.js';

/** Samples every 10 s for `minutes`, RSS given by `rss(t)` (t in seconds). */
const series = (minutes: number, rss: (t: number) => number, heap?: (t: number) => number) =>
  Array.from({ length: minutes * 6 + 1 }, (_, i) => {
    const t = i * 10;
    return { t, rssMb: rss(t), ...(heap ? { heapUsedMb: heap(t) } : {}) };
  });
const criteria = { warmupSeconds: 600, maxSlopeMbPerHour: 5, maxEndMb: 250 };

describe('the soak verdict (bench/soak-verdict.ts)', () => {
  it('measures the slope of a straight line in MB per hour', () => {
    expect(slopeMbPerHour(series(60, (t) => 200 + (t / 3600) * 12))).toBeCloseTo(12, 9);
    expect(slopeMbPerHour(series(60, () => 210))).toBeCloseTo(0, 9);
    expect(slopeMbPerHour([{ t: 0, rssMb: 200 }])).toBeNull();
    expect(
      slopeMbPerHour([
        { t: 5, rssMb: 200 },
        { t: 5, rssMb: 210 },
      ]),
    ).toBeNull();
  });

  it('cuts the warm-up off: a climb while the server warms up is not growth', () => {
    // 150 → 230 MB over the first 10 minutes (caches, JIT, the heap finding its size), then flat with a GC sawtooth.
    const s = series(60, (t) => (t < 600 ? 150 + (80 * t) / 600 : 230 + ((t / 10) % 6) * 2));
    expect(measuredWindow(s, 600)[0]!.t).toBe(600);
    const v = soakVerdict(s, 0, criteria);
    expect(v.pass).toBe(true);
    expect(v.samples).toBe(301);
    expect(v.windowMinutes).toBe(50);
    expect(Math.abs(v.slopeMbPerHour!)).toBeLessThan(1);
    expect(v.startMb).toBe(230);
    expect(v.peakMb).toBe(240);
    // Without the cut the same run would read as growth.
    expect(soakVerdict(s, 0, { ...criteria, warmupSeconds: 0 }).pass).toBe(false);
  });

  it('fails a slow leak, an end above the target and any 5xx, saying why', () => {
    const leak = soakVerdict(
      series(60, (t) => 200 + (t / 3600) * 6),
      0,
      criteria,
    );
    expect(leak.pass).toBe(false);
    expect(leak.reasons).toEqual([expect.stringContaining('RSS grows 6.0 MB/h')]);
    const high = soakVerdict(
      series(60, () => 260),
      0,
      criteria,
    );
    expect(high.reasons).toEqual([expect.stringContaining('RSS at the end 260 MB')]);
    const errors = soakVerdict(
      series(60, () => 200),
      3,
      criteria,
    );
    expect(errors.reasons).toEqual(['3 requests answered 5xx (criterion 0)']);
    const short = soakVerdict(
      series(5, () => 200),
      0,
      criteria,
    );
    expect(short.pass).toBe(false);
    expect(short.reasons[0]).toContain('fewer than two memory samples');
  });

  it('reports the heap beside the RSS, from the samples that have it', () => {
    const v = soakVerdict(
      series(
        60,
        () => 220,
        (t) => 70 + (t / 3600) * 3,
      ),
      0,
      criteria,
    );
    expect(v.heapStartMb).toBeCloseTo(70 + 600 / 1200, 9);
    expect(v.heapSlopeMbPerHour).toBeCloseTo(3, 9);
    expect(
      soakVerdict(
        series(60, () => 220),
        0,
        criteria,
      ).heapSlopeMbPerHour,
    ).toBeNull();
  });

  it('takes percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('picks kinds by weight and gives an unavailable kind’s turn to the fallback', () => {
    const w = { a: 1, b: 3, c: 0 };
    expect(pickKind(w, 0, () => true, 'a')).toBe('a');
    expect(pickKind(w, 0.24, () => true, 'a')).toBe('a');
    expect(pickKind(w, 0.25, () => true, 'a')).toBe('b');
    expect(pickKind(w, 0.99, () => true, 'a')).toBe('b');
    expect(pickKind<keyof typeof w>(w, 0.5, (k) => k !== 'b', 'a')).toBe('a');
  });
});
