import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { lawyersApi, type LawyerShifts, type LawyerTransfer } from '../api/lawyers.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { RosterEditor } from './RosterEditor.js';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
const keepers = ['supervisor', 'administrator'];
const figureRoles = ['supervisor', 'leader', 'dispatcher', 'inspector', 'administrator', 'lawyer'];

/** 律师座席: the shifts the roster makes (with swaps), the transfers and consultations, the figures per lawyer, the roster. */
export default function LawyerSeatsPage() {
  const t = useT();
  const { role } = useCurrent();
  const shifts = useLoad((signal) => lawyersApi.shifts({}, signal), []);
  if (shifts.error) return <ErrorState error={shifts.error} onRetry={shifts.reload} />;
  if (!shifts.data) return <Loading />;
  const s = shifts.data;
  const tabs = [
    { key: 'shifts', label: t('值班安排'), children: <ShiftsTab shifts={s} onChanged={shifts.reload} /> },
    { key: 'transfers', label: role === 'lawyer' ? t('转给我的咨询') : t('转律师记录'), children: <TransfersTab /> },
    ...(figureRoles.includes(role) ? [{ key: 'figures', label: t('律师统计'), children: <FiguresTab /> }] : []),
    ...(keepers.includes(role) ? [{ key: 'roster', label: t('值班表设置'), children: <RosterEditor shifts={s} onSaved={shifts.reload} /> }] : []),
  ];
  return (
    <div data-testid="lawyer-seats">
      <Typography.Title level={4}>{t('律师座席')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t('今日值班律师')}：</span>
        {s.onDuty.length ? (
          s.onDuty.map((l) => <Tag key={l.id} color="purple">{`${l.name}（${l.firm}）${l.phone}`}</Tag>)
        ) : (
          <span className="muted">{t('今日无值班律师')}</span>
        )}
      </Space>
      <Tabs items={tabs} defaultActiveKey={role === 'lawyer' ? 'transfers' : 'shifts'} />
    </div>
  );
}

function ShiftsTab({ shifts, onChanged }: { shifts: LawyerShifts; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const lawyersOn = (date: string | undefined) => shifts.days.find((d) => d.date === date)?.lawyers ?? [];
  const date = Form.useWatch('date', form) as string | undefined;
  const withDate = Form.useWatch('withDate', form) as string | undefined;
  const workdays = shifts.days.filter((d) => d.workday && d.date >= shifts.today).map((d) => ({ value: d.date, label: d.date }));
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await lawyersApi.swap(v);
      message.success(t('已换班'));
      setOpen(false);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {(keepers.includes(role) || role === 'lawyer') && (
        <Button style={{ marginBottom: 8 }} onClick={() => (form.resetFields(), setOpen(true))}>
          {t('换班')}
        </Button>
      )}
      <Table
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={shifts.days}
        rowClassName={(d) => (d.date === shifts.today ? 'row-today' : '')}
        columns={[
          { title: t('日期'), dataIndex: 'date', render: (d: string) => `${d}（${t(`周${weekdays[new Date(`${d}T00:00:00Z`).getUTCDay()]}`)}）` },
          {
            title: t('值班律师'),
            render: (_: unknown, d: LawyerShifts['days'][number]) =>
              d.workday ? (
                d.lawyers.map((l) => (
                  <Tag key={l.id} color={l.swapId ? 'orange' : 'blue'}>
                    {l.name}
                    {l.swapId ? `（${t('换班')}）` : ''}
                  </Tag>
                ))
              ) : (
                <span className="muted">{t('休息日')}</span>
              ),
          },
        ]}
      />
      {shifts.swaps.length > 0 && (
        <Card size="small" title={t('换班记录')} style={{ marginTop: 12 }}>
          {shifts.swaps.map((s) => (
            <div key={s.id} className="small">
              {s.lawyer.name} {s.date} ⇄ {s.withLawyer.name} {s.withDate} · {s.reason} · {s.byName} {formatTime(s.at)}
              {!s.applied && <Tag style={{ marginLeft: 4 }}>{t('值班表已变更，未生效')}</Tag>}
            </div>
          ))}
        </Card>
      )}
      <Modal open={open} title={t('换班')} onCancel={() => setOpen(false)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Space>
            <Form.Item name="date" label={t('日期')} rules={[{ required: true, message: t('请选择日期') }]}>
              <Select style={{ width: 140 }} options={workdays} />
            </Form.Item>
            <Form.Item name="lawyerId" label={t('律师')} rules={[{ required: true, message: t('请选择律师') }]}>
              <Select style={{ width: 160 }} options={lawyersOn(date).map((l) => ({ value: l.id, label: l.name }))} />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="withDate" label={t('对方日期')} rules={[{ required: true, message: t('请选择日期') }]}>
              <Select style={{ width: 140 }} options={workdays} />
            </Form.Item>
            <Form.Item name="withLawyerId" label={t('对方律师')} rules={[{ required: true, message: t('请选择律师') }]}>
              <Select style={{ width: 160 }} options={lawyersOn(withDate).map((l) => ({ value: l.id, label: l.name }))} />
            </Form.Item>
          </Space>
          <Form.Item name="reason" label={t('换班原因')} rules={[{ required: true, min: 2, message: t('请填写换班原因') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TransfersTab() {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const list = useLoad(() => lawyersApi.transfers(), []);
  const [recording, setRecording] = useState<LawyerTransfer | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    if (!recording) return;
    try {
      await lawyersApi.consult(recording.id, { question: v.question, advice: v.advice, lawCited: v.lawCited ?? [], legalAidRecommended: !!v.legalAid });
      message.success(t('已登记咨询意见'));
      setRecording(null);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('时间'), dataIndex: 'at', render: (a: string) => formatTime(a), width: 150 },
          { title: t('律师'), render: (_: unknown, r: LawyerTransfer) => r.lawyer.name },
          {
            title: t('工单'),
            render: (_: unknown, r: LawyerTransfer) => (r.order ? <a href={`/orders/${r.order.id}`}>{r.order.number}</a> : (r.callId ?? '—')),
          },
          { title: t('说明'), dataIndex: 'note' },
          { title: t('转出人'), dataIndex: 'byName' },
          {
            title: t('咨询意见'),
            render: (_: unknown, r: LawyerTransfer) =>
              r.consultation ? (
                <span>
                  {r.consultation.advice.slice(0, 40)}
                  {r.consultation.legalAidRecommended && <Tag color="orange">{t('建议法律援助')}</Tag>}
                </span>
              ) : role === 'lawyer' ? (
                <Button size="small" type="primary" onClick={() => (form.resetFields(), form.setFieldsValue({ question: r.note }), setRecording(r))}>
                  {t('登记咨询意见')}
                </Button>
              ) : (
                <span className="muted">{t('律师尚未登记')}</span>
              ),
          },
        ]}
      />
      <Modal open={!!recording} title={t('登记咨询意见')} onCancel={() => setRecording(null)} onOk={submit} destroyOnHidden width={620}>
        <Form form={form} layout="vertical">
          <Form.Item name="question" label={t('咨询问题')} rules={[{ required: true, min: 2, message: t('请填写咨询问题') }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="advice" label={t('律师意见')} rules={[{ required: true, min: 2, message: t('请填写律师意见') }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item name="lawCited" label={t('引用法条')}>
            <Select mode="tags" placeholder={t('如：劳动合同法第八十二条')} />
          </Form.Item>
          <Form.Item name="legalAid" label={t('建议申请法律援助')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function FiguresTab() {
  const t = useT();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const figures = useLoad(
    () => lawyersApi.figures({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }),
    [range[0].valueOf(), range[1].valueOf()],
  );
  return (
    <>
      <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} style={{ marginBottom: 8 }} />
      {figures.data && (
        <Typography.Paragraph>
          {t('合计：转接 {a}，登记咨询 {b}，建议法律援助 {c}', {
            a: figures.data.total.transfers,
            b: figures.data.total.consultations,
            c: figures.data.total.legalAid,
          })}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey={(r) => r.lawyer.name + r.lawyer.firm}
        loading={figures.loading}
        dataSource={figures.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('律师'), render: (_: unknown, r: { lawyer: { name: string; firm: string } }) => `${r.lawyer.name}（${r.lawyer.firm}）` },
          { title: t('转接'), dataIndex: 'transfers' },
          { title: t('登记咨询'), dataIndex: 'consultations' },
          { title: t('建议法律援助'), dataIndex: 'legalAid' },
        ]}
      />
    </>
  );
}
