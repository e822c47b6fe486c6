import { Button, Card, Table, Tag, Typography } from 'antd';
import type { CoHandler, OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { openStates } from '../views.js';

/**
 * 协办单位: the units invited to co-handle, their tasks and parts; removable while the lead unit handles. A part never
 * given is awaited while the order is open; once it is closed nobody waits for it any more: 未反馈.
 */
export function CoHandlersCard({ order, onRemove }: { order: OrderView; onRemove: (c: CoHandler) => void }) {
  const t = useT();
  if (!order.coHandlers.length) return null;
  const canRemove = order.allowedActions.includes('remove_co_handler');
  const closed = !openStates.includes(order.state);
  return (
    <Card size="small" title={t('协办单位')}>
      <Table<CoHandler>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={order.coHandlers}
        columns={[
          { title: t('单位'), render: (_v, c) => (c.removedAt ? <Typography.Text delete>{c.unit.name}</Typography.Text> : c.unit.name) },
          { title: t('协办任务'), dataIndex: 'task', render: (v: string | null) => v ?? '—' },
          {
            title: t('协办反馈'),
            render: (_v, c) =>
              c.removedAt ? (
                <Tag>{t('已移除')}</Tag>
              ) : c.partReply ? (
                <span>
                  {c.partReply} <span className="muted small">{formatTime(c.repliedAt)}</span>
                </span>
              ) : closed ? (
                <Tag>{t('未反馈')}</Tag>
              ) : (
                <Tag color="orange">{t('待反馈')}</Tag>
              ),
          },
          ...(canRemove
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_v: unknown, c: CoHandler) =>
                    !c.removedAt && (
                      <Button size="small" danger type="link" onClick={() => onRemove(c)}>
                        {t('移除')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
