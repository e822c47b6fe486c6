import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { applyServerErrors } from '../api/form-errors.js';
import { isApiError } from '../api/client.js';
import { reviewsApi, type ReviewAgenda, type ReviewMeetings } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { stateLabels } from '../shared/labels.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { reasonColors, reasonNames } from './labels.js';

type AgendaOrder = ReviewAgenda['orders'][number];
type Meeting = ReviewMeetings['meetings'][number];
type MeetingItem = Meeting['items'][number];
type FormValues = {
  heldOn: Dayjs;
  title?: string;
  attendees?: string;
  summary?: string;
  items: { orderId: string; number: string; reasons: AgendaOrder['reasons']; decision: string; ownerUnitId: string; dueOn: Dayjs }[];
};

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 周例会 (Shaanxi's Thursday review): last week's difficult orders, the meeting's decisions, the follow-ups until done. */
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
              locale={{ emptyText: <Empty description={t('上周没有需要研判的工单')} /> }}
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

function MeetingCard({
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
          <strong>{m.title}</strong>
          <span className="muted small">{t('{date} 召开，研判 {week} 起一周', { date: m.heldOn, week: m.weekStart })}</span>
          {open > 0 ? <Tag color="blue">{t('{n} 项督办中', { n: open })}</Tag> : <Tag color="green">{t('已全部办结')}</Tag>}
        </Space>
      }
      extra={<span className="muted small">{m.createdBy}</span>}
    >
      {(m.attendees || m.summary) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {m.attendees && `${t('参会人员')}：${m.attendees}`}
          {m.attendees && m.summary && <br />}
          {m.summary && `${t('会议纪要')}：${m.summary}`}
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

/** The meeting's record: for each order chosen from the agenda, the decision, the unit that owns it and its due date. */
function RecordMeeting({
  open,
  agenda,
  selected,
  onClose,
  onDone,
}: {
  open: boolean;
  agenda: ReviewAgenda;
  selected: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const chosen = agenda.orders.filter((o) => selected.includes(o.id));
  const initial = {
    heldOn: dayjs(agenda.meetingDay),
    items: chosen.map((o) => ({
      orderId: o.id,
      number: o.number,
      reasons: o.reasons,
      decision: '',
      ownerUnitId: o.holderUnit.id,
      dueOn: dayjs().add(7, 'day'),
    })),
  };

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    setProblems([]);
    try {
      await reviewsApi.createMeeting({
        heldOn: day(v.heldOn),
        weekStart: agenda.weekStart,
        ...(v.title ? { title: v.title } : {}),
        ...(v.attendees ? { attendees: v.attendees } : {}),
        ...(v.summary ? { summary: v.summary } : {}),
        items: (v.items ?? []).map((i) => ({ orderId: i.orderId, reasons: i.reasons, decision: i.decision, ownerUnitId: i.ownerUnitId, dueOn: day(i.dueOn) })),
      });
      message.success(t('周例会已记录，督办事项已通知责任单位'));
      form.resetFields();
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e, { heldOn: ['heldOn'] }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      width={860}
      title={t('记录周例会')}
      okText={t('保存并下达督办事项')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t('会议日期')} rules={[{ required: true, message: t('请填写会议日期') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="title" label={t('标题')} style={{ width: 360 }}>
            <Input placeholder={t('默认为“日期 + 周例会”')} maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item name="attendees" label={t('参会人员')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="summary" label={t('会议纪要')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {chosen.length === 0 && <Typography.Paragraph type="secondary">{t('在议程中勾选工单，为每件工单记录会议决定。')}</Typography.Paragraph>}
        <Form.List name="items">
          {(fields) =>
            fields.map((f) => {
              const o = chosen[f.name];
              return (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={o ? `${o.number} ${o.title}` : ''}>
                  <Form.Item name={[f.name, 'decision']} label={t('会议决定')} rules={[{ required: true, whitespace: true, message: t('请填写会议决定') }]}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid="review-decision" />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'ownerUnitId']}
                      label={t('责任单位')}
                      rules={[{ required: true, message: t('请选择责任单位') }]}
                      style={{ width: 360 }}
                    >
                      <UnitPicker />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueOn']} label={t('完成期限')} rules={[{ required: true, message: t('请填写完成期限') }]}>
                      <DatePicker />
                    </Form.Item>
                  </Space>
                </Card>
              );
            })
          }
        </Form.List>
        {problems.length > 0 && <Typography.Text type="danger">{problems.join('；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
