import { useI18n } from '../../i18n/i18n.js';
import { formatCompact, formatExact } from '../../shared/format.js';
import { pct, type Kpis, type OrderFlow } from '../api.js';
import { callsShown } from './call-figures.js';

/** `exact`: the whole figure, as the value's title, when the value is shortened to 万/亿 to fit its card. */
function Figure({ name, label, value, sub, exact }: { name: string; label: string; value: string; sub?: string | undefined; exact?: string }) {
  return (
    <div className="bs-figure" data-figure={name}>
      <div className="bs-figure-label">{label}</div>
      <div className="bs-figure-value" title={exact}>
        {value}
      </div>
      {sub && <div className="bs-figure-sub">{sub}</div>}
    </div>
  );
}

/** The row of headline figures across the top: today's calls and orders, what is open, the last 30 days' results. */
export function FigureStrip({ today, month, flow }: { today: Kpis; month: Kpis; flow: OrderFlow }) {
  const { t, lang } = useI18n();
  const calls = callsShown(today);
  // Counts and amounts in 万/亿 (zh) or K/M/B (en) once they are large: a whole 12-digit figure ran past its card.
  const count = (n: number) => formatCompact(n, lang, { grouping: false });
  const big = (n: number) => ({ value: count(n), exact: formatExact(n, lang) });
  return (
    <section className="bs-strip">
      <Figure
        name="calls"
        label={t('今日来电')}
        value={calls ? calls.offered : '—'}
        sub={calls ? t('接通 {answered} · 接通率 {rate}', { answered: calls.answered, rate: calls.answerRate }) : t('暂无话务数据')}
      />
      <Figure name="requests" label={t('今日受理（人次）')} {...big(today.requests)} />
      <Figure name="orders" label={t('今日工单')} {...big(today.ordersCreated)} sub={`${t('派单')} ${count(today.ordersDispatched)}`} />
      <Figure name="open" label={t('在办工单')} {...big(flow.open)} sub={`${t('超期')} ${count(flow.overdue)}`} />
      <Figure name="onTime" label={t('近30天按时办结率')} value={pct(month.onTimeRate)} sub={`${t('应办结')} ${month.dueInPeriod}`} />
      <Figure name="satisfaction" label={t('近30天满意率')} value={pct(month.satisfactionRate)} sub={`${t('回访')} ${month.callbacks}`} />
      <Figure
        name="recovered"
        label={t('近30天追回金额（元）')}
        value={formatCompact(month.amountRecoveredYuan, lang)}
        exact={formatExact(month.amountRecoveredYuan, lang)}
        sub={`${t('帮助职工')} ${count(month.workersHelped)} ${t('人')}`}
      />
    </section>
  );
}
