/** Thresholds are catalog data (settings 'catalog.thresholds'); the rule that applies them lives here. */
export type RiskThresholds = { massWorkers: number; largeAmount: number; repeatCount: number; repeatWindowDays: number };

export type RiskSuggestion = { flag: 'mass' | 'large' | 'repeat'; reason: string };

/**
 * Suggested flags for an intake: mass when the workers involved reach the threshold, large when the amount does,
 * repeat when this request would be the Nth about the same employer within the window. The agent confirms.
 */
export function suggestRiskFlags(
  /** `countedUpTo`: the earlier requests were counted only up to this many (intake stops counting at the threshold). */
  input: { workersInvolved?: number | null; amountInvolved?: number | null; earlierRequestsAboutEmployer: number; countedUpTo?: number },
  t: RiskThresholds,
): RiskSuggestion[] {
  const out: RiskSuggestion[] = [];
  if ((input.workersInvolved ?? 0) >= t.massWorkers)
    out.push({ flag: 'mass', reason: `涉及 ${input.workersInvolved} 人，达到群体（众）标准 ${t.massWorkers} 人` });
  if ((input.amountInvolved ?? 0) >= t.largeAmount) {
    out.push({ flag: 'large', reason: `涉及金额 ${input.amountInvolved} 元，达到大额（大）标准 ${t.largeAmount} 元` });
  }
  if (input.earlierRequestsAboutEmployer + 1 >= t.repeatCount) {
    const nth = input.earlierRequestsAboutEmployer + 1;
    const atLeast = input.countedUpTo !== undefined && input.earlierRequestsAboutEmployer >= input.countedUpTo ? '至少' : '';
    out.push({ flag: 'repeat', reason: `${t.repeatWindowDays} 天内同一用人单位${atLeast}第 ${nth} 次诉求，达到重复（多）标准 ${t.repeatCount} 次` });
  }
  return out;
}
