/**
 * Where "the province" is, decided once. An installation serves the province it is configured for
 * (`HOTLINE_PROVINCE`); more provinces may be imported beside it (units:import), each a root federation of its own.
 * The province root is the root federation of the configured province; when none carries that code (an installation
 * whose configuration changed), the first root federation imported. Its hotline centre is the active centre directly
 * under it: the unit that takes the calls and holds what external platforms send until it is dispatched.
 */
type Unit = { id: string; type: string; parentId: string | null; divisionCode: string | null; path: string; active?: boolean };

const rootType = 'province_federation';
const centreType = 'hotline_centre';

export function provinceRootOf<U extends Unit>(units: readonly U[], province: string, firstImported?: (a: U, b: U) => number): U | undefined {
  const roots = units.filter((u) => u.parentId === null && u.type === rootType);
  const home = roots.find((u) => u.divisionCode === province);
  if (home) return home;
  return [...roots].sort(firstImported ?? ((a, b) => a.path.localeCompare(b.path)))[0];
}

export function hotlineCentreOf<U extends Unit>(units: readonly U[], root: Pick<U, 'id'> | undefined): U | undefined {
  if (!root) return undefined;
  return units.find((u) => u.type === centreType && u.parentId === root.id && u.active !== false);
}

/** Whether an actor's role reaches the whole province tree: its scope path names only the root. */
export const reachesWholeTree = (scopePath: string) => scopePath.split('/').filter(Boolean).length === 1;

/**
 * A unit of the province level: a root federation or the hotline centre right under it (who dispatched an order, for
 * Shaanxi's rule). `provincialUnitText` (units/province-root.ts) is the same rule spelt in SQL, built from this.
 */
export const provincialLevels = [
  { depth: 0, type: rootType },
  { depth: 1, type: centreType },
] as const;
export const isProvincialUnit = (u: { depth: number; type: string }) => provincialLevels.some((l) => l.depth === u.depth && l.type === u.type);
