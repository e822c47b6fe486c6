import { describe, expect, it } from 'vitest';
import { detectSurges, ewma, poissonUpperTail, type DailyCount } from './surge.js';
import { holtForecast } from './forecast.js';
import { cosine, similarTo } from './similarity.js';

const day = (base: string, offset: number) => new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** A steady city: `perDay` wage-arrears requests every day for 9 weeks up to `today`, with `extra` on given days. */
function steady(today: string, perDay: (offset: number) => number): DailyCount[] {
  return Array.from({ length: 63 }, (_, i) => ({ subjectCode: 'wage_arrears', cityCode: '150100', day: day(today, i - 62), count: perDay(i - 62) }));
}

describe('poissonUpperTail', () => {
  it('matches known values and stays accurate far in the tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonUpperTail(5, 2)).toBeCloseTo(0.052653, 5);
    const far = poissonUpperTail(60, 5);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-30);
  });
});

describe('detectSurges', () => {
  it('a quiet Tuesday is not a surge', () => {
    // Two or three a day, a little more on Tuesdays: today (a Tuesday) has 4.
    const counts = steady('2026-12-01', (o) => (o === 0 ? 4 : 2 + (Math.abs(o) % 7 === 0 ? 1 : 0)));
    expect(detectSurges(counts, '2026-12-01')).toEqual([]);
  });
  it('the winter wage-arrears peak before Spring Festival is a surge, by the day and by the week', () => {
    // 2027 Spring Festival is on 6 February; in the last weeks of January arrears calls triple and more.
    const counts = steady('2027-01-25', (o) => (o > -7 ? 9 : 2));
    const s = detectSurges(counts, '2027-01-25');
    expect(s.map((x) => x.window).sort()).toEqual(['day', 'week']);
    expect(s.find((x) => x.window === 'week')).toMatchObject({ subjectCode: 'wage_arrears', cityCode: '150100', observed: 63, expected: 14 });
  });
  it('needs a minimum count: 2 requests where none are expected are not a surge', () => {
    expect(detectSurges([{ subjectCode: 'psych_care', cityCode: '150100', day: '2026-12-01', count: 2 }], '2026-12-01')).toEqual([]);
    expect(detectSurges([{ subjectCode: 'psych_care', cityCode: '150100', day: '2026-12-01', count: 6 }], '2026-12-01')).toHaveLength(1);
  });
  it('follows a slow rise with its baseline (EWMA) instead of calling every week a surge', () => {
    const counts = steady('2026-12-01', (o) => 2 + Math.floor((o + 62) / 14));
    expect(detectSurges(counts, '2026-12-01')).toEqual([]);
    expect(ewma([1, 1, 1, 10], 0.3)).toBeCloseTo(3.7);
  });
});

describe('holtForecast', () => {
  it('continues a flat series flat and a rising one upwards, damped, with an interval', () => {
    const flat = holtForecast([10, 10, 10, 10, 10, 10], 3);
    expect(flat.map((p) => p.expected)).toEqual([10, 10, 10]);
    expect(flat[0]!.low).toBeLessThan(10);
    expect(flat[0]!.high).toBeGreaterThan(10);
    const rising = holtForecast([2, 4, 6, 8, 10, 12], 4);
    expect(rising[0]!.expected).toBeGreaterThan(12);
    expect(rising[3]!.expected - rising[2]!.expected).toBeLessThan(rising[1]!.expected - rising[0]!.expected);
  });
  it('never forecasts a negative count', () => {
    expect(holtForecast([20, 10, 2, 0], 4).every((p) => p.expected >= 0 && p.low >= 0)).toBe(true);
  });
});

describe('similarity', () => {
  const s = (w: string) => new Set(w.split(' '));
  it('finds the same matter told by another caller', () => {
    const a = s('灞桥区 工地 包工头 老王 欠 工资 过年');
    const b = s('灞桥区 工地 老王 欠 工资 农民工');
    const c = s('产假 工资 公司 降薪');
    expect(cosine(a, b)).toBeGreaterThan(0.6);
    expect(
      similarTo(a, [
        { id: 'b', words: b },
        { id: 'c', words: c },
      ]).map((x) => x.id),
    ).toEqual(['b']);
  });
});
