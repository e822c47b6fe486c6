import { Card, Steps, Tag } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { hopSignText, hopStatusText, hopStepStatus } from './hop-line.js';

/** 流转路径: every unit the order went to, in order, with how each hop ended. */
export function HopsCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.hops.length) return null;
  return (
    <Card size="small" title={t('流转路径')}>
      <Steps
        size="small"
        orientation="vertical"
        current={order.hops.length - 1}
        items={order.hops.map((h) => ({
          title: `${h.fromUnit.name} → ${h.toUnit.name}`,
          status: hopStepStatus(h),
          content: (
            <div className="small">
              <div>
                {t('派出')} {formatTime(h.dispatchedAt)} · <Tag>{hopStatusText(h, t)}</Tag>
                {hopSignText(h, t)}
              </div>
              {h.note && <div className="muted">{h.note}</div>}
              {h.returnReason && (
                <div style={{ color: '#cf1322' }}>
                  {t('{label}：', { label: t('退单理由') })}
                  {h.returnReason}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
