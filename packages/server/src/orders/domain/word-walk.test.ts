import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordWalkLength, wordWalkSizes } from './word-walk.js';

describe('wordWalkSizes', () => {
  it('samples half the cap and walks at most ten caps', () => {
    expect(wordWalkSizes(1000)).toEqual({ sample: 501, longest: 10_010 });
    expect(wordWalkSizes(3)).toEqual({ sample: 2, longest: 40 });
  });
});

describe('wordWalkLength', () => {
  it('walks twice the expected length for a common word (拖欠工资 in a county: 1 in 3)', () => {
    // 167 of the newest 501: 1,001 expected after 3,003 orders.
    expect(wordWalkLength({ sampled: 501, hits: 167, cap: 1000 })).toBe(6006);
  });

  it('walks at most the longest walk', () => {
    // 60 of 501: 8,359 expected, 16,718 doubled: cut to 10,010.
    expect(wordWalkLength({ sampled: 501, hits: 60, cap: 1000 })).toBe(10_010);
  });

  it('leaves a rare word, or one absent from the sample, to the GIN', () => {
    expect(wordWalkLength({ sampled: 501, hits: 50, cap: 1000 })).toBeNull(); // 10,030 expected
    expect(wordWalkLength({ sampled: 501, hits: 1, cap: 1000 })).toBeNull();
    expect(wordWalkLength({ sampled: 501, hits: 0, cap: 1000 })).toBeNull();
    expect(wordWalkLength({ sampled: 0, hits: 0, cap: 1000 })).toBeNull();
  });

  it('a walk is never shorter than the cap plus one, nor longer than the longest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (cap, sampled, h) => {
        const hits = Math.min(h, sampled);
        const walk = wordWalkLength({ sampled, hits, cap });
        if (walk === null) return;
        expect(walk).toBeGreaterThanOrEqual(cap + 1);
        expect(walk).toBeLessThanOrEqual(wordWalkSizes(cap).longest);
      }),
    );
  });

  it('more matches in the sample never make the walk longer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (cap, sampled, h) => {
        const hits = Math.min(h, sampled);
        const fewer = wordWalkLength({ sampled, hits, cap });
        const more = wordWalkLength({ sampled, hits: Math.min(sampled, hits + 1), cap });
        if (fewer !== null) expect(more).not.toBeNull();
        if (fewer !== null && more !== null) expect(more).toBeLessThanOrEqual(fewer);
      }),
    );
  });
});
