import type { ChangeBus } from '../platform/bus/index.js';
import { createReferenceCache, type ReferenceCache } from '../platform/cache/reference-cache.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/client.js';
import { hotlineCentreOf, provinceRootOf, reachesWholeTree } from './domain/province-root.js';
import { allUnitBriefs, type UnitBrief } from './units.repo.js';

export type { UnitBrief };

/** The units as other capabilities read them: by id, the hotline centre, by division code. Immutable: a snapshot. */
export type UnitDirectory = {
  get(id: string | null | undefined): UnitBrief | undefined;
  byIds(ids: readonly (string | null | undefined)[]): Map<string, UnitBrief>;
  /** The installation's province root (units/domain/province-root.ts). */
  provinceRoot(): UnitBrief | undefined;
  /** The province root's hotline centre: it holds orders that external platforms send until they are dispatched. */
  hotlineCentre(): UnitBrief | undefined;
  byDivisionCodes(codes: readonly string[]): UnitBrief[];
  /** Whether a reach holds an active hotline centre, and so the hotline's calls (access/scope.ts hotlineWithin). */
  holdsHotline(scopePath: string): boolean;
  /**
   * Whether a reach holds the province's hotline centre (`hotlineCentre`), or the whole province tree while the
   * province has none: the voice menu's rule (calls/ivr.service.ts), which the session tells the screens. A city's
   * centre holds a hotline centre (`holdsHotline`), not the province's.
   */
  holdsProvinceHotline(scopePath: string): boolean;
};

export function unitDirectoryOf(rows: readonly UnitBrief[], province: string): UnitDirectory {
  const byId = new Map(rows.map((u) => [u.id, u]));
  const root = provinceRootOf(rows, province);
  const centre = hotlineCentreOf(rows, root);
  const centres = rows.filter((u) => u.type === 'hotline_centre' && u.active);
  return {
    get: (id) => (id ? byId.get(id) : undefined),
    byIds(ids) {
      const m = new Map<string, UnitBrief>();
      for (const id of ids) {
        const u = id ? byId.get(id) : undefined;
        if (u) m.set(u.id, u);
      }
      return m;
    },
    provinceRoot: () => root,
    hotlineCentre: () => centre,
    byDivisionCodes: (codes) => rows.filter((u) => u.divisionCode !== null && codes.includes(u.divisionCode)),
    holdsHotline: (scopePath) => centres.some((c) => c.path.startsWith(scopePath)),
    holdsProvinceHotline: (scopePath) => (centre ? centre.path.startsWith(scopePath) : reachesWholeTree(scopePath)),
  };
}

export type UnitDirectoryCache = ReferenceCache<UnitDirectory>;

/**
 * The unit directory, cached per process and dropped on `reference.changed: units` (units.service announces each
 * write). The units capability owns the table; orders, dispatch and intake read units only through this.
 */
export function createUnitDirectory(deps: { db: Executor; clock: Clock; bus?: ChangeBus | undefined; province: string }): UnitDirectoryCache {
  const { province, ...cache } = deps;
  return createReferenceCache({ kinds: ['units'], load: async (via) => unitDirectoryOf(await allUnitBriefs(via), province), ...cache });
}
