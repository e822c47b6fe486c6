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

/** A threshold flag the agent took off at intake, and why (recorded on the timeline). */
export type ClearedRiskFlag = { flag: RiskSuggestion['flag']; reason: string };

/**
 * The flags an order is created with: what the agent chose, plus every flag whose threshold the request reaches
 * (set, not merely suggested: 13 workers and ¥600,000 must not be saved unflagged), except those the agent cleared
 * with a reason. A clearing of a flag the thresholds did not set is dropped (nothing was set to clear; the intake
 * screen's hint may have been computed a moment earlier); choosing a flag and clearing it at once is a contradiction.
 */
export function intakeRiskFlags(
  chosen: readonly string[],
  suggested: readonly RiskSuggestion[],
  clearing: readonly ClearedRiskFlag[],
): { flags: string[]; cleared: ClearedRiskFlag[] } | { contradiction: string } {
  const both = clearing.find((c) => chosen.includes(c.flag));
  if (both) return { contradiction: both.flag };
  const cleared = clearing.filter((c) => suggested.some((s) => s.flag === c.flag));
  const set = suggested.filter((s) => !cleared.some((c) => c.flag === s.flag)).map((s) => s.flag);
  return { flags: [...new Set([...chosen, ...set])], cleared };
}
