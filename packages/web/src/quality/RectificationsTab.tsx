import { App, Button, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { qualityApi, type Rectification } from '../api/legal.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { rectStatus } from './labels.js';

/** 整改: the items the inspections left, each closed by its owner (or an inspector) with a note on what was done. */
export function RectificationsTab({
  rects,
  userId,
  inspector,
}: {
  rects: { data: { items: Rectification[] } | null; error: unknown; loading: boolean; reload: () => void };
  userId: string;
  inspector: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [closing, setClosing] = useState<Rectification | null>(null);
  const [note, setNote] = useState('');
  const rectColumns = [
    {
      title: t('质检对象'),
      key: 'order',
      render: (_: unknown, r: Rectification) => (r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> : t('通话')),
    },
    { title: t('整改项'), dataIndex: 'itemName' },
    { title: t('责任人'), key: 'owner', render: (_: unknown, r: Rectification) => r.owner.name },
    { title: t('整改期限'), key: 'due', render: (_: unknown, r: Rectification) => formatTime(r.dueAt) },
    { title: t('状态'), key: 'status', render: (_: unknown, r: Rectification) => <Tag color={rectStatus[r.status][1]}>{t(rectStatus[r.status][0])}</Tag> },
    { title: t('整改情况'), dataIndex: 'closedNote', ellipsis: true },
    {
      title: t('操作'),
      key: 'close',
      render: (_: unknown, r: Rectification) =>
        !r.closedAt && (r.owner.id === userId || inspector) ? (
          <Button size="small" onClick={() => (setClosing(r), setNote(''))}>
            {t('完成整改')}
          </Button>
        ) : null,
    },
  ];

  const closeRect = async () => {
    if (!closing) return;
    try {
      await qualityApi.closeRectification(closing.id, { note });
      setClosing(null);
      rects.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      {rects.error ? (
        <ErrorState error={rects.error} onRetry={rects.reload} />
      ) : (
        <Table<Rectification> rowKey="id" size="middle" loading={rects.loading} dataSource={rects.data?.items ?? []} columns={rectColumns} pagination={false} />
      )}
      <Modal open={!!closing} title={t('完成整改')} onCancel={() => setClosing(null)} onOk={closeRect} okButtonProps={{ disabled: note.trim().length < 2 }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('请说明整改情况')} />
      </Modal>
    </>
  );
}
