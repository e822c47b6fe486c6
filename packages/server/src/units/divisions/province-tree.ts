import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { units } from '../units.tables.js';
import type { UnitType } from '../domain/unit-types.js';
import { divisionsOf, isMunicipality, provinceOf, townsOf } from './divisions.js';

type NewUnit = typeof units.$inferInsert;

/** How a federation is named from its division: 呼和浩特市 → 呼和浩特市总工会, 兴安盟 → 兴安盟总工会. */
export const federationName = (divisionName: string) => `${divisionName}总工会`;
/** 东华门街道 → 东华门街道工会; a development zone → its union. */
export const grassrootsName = (divisionName: string) => `${divisionName.replace(/管委会$/, '')}工会`;

/** The provincial federation's own bodies beside the tree of places (roles.md). */
const provincialBodies: { type: UnitType; name: (p: string) => string }[] = [
  { type: 'hotline_centre', name: (p) => `${p}总工会12351热线服务中心` },
  { type: 'department', name: (p) => `${p}总工会办公室` },
  { type: 'department', name: (p) => `${p}总工会权益保障部` },
  { type: 'department', name: (p) => `${p}总工会基层工作部` },
  { type: 'department', name: (p) => `${p}总工会女职工部` },
  { type: 'affiliated_unit', name: (p) => `${p}职工服务中心` },
  { type: 'lawyer_studio', name: (p) => `${p}总工会劳模律师调解工作室` },
];

const nationalPlatformName = '中华全国总工会12351服务平台';

/** External collaborators at provincial level, and the platforms orders are exchanged with. */
const collaborators: { type: UnitType; name: (p: string) => string }[] = [
  { type: 'hr_bureau', name: (p) => `${p}人力资源和社会保障厅` },
  { type: 'labour_inspection', name: (p) => `${p}劳动保障监察总队` },
  { type: 'arbitration', name: (p) => `${p}劳动人事争议仲裁院` },
  { type: 'court', name: (p) => `${p}高级人民法院` },
  { type: 'procuratorate', name: (p) => `${p}人民检察院` },
  { type: 'police', name: (p) => `${p}公安厅` },
  { type: 'justice_bureau', name: (p) => `${p}司法厅` },
  { type: 'petition_office', name: (p) => `${p}信访局` },
  { type: 'gov_hotline', name: (p) => `${p}12345政务服务便民热线` },
  { type: 'national_platform', name: () => nationalPlatformName },
];

export type TreeResult = { rootId: string; created: number; existing: number };

/**
 * Builds (or completes) a province's union tree from the division data: the federation, its hotline centre,
 * departments and studio, every city/league and county/banner/district federation, development zones as parks
 * under their city, and the external collaborators. Idempotent: units already there (same type and division,
 * or same type and name at the same place) are kept as they are, so an administrator's renames survive.
 */
export async function buildProvinceTree(
  db: Executor,
  provinceCode: string,
  opts: { now: Date; townsUnder?: string[] } = { now: new Date() },
): Promise<TreeResult> {
  const province = provinceOf(provinceCode);
  if (!province) throw new Error(`未知的省级行政区划代码：${provinceCode}`);
  const short = province.name;
  const { cities, counties, zones } = divisionsOf(provinceCode);

  const existingRows = await db
    .select({ id: units.id, type: units.type, divisionCode: units.divisionCode, name: units.name, path: units.path, parentId: units.parentId })
    .from(units);
  const byDivision = new Map(existingRows.filter((u) => u.divisionCode).map((u) => [`${u.type}:${u.divisionCode}`, u]));
  const byName = new Map(existingRows.map((u) => [`${u.parentId ?? ''}:${u.type}:${u.name}`, u]));
  const pending: NewUnit[] = [];
  let existing = 0;
  let sort = 0;

  const place = (type: UnitType, name: string, parent: { id: string; path: string } | null, divisionCode: string | null) => {
    const known = divisionCode ? byDivision.get(`${type}:${divisionCode}`) : byName.get(`${parent?.id ?? ''}:${type}:${name}`);
    if (known) {
      existing++;
      return { id: known.id, path: known.path };
    }
    const id = crypto.randomUUID();
    const path = `${parent?.path ?? '/'}${id}/`;
    pending.push({
      id,
      parentId: parent?.id ?? null,
      path,
      depth: path.split('/').length - 3,
      type,
      divisionCode,
      name,
      sortOrder: sort++,
      createdAt: opts.now,
      updatedAt: opts.now,
    });
    return { id, path };
  };

  // Bodies and collaborators have no division code and can only be recognised by name; once the province exists an
  // administrator may have renamed or retired them, so a later run must not bring them back under their first names.
  const rootKnown = byDivision.has(`province_federation:${provinceCode}`);
  const root = place('province_federation', federationName(short), null, provinceCode);
  if (!rootKnown) for (const b of provincialBodies) place(b.type, b.name(short), root, null);
  const cityUnits = new Map<string, { id: string; path: string }>();
  for (const c of cities) cityUnits.set(c.code, place('city_federation', federationName(c.name), root, c.code));
  const countyUnits = new Map<string, { id: string; path: string }>();
  for (const c of counties) {
    const parent = cityUnits.get(c.parentCode!) ?? root;
    // In a municipality the districts stand directly under the city federation, which is the province.
    countyUnits.set(c.code, place('county_federation', federationName(c.name), isMunicipality(provinceCode) ? root : parent, c.code));
  }
  for (const z of zones) place('park_union', grassrootsName(z.name), cityUnits.get(z.parentCode!) ?? root, z.code);
  for (const countyCode of opts.townsUnder ?? []) {
    const county = countyUnits.get(countyCode);
    if (!county) throw new Error(`${countyCode} 不是 ${short} 的区县`);
    for (const t of townsOf(countyCode)) place('town_union', grassrootsName(t.name), county, t.code);
  }
  // The national platform is one for every province: a second province joins the one already there, whatever its name.
  const national = existingRows.find((u) => u.type === 'national_platform' && !u.parentId);
  if (national) byName.set(`:national_platform:${nationalPlatformName}`, national);
  if (!rootKnown) for (const c of collaborators) place(c.type, c.name(short), null, null);

  for (let i = 0; i < pending.length; i += 500) await db.insert(units).values(pending.slice(i, i + 500));
  return { rootId: root.id, created: pending.length, existing };
}

/** The root federation units of the installation (one per imported province). */
export async function provinceRoots(db: Executor) {
  return db
    .select()
    .from(units)
    .where(and(isNull(units.parentId), eq(units.type, 'province_federation')));
}

export async function unitsByDivision(db: Executor, type: UnitType, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select()
    .from(units)
    .where(and(eq(units.type, type), inArray(units.divisionCode, codes)));
}
