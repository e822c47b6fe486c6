import { describe, expect, it } from 'vitest';
import { suggestTerritorialUnit, type RoutableUnit } from './territorial-routing.js';

const u = (id: string, type: string, divisionCode: string | null, active = true): RoutableUnit => ({ id, type, divisionCode, active });

// 内蒙古 → 呼和浩特市 → 新城区 → one of its streets; a development zone of the city; and units that must never win.
const units: RoutableUnit[] = [
  u('province', 'province_federation', '150000'),
  u('hotline', 'hotline_centre', null),
  u('city', 'city_federation', '150100'),
  u('county', 'county_federation', '150102'),
  u('town', 'town_union', '150102001'),
  u('otherTown', 'town_union', '150102002'),
  u('zone', 'park_union', '150171'),
  u('otherCity', 'city_federation', '150200'),
  u('otherCounty', 'county_federation', '150202'),
  u('enterprise', 'enterprise_union', '150102'),
  u('court', 'gov_department', '150102'),
];
const pick = (code: string | null | undefined, list: readonly RoutableUnit[] = units) => suggestTerritorialUnit(code, list)?.id ?? null;

describe('suggestTerritorialUnit', () => {
  it.each([
    ['a town with its own union', '150102001', 'town'],
    ['another town of the county', '150102002', 'otherTown'],
    ['a town without a union falls to its county', '150102099', 'county'],
    ['a county', '150102', 'county'],
    ['a county without a federation falls to its city', '150103', 'city'],
    ['a development zone goes to its park union', '150171', 'zone'],
    ['a street in the zone goes to the park union', '150171001', 'zone'],
    ['a county of another city', '150202', 'otherCounty'],
    ['a city without county federations goes to the city', '150203', 'otherCity'],
    ['a city with no federation falls to the province', '150300', 'province'],
    ['a county of a city with no federation falls to the province', '150302', 'province'],
  ])('%s: %s → %s', (_what, code, id) => {
    expect(pick(code)).toBe(id);
  });

  it('prefers the most local union whatever order the units come in', () => {
    expect(pick('150102001', [...units].reverse())).toBe('town');
    expect(pick('150102', [...units].reverse())).toBe('county');
  });

  it('skips inactive units and takes the next level up', () => {
    const without = (id: string) => units.map((x) => (x.id === id ? { ...x, active: false } : x));
    expect(pick('150102001', without('town'))).toBe('county');
    expect(pick('150102', without('county'))).toBe('city');
    expect(pick('150171', without('zone'))).toBe('city');
    expect(pick('150300', without('province'))).toBeNull();
  });

  it('never routes to a unit without a territorial type, even one with the right code', () => {
    const onlyOthers = units.filter((x) => ['enterprise', 'court', 'hotline'].includes(x.id));
    expect(pick('150102', onlyOthers)).toBeNull();
  });

  it.each([
    ['another province', '110101'],
    ['another province’s town', '110101001'],
  ])('a place no unit covers (%s) gets no suggestion', (_what, code) => {
    expect(pick(code)).toBeNull();
  });

  it.each([[null], [undefined], [''], ['15010'], ['1501021'], ['15010200'], ['150102001001'], ['abcdef'], ['15010a'], [' 150102'], ['150102 ']])(
    'a malformed code %j gets no suggestion',
    (code) => {
      expect(pick(code)).toBeNull();
    },
  );

  it('returns the unit object it was given', () => {
    const list = [{ ...u('county', 'county_federation', '150102'), name: '新城区总工会' }];
    expect(suggestTerritorialUnit('150102', list)?.name).toBe('新城区总工会');
  });
});
