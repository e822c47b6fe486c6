import { describe, expect, it } from 'vitest';
import { boundYoungGeneration, growthFactorFor, youngGenerationStartFlags } from './young-generation.js';

const mb = 1024 * 1024;

describe('young generation bound', () => {
  it('lets the new space double below the cap (both semi-spaces) and holds it at the cap', () => {
    expect(growthFactorFor(2 * mb, 8)).toBe(2);
    expect(growthFactorFor(8 * mb, 8)).toBe(2);
    expect(growthFactorFor(16 * mb - 1, 8)).toBe(2);
    expect(growthFactorFor(16 * mb, 8)).toBe(1);
    expect(growthFactorFor(32 * mb, 8)).toBe(1);
  });

  it('is not set when 0 or when the operator gave a semi-space flag', () => {
    expect(boundYoungGeneration(0, []).bounded).toBe(false);
    expect(boundYoungGeneration(8, ['--max-semi-space-size=16']).bounded).toBe(false);
    expect(boundYoungGeneration(8, ['--max-old-space-size=512 --semi-space-growth-factor=4']).bounded).toBe(false);
  });

  it("gives the processes it starts the start flag, unless 0 or the operator's own flag", () => {
    expect(youngGenerationStartFlags(8, [])).toEqual(['--max-semi-space-size=8']);
    expect(youngGenerationStartFlags(4, ['--enable-source-maps'])).toEqual(['--max-semi-space-size=4']);
    expect(youngGenerationStartFlags(0, [])).toEqual([]);
    expect(youngGenerationStartFlags(8, ['--max-semi-space-size=16'])).toEqual([]);
  });
});
