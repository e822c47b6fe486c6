import { describe, expect, it } from 'vitest';
import type { Reading } from '../api/intelligence.js';
import { riskEvidence } from './suggestions.js';

const reading = (over: Partial<Reading>): Reading =>
  ({
    riskFlags: [],
    urgent: false,
    dangerBasis: null,
    evidence: { type: [], subject: [], riskFlags: {}, workers: [], amountYuan: [], employer: [], place: [] },
    ...over,
  }) as Reading;

describe('riskEvidence', () => {
  it('gives the words of each flag, and a 危 from the lists as plain evidence', () => {
    const r = reading({
      riskFlags: ['danger', 'mass'],
      dangerBasis: { by: 'words', confidence: null },
      evidence: { type: [], subject: [], riskFlags: { danger: ['脚手架', '要塌'], mass: ['30人'] }, workers: [], amountYuan: [], employer: [], place: [] },
    });
    expect(riskEvidence(r)).toEqual([
      { flag: 'danger', words: ['脚手架', '要塌'], byModel: null },
      { flag: 'mass', words: ['30人'], byModel: null },
    ]);
  });

  it("marks a 危 the danger model raised alone with the model's probability, beside the words that weighed most", () => {
    const r = reading({
      riskFlags: ['danger'],
      dangerBasis: { by: 'model', confidence: 0.417 },
      evidence: { type: [], subject: [], riskFlags: { danger: ['钢丝绳', '崩了'] }, workers: [], amountYuan: [], employer: [], place: [] },
    });
    expect(riskEvidence(r)).toEqual([{ flag: 'danger', words: ['钢丝绳', '崩了'], byModel: 42 }]);
  });

  it('says nothing of the model for the other flags', () => {
    const r = reading({
      riskFlags: ['mass'],
      dangerBasis: null,
      evidence: { type: [], subject: [], riskFlags: { mass: ['聚集'] }, workers: [], amountYuan: [], employer: [], place: [] },
    });
    expect(riskEvidence(r)[0]!.byModel).toBeNull();
  });
});
