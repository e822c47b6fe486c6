/**
 * mulberry32 over a 32-bit seed: small, fast and reproducible, for whatever must draw the same numbers again from the
 * same seed (quality sampling, the demo's calls, the call simulator). Not for secrets: those use node:crypto.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponentially distributed draw with this mean (the gaps between calls, the length of a call). */
export const exponential = (rand: () => number, mean: number): number => -Math.log(1 - rand()) * mean;
