import { Badge, Button, Card, Col, DatePicker, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { OrderState } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { stateLabels } from '../shared/labels.js';
import { ErrorState, Loading } from '../shell/states.js';
import {
  analyticsApi,
  pct,
  presetPeriod,
  today,
  watchFigures,
  yuan,
  type Figures,
  type HotTopics,
  type Kpis,
  type OrderFlow,
  type Ranking,
  type Trend,
} from './api.js';
import { EChart } from './EChart.js';
import { ExchangeFigures } from './ExchangeFigures.js';
import './analytics.css';

type Card = { key: keyof Figures; label: string; kind: 'count' | 'rate' | 'days' | 'yuan'; metric?: string; lowerIsBetter?: boolean };

/** The cards, in the order a leader reads them; `metric` names the order list behind the number (drill-down). */
const cards: Card[] = [
  { key: 'requests', label: '受理量（人次）', kind: 'count' },
  { key: 'ordersCreated', label: '工单量', kind: 'count', metric: 'ordersCreated' },
  { key: 'ordersDispatched', label: '派单量', kind: 'count', metric: 'ordersDispatched' },
  { key: 'dueInPeriod', label: '应办结', kind: 'count', metric: 'due' },
  { key: 'completedOnTime', label: '按时办结', kind: 'count', metric: 'completedOnTime' },
  { key: 'onTimeRate', label: '按时办结率', kind: 'rate' },
  { key: 'completionRate', label: '办结率', kind: 'rate' },
  { key: 'satisfactionRate', label: '满意率', kind: 'rate' },
  { key: 'selfRatingSatisfactionRate', label: '自评满意率', kind: 'rate' },
  { key: 'callbackRate', label: '回访率', kind: 'rate' },
  { key: 'returnRate', label: '回退率', kind: 'rate', lowerIsBetter: true },
  { key: 'extensionRate', label: '延期率', kind: 'rate', lowerIsBetter: true },
  { key: 'averageHandlingWorkingDays', label: '平均办理时长（工作日）', kind: 'days', lowerIsBetter: true },
  { key: 'firstContactResolutionRate', label: '一次性解答率', kind: 'rate' },
  { key: 'amountRecoveredYuan', label: '追回金额（元）', kind: 'yuan' },
  { key: 'workersHelped', label: '帮助职工（人）', kind: 'count' },
];

/** The call figures (kpis.md), computed by the calls capability: shown when the scope holds the hotline and calls exist. */
const callCards: {
  key: 'calls' | 'answerRate' | 'answerWithinRate' | 'abandonRate' | 'averageWaitSeconds' | 'averageTalkSeconds';
  label: string;
  kind: 'count' | 'rate' | 'seconds';
  lowerIsBetter?: boolean;
}[] = [
  { key: 'calls', label: '来电量', kind: 'count' },
  { key: 'answerRate', label: '接通率', kind: 'rate' },
  { key: 'answerWithinRate', label: '15秒接通率', kind: 'rate' },
  { key: 'abandonRate', label: '放弃率', kind: 'rate', lowerIsBetter: true },
  { key: 'averageWaitSeconds', label: '平均等待', kind: 'seconds', lowerIsBetter: true },
  { key: 'averageTalkSeconds', label: '平均通话', kind: 'seconds' },
];
const secs = (v: number | null) => (v === null ? '—' : `${Math.round(v)} s`);

const show = (v: number | null, kind: Card['kind']) => (v === null ? '—' : kind === 'rate' ? pct(v) : kind === 'yuan' ? yuan(v) : String(v));
const presets = [
  { value: 'today', label: '今日' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: '30d', label: '近30天' },
  { value: '90d', label: '近90天' },
] as const;
const measures = [
  { value: 'onTimeRate', label: '按时办结率' },
  { value: 'completionRate', label: '办结率' },
  { value: 'satisfactionRate', label: '满意率' },
  { value: 'timelySignRate', label: '及时签收率' },
  { value: 'returnRate', label: '回退率' },
  { value: 'extensionRate', label: '延期率' },
];
const openStates: OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'];

function Change({ value, lowerIsBetter, label }: { value: number | null | undefined; lowerIsBetter?: boolean | undefined; label: string }) {
  const t = useT();
  if (value === null || value === undefined) return <span className="kpi-change muted">{t(label)} —</span>;
  const good = lowerIsBetter ? value < 0 : value > 0;
  const cls = value === 0 ? 'muted' : good ? 'kpi-up' : 'kpi-down';
  return (
    <span className={`kpi-change ${cls}`}>
      {t(label)} {value > 0 ? '▲' : value < 0 ? '▼' : ''}
      {Math.abs(value).toFixed(1)}%
    </span>
  );
}

export default function CockpitPage() {
  const t = useT();
  const navigate = useNavigate();
  const { current } = useCurrent();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  // Default: the last 30 days, so the cockpit says something on the 1st of a month too.
  const preset = (params.get('preset') ?? (params.get('from') ? '' : '30d')) as (typeof presets)[number]['value'] | '';
  const period = preset ? presetPeriod(preset) : { from: params.get('from') ?? today(), to: params.get('to') ?? today() };
  const [chosenGranularity, setGranularity] = useState<'day' | 'week' | 'month' | null>(null);
  // Daily rates over a quarter jump between 0 and 100 %: a long period is shown by week unless the leader asks otherwise.
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  const granularity = chosenGranularity ?? (days > 180 ? 'month' : days > 45 ? 'week' : 'day');
  const [measure, setMeasure] = useState('onTimeRate');
  const [data, setData] = useState<{ kpis: Kpis; flow: OrderFlow; trend: Trend; hot: HotTopics; ranking: Ranking } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const [live, setLive] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const scope = useMemo(() => ({ from: period.from, to: period.to, unitId }), [period.from, period.to, unitId]);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    Promise.all([
      analyticsApi.kpis(scope, ctl.signal),
      analyticsApi.flow(unitId, ctl.signal),
      analyticsApi.trend({ ...scope, granularity }, ctl.signal),
      analyticsApi.hot({ ...scope, limit: 10 }, ctl.signal),
      analyticsApi.ranking({ ...scope, measure }, ctl.signal),
    ])
      .then(([kpis, flow, trend, hot, ranking]) => {
        setData({ kpis, flow, trend, hot, ranking });
        setUpdatedAt(new Date().toLocaleTimeString('zh-CN', { hour12: false }));
      })
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setError(e));
    return () => ctl.abort();
  }, [scope, granularity, measure, nonce]);

  // Live: the server says "changed", the page reads the same API again (no figure is computed here).
  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => watchFigures(unitId, refetch, setLive), [unitId, refetch]);

  const drill = (metric: string) =>
    `/orders?${new URLSearchParams({ view: 'all', metric, metricFrom: period.from, metricTo: period.to, unitId: data?.kpis.unit.id ?? current.unit.id }).toString()}`;
  const setPeriod = (p: Record<string, string>) => setParams({ ...(unitId ? { unitId } : {}), ...p });

  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (!data) return <Loading />;
  const { kpis, flow, trend, hot, ranking } = data;

  const flowOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: flow.units
        .slice(0, 12)
        .map((u) => u.unitName)
        .reverse(),
    },
    series: openStates.map((s) => ({
      name: t(stateLabels[s]),
      type: 'bar',
      stack: 'flow',
      data: flow.units
        .slice(0, 12)
        .map((u) => u.byState[s] ?? 0)
        .reverse(),
    })),
  };
  const trendOption = {
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
      {
        name: t('按时办结率'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: trend.points.map((p) => (p.onTimeRate === null ? null : +(p.onTimeRate * 100).toFixed(1))),
      },
      {
        name: t('满意率'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: trend.points.map((p) => (p.satisfactionRate === null ? null : +(p.satisfactionRate * 100).toFixed(1))),
      },
    ],
  };
  const subjectOption = {
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
  const extensionOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: hot.extensionReasons.map((r) => r.reason).reverse() },
    series: [{ type: 'bar', barMaxWidth: 28, data: hot.extensionReasons.map((r) => r.count).reverse(), itemStyle: { color: '#d48806' } }],
  };

  return (
    <div className="cockpit">
      <div className="cockpit-bar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('驾驶舱')} · {kpis.unit.name}
          </Typography.Title>
          {unitId && unitId !== current.unit.id && (
            <Button size="small" onClick={() => setParams(preset ? { preset } : { from: period.from, to: period.to })}>
              {t('返回本级')}
            </Button>
          )}
          <Tooltip title={live ? t('实时：数据变化后 5 秒内自动刷新') : t('实时连接中断，正在重连')}>
            <Badge status={live ? 'processing' : 'default'} text={`${t('更新于')} ${updatedAt ?? ''}`} />
          </Tooltip>
        </Space>
        <Space wrap>
          <Segmented
            value={preset || undefined}
            options={presets.map((p) => ({ value: p.value, label: t(p.label) }))}
            onChange={(v) => setPeriod({ preset: String(v) })}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(v) => v?.[0] && v[1] && setPeriod({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          />
          <Link to="/big-screen" target="_blank">
            {t('数据大屏')}
          </Link>
        </Space>
      </div>
      <div className="muted small cockpit-period">
        {t('统计期间')} {kpis.period.from} — {kpis.period.to}；
        <Link to={drill('invalidOrders')}>
          {t('无效工单')} {kpis.invalidOrders}
        </Link>
        （{t('不计入各项比率')}）；{t('环比')} {kpis.comparison.previous.from} — {kpis.comparison.previous.to}；{t('同比')} {kpis.comparison.lastYear.from} —{' '}
        {kpis.comparison.lastYear.to}
      </div>

      <Row gutter={[12, 12]}>
        {kpis.calls === null ? (
          <Col xs={12} sm={8} md={6} xl={3}>
            <Card size="small" className="kpi-card" data-kpi="calls">
              <div className="kpi-label">{t('来电量 / 接通率')}</div>
              <span className="kpi-value muted">{t('暂无话务数据')}</span>
            </Card>
          </Col>
        ) : (
          callCards.map((c) => (
            <Col key={c.key} xs={12} sm={8} md={6} xl={3}>
              <Card size="small" className="kpi-card" data-kpi={c.key}>
                <div className="kpi-label">{t(c.label)}</div>
                <span className="kpi-value">{c.kind === 'seconds' ? secs(kpis[c.key]) : show(kpis[c.key], c.kind)}</span>
                <div>
                  <Change value={kpis.comparison.previous.changePercent[c.key]} lowerIsBetter={c.lowerIsBetter} label="环比" />
                </div>
              </Card>
            </Col>
          ))
        )}
        {kpis.legalConsultations !== null && kpis.legalConsultations > 0 && (
          <Col xs={12} sm={8} md={6} xl={3}>
            <Card size="small" className="kpi-card" data-kpi="legalConsultations">
              <div className="kpi-label">{t('律师咨询')}</div>
              <Link to="/legal/lawyers" className="kpi-value">
                {kpis.legalConsultations}
              </Link>
            </Card>
          </Col>
        )}
        {cards.map((c) => {
          const v = kpis[c.key] as number | null;
          const body = <span className="kpi-value">{show(v, c.kind)}</span>;
          return (
            <Col key={c.key} xs={12} sm={8} md={6} xl={3}>
              <Card size="small" className="kpi-card" data-kpi={c.key}>
                <div className="kpi-label">{t(c.label)}</div>
                {c.metric ? (
                  <Link to={drill(c.metric)} title={t('查看这些工单')}>
                    {body}
                  </Link>
                ) : (
                  body
                )}
                <div>
                  <Change value={kpis.comparison.previous.changePercent[c.key]} lowerIsBetter={c.lowerIsBetter} label="环比" />
                  <Change value={kpis.comparison.lastYear.changePercent[c.key]} lowerIsBetter={c.lowerIsBetter} label="同比" />
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Space>
                {t('在办工单流转')}
                <Link to={`/orders?view=all&state=${openStates.join(',')}`}>
                  <Tag color="blue">
                    {t('在办')} {flow.open}
                  </Tag>
                </Link>
                <Link to="/orders?view=overdue">
                  <Tag color="red">
                    {t('超期')} {flow.overdue}
                  </Tag>
                </Link>
              </Space>
            }
          >
            <EChart
              option={flowOption}
              height={320}
              onClick={(p) => {
                const u = flow.units.find((x) => x.unitName === p.name);
                if (u) navigate(`/cockpit?${new URLSearchParams({ unitId: u.unitId, ...(preset ? { preset } : period) }).toString()}`);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('趋势')}
            extra={
              <Segmented
                size="small"
                value={granularity}
                onChange={(v) => setGranularity(v as typeof granularity)}
                options={[
                  { value: 'day', label: t('按日') },
                  { value: 'week', label: t('按周') },
                  { value: 'month', label: t('按月') },
                ]}
              />
            }
          >
            <EChart option={trendOption} height={320} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('诉求事项构成')}>
            <EChart
              option={subjectOption}
              height={300}
              onClick={(p) => {
                const s = hot.subjects.find((x) => x.name === p.name);
                if (s) navigate(`${drill('ordersCreated')}&subjectCode=${s.code}`);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('热点用人单位')}>
            <Table
              size="small"
              pagination={false}
              rowKey="name"
              dataSource={hot.employers}
              columns={[
                {
                  title: t('用人单位'),
                  dataIndex: 'name',
                  render: (n: string) => <Link to={`/orders?view=all&employer=${encodeURIComponent(n)}&from=${period.from}&to=${period.to}`}>{n}</Link>,
                },
                { title: t('件数'), dataIndex: 'count', width: 70, align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={`${t('延期理由')}（${t('延期率')} ${pct(kpis.extensionRate)}，${t('多次延期')} ${pct(kpis.repeatExtensionRate)}）`}>
            {hot.extensionReasons.length ? <EChart option={extensionOption} height={300} /> : <div className="muted">{t('本期无批准的延期')}</div>}
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={t('下级单位排名')}
            extra={
              <Select
                size="small"
                style={{ width: 140 }}
                value={measure}
                onChange={setMeasure}
                options={measures.map((m) => ({ value: m.value, label: t(m.label) }))}
              />
            }
          >
            <Table
              size="small"
              rowKey="unitId"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={ranking.units}
              columns={[
                { title: t('名次'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
                {
                  title: t('单位'),
                  dataIndex: 'unitName',
                  render: (n: string, r) => (
                    <Link to={`/cockpit?${new URLSearchParams({ unitId: r.unitId, ...(preset ? { preset } : period) }).toString()}`}>{n}</Link>
                  ),
                },
                { title: t(measures.find((m) => m.value === measure)!.label), dataIndex: 'value', render: (v: number | null) => <b>{pct(v)}</b> },
                { title: t('工单量'), render: (_: unknown, r) => r.figures.ordersCreated, align: 'right' },
                { title: t('应办结'), render: (_: unknown, r) => r.figures.dueInPeriod, align: 'right' },
                { title: t('按时办结率'), render: (_: unknown, r) => pct(r.figures.onTimeRate) },
                { title: t('满意率'), render: (_: unknown, r) => pct(r.figures.satisfactionRate) },
                { title: t('回退率'), render: (_: unknown, r) => pct(r.figures.returnRate) },
                { title: t('延期率'), render: (_: unknown, r) => pct(r.figures.extensionRate) },
                { title: t('平均办理时长（工作日）'), render: (_: unknown, r) => r.figures.averageHandlingWorkingDays ?? '—' },
              ]}
            />
          </Card>
        </Col>
        {unitId ? null : <ExchangeFigures />}
      </Row>
    </div>
  );
}
