import { Button, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { Inspection } from '../api/legal.js';
import { subjectLabel } from './Recordings.js';
import { useT } from '../i18n/i18n.js';
import { formatDate } from '../shared/format.js';
import type { DialogKind } from './InspectionDialogs.js';
import { inspectionStateLabels, sampleReasonLabels } from './labels.js';

/** The sample's table: what was inspected, why it was drawn, its state and score, and what the current role may do. */
export function useInspectionColumns(actionsOf: (i: Inspection) => { kind: DialogKind; label: string }[], onAction: (kind: DialogKind, i: Inspection) => void) {
  const t = useT();
  return [
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
            <Button key={a.kind} size="small" type={a.kind === 'score' ? 'primary' : 'default'} onClick={() => onAction(a.kind, i)}>
              {a.label}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
}

/** A scored inspection opened: each item of the sheet against its weight, the comments, the appeal and its decision. */
export function InspectionDetail({ inspection: i }: { inspection: Inspection }) {
  const t = useT();
  return (
    <div className="inspection-detail">
      {i.sheet.items.map((item) => (
        <Tag key={item.code} color={(i.scores?.[item.code] ?? 0) < (item.veto ? 1 : item.weight) ? 'red' : 'default'}>
          {item.name}：{item.veto ? (i.scores?.[item.code] ? t('符合') : t('违反')) : `${i.scores?.[item.code] ?? '—'}/${item.weight}`}
        </Tag>
      ))}
      {i.comments && (
        <p>
          {t('{label}：', { label: t('评语') })}
          {i.comments}
        </p>
      )}
      {i.appeal && (
        <p>
          {t('申诉')}（{formatDate(i.appeal.at)}）：{i.appeal.reason}
          {i.appeal.decision && ` → ${i.appeal.decision === 'revised' ? t('改判') : t('维持原评分')}（${i.appeal.decider?.name}）：${i.appeal.note}`}
        </p>
      )}
    </div>
  );
}
