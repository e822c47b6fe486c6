import { describe, expect, it } from 'vitest';
import { intakeRiskFlags, suggestRiskFlags, type ClearedRiskFlag, type RiskSuggestion, type RiskThresholds } from './risk-flags.js';

// The catalog's defaults (catalog.thresholds): 10 workers, 500,000 yuan, the 3rd request in 30 days.
const defaults: RiskThresholds = { massWorkers: 10, largeAmount: 500_000, repeatCount: 3, repeatWindowDays: 30 };
const flags = (input: Parameters<typeof suggestRiskFlags>[0], t = defaults) => suggestRiskFlags(input, t).map((s) => s.flag);

describe('suggestRiskFlags', () => {
  it.each([
    ['nothing said', {}, []],
    ['9 workers', { workersInvolved: 9 }, []],
    ['10 workers', { workersInvolved: 10 }, ['mass']],
    ['11 workers', { workersInvolved: 11 }, ['mass']],
    ['499,999.99 yuan', { amountInvolved: 499_999.99 }, []],
    ['500,000 yuan', { amountInvolved: 500_000 }, ['large']],
    ['500,000.01 yuan', { amountInvolved: 500_000.01 }, ['large']],
    ['the 2nd request about the employer', { earlier: 1 }, []],
    ['the 3rd request about the employer', { earlier: 2 }, ['repeat']],
    ['the 4th request about the employer', { earlier: 3 }, ['repeat']],
    ['workers and amount unknown', { workersInvolved: null, amountInvolved: null }, []],
    ['all three at once', { workersInvolved: 40, amountInvolved: 2_300_000, earlier: 5 }, ['mass', 'large', 'repeat']],
  ] as const)('%s', (_what, input, want) => {
    const { earlier, ...rest } = input as { earlier?: number; workersInvolved?: number | null; amountInvolved?: number | null };
    expect(flags({ ...rest, earlierRequestsAboutEmployer: earlier ?? 0 })).toEqual(want);
  });

  it.each([
    ['a lower mass threshold', { ...defaults, massWorkers: 5 }, { workersInvolved: 5, earlierRequestsAboutEmployer: 0 }, ['mass']],
    ['a higher mass threshold', { ...defaults, massWorkers: 30 }, { workersInvolved: 29, earlierRequestsAboutEmployer: 0 }, []],
    ['a lower amount threshold', { ...defaults, largeAmount: 100_000 }, { amountInvolved: 230_000, earlierRequestsAboutEmployer: 0 }, ['large']],
    ['a higher amount threshold', { ...defaults, largeAmount: 1_000_000 }, { amountInvolved: 999_999, earlierRequestsAboutEmployer: 0 }, []],
    ['repeat from the 2nd request', { ...defaults, repeatCount: 2 }, { earlierRequestsAboutEmployer: 1 }, ['repeat']],
    ['repeat from the 5th request', { ...defaults, repeatCount: 5 }, { earlierRequestsAboutEmployer: 3 }, []],
  ] as const)('custom thresholds: %s', (_what, t, input, want) => {
    expect(flags(input, t)).toEqual(want);
  });

  it('gives the reason in Chinese with the figures and the threshold', () => {
    expect(suggestRiskFlags({ workersInvolved: 12, amountInvolved: 600_000, earlierRequestsAboutEmployer: 2 }, defaults)).toEqual([
      { flag: 'mass', reason: '涉及 12 人，达到群体（众）标准 10 人' },
      { flag: 'large', reason: '涉及金额 600000 元，达到大额（大）标准 500000 元' },
      { flag: 'repeat', reason: '30 天内同一用人单位第 3 次诉求，达到重复（多）标准 3 次' },
    ]);
  });
});

describe('intakeRiskFlags', () => {
  const mass = { flag: 'mass' as const, reason: '涉及 13 人' };
  const large = { flag: 'large' as const, reason: '涉及金额 600000 元' };
  it.each<[string, string[], RiskSuggestion[], ClearedRiskFlag[], unknown]>([
    ['sets every reached threshold with the agent’s own choice', ['danger'], [mass, large], [], { flags: ['danger', 'mass', 'large'], cleared: [] }],
    ['keeps a flag chosen and also reached once', ['mass'], [mass], [], { flags: ['mass'], cleared: [] }],
    [
      'leaves out a flag the agent cleared, keeping the reason',
      [],
      [mass, large],
      [{ flag: 'large', reason: '金额为全厂，非来电人' }],
      { flags: ['mass'], cleared: [{ flag: 'large', reason: '金额为全厂，非来电人' }] },
    ],
    ['drops a clearing of a flag no threshold set', [], [mass], [{ flag: 'repeat', reason: '首次来电' }], { flags: ['mass'], cleared: [] }],
    ['refuses a flag both chosen and cleared', ['mass'], [mass], [{ flag: 'mass', reason: '人数有误' }], { contradiction: 'mass' }],
    ['no thresholds, no choice: no flags', [], [], [], { flags: [], cleared: [] }],
  ])('%s', (_name, chosen, suggested, clearing, expected) => {
    expect(intakeRiskFlags(chosen, suggested, clearing)).toEqual(expected);
  });
});
