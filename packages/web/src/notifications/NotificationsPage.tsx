import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { notificationsApi, type NotificationItem } from '../api/supervision.js';
import { useI18n } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { EmptyState, ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';

const levelColors: Record<string, string> = { urgent: 'red', warning: 'orange', info: 'blue' };
const levelLabels: Record<string, string> = { urgent: '紧急', warning: '提醒', info: '通知' };

/**
 * Where a notification leads: its order, else the page its notice names (`data.path`, a path of this application, e.g.
 * a knowledge version to review); null when neither.
 */
export function notificationLink(n: { orderId: string | null; data: unknown }): string | null {
  if (n.orderId) return `/orders/${n.orderId}`;
  const path = (n.data as { path?: unknown } | null)?.path;
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : null;
}

/** The notification centre: newest first, unread ones bold; reading marks them read. */
export default function NotificationsPage() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<'all' | 'unread'>('unread');
  const { data, error, loading, reload, setData } = useLoad(
    (signal) => notificationsApi.list({ ...(filter === 'unread' ? { unread: 'true' } : {}), limit: 50 }, signal),
    // The server translates the stored notices by the interface language: read again when it changes.
    [filter, lang],
  );

  async function markRead(ids: string[] | 'all') {
    const r = await notificationsApi.markRead(ids === 'all' ? { all: true } : { ids });
    if (data)
      setData({
        ...data,
        unread: r.unread,
        items: data.items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n)),
      });
  }

  return (
    <Card
      title={
        <Space>
          {t('通知中心')}
          {data && <Tag color={data.unread ? 'red' : 'default'}>{t('未读 {n} 条', { n: data.unread })}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'unread')}
            options={[
              { value: 'unread', label: t('未读') },
              { value: 'all', label: t('全部') },
            ]}
          />
          <Button onClick={() => void markRead('all')} disabled={!data?.unread}>
            {t('全部标为已读')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <List<NotificationItem>
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <EmptyState text={filter === 'unread' ? t('没有未读通知') : t('暂无通知')} /> }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification"
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="read" size="small" type="link" onClick={() => void markRead([n.id])}>
                        {t('标为已读')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={levelColors[n.level] ?? 'blue'}>{t(levelLabels[n.level] ?? '通知')}</Tag>
                    {notificationLink(n) ? (
                      <Link to={notificationLink(n)!} onClick={() => !n.readAt && void markRead([n.id])} style={{ fontWeight: n.readAt ? 400 : 600 }}>
                        {n.title}
                      </Link>
                    ) : (
                      <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
                    )}
                  </Space>
                }
                description={
                  <>
                    {n.body && <Typography.Text type="secondary">{n.body}</Typography.Text>}
                    <div className="muted small">{formatTime(n.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
