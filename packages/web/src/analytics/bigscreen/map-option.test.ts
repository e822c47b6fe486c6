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
    };
    expect(rowsOf(mapOption(hot, map, t))).toEqual([
      { name: '渝中区', value: 4 },
      { name: '沙坪坝区', value: 3 },
    ]);
    expect(mapOption(hot, map, t).visualMap.max).toBe(4);
  });

  it('colours a province by city', () => {
    const map = { name: '内蒙古', level: 'city' as const, codes: new Map([['500100', '某市']]) };
    expect(rowsOf(mapOption(hot, map, t))).toEqual([{ name: '某市', value: 7 }]);
  });

  it('lets a name give way where two collide rather than print them over each other', () => {
    const map = { name: '内蒙古', level: 'city' as const, codes: new Map([['500100', '某市']]) };
    expect(mapOption(hot, map, t).series[0]!.labelLayout).toEqual({ hideOverlap: true });
  });
});
