import { groupBy } from '../../platform/collections/group-by.js';
/**
 * The quality figures of kpis.md, one function each, over plain rows (the repository loads them for a period and
 * a set of agents). Rates are null when their denominator is zero: "no data" is not 0 %.
 */
export type InspectionFact = { agentUserId: string; scored: boolean; passed: boolean | null };
export type RectificationFact = { dueAt: Date; closedAt: Date | null };

const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** Inspected calls or orders ÷ all in the period. */
export function inspectionCoverage(inspected: number, population: number): number | null {
  return rate(inspected, population);
}

/** Inspections scoring at or above the pass mark (and not vetoed) ÷ inspections scored. */
export function passRate(inspections: InspectionFact[]): number | null {
  const scored = inspections.filter((i) => i.scored);
  return rate(scored.filter((i) => i.passed).length, scored.length);
}

/**
 * Rectification items closed by their due date ÷ items due in the period. An item due in the period and still
 * open counts against the rate; one closed after its due date counts as late (not rectified in time).
 */
export function rectificationRate(items: RectificationFact[], period: { from: Date; to: Date }): number | null {
  const due = items.filter((i) => i.dueAt >= period.from && i.dueAt < period.to);
  return rate(due.filter((i) => i.closedAt !== null && i.closedAt <= i.dueAt).length, due.length);
}

export type AgentQuality = { agentUserId: string; inspections: number; scored: number; passed: number; passRate: number | null };

/** Per agent (and so per team, summed over its agents): the same pass rate as the overall one. */
export function qualityByAgent(inspections: InspectionFact[]): AgentQuality[] {
  const by = groupBy(inspections, (i) => i.agentUserId);
  return [...by.entries()]
    .map(([agentUserId, list]) => ({
      agentUserId,
      inspections: list.length,
      scored: list.filter((i) => i.scored).length,
      passed: list.filter((i) => i.scored && i.passed).length,
      passRate: passRate(list),
    }))
    .sort((a, b) => (a.agentUserId < b.agentUserId ? -1 : 1));
}
