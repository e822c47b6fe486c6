/**
 * `visible_to`, the order's half of the access rule (access/scope.ts has the query half): every unit whose subtree
 * holds a unit involved in the order. Pure, so the effects of an action and the demo generator widen it the same way.
 */

/** Ancestors-or-self of a unit, from its path: the units whose subtree contains it. */
export const unitIdsOnPath = (path: string): string[] => path.split('/').filter(Boolean);

/** The order's visible_to once the units at these paths take part; never narrowed (history stays readable). */
export function widenVisibleTo(visibleTo: readonly string[], paths: readonly string[]): string[] {
  return [...new Set([...visibleTo, ...paths.flatMap(unitIdsOnPath)])];
}
