import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './heap.js';

describe('boundHeapGrowth', () => {
  it('sets the growth unless it is 0 or the operator gave the flag', () => {
    expect(boundHeapGrowth(0, [])).toBe(false);
    expect(boundHeapGrowth(20, ['--heap-growing-percent=50'])).toBe(false);
    expect(boundHeapGrowth(20, ['--max-old-space-size=512 --heap-growing-percent=30'])).toBe(false);
    expect(boundHeapGrowth(20, ['--max-old-space-size=512'])).toBe(true);
  });
});
