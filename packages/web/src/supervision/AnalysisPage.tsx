import { Button, Card, DatePicker, Empty, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { reviewsApi, type AnalysisItem } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { analysisStateNames } from './labels.js';
import { AddAnalysisItemDialog, EditAnalysisItemDialog } from './AnalysisItemDialogs.js';

const stateColors: Record<string, string> = { open: 'red', rectifying: 'blue', evaluated: 'green' };

/** 月度研判: problem → measures → evaluation of effect, each with owner and due date; open items carried forward. */
export default function AnalysisPage() {
  const t = useT();
  const { role } = useCurrent();
  const writer = role === 'supervisor' || role === 'leader';
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const list = useLoad(() => reviewsApi.analysis(month.format('YYYY-MM')), [month.format('YYYY-MM')]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AnalysisItem | null>(null);

  return (
    <Card
      title={t('月度研判')}
      extra={
        <Space>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
          {writer && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('新增问题')}
            </Button>
          )}
        </Space>
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AnalysisItem>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('本月还没有研判事项')} /> }}
          columns={[
            {
              title: t('问题'),
              key: 'p',
              render: (_, i) => (
                <Space direction="vertical" size={0}>
                  <span>{i.problem}</span>
                  {i.carried && <Tag color="orange">{t('{month} 结转', { month: i.month })}</Tag>}
                </Space>
              ),
            },
            { title: t('整改措施'), key: 'm', render: (_, i) => i.measures || <span className="muted">—</span> },
            { title: t('成效评估'), key: 'e', render: (_, i) => i.evaluation || <span className="muted">—</span> },
            { title: t('责任单位'), key: 'o', render: (_, i) => i.owner.name },
            { title: t('完成期限'), dataIndex: 'dueOn' },
            { title: t('状态'), key: 's', render: (_, i) => <Tag color={stateColors[i.state]}>{t(analysisStateNames[i.state] ?? i.state)}</Tag> },
            {
              title: '',
              key: 'a',
              render: (_, i) =>
                writer &&
                i.state !== 'evaluated' && (
                  <Button size="small" onClick={() => setEditing(i)}>
                    {i.state === 'open' ? t('填写措施') : t('评估成效')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <AddAnalysisItemDialog
        open={adding}
        month={month.format('YYYY-MM')}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <EditAnalysisItemDialog
        item={editing}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </Card>
  );
}
