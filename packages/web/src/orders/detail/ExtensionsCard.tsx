import { Card, List, Tag } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';

/** 延期记录: the extensions asked for and how each was decided. */
export function ExtensionsCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.extensions.length) return null;
  return (
    <Card size="small" title={t('延期记录')}>
      <List
        size="small"
        dataSource={order.extensions}
        renderItem={(x) => (
          <List.Item>
            <div>
              <div>
                {x.requestedByUnit.name} · {formatTime(x.requestedAt)} ·{' '}
                {t('{from} 延至 {to}', { from: formatTime(x.previousDueAt), to: formatTime(x.requestedDueAt) })}{' '}
                {x.approved === null ? (
                  <Tag color="orange">{t('待审批')}</Tag>
                ) : x.approved ? (
                  <Tag color="green">{t('已同意')}</Tag>
                ) : (
                  <Tag color="red">{t('未同意')}</Tag>
                )}
              </div>
              <div className="muted small">
                {t('{label}：', { label: t('理由') })}
                {x.reason}
                {x.decisionNote && ` · ${t('{label}：', { label: t('审批意见') })}${x.decisionNote}`}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
