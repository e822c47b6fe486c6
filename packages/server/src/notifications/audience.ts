import { unitIdsOnPath } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { holdersOfRoles } from '../users/users.repo.js';
import type { NoticeAudience } from './domain/notice.js';

const isUnitAudience = (a: NoticeAudience): a is Extract<NoticeAudience, { unitId: string }> => 'unitId' in a;

/** The units some audiences name, by id: where each sits in the tree (its path) for `resolveAudience`. */
export type AudienceUnits = ReadonlyMap<string, { id: string; path: string }>;

/**
 * The units the audiences of many notices name, in one read: a delivery batch resolves its notices' audiences with
 * it (notifications.service.ts). Read per audience, a batch of the supervision scan's notices (urges to one unit,
 * reports to the one above, reminders to a third) read the units table once for each (`units where id in ($1)`).
 */
export async function audienceUnits(db: Executor, tos: readonly (readonly NoticeAudience[])[]): Promise<AudienceUnits> {
  const ids = [...new Set(tos.flatMap((to) => to.filter(isUnitAudience).map((a) => a.unitId)))];
  return new Map((await findUnitsByIds(db, ids)).map((u) => [u.id, u]));
}

/**
 * The people a notice reaches. A unit audience with `nearest` climbs the tree from the unit until it finds someone
 * in the role (a county without its own supervisor is watched from the city, the city from the province's hotline
 * centre): a report to "the level above" always reaches somebody. `known`: the units already read for the batch.
 */
export async function resolveAudience(db: Executor, to: readonly NoticeAudience[], known?: AudienceUnits): Promise<string[]> {
  const people = new Set<string>();
  const unitAudiences = to.filter(isUnitAudience);
  for (const a of to) if ('userId' in a) people.add(a.userId);
  if (!unitAudiences.length) return [...people];
  const units = known ?? (await audienceUnits(db, [to]));
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
