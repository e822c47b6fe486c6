import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reviewsApi, type Circular } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { GenerateCircular } from './GenerateCircular.js';
import { PublishCircularDialog } from './PublishCircularDialog.js';

type Row = Circular['rows'][number];

/** 通报: a month's notice of units' overdue, returned and dissatisfied orders — generated, reviewed, published. */
export default function CircularsPage() {
  const t = useT();
  const { role } = useCurrent();
  const writer = role === 'supervisor' || role === 'leader';
  const list = useLoad(() => reviewsApi.circulars(), []);
  const [publishing, setPublishing] = useState<Circular | null>(null);

  return (
    <Card title={t('月度通报')} extra={writer && <GenerateCircular onGenerated={() => list.reload()} />}>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.loading && !list.data?.items.length ? (
        <Empty description={t('还没有通报')} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {(list.data?.items ?? []).map((c) => (
            <Card
              key={c.id}
              size="small"
              type="inner"
              data-testid={`circular-${c.month}`}
              title={
                <Space wrap>
                  <strong>{t('{month} 月度通报', { month: c.month })}</strong>
                  {c.state === 'published' ? <Tag color="green">{t('已发布')}</Tag> : <Tag color="gold">{t('草稿')}</Tag>}
                  <span className="muted small">
                    {c.state === 'published'
                      ? t('{name} 于 {time} 发布', { name: c.publishedBy ?? '', time: formatTime(c.publishedAt) })
                      : t('生成于 {time}', { time: formatTime(c.generatedAt) })}
                  </span>
                </Space>
              }
              extra={
                c.state === 'draft' &&
                role === 'supervisor' && (
                  <Button size="small" type="primary" onClick={() => setPublishing(c)}>
                    {t('审核发布')}
                  </Button>
                )
              }
            >
              {c.remarks && <Typography.Paragraph>{c.remarks}</Typography.Paragraph>}
              <Table<Row>
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={c.rows}
                locale={{ emptyText: t('本月各单位没有超期、退单或不满意工单') }}
                columns={[
                  { title: t('单位'), dataIndex: 'unitName' },
                  { title: t('超期'), dataIndex: 'overdue', render: (n: number) => (n ? <strong style={{ color: '#cf1322' }}>{n}</strong> : 0) },
                  { title: t('退单'), dataIndex: 'returned' },
                  { title: t('回访不满意'), dataIndex: 'dissatisfied' },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
      <PublishCircularDialog
        circular={publishing}
        onClose={() => setPublishing(null)}
        onDone={() => {
          setPublishing(null);
          list.reload();
        }}
      />
    </Card>
  );
}
