import { Empty, Spin } from 'antd';
import { Link } from 'react-router';
import type { OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatShortTime } from '../shared/format.js';
import { useCatalogNames } from '../shared/reference.js';
import { DeadlineTag, MarkerTags, PriorityTag, RiskTags, StateTag } from './order-tags.js';

/** A card's tag line only when it says something: an order with no running deadline (archived) shows none, not "—". */
const hasTags = (o: OrderSummary) => o.deadlines.current !== null || o.priority !== 'normal' || o.riskFlags.length > 0 || o.confidential || o.isGroup;

/**
 * The order list on a phone (below antd's md): one card per order instead of the table's row, which at 390 px showed
 * the order number and nothing else. The card holds what the row's columns do, stacked; the whole card is the link
 * that the row's click was.
 */
export function OrderCards({ orders, loading, now }: { orders: OrderSummary[]; loading: boolean; now: number }) {
  const t = useT();
  const names = useCatalogNames();
  if (!orders.length)
    return loading ? <Spin className="order-cards-loading" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('没有符合条件的工单')} />;
  return (
    <Spin spinning={loading}>
      <ul className="order-cards" aria-label={t('工单')}>
        {orders.map((o) => (
          <li key={o.id}>
            <Link
              to={`/orders/${o.id}`}
              className={o.deadlines.current?.status === 'overdue' ? 'order-card order-card-overdue' : 'order-card'}
              data-order={o.id}
            >
              <div className="order-card-head">
                <span className="order-number">{o.number}</span>
                <StateTag state={o.state} />
              </div>
              <div className="order-card-title">{o.title}</div>
              <div className="muted small ellipsis">{[names.type(o.typeCode), names.subject(o.subjectCode), o.employerName].filter(Boolean).join(' · ')}</div>
              {hasTags(o) && (
                <div className="order-card-tags">
                  {o.deadlines.current && (
                    <DeadlineTag deadline={o.deadlines.current} step={o.deadlines.currentStep} now={now} provisional={o.deadlineProvisional} />
                  )}
                  <PriorityTag priority={o.priority} />
                  <RiskTags flags={o.riskFlags} />
                  <MarkerTags confidential={o.confidential} isGroup={o.isGroup} callerCount={o.callerCount} />
                </div>
              )}
              <div className="order-card-foot muted small">
                <span className="ellipsis">
                  {t('承办单位')} {o.holderUnit.name}
                </span>
                <span className="order-card-time">
                  {t('受理于')} {formatShortTime(o.createdAt)}
                </span>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </Spin>
  );
}
