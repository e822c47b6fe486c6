import { describe, expect, it } from 'vitest';
import type { OrderFlow } from '../api.js';
import { flowOption, legendRows, shortUnitName, trendOption } from './charts.js';

const t = (s: string) => s;
const english: Record<string, string> = {
  待派单: 'To dispatch',
  待签收: 'To sign for',
  退单待审: 'Returned',
  办理中: 'Handling',
  待审核: 'To review',
  待回访: 'To call back',
  回访不满意: 'Dissatisfied callback',
  工单量: 'Orders',
  办结: 'Completed',
  按时办结率: 'On-time completion rate',
  满意率: 'Satisfaction rate',
};
const states = ['待派单', '待签收', '退单待审', '办理中', '待审核', '待回访', '回访不满意'];
const en = (s: string) => english[s] ?? s;

const names = ['内蒙古自治区总工会12351热线服务中心', '呼和浩特市总工会', '锡林郭勒盟总工会', '包头市总工会'];
const flow = {
  unit: { id: 'p', name: '内蒙古自治区总工会' },
  at: '2026-12-05T10:00:00Z',
  totals: {},
  open: 62,
  overdue: 40,
  units: names.map((unitName, i) => ({ unitId: `u${i}`, unitName, total: 30 - i, overdue: 0, byState: { pending_dispatch: 30 - i } })),
} as OrderFlow;

type FlowOption = ReturnType<typeof flowOption>;
const formatter = (o: FlowOption) => (o.yAxis.axisLabel as { formatter?: (n: string) => string }).formatter;

describe('a unit’s short name (the cockpit on a phone)', () => {
  it('keeps what tells a unit from its siblings; the full name stays the category', () => {
    expect(names.map(shortUnitName)).toEqual(['12351热线服务中心', '呼和浩特市', '锡林郭勒盟', '包头市']);
    expect(shortUnitName('内蒙古自治区总工会劳模律师调解工作室')).toBe('劳模律师调解工作室');
    expect(shortUnitName('某某公司工会')).toBe('某某公司工会');
    expect(shortUnitName('总工会')).toBe('总工会');
  });
});

describe('the order-flow chart, laid out for its width', () => {
  it('at 340 px (a 390 px phone): the legend’s rows above the grid, short names cut to a third, a few round ticks', () => {
    for (const tr of [t, en]) {
      const o = flowOption(flow, tr, 340);
      const rows = legendRows(states.map(tr), 340, { icon: 14, gap: 8 });
      expect(rows).toBeGreaterThan(1);
      // Each row is 14 px high and 8 apart: the grid starts below the last one.
      expect(o.grid.top).toBeGreaterThanOrEqual(rows * 14 + (rows - 1) * 8 + 5);
      expect(o.xAxis).toMatchObject({ minInterval: 1, splitNumber: 3, axisLabel: { hideOverlap: true } });
      expect(o.yAxis.data).toEqual([...names].reverse());
      expect(formatter(o)?.(names[0]!)).toBe('12351热线服务中心');
      expect(o.yAxis.axisLabel).toMatchObject({ overflow: 'truncate' });
      expect(o.yAxis.axisLabel.width).toBeLessThanOrEqual(120);
    }
    // The English legend is the longer one: three rows at this width.
    expect(legendRows(states.map(en), 340, { icon: 14, gap: 8 })).toBe(3);
  });

  it('wide (a desk’s half page): full names, one legend row in Chinese, two in English', () => {
    const o = flowOption(flow, t, 700);
    expect(formatter(o)).toBeUndefined();
    expect(o.xAxis.splitNumber).toBe(5);
    expect(legendRows(states, 700, { icon: 25, gap: 10 })).toBe(1);
    expect(legendRows(states.map(en), 580, { icon: 25, gap: 10 })).toBe(2);
    expect(flowOption(flow, en, 580).grid.top).toBeGreaterThan(o.grid.top);
  });
});

describe('the trend chart, laid out for its width', () => {
  const trend = { unit: { id: 'p', name: 'p' }, granularity: 'day', points: [] } as unknown as Parameters<typeof trendOption>[0];
  it('keeps its grid below a legend of two rows and the axes’ names on a phone, as before on a desk', () => {
    expect(trendOption(trend, t, 700).grid.top).toBe(36);
    // Reckoned at two rows or more (a guess erring on the wide side: a gap rather than an overlap).
    expect(legendRows(['Orders', 'Completed', 'On-time completion rate', 'Satisfaction rate'], 340, { icon: 25, gap: 10 })).toBeGreaterThanOrEqual(2);
    // Two rows end 5 + 14 + 10 + 14 = 43 px down; the axes' names stand about 15 px above the grid.
    expect(trendOption(trend, en, 340).grid.top).toBeGreaterThanOrEqual(43 + 15);
  });
});
