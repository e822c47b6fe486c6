import { Card, Col } from 'antd';
import { Link } from 'react-router';
import { useI18n, useT, type Lang } from '../../i18n/i18n.js';
import { formatCompact, formatExact } from '../../shared/format.js';
import { pct, type Figures, type Kpis } from '../api.js';

type Kind = 'count' | 'rate' | 'days' | 'yuan';
type KpiCard = { key: keyof Figures; label: string; kind: Kind; metric?: string; lowerIsBetter?: boolean };

/** The cards, in the order a leader reads them; `metric` names the order list behind the number (drill-down). */
const cards: KpiCard[] = [
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
/** Counts and amounts in 万/亿 (zh) or K/M/B (en) once large, so a card never overflows; the exact figure is its title. */
const show = (v: number | null, kind: Kind, lang: Lang) =>
  v === null
    ? '—'
    : kind === 'rate'
      ? pct(v)
      : kind === 'yuan'
        ? formatCompact(v, lang)
        : kind === 'count'
          ? formatCompact(v, lang, { grouping: false })
          : String(v);
const exactOf = (v: number | null, kind: Kind, lang: Lang) => (v !== null && (kind === 'yuan' || kind === 'count') ? formatExact(v, lang) : undefined);

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

/** The KPI cards: calls first (or "no call data"), lawyers' consultations, then the orders' figures with drill-downs. */
export function KpiCards({ kpis, drill }: { kpis: Kpis; drill: (metric: string) => string }) {
  const { t, lang } = useI18n();
  return (
    <>
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
              <span className="kpi-value" title={c.kind === 'count' ? exactOf(kpis[c.key], c.kind, lang) : undefined}>
                {c.kind === 'seconds' ? secs(kpis[c.key]) : show(kpis[c.key], c.kind, lang)}
              </span>
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
        const body = (
          <span className="kpi-value" title={exactOf(v, c.kind, lang)}>
            {show(v, c.kind, lang)}
          </span>
        );
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
    </>
  );
}
