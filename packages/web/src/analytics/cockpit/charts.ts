import type { OrderState } from '../../api/types.js';
import type { T } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import type { HotTopics, OrderFlow, Trend } from '../api.js';

/** The cockpit's chart options (ECharts), built from the figures the API answered; nothing is computed here. */
export const openStates: OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'];

/** Open orders per unit (the twelve with most), stacked by state. */
export function flowOption(flow: OrderFlow, t: T) {
  const units = flow.units.slice(0, 12);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: units.map((u) => u.unitName).reverse() },
    series: openStates.map((s) => ({ name: t(stateLabels[s]), type: 'bar', stack: 'flow', data: units.map((u) => u.byState[s] ?? 0).reverse() })),
  };
}

const percentOf = (r: number | null) => (r === null ? null : +(r * 100).toFixed(1));

/** Orders and completions as bars, on-time and satisfaction rates as lines on a second axis. */
export function trendOption(trend: Trend, t: T) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.points.map((p) => p.bucket.slice(5)) },
    yAxis: [
      { type: 'value', name: t('件') },
      { type: 'value', name: '%', max: 100, min: 0 },
    ],
    series: [
      { name: t('工单量'), type: 'bar', data: trend.points.map((p) => p.ordersCreated) },
      { name: t('办结'), type: 'bar', data: trend.points.map((p) => p.completed) },
      { name: t('按时办结率'), type: 'line', yAxisIndex: 1, connectNulls: true, data: trend.points.map((p) => percentOf(p.onTimeRate)) },
      { name: t('满意率'), type: 'line', yAxisIndex: 1, connectNulls: true, data: trend.points.map((p) => percentOf(p.satisfactionRate)) },
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
