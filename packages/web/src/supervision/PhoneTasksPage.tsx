import { Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { outboundApi, type PhoneTasks } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { PhoneTaskOutcomeDialog } from './PhoneTaskOutcomeDialog.js';
import { TaskOrders } from './TaskOrders.js';

type Task = PhoneTasks['items'][number];
type Filter = 'todo' | 'done' | 'all';

/** 电话督办 (Zoucheng): each day, one call per unit about its near-due and overdue orders; done, or not reached and called again. */
export default function PhoneTasksPage() {
  const t = useT();
  const list = useLoad(() => outboundApi.phoneTasks(), []);
  const [filter, setFilter] = useState<Filter>('todo');
  const [recording, setRecording] = useState<Task | null>(null);
  const items = (list.data?.items ?? []).filter((x) => (filter === 'all' ? true : filter === 'done' ? x.state === 'done' : x.state !== 'done'));
  const todo = (list.data?.items ?? []).filter((x) => x.state !== 'done').length;

  return (
    <Card
      title={t('电话督办任务')}
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'todo', label: t('待致电 {n}', { n: todo }) },
            { value: 'done', label: t('已致电') },
            { value: 'all', label: t('全部') },
          ]}
        />
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Task>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('没有电话督办任务')} /> }}
          columns={[
            { title: t('日期'), dataIndex: 'day', width: 110 },
            {
              title: t('致电单位'),
              key: 'u',
              render: (_, x) => (
                <Space direction="vertical" size={0}>
                  <strong>{x.unit.name}</strong>
                  <span className="muted small">{x.unit.phone ?? t('未登记联系电话')}</span>
                </Space>
              ),
            },
            {
              title: t('涉及工单'),
              key: 'o',
              render: (_, x) => <TaskOrders orders={x.orders} />,
            },
            {
              title: t('结果'),
              key: 's',
              render: (_, x) =>
                x.state === 'done' ? (
                  <Space direction="vertical" size={0}>
                    <Tag color="green">{t('已致电')}</Tag>
                    <span className="muted small">
                      {x.doneBy} {formatTime(x.doneAt)}
                    </span>
                    {x.note && <Typography.Text type="secondary">{x.note}</Typography.Text>}
                  </Space>
                ) : x.state === 'failed' ? (
                  <Space direction="vertical" size={0}>
                    <Tag color="red">{t('未接通（{n} 次）', { n: x.attempts })}</Tag>
                    {x.lastError && <Typography.Text type="secondary">{x.lastError}</Typography.Text>}
                  </Space>
                ) : (
                  <Tag color="blue">{t('待致电')}</Tag>
                ),
            },
            {
              title: '',
              key: 'a',
              render: (_, x) =>
                x.state !== 'done' && (
                  <Button size="small" type="primary" onClick={() => setRecording(x)} data-testid={`phone-task-${x.unit.name}`}>
                    {t('记录结果')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <PhoneTaskOutcomeDialog
        task={recording}
        onClose={() => setRecording(null)}
        onDone={() => {
          setRecording(null);
          list.reload();
        }}
      />
    </Card>
  );
}
