import { useT } from '../../i18n/i18n.js';
import { pct, yuan, type Kpis, type OrderFlow } from '../api.js';
import { callsShown } from './call-figures.js';

function Figure({ name, label, value, sub }: { name: string; label: string; value: string; sub?: string | undefined }) {
  return (
    <div className="bs-figure" data-figure={name}>
      <div className="bs-figure-label">{label}</div>
      <div className="bs-figure-value">{value}</div>
      {sub && <div className="bs-figure-sub">{sub}</div>}
    </div>
  );
}

/** The row of headline figures across the top: today's calls and orders, what is open, the last 30 days' results. */
export function FigureStrip({ today, month, flow }: { today: Kpis; month: Kpis; flow: OrderFlow }) {
  const t = useT();
  const calls = callsShown(today);
  return (
    <section className="bs-strip">
      <Figure
        name="calls"
        label={t('今日来电')}
        value={calls ? calls.offered : '—'}
        sub={calls ? t('接通 {answered} · 接通率 {rate}', { answered: calls.answered, rate: calls.answerRate }) : t('暂无话务数据')}
      />
      <Figure name="requests" label={t('今日受理（人次）')} value={String(today.requests)} />
      <Figure name="orders" label={t('今日工单')} value={String(today.ordersCreated)} sub={`${t('派单')} ${today.ordersDispatched}`} />
      <Figure name="open" label={t('在办工单')} value={String(flow.open)} sub={`${t('超期')} ${flow.overdue}`} />
      <Figure name="onTime" label={t('近30天按时办结率')} value={pct(month.onTimeRate)} sub={`${t('应办结')} ${month.dueInPeriod}`} />
      <Figure name="satisfaction" label={t('近30天满意率')} value={pct(month.satisfactionRate)} sub={`${t('回访')} ${month.callbacks}`} />
      <Figure
        name="recovered"
        label={t('近30天追回金额（元）')}
        value={yuan(month.amountRecoveredYuan)}
        sub={`${t('帮助职工')} ${month.workersHelped} ${t('人')}`}
      />
    </section>
  );
}
