import { riskFlagCodes, type Priority } from '../../catalog/domain/catalog.js';

const emergencyFlags: ReadonlySet<string> = new Set(riskFlagCodes);

/** 应急机制 (issue 11): any of 危众多大隐, or priority major. */
export function isEmergency(o: { priority: string; riskFlags: readonly string[] }): boolean {
  return o.priority === 'major' || o.riskFlags.some((f) => emergencyFlags.has(f));
}

/**
 * The priority an order's time limits are chosen by: an order in the emergency mechanism runs on the emergency
 * (major) limits whatever priority it was taken in with — a flagged "normal" order must be signed for within the
 * hour, not the next working day (workflow.md: "Urgent / major, any risk flag of 危众多大隐 … shortened deadlines").
 * Every place that selects a limit goes through `limitSelectorOf`, so none can forget the flags.
 */
export function effectivePriority(o: { priority: string; riskFlags: readonly string[] }): Priority {
  return isEmergency(o) ? 'major' : (o.priority as Priority);
}

/** The selector of the time-limit rules for an order (catalog/domain/time-limit-rules.ts `selectRule`). */
export const limitSelectorOf = (o: { typeCode: string; subjectCode: string; priority: string; tier: string; riskFlags: readonly string[] }) => ({
  typeCode: o.typeCode,
  subjectCode: o.subjectCode,
  priority: effectivePriority(o),
  tier: o.tier,
});
