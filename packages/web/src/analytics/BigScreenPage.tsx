import { useCallback, useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/i18n.js';
import { stateLabels } from '../shared/labels.js';
import type { OrderState } from '../api/types.js';
import {
  analyticsApi,
  pct,
  presetPeriod,
  today,
  watchFigures,
  yuan,
  type HotTopics,
  type Kpis,
  type OrderFlow,
  type Ranking,
  type Trend,
  type UrgentOrder,
} from './api.js';
import { EChart, echarts } from './EChart.js';
import './analytics.css';

type Screen = { today: Kpis; month: Kpis; flow: OrderFlow; hot: HotTopics; trend: Trend; weekly: Trend; ranking: Ranking; urgent: UrgentOrder[] };
const rotateMs = 15_000;
const panels = ['trend', 'types', 'extensions'] as const;

/** The wall of the command centre: 1920×1080, scaled to whatever screen it runs on. */
export default function BigScreenPage() {
  const t = useT();
  const [data, setData] = useState<Screen | null>(null);
  const [map, setMap] = useState<{ name: string; codes: Map<string, string> } | null | undefined>(undefined);
  const [nonce, setNonce] = useState(0);
  const [live, setLive] = useState(false);
  const [panel, setPanel] = useState(0);
  const [clock, setClock] = useState(() => new Date());
  const [scale, setScale] = useState(1);

  useEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / 1920, window.innerHeight / 1080));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  // The map ships with the server (a package of boundaries), registered once.
  useEffect(() => {
    analyticsApi
      .map()
      .then((m) => {
        if (!m.geoJson || !m.name) return setMap(null);
        echarts.registerMap(m.name, m.geoJson as never);
        const features = (m.geoJson as { features: { id: string; properties: { name: string } }[] }).features;
        setMap({ name: m.name, codes: new Map(features.map((f) => [f.id, f.properties.name])) });
      })
      .catch(() => setMap(null));
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    const d = today();
    // A rolling 30 days rather than the calendar month: the wall is never empty on the 1st.
    const month = presetPeriod('30d', d);
    const thirty = month;
    const twelveWeeks = { from: presetPeriod('90d', d).from, to: d };
    Promise.all([
      analyticsApi.kpis({ from: d, to: d }, ctl.signal),
      analyticsApi.kpis(month, ctl.signal),
      analyticsApi.flow(undefined, ctl.signal),
      analyticsApi.hot({ ...month, limit: 8 }, ctl.signal),
      analyticsApi.trend({ ...thirty, granularity: 'day' }, ctl.signal),
      analyticsApi.ranking({ ...month, measure: 'onTimeRate' }, ctl.signal),
      analyticsApi.urgent(undefined, ctl.signal),
      analyticsApi.trend({ ...twelveWeeks, granularity: 'week' }, ctl.signal),
    ])
      .then(([todayK, monthK, flow, hot, trend, ranking, urgent, weekly]) =>
        setData({ today: todayK, month: monthK, flow, hot, trend, weekly, ranking, urgent }),
      )
      .catch(() => undefined); // keep showing the last figures; the stream or the next tick tries again
    return () => ctl.abort();
  }, [nonce]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => watchFigures(undefined, refetch, setLive), [refetch]);
  useEffect(() => {
    // The clock ticks every second; the panels rotate; a slow re-read covers a day change at midnight.
    const tick = setInterval(() => setClock(new Date()), 1000);
    const rotate = setInterval(() => setPanel((p) => (p + 1) % panels.length), rotateMs);
    const reread = setInterval(refetch, 5 * 60_000);
    return () => {
      clearInterval(tick);
      clearInterval(rotate);
      clearInterval(reread);
    };
  }, [refetch]);

  const mapOption = useMemo(() => {
    if (!data || !map) return null;
    const rows = data.hot.divisions.cities.map((c) => ({ name: map.codes.get(c.code) ?? c.code, value: c.count }));
    const max = Math.max(1, ...rows.map((r) => r.value));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value?: number }) => `${p.name}<br/>${t('近30天工单')}：${Number.isFinite(p.value) ? p.value : 0}`,
      },
      visualMap: {
        min: 0,
        max,
        left: 20,
        bottom: 20,
        text: [t('多'), t('少')],
        calculable: true,
        inRange: { color: ['#0d2a4a', '#1f6fb2', '#36c6f4', '#ffd666'] },
        textStyle: { color: '#9fc7ff' },
      },
      series: [
        {
          type: 'map',
          map: map.name,
          roam: false,
          label: { show: true, color: '#e6f4ff', fontSize: 13 },
          itemStyle: { borderColor: '#4ea7ff', borderWidth: 1, areaColor: '#0d2a4a' },
          emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#faad14' } },
          data: rows,
        },
      ],
    };
  }, [data, map, t]);

  if (!data)
    return (
      <div className="bigscreen-shell">
        <div className="bigscreen-loading">{t('正在加载…')}</div>
      </div>
    );
  const { today: td, month, flow, hot, trend, weekly, ranking, urgent } = data;
  const open: OrderState[] = ['pending_dispatch', 'pending_sign', 'handling', 'replied', 'pending_callback'];
  const dark = { backgroundColor: 'transparent', textStyle: { color: '#cfe3ff' } };
  const satisfactionOption = {
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
        data: weekly.points.map((p) => (p.satisfactionRate === null ? null : +(p.satisfactionRate * 100).toFixed(1))),
      },
      {
        name: t('按时办结率'),
        type: 'line',
        smooth: true,
        connectNulls: true,
        data: weekly.points.map((p) => (p.onTimeRate === null ? null : +(p.onTimeRate * 100).toFixed(1))),
      },
    ],
    legend: { top: 0, textStyle: { color: '#cfe3ff' } },
  };
  const subjectsOption = {
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
  const rotating = {
    trend: {
      ...dark,
      title: { text: t('近30天受理与办结'), textStyle: { color: '#9fc7ff', fontSize: 16 } },
      grid: { left: 40, right: 16, top: 48, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { right: 0, top: 0, textStyle: { color: '#cfe3ff' } },
      xAxis: { type: 'category', data: trend.points.map((p) => p.bucket.slice(5)) },
      yAxis: { type: 'value', splitLine: { lineStyle: { color: '#1c3557' } } },
      series: [
        { name: t('工单量'), type: 'bar', data: trend.points.map((p) => p.ordersCreated), itemStyle: { color: '#1f6fb2' } },
        { name: t('办结'), type: 'line', data: trend.points.map((p) => p.completed), itemStyle: { color: '#73d13d' } },
      ],
    },
    types: {
      ...dark,
      title: { text: t('近30天诉求类型'), textStyle: { color: '#9fc7ff', fontSize: 16 } },
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '58%'],
          label: { color: '#cfe3ff', formatter: '{b} {d}%' },
          data: hot.types.map((s) => ({ name: s.name, value: s.count })),
        },
      ],
    },
    extensions: {
      ...dark,
      title: { text: `${t('近30天延期理由')}（${t('延期率')} ${pct(month.extensionRate)}）`, textStyle: { color: '#9fc7ff', fontSize: 16 } },
      grid: { left: 8, right: 40, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', data: hot.extensionReasons.map((r) => r.reason).reverse(), axisLabel: { color: '#cfe3ff' } },
      series: [
        {
          type: 'bar',
          data: hot.extensionReasons.map((r) => r.count).reverse(),
          label: { show: true, position: 'right', color: '#ffd666' },
          itemStyle: { color: '#d48806' },
        },
      ],
    },
  };
  const figure = (label: string, value: string, sub?: string) => (
    <div className="bs-figure">
      <div className="bs-figure-label">{t(label)}</div>
      <div className="bs-figure-value">{value}</div>
      {sub && <div className="bs-figure-sub">{sub}</div>}
    </div>
  );

  return (
    <div className="bigscreen-shell">
      <div className="bigscreen" style={{ transform: `scale(${scale})` }} data-testid="bigscreen">
        <header className="bs-header">
          <div className="bs-title">
            {td.unit.name} · {t('12351职工服务热线数据大屏')}
          </div>
          <div className="bs-clock">
            <span className={live ? 'bs-live' : 'bs-offline'}>{live ? t('实时') : t('重连中')}</span>
            {clock.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}
          </div>
        </header>
        <section className="bs-strip">
          {figure('今日来电', '—', t('暂无话务数据'))}
          {figure('今日受理（人次）', String(td.requests))}
          {figure('今日工单', String(td.ordersCreated), `${t('派单')} ${td.ordersDispatched}`)}
          {figure('在办工单', String(flow.open), `${t('超期')} ${flow.overdue}`)}
          {figure('近30天按时办结率', pct(month.onTimeRate), `${t('应办结')} ${month.dueInPeriod}`)}
          {figure('近30天满意率', pct(month.satisfactionRate), `${t('回访')} ${month.callbacks}`)}
          {figure('近30天追回金额（元）', yuan(month.amountRecoveredYuan), `${t('帮助职工')} ${month.workersHelped} ${t('人')}`)}
        </section>
        <section className="bs-left">
          <div className="bs-panel">
            <div className="bs-panel-title">{t('近30天热点诉求')}</div>
            <EChart theme="dark" option={subjectsOption} height={380} />
          </div>
          <div className="bs-panel">
            <div className="bs-panel-title">{t('满意率与按时办结率（按周，近13周）')}</div>
            <EChart theme="dark" option={satisfactionOption} height={300} />
          </div>
        </section>
        <section className="bs-center">
          <div className="bs-panel bs-map">
            <div className="bs-panel-title">{t('近30天工单地区分布')}</div>
            {mapOption ? (
              <EChart theme="dark" option={mapOption} height={470} />
            ) : (
              <div className="bs-rank">
                {hot.divisions.counties.slice(0, 12).map((c) => (
                  <div key={c.code} className="bs-rank-row">
                    <span>{c.code}</span>
                    <b>{c.count}</b>
                  </div>
                ))}
              </div>
            )}
          </div>
          <div className="bs-panel">
            <div className="bs-flow">
              {open.map((s) => (
                <div key={s} className="bs-flow-cell">
                  <div className="bs-figure-label">{t(stateLabels[s])}</div>
                  <div className="bs-flow-value">{flow.totals[s] ?? 0}</div>
                </div>
              ))}
            </div>
            <EChart theme="dark" option={rotating[panels[panel]!]} height={200} />
          </div>
        </section>
        <section className="bs-right">
          <div className="bs-panel">
            <div className="bs-panel-title">{t('在办紧急与风险工单')}</div>
            <div className="bs-urgent">
              {urgent.length === 0 && <div className="bs-muted">{t('暂无')}</div>}
              {urgent.slice(0, 8).map((u) => (
                <div key={u.id} className="bs-urgent-row">
                  <div className="bs-urgent-title">{u.title}</div>
                  <div className="bs-muted">
                    {u.unitName} · {t(stateLabels[u.state as OrderState] ?? u.state)}
                  </div>
                </div>
              ))}
            </div>
          </div>
          <div className="bs-panel">
            <div className="bs-panel-title">{t('近30天按时办结率排名')}</div>
            <div className="bs-rank">
              {ranking.units
                .filter((u) => u.rank !== null)
                .slice(0, 8)
                .map((u) => (
                  <div key={u.unitId} className="bs-rank-row">
                    <span className="bs-rank-no">{u.rank}</span>
                    <span className="bs-rank-name">{u.unitName}</span>
                    <b>{pct(u.value)}</b>
                  </div>
                ))}
            </div>
          </div>
        </section>
      </div>
    </div>
  );
}
