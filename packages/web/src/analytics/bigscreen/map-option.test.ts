import { describe, expect, it } from 'vitest';
import type { HotTopics } from '../api.js';
import { mapOption } from './charts.js';

const t = (s: string) => s;
const hot = {
  divisions: {
    cities: [{ code: '500100', count: 7 }],
    counties: [
      { code: '500103', count: 4 },
      { code: '500106', count: 3 },
    ],
  },
} as unknown as HotTopics;
const rowsOf = (o: ReturnType<typeof mapOption>) => o.series[0]!.data;

describe('the wall’s map', () => {
  it('colours a municipality by district: its features are districts, which no city code matches', () => {
    const map = {
      name: '重庆',
      level: 'county' as const,
      codes: new Map([
        ['500103', '渝中区'],
        ['500106', '沙坪坝区'],
      ]),
      centres: new Map<string, [number, number]>(),
    };
    expect(rowsOf(mapOption(hot, map, t))).toEqual([
      { name: '渝中区', value: 4 },
      { name: '沙坪坝区', value: 3 },
    ]);
    expect(mapOption(hot, map, t).visualMap.max).toBe(4);
  });

  it('colours a province by city', () => {
    const map = { name: '内蒙古', level: 'city' as const, codes: new Map([['500100', '某市']]), centres: new Map<string, [number, number]>() };
    expect(rowsOf(mapOption(hot, map, t))).toEqual([{ name: '某市', value: 7 }]);
  });

  it('names every area at its label point, and where two names collide the busier area keeps its name', () => {
    const map = {
      name: '内蒙古',
      level: 'city' as const,
      codes: new Map([
        ['150100', '呼和浩特市'],
        ['150200', '包头市'],
        ['150900', '乌兰察布市'],
      ]),
      centres: new Map<string, [number, number]>([
        ['呼和浩特市', [111.67, 40.82]],
        ['包头市', [109.84, 40.66]],
        ['乌兰察布市', [113.11, 41.03]],
      ]),
    };
    const busy = {
      divisions: {
        cities: [
          { code: '150100', count: 90 },
          { code: '150200', count: 10 },
        ],
        counties: [],
      },
    } as unknown as HotTopics;
    type Layer = { labelLayout: unknown; data: { name: string; value: [number, number, number] }[]; symbolSize: (v: [number, number, number]) => number };
    const names = mapOption(busy, map, t).series[1] as unknown as Layer;
    expect(names.labelLayout).toEqual({ hideOverlap: true });
    expect(names.data.map((d) => [d.name, d.value[2]])).toEqual([
      ['呼和浩特市', 90],
      ['包头市', 10],
      ['乌兰察布市', 0],
    ]);
    // ECharts hides the label of the smaller host where two overlap: the point grows with the orders.
    const size = (name: string) => names.symbolSize(names.data.find((d) => d.name === name)!.value);
    expect(size('呼和浩特市')).toBeGreaterThan(size('包头市'));
    expect(size('包头市')).toBeGreaterThan(size('乌兰察布市'));
  });
});
