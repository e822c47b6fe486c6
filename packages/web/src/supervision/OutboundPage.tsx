import { App, Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import { outboundApi, type Delivery } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { channelNames, deliveryStateNames } from './labels.js';

type Channel = 'all' | 'webhook' | 'sms' | 'phone';
const stateColors: Record<string, string> = { pending: 'blue', sent: 'green', failed: 'red', open: 'blue', done: 'green' };

/** Outbound deliveries (webhook, SMS, phone tasks): state, attempts and last error of each; a failed one is sent again. */
export default function OutboundPage() {
  const t = useT();
  const { message } = App.useApp();
  const [channel, setChannel] = useState<Channel>('all');
  const [failedOnly, setFailedOnly] = useState(false);
  const list = useLoad(
    () => outboundApi.deliveries({ ...(channel === 'all' ? {} : { channel }), ...(failedOnly ? { state: 'failed' as const } : {}) }),
    [channel, failedOnly],
  );
  const [retrying, setRetrying] = useState<string | null>(null);

  async function retry(d: Delivery) {
    setRetrying(d.id);
    try {
      await outboundApi.retry(d.id);
      message.success(t('已重新发送'));
      list.reload();
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setRetrying(null);
    }
  }

  return (
    <Card
      title={t('外发通知')}
      extra={
        <Space>
          <Segmented<Channel>
            value={channel}
            onChange={setChannel}
            options={[
              { value: 'all', label: t('全部') },
              { value: 'webhook', label: 'Webhook' },
              { value: 'sms', label: t('短信') },
              { value: 'phone', label: t('电话督办') },
            ]}
          />
          <Button type={failedOnly ? 'primary' : 'default'} danger={failedOnly} onClick={() => setFailedOnly((f) => !f)}>
            {t('只看失败')}
          </Button>
          <Button onClick={list.reload}>{t('刷新')}</Button>
        </Space>
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Delivery>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('没有外发通知')} /> }}
          columns={[
            { title: t('时间'), key: 'c', width: 140, render: (_, d) => formatTime(d.createdAt) },
            { title: t('渠道'), key: 'ch', width: 90, render: (_, d) => t(channelNames[d.channel] ?? d.channel) },
            {
              title: t('内容'),
              key: 'title',
              render: (_, d) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text ellipsis style={{ maxWidth: 380 }}>
                    {d.title}
                  </Typography.Text>
                  {d.orderId && (
                    <Link to={`/orders/${d.orderId}`} className="small">
                      {t('查看工单')}
                    </Link>
                  )}
                </Space>
              ),
            },
            {
              title: t('发送至'),
              key: 'target',
              render: (_, d) => (
                <Typography.Text ellipsis style={{ maxWidth: 220 }} className="small">
                  {d.target}
                </Typography.Text>
              ),
            },
            {
              title: t('状态'),
              key: 's',
              render: (_, d) => (
                <Space direction="vertical" size={0}>
                  <Tag color={stateColors[d.state]}>{t(deliveryStateNames[d.state] ?? d.state)}</Tag>
                  <span className="muted small">{t('尝试 {n} 次', { n: d.attempts })}</span>
                </Space>
              ),
            },
            {
              title: t('最近错误'),
              key: 'e',
              render: (_, d) =>
                d.lastError ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="danger" className="small">
                      {d.lastError}
                    </Typography.Text>
                    <span className="muted small">{formatTime(d.lastAttemptAt)}</span>
                  </Space>
                ) : (
                  <span className="muted">—</span>
                ),
            },
            {
              title: '',
              key: 'a',
              render: (_, d) =>
                d.state === 'failed' &&
                d.channel !== 'phone' && (
                  <Button size="small" loading={retrying === d.id} onClick={() => void retry(d)} data-testid="retry-delivery">
                    {t('重发')}
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
