import { Badge, Button, Col, DatePicker, Row, Segmented, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrent } from '../../auth/session.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { watchFigures } from '../live.js';
import { analyticsApi, presetPeriod, today, type HotTopics, type Kpis, type OrderFlow, type Ranking, type Trend } from '../api.js';
import { ExchangeFigures } from '../ExchangeFigures.js';
import '../analytics.css';
import { FlowAndTrend, HotPanels, type Granularity } from './CockpitPanels.js';
import { KpiCards } from './KpiCards.js';
import { RankingCard } from './RankingCard.js';

const presets = [
  { value: 'today', label: '今日' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: '30d', label: '近30天' },
  { value: '90d', label: '近90天' },
] as const;

/** 驾驶舱: the figures of a period and a unit (the viewer's own, or one below), live, each drilling down to its orders. */
export default function CockpitPage() {
  const t = useT();
  const { current } = useCurrent();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  // Default: the last 30 days, so the cockpit says something on the 1st of a month too.
  const preset = (params.get('preset') ?? (params.get('from') ? '' : '30d')) as (typeof presets)[number]['value'] | '';
  const period = preset ? presetPeriod(preset) : { from: params.get('from') ?? today(), to: params.get('to') ?? today() };
  const [chosenGranularity, setGranularity] = useState<Granularity | null>(null);
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
  // Calls recorded: only the KPI cards carry call figures, so only they are read again (of the scope shown now).
  const scopeNow = useRef(scope);
  scopeNow.current = scope;
  const rereadKpis = useCallback(() => {
    const asked = scopeNow.current;
    analyticsApi.kpis(asked).then(
      // An answer for a period left meanwhile is dropped: the cards stay those of the period shown.
      (kpis) => scopeNow.current === asked && setData((d) => d && { ...d, kpis }),
      () => undefined, // the next change or the stream's return reads again
    );
  }, []);
  useEffect(() => watchFigures(unitId, { onChange: refetch, onCalls: rereadKpis, onStatus: setLive }), [unitId, refetch, rereadKpis]);

  const drill = (metric: string) =>
    `/orders?${new URLSearchParams({ view: 'all', metric, metricFrom: period.from, metricTo: period.to, unitId: data?.kpis.unit.id ?? current.unit.id }).toString()}`;
  const cockpitOf = (id: string) => `/cockpit?${new URLSearchParams({ unitId: id, ...(preset ? { preset } : period) }).toString()}`;
  const setPeriod = (p: Record<string, string>) => setParams({ ...(unitId ? { unitId } : {}), ...p });

  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (!data) return <Loading />;
  const { kpis, flow, trend, hot, ranking } = data;
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
        <KpiCards kpis={kpis} drill={drill} />
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <FlowAndTrend flow={flow} trend={trend} granularity={granularity} setGranularity={setGranularity} cockpitOf={cockpitOf} />
        <HotPanels hot={hot} kpis={kpis} drill={drill} period={period} />
        <Col xs={24}>
          <RankingCard ranking={ranking} measure={measure} setMeasure={setMeasure} cockpitOf={cockpitOf} />
        </Col>
        {unitId ? null : <ExchangeFigures />}
      </Row>
    </div>
  );
}
