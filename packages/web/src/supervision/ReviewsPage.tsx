import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { reviewsApi } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { stateLabels } from '../shared/labels.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { reasonColors, reasonNames } from './labels.js';
import { MeetingCard } from './reviews/MeetingCard.js';
import { RecordMeeting } from './reviews/RecordMeeting.js';
import type { AgendaOrder } from './reviews/types.js';

/**
 * 周例会 (Shaanxi's Thursday review): the difficult orders of the week the next meeting reviews (the server's agenda:
 * on the review day last week, from the day after the week in progress), the meeting's decisions, the follow-ups.
 */
export default function ReviewsPage() {
  const t = useT();
  const { role } = useCurrent();
  const reviewer = role === 'supervisor' || role === 'leader';
  const seesAgenda = reviewer || role === 'dispatcher';
  const agenda = useLoad(() => (seesAgenda ? reviewsApi.agenda() : Promise.resolve(null)), [seesAgenda]);
  const meetings = useLoad(() => reviewsApi.meetings(), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [recording, setRecording] = useState(false);

  const Reasons = ({ reasons }: { reasons: string[] }) => (
    <Space size={2} wrap>
      {reasons.map((r) => (
        <Tag key={r} color={reasonColors[r]}>
          {t(reasonNames[r] ?? r)}
        </Tag>
      ))}
    </Space>
  );
  const orderCell = (o: { id: string; number: string; title: string }) => (
    <Space direction="vertical" size={0}>
      <Link to={`/orders/${o.id}`}>{o.number}</Link>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 300 }}>
        {o.title}
      </Typography.Text>
    </Space>
  );

  const a = agenda.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {seesAgenda && (
        <Card
          title={a ? t('周例会议程：{from} 至 {to}', { from: a.weekStart, to: dayjs(a.weekEnd).subtract(1, 'day').format('YYYY-MM-DD') }) : t('周例会议程')}
          extra={
            a && (
              <Space>
                <span className="muted small">{t('下次例会 {date}', { date: a.meetingDay })}</span>
                {reviewer && (
                  <Button type="primary" onClick={() => setRecording(true)} data-testid="record-meeting">
                    {selected.length ? t('记录会议（{n} 件）', { n: selected.length }) : t('记录会议')}
                  </Button>
                )}
              </Space>
            )
          }
        >
          {agenda.error ? (
            <ErrorState error={agenda.error} onRetry={agenda.reload} />
          ) : (
            <Table<AgendaOrder>
              size="small"
              rowKey="id"
              loading={agenda.loading}
              dataSource={a?.orders ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('该周没有需要研判的工单')} /> }}
              {...(reviewer ? { rowSelection: { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } } : {})}
              columns={[
                { title: t('工单'), key: 'o', render: (_, o) => orderCell(o) },
                { title: t('上会原因'), key: 'r', render: (_, o) => <Reasons reasons={o.reasons} /> },
                { title: t('承办单位'), key: 'u', render: (_, o) => o.holderUnit.name },
                { title: t('状态'), key: 's', render: (_, o) => t(stateLabels[o.state as keyof typeof stateLabels] ?? o.state) },
              ]}
            />
          )}
        </Card>
      )}
      <Card
        title={t('会议记录与督办事项')}
        extra={meetings.data && <span className="muted small">{t('下次例会 {date}', { date: meetings.data.nextMeetingOn })}</span>}
      >
        {meetings.error ? (
          <ErrorState error={meetings.error} onRetry={meetings.reload} />
        ) : !meetings.loading && !meetings.data?.meetings.length ? (
          <Empty description={t('还没有周例会记录')} />
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {(meetings.data?.meetings ?? []).map((m) => (
              <MeetingCard key={m.id} meeting={m} Reasons={Reasons} orderCell={orderCell} onChanged={meetings.reload} />
            ))}
          </Space>
        )}
      </Card>
      {reviewer && a && (
        <RecordMeeting
          open={recording}
          agenda={a}
          selected={selected}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            setSelected([]);
            meetings.reload();
          }}
        />
      )}
    </Space>
  );
}
