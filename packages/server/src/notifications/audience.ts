import { unitIdsOnPath } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { holdersOfRoles } from '../users/users.repo.js';
import type { NoticeAudience } from './domain/notice.js';

/**
 * The people a notice reaches. A unit audience with `nearest` climbs the tree from the unit until it finds someone
 * in the role (a county without its own supervisor is watched from the city, the city from the province's hotline
 * centre): a report to "the level above" always reaches somebody.
 */
export async function resolveAudience(db: Executor, to: readonly NoticeAudience[]): Promise<string[]> {
  const people = new Set<string>();
  const unitAudiences = to.filter((a): a is Extract<NoticeAudience, { unitId: string }> => 'unitId' in a);
  for (const a of to) if ('userId' in a) people.add(a.userId);
  if (!unitAudiences.length) return [...people];
  const units = new Map((await findUnitsByIds(db, [...new Set(unitAudiences.map((a) => a.unitId))])).map((u) => [u.id, u]));
  for (const a of unitAudiences) {
    const unit = units.get(a.unitId);
    if (!unit) continue;
    const chain = a.nearest ? unitIdsOnPath(unit.path).reverse() : [unit.id];
    const holders = await holdersOfRoles(db, chain, a.roles);
    // Where the role is held: the unit itself, or the federation a hotline centre acts for.
    const at = (h: (typeof holders)[number]) => (chain.includes(h.unitId) ? h.unitId : (h.parentId ?? h.unitId));
    for (const unitId of chain) {
      const here = holders.filter((h) => at(h) === unitId);
      if (!here.length) continue;
      for (const h of here) people.add(h.userId);
      break;
    }
  }
  return [...people];
}
