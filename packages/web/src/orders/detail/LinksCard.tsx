import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { channelLabels, stateLabels } from '../../shared/labels.js';

/** 关联工单: the orders linked to or merged into this one (LinksCard), and the merged requests read whole (AbsorbedCard). */
export function LinksCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.links.length && !order.mergedIntoId) return null;
  return (
    <Card size="small" title={t('关联工单')}>
      {order.mergedIntoId && (
        <div style={{ marginBottom: 6 }}>
          {t('已并入')} <Link to={`/orders/${order.mergedIntoId}`}>{t('查看合并后的工单')}</Link>
        </div>
      )}
      {order.links.map((l) => (
        <div key={l.orderId}>
          <Link to={`/orders/${l.orderId}`} className="order-number">
            {l.number}
          </Link>{' '}
          <Tag>{t(stateLabels[l.state as keyof typeof stateLabels] ?? l.state)}</Tag> <span className="muted small">{l.note}</span>
        </div>
      ))}
    </Card>
  );
}

/** The requests merged into this order, each in its caller's own words: the group case is read whole here. */
export function AbsorbedCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.absorbed.length) return null;
  return (
    <Card size="small" title={`${t('合并进来的诉求')}（${order.absorbed.length}）`} data-testid="absorbed">
      {order.absorbed.map((m) => (
        <div key={m.id} className="absorbed-request">
          <div className="muted small">
            <Link to={`/orders/${m.id}`} className="order-number">
              {m.number}
            </Link>{' '}
            · {t(channelLabels[m.channel as keyof typeof channelLabels] ?? m.channel)} · {formatTime(m.createdAt)} · {m.title}
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{m.narrative}</Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}
