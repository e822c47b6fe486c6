import { describe, expect, it } from 'vitest';
import { areaOf, changedFields, divisionPrefix, divisionProblem, moveProblem, relocation, type DivisionLevel } from './unit-rules.js';
import { placementProblem, type UnitType } from './unit-types.js';

describe('placementProblem', () => {
  it.each<[UnitType, UnitType | null, boolean]>([
    ['province_federation', null, true],
    ['province_federation', 'province_federation', false],
    ['city_federation', 'province_federation', true],
    ['city_federation', 'city_federation', false],
    ['county_federation', 'city_federation', true],
    ['county_federation', 'province_federation', true],
    ['county_federation', 'county_federation', false],
    ['town_union', 'county_federation', true],
    ['town_union', 'province_federation', false],
    ['park_union', 'city_federation', true],
    ['community_union', 'town_union', true],
    ['enterprise_union', 'town_union', true],
    ['enterprise_union', 'enterprise_union', true],
    ['enterprise_union', null, false],
    ['hotline_centre', 'province_federation', true],
    ['hotline_centre', 'town_union', false],
    ['lawyer_studio', 'hotline_centre', true],
    ['court', null, true],
    ['court', 'province_federation', false],
    ['county_federation', 'court', false],
  ])('%s under %s → allowed %s', (type, parent, allowed) => {
    expect(placementProblem(type, parent) === null).toBe(allowed);
  });

  it('says in Chinese what may not stand where', () => {
    expect(placementProblem('county_federation', 'county_federation')).toBe('区县（旗）总工会不能设在区县（旗）总工会之下');
    expect(placementProblem('enterprise_union', null)).toBe('企业工会必须有上级单位');
  });
});

describe('division codes', () => {
  it.each([
    ['150000', '15'],
    ['150100', '1501'],
    ['150102', '150102'],
    ['150172', '150172'],
    ['150102001', '150102001'],
  ])('%s contains the codes starting %s', (code, prefix) => {
    expect(divisionPrefix(code)).toBe(prefix);
  });

  const d = (code: string, level: DivisionLevel) => ({ code, level });
  it.each<[UnitType, ReturnType<typeof d> | null, string | null, string | null]>([
    ['county_federation', d('150102', 'county'), '150100', null],
    ['county_federation', d('500101', 'county'), '500000', null],
    ['county_federation', d('150100', 'city'), '150000', 'UNIT_DIVISION_LEVEL'],
    ['county_federation', d('150202', 'county'), '150100', 'UNIT_DIVISION_OUTSIDE_PARENT'],
    ['city_federation', d('150100', 'city'), '150000', null],
    ['city_federation', d('610100', 'city'), '150000', 'UNIT_DIVISION_OUTSIDE_PARENT'],
    ['town_union', d('150102001', 'town'), '150102', null],
    ['town_union', d('150103001', 'town'), '150102', 'UNIT_DIVISION_OUTSIDE_PARENT'],
    ['town_union', d('150102', 'county'), '150100', 'UNIT_DIVISION_LEVEL'],
    ['park_union', d('150172', 'zone'), '150100', null],
    ['park_union', d('150102', 'county'), '150100', 'UNIT_DIVISION_LEVEL'],
    ['enterprise_union', d('150102001', 'town'), '150102', null],
    ['enterprise_union', d('150102', 'county'), '150102', 'UNIT_DIVISION_OUTSIDE_PARENT'],
    ['enterprise_union', d('150102', 'county'), null, null],
    ['hr_bureau', d('150100', 'city'), null, null],
    ['county_federation', null, '150100', 'UNIT_DIVISION_UNKNOWN'],
  ])('%s with %o under a parent coded %s → %s', (type, division, parentCode, code) => {
    expect(divisionProblem(type, division, parentCode)?.code ?? null).toBe(code);
  });
});

describe('moving a subtree', () => {
  const unit = (id: string, type: UnitType, path: string, parentId: string | null = 'p') => ({ id, type, path, parentId });
  const county = unit('c', 'county_federation', '/r/city/c/');

  it.each<[string, ReturnType<typeof unit>, { type: UnitType; path: string }, string | null]>([
    ['to another city', county, { type: 'city_federation', path: '/r/city2/' }, null],
    ['under the province', county, { type: 'province_federation', path: '/r/' }, null],
    ['under itself', county, { type: 'county_federation', path: '/r/city/c/' }, 'UNIT_MOVE_CYCLE'],
    ['under its own town', county, { type: 'town_union', path: '/r/city/c/t/' }, 'UNIT_MOVE_CYCLE'],
    ['under a town', county, { type: 'town_union', path: '/r/city2/c2/t/' }, 'UNIT_PLACEMENT_INVALID'],
    ['a root', unit('r', 'province_federation', '/r/', null), { type: 'province_federation', path: '/r2/' }, 'UNIT_MOVE_ROOT'],
    ['an external unit', unit('x', 'court', '/x/', null), { type: 'province_federation', path: '/r/' }, 'UNIT_MOVE_EXTERNAL'],
  ])('a county %s → %s', (_what, u, target, code) => {
    expect(moveProblem(u, target)?.code ?? null).toBe(code);
  });

  it('a sibling whose id starts like the unit is not below it', () => {
    // Paths end in '/', so '/r/c/' is not a prefix of '/r/c2/'.
    expect(moveProblem(unit('c', 'enterprise_union', '/r/c/'), { type: 'enterprise_union', path: '/r/c2/' })).toBeNull();
  });

  it('computes the new path and depth shift', () => {
    expect(relocation({ id: 'c', path: '/r/city/c/', depth: 2 }, { path: '/r/', depth: 0 })).toEqual({
      oldPath: '/r/city/c/',
      newPath: '/r/c/',
      depthDelta: -1,
    });
    expect(relocation({ id: 'e', path: '/r/e/', depth: 1 }, { path: '/r/city/c/t/', depth: 3 })).toEqual({
      oldPath: '/r/e/',
      newPath: '/r/city/c/t/e/',
      depthDelta: 3,
    });
  });
});

describe('changedFields', () => {
  it('keeps only what changed and ignores what was not given', () => {
    const before = { name: '甲', email: null as string | null, leaders: [{ name: '王', title: '主席' }] };
    expect(changedFields(before, { name: '甲', email: 'a@b.cn', leaders: undefined })).toEqual({ before: { email: null }, after: { email: 'a@b.cn' } });
    expect(changedFields(before, { leaders: [{ name: '王', title: '主席' }] })).toEqual({ before: {}, after: {} });
  });
});

describe('areaOf', () => {
  const divisions = new Map<string, string | null>([
    ['root', '150000'],
    ['centre', null],
    ['city', '150100'],
    ['dept', null],
  ]);
  const divisionOf = (id: string) => divisions.get(id);

  it('is the unit’s own division, else the nearest one above it', () => {
    expect(areaOf('/root/city/', divisionOf)).toBe('150100');
    expect(areaOf('/root/city/dept/', divisionOf)).toBe('150100');
    expect(areaOf('/root/centre/', divisionOf)).toBe('150000');
  });

  it('is none when no unit on the path has a division', () => {
    expect(areaOf('/centre/dept/', divisionOf)).toBeNull();
  });
});
