import type { OrderState } from '../../api/types.js';
import type { T } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import type { HotTopics, OrderFlow, Trend } from '../api.js';
import { narrowBelow } from './use-width.js';

/** The cockpit's chart options (ECharts), built from the figures the API answered; nothing is computed here. */
export const openStates: OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'];

/**
 * A unit's name where room is short (a phone): what tells it from its siblings. A unit named after the federation it
 * belongs to keeps what follows the federation's name (内蒙古自治区总工会12351热线服务中心 → 12351热线服务中心); a
 * federation drops its 总工会 (呼和浩特市总工会 → 呼和浩特市). The full name stays in the tooltip.
 */
export function shortUnitName(name: string): string {
  const at = name.lastIndexOf('总工会');
  if (at < 0) return name;
  const after = name.slice(at + '总工会'.length);
  if (after) return after;
  return name.slice(0, at) || name;
}

/** The width a label of ECharts' default 12 px type takes, near enough: a CJK character 12 px, a Latin one about 7. */
const textWidth = (text: string, px = 12) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? px * 0.58 : px), 0);

/**
 * How many rows a horizontal legend wraps into at this width (ECharts wraps it but lays the grid out as if it were
 * one row, so the grid's top must make room for the rows itself).
 */
export function legendRows(labels: readonly string[], width: number, item: { icon: number; gap: number }): number {
  const room = width - 10; // the legend's padding, 5 px a side
  let rows = 1;
  let x = 0;
  for (const label of labels) {
    const w = item.icon + 5 + textWidth(label);
    if (x > 0 && x + w > room) {
      rows++;
      x = 0;
    }
    x += w + item.gap;
  }
  return rows;
}

/**
 * Open orders per unit (the twelve with most), stacked by state, laid out for the chart's width: the legend's rows
 * above the grid, and on a phone (narrow) the units' names shortened and the count axis with a few round ticks.
 */
export function flowOption(flow: OrderFlow, t: T, width: number | null = null) {
  const units = flow.units.slice(0, 12);
  const narrow = width !== null && width < narrowBelow;
  const names = openStates.map((s) => t(stateLabels[s]));
  const item = narrow ? { icon: 14, gap: 8 } : { icon: 25, gap: 10 };
  const rows = legendRows(names, width ?? 600, item);
  return {
    // The category is the unit's full name: the tooltip shows it, a click finds the unit by it.
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: item.icon, itemHeight: narrow ? 10 : 14, itemGap: item.gap },
    grid: { left: 8, right: 16, top: 16 + rows * 14 + (rows - 1) * item.gap, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: narrow ? 3 : 5, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      data: units.map((u) => u.unitName).reverse(),
      axisLabel: {
        ...(narrow ? { formatter: shortUnitName } : {}),
        // However long a name, the bars keep most of the width.
        width: Math.round((width ?? 600) * (narrow ? 0.34 : 0.4)),
        overflow: 'truncate',
      },
    },
    series: openStates.map((s, i) => ({ name: names[i], type: 'bar', stack: 'flow', data: units.map((u) => u.byState[s] ?? 0).reverse() })),
  };
}

const percentOf = (r: number | null) => (r === null ? null : +(r * 100).toFixed(1));

/**
 * Orders and completions as bars, on-time and satisfaction rates as lines on a second axis; the grid below the
 * legend's rows and the axes' names (on a phone the four names take two rows).
 */
export function trendOption(trend: Trend, t: T, width: number | null = null) {
  const names = [t('工单量'), t('办结'), t('按时办结率'), t('满意率')];
  const rows = legendRows(names, width ?? 600, { icon: 25, gap: 10 });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: rows === 1 ? 36 : 30 + rows * 14 + (rows - 1) * 10, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.points.map((p) => p.bucket.slice(5)) },
    yAxis: [
      { type: 'value', name: t('件') },
      { type: 'value', name: '%', max: 100, min: 0 },
    ],
    series: [
      { name: names[0], type: 'bar', data: trend.points.map((p) => p.ordersCreated) },
      { name: names[1], type: 'bar', data: trend.points.map((p) => p.completed) },
      { name: names[2], type: 'line', yAxisIndex: 1, connectNulls: true, data: trend.points.map((p) => percentOf(p.onTimeRate)) },
      { name: names[3], type: 'line', yAxisIndex: 1, connectNulls: true, data: trend.points.map((p) => percentOf(p.satisfactionRate)) },
    ],
  };
}

export function subjectOption(hot: HotTopics) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} ({d}%)' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: hot.subjects.map((s) => ({ name: s.name, value: s.count, code: s.code })),
        label: { formatter: '{b}\n{d}%' },
      },
    ],
  };
}

export function extensionOption(hot: HotTopics) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: hot.extensionReasons.map((r) => r.reason).reverse() },
    series: [{ type: 'bar', barMaxWidth: 28, data: hot.extensionReasons.map((r) => r.count).reverse(), itemStyle: { color: '#d48806' } }],
  };
}
