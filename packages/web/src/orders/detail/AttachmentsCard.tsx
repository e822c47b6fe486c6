import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, List, Tag } from 'antd';
import { ordersApi } from '../../api/orders.js';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatBytes, formatTime } from '../../shared/format.js';
import { attachmentKindLabels } from '../../shared/labels.js';

/** 附件: the order's files, downloadable; the upload button where the role may add one. */
export function AttachmentsCard({ order, onUpload }: { order: OrderView; onUpload: (() => void) | null }) {
  const t = useT();
  if (!order.attachments.length && !onUpload) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t('附件')} <Tag>{order.attachments.length}</Tag>
        </span>
      }
      extra={
        onUpload && (
          <Button size="small" onClick={onUpload}>
            {t('上传附件')}
          </Button>
        )
      }
    >
      {order.attachments.length === 0 ? (
        <span className="muted">{t('暂无附件')}</span>
      ) : (
        <List
          size="small"
          dataSource={order.attachments}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="dl" href={ordersApi.attachmentUrl(order.id, a.id)} download={a.fileName}>
                  <DownloadOutlined /> {t('下载')}
                </a>,
              ]}
            >
              <div>
                <Tag>{t(attachmentKindLabels[a.kind] ?? a.kind)}</Tag>
                {a.fileName}{' '}
                <span className="muted small">
                  {formatBytes(a.size)} · {a.uploadedByUnit.name} · {formatTime(a.uploadedAt)}
                </span>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
