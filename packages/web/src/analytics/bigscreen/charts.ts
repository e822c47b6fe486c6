import type { T } from '../../i18n/i18n.js';
import { pct, type HotTopics, type Kpis, type Trend } from '../api.js';

/** The big screen's chart options (ECharts), dark on the wall: built from the figures, no state of their own. */
const dark = { backgroundColor: 'transparent', textStyle: { color: '#cfe3ff' } };
const percentOf = (r: number | null) => (r === null ? null : +(r * 100).toFixed(1));

/** Satisfaction and on-time completion by week: two lines on 0–100. */
export function satisfactionOption(weekly: Trend, t: T) {
  return {
    ...dark,
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weekly.points.map((p) => p.bucket.slice(5)), axisLine: { lineStyle: { color: '#4a6a94' } } },
    yAxis: {
      type: 'value',
      min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 10) * 10),
      max: 100,
      splitLine: { lineStyle: { color: '#1c3557' } },
    },
    series: [
      {
        name: t('满意率'),
        type: 'line',
        smooth: true,
        connectNulls: true,
        areaStyle: { opacity: 0.2 },
        data: weekly.points.map((p) => percentOf(p.satisfactionRate)),
      },
      { name: t('按时办结率'), type: 'line', smooth: true, connectNulls: true, data: weekly.points.map((p) => percentOf(p.onTimeRate)) },
    ],
    legend: { top: 0, textStyle: { color: '#cfe3ff' } },
  };
}

/** The hot subjects as horizontal bars, the largest on top. */
export function subjectsOption(hot: HotTopics) {
  return {
    ...dark,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: hot.subjects.map((s) => s.name).reverse(), axisLabel: { color: '#cfe3ff', fontSize: 14 }, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: hot.subjects.map((s) => s.count).reverse(),
        label: { show: true, position: 'right', color: '#ffd666' },
        itemStyle: { color: '#36c6f4', borderRadius: 7 },
      },
    ],
  };
}

export const rotatingPanels = ['trend', 'types', 'extensions'] as const;
export type RotatingPanel = (typeof rotatingPanels)[number];

/** The panel under the order flow, one of three in turn: received and completed, request types, extension reasons. */
export function rotatingOption(panel: RotatingPanel, d: { trend: Trend; hot: HotTopics; month: Kpis }, t: T) {
  const title = (text: string) => ({ text, textStyle: { color: '#9fc7ff', fontSize: 16 } });
  switch (panel) {
    case 'trend':
      return {
        ...dark,
        title: title(t('近30天受理与办结')),
        grid: { left: 40, right: 16, top: 48, bottom: 28 },
        tooltip: { trigger: 'axis' },
        legend: { right: 0, top: 0, textStyle: { color: '#cfe3ff' } },
        xAxis: { type: 'category', data: d.trend.points.map((p) => p.bucket.slice(5)) },
        yAxis: { type: 'value', splitLine: { lineStyle: { color: '#1c3557' } } },
        series: [
          { name: t('工单量'), type: 'bar', data: d.trend.points.map((p) => p.ordersCreated), itemStyle: { color: '#1f6fb2' } },
          { name: t('办结'), type: 'line', data: d.trend.points.map((p) => p.completed), itemStyle: { color: '#73d13d' } },
        ],
      };
    case 'types':
      return {
        ...dark,
        title: title(t('近30天诉求类型')),
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            center: ['50%', '58%'],
            label: { color: '#cfe3ff', formatter: '{b} {d}%' },
            data: d.hot.types.map((s) => ({ name: s.name, value: s.count })),
          },
        ],
      };
    case 'extensions':
      return {
        ...dark,
        title: title(`${t('近30天延期理由')}（${t('延期率')} ${pct(d.month.extensionRate)}）`),
        grid: { left: 8, right: 40, top: 48, bottom: 8, containLabel: true },
        xAxis: { type: 'value', show: false },
        yAxis: { type: 'category', data: d.hot.extensionReasons.map((r) => r.reason).reverse(), axisLabel: { color: '#cfe3ff' } },
        series: [
          {
            type: 'bar',
            data: d.hot.extensionReasons.map((r) => r.count).reverse(),
            label: { show: true, position: 'right', color: '#ffd666' },
            itemStyle: { color: '#d48806' },
          },
        ],
      };
  }
}

/**
 * The province map coloured by the last 30 days' orders per city; a municipality's map has districts (its features are
 * keyed by six-digit county codes, which city codes such as 500100 never match), coloured by the orders per district.
 */
export function mapOption(
  hot: HotTopics,
  map: { name: string; level: 'city' | 'county'; codes: Map<string, string>; centres: Map<string, [number, number]> },
  t: T,
) {
  const areas = map.level === 'county' ? hot.divisions.counties : hot.divisions.cities;
  const rows = areas.map((c) => ({ name: map.codes.get(c.code) ?? c.code, value: c.count }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  const counts = new Map(rows.map((r) => [r.name, r.value]));
  // A municipality has 26–38 districts, its city centre's small and close together: smaller names.
  const fontSize = map.level === 'county' ? 11 : 12;
  return {
    // Transparent like the other panels (the dark theme would paint a black box behind the province).
    backgroundColor: 'transparent',
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value?: number }) => `${p.name}<br/>${t('近30天工单')}：${Number.isFinite(p.value) ? p.value : 0}`,
    },
    visualMap: {
      seriesIndex: 0,
      min: 0,
      max,
      left: 20,
      bottom: 20,
      text: [t('多'), t('少')],
      calculable: true,
      inRange: { color: ['#0d2a4a', '#1f6fb2', '#36c6f4', '#ffd666'] },
      textStyle: { color: '#9fc7ff' },
    },
    geo: {
      map: map.name,
      roam: false,
      label: { show: false },
      itemStyle: { borderColor: '#4ea7ff', borderWidth: 1, areaColor: '#0d2a4a' },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#faad14' } },
    },
    series: [
      { type: 'map', geoIndex: 0, data: rows },
      {
        // The names, as a layer of invisible points at each area's label point. Where two names collide ECharts keeps
        // the one whose point is larger (it ranks labels by their host's size; the map's own labels ranked by the
        // area's size, so 包头 hid 呼和浩特 whatever the orders): a point's size grows with the area's orders, so the
        // busier area keeps its name, and the wall always names where the work is.
        type: 'scatter',
        coordinateSystem: 'geo',
        silent: true,
        itemStyle: { color: 'transparent' },
        symbolSize: (v: [number, number, number]) => 2 + 30 * Math.sqrt(v[2] / max),
        // Outlined: a name over the busiest (yellow) area must stay readable.
        label: { show: true, formatter: '{b}', position: 'inside', color: '#e6f4ff', fontSize, textBorderColor: '#06182e', textBorderWidth: 2 },
        labelLayout: { hideOverlap: true },
        data: [...map.centres].map(([name, cp]) => ({ name, value: [cp[0], cp[1], counts.get(name) ?? 0] })),
      },
    ],
  };
}
