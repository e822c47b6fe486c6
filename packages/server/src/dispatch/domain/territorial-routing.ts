/**
 * 属地原则: the order goes to the union of the place. Given the place's division code (6-digit county or
 * 9-digit town/street) and the active units that carry division codes, the most local union wins:
 * town/street union → development-zone park → county federation → city federation → province federation.
 */
export type RoutableUnit = { id: string; type: string; divisionCode: string | null; active: boolean };

const rank: Record<string, number> = { town_union: 0, park_union: 1, county_federation: 2, city_federation: 3, province_federation: 4 };

export function suggestTerritorialUnit<T extends RoutableUnit>(divisionCode: string | null | undefined, units: readonly T[]): T | null {
  if (!divisionCode || !/^\d{6}(\d{3})?$/.test(divisionCode)) return null;
  const county = divisionCode.slice(0, 6);
  const candidates = [divisionCode, county, `${county.slice(0, 4)}00`, `${county.slice(0, 2)}0000`];
  let best: T | null = null;
  for (const u of units) {
    if (!u.active || !u.divisionCode || !(u.type in rank)) continue;
    if (!candidates.includes(u.divisionCode)) continue;
    if (!best || rank[u.type]! < rank[best.type]! || (rank[u.type] === rank[best.type] && u.divisionCode.length > best.divisionCode!.length)) best = u;
  }
  return best;
}
