import { describe, expect, it } from 'vitest';
import { provinceMap } from './province-map.js';

type Geo = { UTF8Encoding?: boolean; features: { id: string; properties: { name: string }; geometry: { type: string; coordinates: unknown } }[] };
const firstPoint = (g: Geo['features'][number]['geometry']): number[] =>
  (g.type === 'Polygon' ? (g.coordinates as number[][][])[0]![0] : (g.coordinates as number[][][][])[0]![0]![0])!;

describe('the province map, from the boundaries package on disk', () => {
  it.each([
    ['110000', '北京', '110105', '朝阳区', 16],
    ['120000', '天津', '120101', '和平区', 16],
    ['310000', '上海', '310104', '徐汇区', 16],
    ['500000', '重庆', '500103', '渝中区', 38],
  ])('a municipality (%s) is mapped by district', (code, name, district, districtName, count) => {
    const m = provinceMap(code)!;
    expect(m).toMatchObject({ name, level: 'county' });
    const geo = m.geoJson as Geo;
    expect(geo.features.length).toBe(count);
    const f = geo.features.find((x) => x.id === district)!;
    expect(f.properties.name).toBe(districtName);
    expect(geo.UTF8Encoding).toBe(false);
    // Decoded to plain longitude/latitude inside China.
    const [lng, lat] = firstPoint(f.geometry);
    expect(lng).toBeGreaterThan(100);
    expect(lng).toBeLessThan(125);
    expect(lat).toBeGreaterThan(25);
    expect(lat).toBeLessThan(45);
  });

  it('maps every province by city, Inner Mongolia and Zhejiang too', () => {
    for (const code of ['150000', '330000', '610000', '440000']) {
      const m = provinceMap(code)!;
      expect(m.level).toBe('city');
      const geo = m.geoJson as Geo;
      expect(geo.features.length).toBeGreaterThan(5);
      expect(geo.features.every((f) => /^\d{4}00$/.test(f.id))).toBe(true);
    }
    expect((provinceMap('330000')!.geoJson as Geo).features.find((f) => f.id === '330100')?.properties.name).toBe('杭州市');
  });

  it('has no map for an unknown code', () => {
    expect(provinceMap('990000')).toBeNull();
  });
});
