import { isExternalType, placementProblem, unitTypeNames, type UnitType } from './unit-types.js';

/** A refusal the service turns into an HTTP error: a stable code, a Chinese message and the field it concerns. */
export type UnitProblem = { code: string; message: string; field: string };

export type DivisionLevel = 'province' | 'city' | 'county' | 'zone' | 'town';

const levelNames: Record<DivisionLevel, string> = {
  province: '省级',
  city: '地市级',
  county: '县级',
  zone: '开发区',
  town: '乡镇（街道）级',
};

/** Federations and town unions route orders by their code, so it must name a place of their own level. */
const levelsFor: Partial<Record<UnitType, readonly DivisionLevel[]>> = {
  province_federation: ['province'],
  city_federation: ['city'],
  county_federation: ['county'],
  town_union: ['town'],
  park_union: ['zone', 'town'],
};

/** The leading digits every division inside this one shares: 150000 → 15, 150100 → 1501, 150102 → 150102. */
export function divisionPrefix(code: string): string {
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * Checks the division code of a new unit: it must exist, be of the level its type stands for, and lie inside
 * the parent's division when the parent has one (a town of 新城区 under 新城区总工会, not under 回民区总工会).
 */
export function divisionProblem(type: UnitType, division: { code: string; level: DivisionLevel } | null, parentCode: string | null): UnitProblem | null {
  const field = 'body.divisionCode';
  if (!division) return { code: 'UNIT_DIVISION_UNKNOWN', message: '行政区划代码不存在（GB/T 2260）', field };
  const levels = levelsFor[type];
  if (levels && !levels.includes(division.level)) {
    const want = levels.map((l) => levelNames[l]).join('或');
    return {
      code: 'UNIT_DIVISION_LEVEL',
      message: `${unitTypeNames[type].zh}应使用${want}行政区划代码，${division.code} 是${levelNames[division.level]}区划`,
      field,
    };
  }
  if (parentCode && !isExternalType(type) && (division.code === parentCode || !division.code.startsWith(divisionPrefix(parentCode)))) {
    return { code: 'UNIT_DIVISION_OUTSIDE_PARENT', message: `行政区划 ${division.code} 不在上级单位的区划 ${parentCode} 之内`, field };
  }
  return null;
}

type Placed = { id: string; type: UnitType; path: string; parentId: string | null };

/**
 * Whether a unit (with its subtree) may move under a new parent. External collaborators and roots stay where they
 * are; a unit can never move under itself or anything below it, since the tree would then lose its root.
 */
export function moveProblem(unit: Placed, target: Pick<Placed, 'type' | 'path'>): UnitProblem | null {
  const field = 'body.parentId';
  if (isExternalType(unit.type)) return { code: 'UNIT_MOVE_EXTERNAL', message: '外部协作单位不属于工会组织树，不能移动', field };
  if (unit.parentId === null) return { code: 'UNIT_MOVE_ROOT', message: '省级总工会是组织树的根，不能移动', field };
  if (target.path.startsWith(unit.path)) return { code: 'UNIT_MOVE_CYCLE', message: '不能把单位移动到它自己或它的下级单位之下', field };
  const problem = placementProblem(unit.type, target.type);
  return problem ? { code: 'UNIT_PLACEMENT_INVALID', message: problem, field } : null;
}

/** The subtree's new place: paths swap the old prefix for the new one, depths shift by the same amount. */
export function relocation(unit: { id: string; path: string; depth: number }, target: { path: string; depth: number }) {
  const newPath = `${target.path}${unit.id}/`;
  return { oldPath: unit.path, newPath, depthDelta: target.depth + 1 - unit.depth };
}

/** The fields that differ, before and after, for the audit log. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * The division a unit answers for: its own, else the nearest unit's above it that has one (a department, a hotline
 * centre or a studio answers for its federation's place). `path` is the unit's (ids from the root, itself last);
 * null when no unit on it has a division.
 */
export function areaOf(path: string, divisionOf: (unitId: string) => string | null | undefined): string | null {
  for (const id of path.split('/').filter(Boolean).reverse()) {
    const code = divisionOf(id);
    if (code) return code;
  }
  return null;
}
