import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client.js';
import { reviewsApi } from '../../api/supervision.js';
import { useT } from '../../i18n/i18n.js';
import type { Meeting, MeetingItem } from './types.js';
import { meetingTitle } from './meeting-title.js';

export function MeetingCard({
  meeting: m,
  Reasons,
  orderCell,
  onChanged,
}: {
  meeting: Meeting;
  Reasons: (p: { reasons: string[] }) => ReactNode;
  orderCell: (o: { id: string; number: string; title: string }) => ReactNode;
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  async function complete(i: MeetingItem) {
    setBusy(i.id);
    try {
      await reviewsApi.completeItem(i.id);
      message.success(t('督办事项已办结'));
      onChanged();
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }
  const open = m.items.filter((i) => i.state === 'open').length;
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space wrap>
          <strong>{meetingTitle(m, t)}</strong>
          <span className="muted small">{t('{date} 召开，研判 {week} 起一周', { date: m.heldOn, week: m.weekStart })}</span>
          {open > 0 ? <Tag color="blue">{t('{n} 项督办中', { n: open })}</Tag> : <Tag color="green">{t('已全部办结')}</Tag>}
        </Space>
      }
      extra={<span className="muted small">{m.createdBy}</span>}
    >
      {(m.attendees || m.summary) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {m.attendees && `${t('{label}：', { label: t('参会人员') })}${m.attendees}`}
          {m.attendees && m.summary && <br />}
          {m.summary && `${t('{label}：', { label: t('会议纪要') })}${m.summary}`}
        </Typography.Paragraph>
      )}
      <Table<MeetingItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={m.items}
        columns={[
          { title: t('工单'), key: 'o', render: (_, i) => orderCell(i.order) },
          { title: t('上会原因'), key: 'r', render: (_, i) => <Reasons reasons={i.reasons} /> },
          { title: t('会议决定'), dataIndex: 'decision' },
          { title: t('责任单位'), key: 'u', render: (_, i) => i.owner.name },
          { title: t('完成期限'), dataIndex: 'dueOn' },
          {
            title: t('状态'),
            key: 's',
            render: (_, i) =>
              i.state === 'done' ? (
                <Tag color="green">{t('已办结')}</Tag>
              ) : i.overdue ? (
                <Tag color="red">{t('已超期')}</Tag>
              ) : (
                <Tag color="blue">{t('督办中')}</Tag>
              ),
          },
          {
            title: '',
            key: 'a',
            render: (_, i) =>
              i.state === 'open' && (
                <Button size="small" loading={busy === i.id} onClick={() => void complete(i)}>
                  {t('办结')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
