import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Input, Modal, Space, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Inspection, qualityApi, type Rectification } from '../api/legal.js';
import { useCurrent } from '../auth/session.js';
import { subjectLabel } from './Recordings.js';
import { useT } from '../i18n/i18n.js';
import { formatDate, formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { type DialogKind, InspectionDialog } from './InspectionDialogs.js';

export const inspectionStateLabels: Record<Inspection['state'], string> = { pending: '待评分', scored: '已评分', appealed: '申诉中', decided: '已复核' };
export const sampleReasonLabels: Record<string, string> = {
  random: '随机抽取',
  dissatisfied: '回访不满意',
  agent_complaint: '投诉热线服务',
  manual: '手工加入',
};
const rectStatus: Record<Rectification['status'], [string, string]> = {
  open: ['整改中', 'blue'],
  overdue: ['已逾期', 'red'],
  closed_on_time: ['按期完成', 'green'],
  closed_late: ['逾期完成', 'orange'],
};
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${(n * 100).toFixed(1)}%`);

/**
 * Quality inspection (质检) as the inspector works it — draw the day's sample, score against the sheet, decide
 * appeals — and as the agent meets it: their own results, one appeal, their rectification items.
 */
export default function QualityPage() {
  const t = useT();
  const { message } = App.useApp();
  const { role, user } = useCurrent();
  const userId = user.id;
  const inspector = role === 'inspector';
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [dialog, setDialog] = useState<{ kind: DialogKind; inspection: Inspection } | null>(null);
  const [closing, setClosing] = useState<Rectification | null>(null);
  const [note, setNote] = useState('');
  const dayText = day.format('YYYY-MM-DD');
  const list = useLoad(() => qualityApi.list({ day: role === 'agent' ? undefined : dayText, page: 1, pageSize: 200 }), [dayText, role]);
  const rects = useLoad(() => qualityApi.rectifications({}), [role]);
  const month = { from: day.startOf('month').format('YYYY-MM-DD'), to: day.add(1, 'month').startOf('month').format('YYYY-MM-DD') };
  const figures = useLoad(() => (role === 'agent' ? Promise.resolve(null) : qualityApi.figures(month)), [month.from, role]);

  const draw = async () => {
    try {
      const r = await qualityApi.draw({ date: dayText });
      message.success(t('已抽取 {n} 条（当日受理 {p} 条）', { n: r.drawn, p: r.population }));
      list.reload();
      figures.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const actionsOf = (i: Inspection) => {
    const out: { kind: DialogKind; label: string }[] = [];
    if (inspector && i.state === 'pending') out.push({ kind: 'score', label: t('评分') });
    if (inspector && i.state === 'appealed' && i.inspector?.id !== userId) out.push({ kind: 'decide', label: t('复核') });
    if (role === 'agent' && i.state === 'scored' && !i.appeal) out.push({ kind: 'appeal', label: t('申诉') });
    return out;
  };

  const columns = [
    { title: t('抽样日期'), dataIndex: 'day', width: 110 },
    {
      title: t('质检对象'),
      key: 'order',
      render: (_: unknown, i: Inspection) =>
        i.order ? (
          <Link to={`/orders/${i.order.id}`}>{i.order.number}</Link>
        ) : (
          <Space size={4}>
            <Tag color="blue">{t('通话')}</Tag>
            {subjectLabel(i, t).replace(`${t('来电')} `, '')}
          </Space>
        ),
    },
    { title: t('标题'), key: 'title', ellipsis: true, render: (_: unknown, i: Inspection) => i.order?.title ?? t('现场解答，未形成工单') },
    { title: t('接线员'), key: 'agent', width: 110, render: (_: unknown, i: Inspection) => i.agent.name },
    {
      title: t('抽取原因'),
      key: 'reasons',
      render: (_: unknown, i: Inspection) =>
        i.reasons.map((r) => (
          <Tag key={r} color={r === 'random' ? 'default' : 'volcano'}>
            {t(sampleReasonLabels[r] ?? r)}
          </Tag>
        )),
    },
    { title: t('状态'), key: 'state', width: 90, render: (_: unknown, i: Inspection) => t(inspectionStateLabels[i.state]) },
    {
      title: t('得分'),
      key: 'total',
      width: 120,
      render: (_: unknown, i: Inspection) =>
        i.total === null ? (
          '—'
        ) : (
          <Space size={4}>
            {i.total}
            <Tag color={i.passed ? 'green' : 'red'}>{i.passed ? t('合格') : t('不合格')}</Tag>
          </Space>
        ),
    },
    {
      title: t('操作'),
      key: 'actions',
      width: 140,
      render: (_: unknown, i: Inspection) => (
        <Space>
          {actionsOf(i).map((a) => (
            <Button key={a.kind} size="small" type={a.kind === 'score' ? 'primary' : 'default'} onClick={() => setDialog({ kind: a.kind, inspection: i })}>
              {a.label}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  const rectColumns = [
    {
      title: t('质检对象'),
      key: 'order',
      render: (_: unknown, r: Rectification) => (r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> : t('通话')),
    },
    { title: t('整改项'), dataIndex: 'itemName' },
    { title: t('责任人'), key: 'owner', render: (_: unknown, r: Rectification) => r.owner.name },
    { title: t('整改期限'), key: 'due', render: (_: unknown, r: Rectification) => formatTime(r.dueAt) },
    { title: t('状态'), key: 'status', render: (_: unknown, r: Rectification) => <Tag color={rectStatus[r.status][1]}>{t(rectStatus[r.status][0])}</Tag> },
    { title: t('整改情况'), dataIndex: 'closedNote', ellipsis: true },
    {
      title: t('操作'),
      key: 'close',
      render: (_: unknown, r: Rectification) =>
        !r.closedAt && (r.owner.id === userId || inspector) ? (
          <Button size="small" onClick={() => (setClosing(r), setNote(''))}>
            {t('完成整改')}
          </Button>
        ) : null,
    },
  ];

  const closeRect = async () => {
    if (!closing) return;
    try {
      await qualityApi.closeRectification(closing.id, { note });
      setClosing(null);
      rects.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      title={
        <Space>
          <AuditOutlined />
          {role === 'agent' ? t('我的质检') : t('质检')}
        </Space>
      }
      extra={
        role !== 'agent' && (
          <Space>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            {inspector && (
              <Button type="primary" onClick={draw}>
                {t('抽取样本')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => (list.reload(), rects.reload(), figures.reload())} />
          </Space>
        )
      }
    >
      {figures.data && (
        <Space size={48} style={{ marginBottom: 16 }} className="quality-figures">
          <Statistic title={t('{m} 月质检覆盖率', { m: day.month() + 1 })} value={pct(figures.data.coverage)} />
          <Statistic title={t('合格率')} value={pct(figures.data.passRate)} />
          <Statistic title={t('整改率（按期）')} value={pct(figures.data.rectificationRate)} />
          <Statistic title={t('已质检 / 受理')} value={`${figures.data.inspected} / ${figures.data.population}`} />
        </Space>
      )}
      <Tabs
        items={[
          {
            key: 'inspections',
            label: t('质检记录'),
            children: list.error ? (
              <ErrorState error={list.error} onRetry={list.reload} />
            ) : (
              <Table<Inspection>
                rowKey="id"
                size="middle"
                loading={list.loading}
                dataSource={list.data?.items ?? []}
                columns={columns}
                pagination={false}
                expandable={{
                  rowExpandable: (i) => i.total !== null,
                  expandedRowRender: (i) => (
                    <div className="inspection-detail">
                      {i.sheet.items.map((item) => (
                        <Tag key={item.code} color={(i.scores?.[item.code] ?? 0) < (item.veto ? 1 : item.weight) ? 'red' : 'default'}>
                          {item.name}：{item.veto ? (i.scores?.[item.code] ? t('符合') : t('违反')) : `${i.scores?.[item.code] ?? '—'}/${item.weight}`}
                        </Tag>
                      ))}
                      {i.comments && (
                        <p>
                          {t('评语')}：{i.comments}
                        </p>
                      )}
                      {i.appeal && (
                        <p>
                          {t('申诉')}（{formatDate(i.appeal.at)}）：{i.appeal.reason}
                          {i.appeal.decision &&
                            ` → ${i.appeal.decision === 'revised' ? t('改判') : t('维持原评分')}（${i.appeal.decider?.name}）：${i.appeal.note}`}
                        </p>
                      )}
                    </div>
                  ),
                }}
              />
            ),
          },
          {
            key: 'rectifications',
            label: t('整改'),
            children: rects.error ? (
              <ErrorState error={rects.error} onRetry={rects.reload} />
            ) : (
              <Table<Rectification>
                rowKey="id"
                size="middle"
                loading={rects.loading}
                dataSource={rects.data?.items ?? []}
                columns={rectColumns}
                pagination={false}
              />
            ),
          },
        ]}
      />
      <InspectionDialog
        kind={dialog?.kind ?? null}
        inspection={dialog?.inspection ?? null}
        onClose={() => setDialog(null)}
        onDone={() => (setDialog(null), list.reload(), rects.reload(), figures.reload())}
      />
      <Modal open={!!closing} title={t('完成整改')} onCancel={() => setClosing(null)} onOk={closeRect} okButtonProps={{ disabled: note.trim().length < 2 }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="请说明整改情况" />
      </Modal>
    </Card>
  );
}
