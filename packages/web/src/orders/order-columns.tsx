import { Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router';
import type { OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatShortTime } from '../shared/format.js';
import { useCatalogNames } from '../shared/reference.js';
import { DeadlineTag, MarkerTags, PriorityTag, RiskTags, StateTag } from './order-tags.js';

/** The least the title column (the one without a width of its own) keeps of a narrow window. */
const titleMinWidth = 180;

/**
 * The narrowest the list is laid out: its fixed columns and room for the title. In a narrower window (half a desktop,
 * a tablet, a phone) it scrolls inside itself; without a floor the fixed columns took it all and the title, the column
 * a person reads, was squeezed to nothing. At 1366 px the list is wider than this and nothing scrolls.
 */
export const orderListMinWidth = (columns: ColumnsType<OrderSummary>) =>
  columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : titleMinWidth), 0);

/** The list's columns: what a person scans a queue for, the deadline last so the eye ends on it. */
export function useOrderColumns(now: number): ColumnsType<OrderSummary> {
  const t = useT();
  const names = useCatalogNames();
  return [
    {
      title: t('工单号'),
      dataIndex: 'number',
      width: 240,
      render: (_v, o) => (
        <Link to={`/orders/${o.id}`} className="order-number" onClick={(e) => e.stopPropagation()}>
          {o.number}
        </Link>
      ),
    },
    {
      title: t('标题 / 用人单位'),
      render: (_v, o) => (
        <div className="cell-title">
          <div className="ellipsis" title={o.title}>
            {o.title}
          </div>
          <div className="muted small ellipsis">{[o.employerName, o.placeText].filter(Boolean).join(' · ') || '—'}</div>
        </div>
      ),
    },
    {
      title: t('类型 / 事项'),
      width: 150,
      render: (_v, o) => (
        <div>
          <div>{names.type(o.typeCode)}</div>
          <div className="muted small">{names.subject(o.subjectCode)}</div>
        </div>
      ),
    },
    { title: t('状态'), dataIndex: 'state', width: 100, render: (_v, o) => <StateTag state={o.state} /> },
    {
      title: t('标识'),
      width: 150,
      render: (_v, o) => (
        <Space size={2} wrap>
          <PriorityTag priority={o.priority} />
          <RiskTags flags={o.riskFlags} />
          <MarkerTags confidential={o.confidential} isGroup={o.isGroup} callerCount={o.callerCount} />
        </Space>
      ),
    },
    { title: t('承办单位'), width: 170, render: (_v, o) => <span className="ellipsis-2">{o.holderUnit.name}</span> },
    {
      title: t('当前时限'),
      width: 180,
      render: (_v, o) => (
        <div className="cell-deadline">
          <DeadlineTag deadline={o.deadlines.current} step={o.deadlines.currentStep} now={now} provisional={o.deadlineProvisional} />
        </div>
      ),
    },
    { title: t('受理时间'), dataIndex: 'createdAt', width: 100, render: (v: string) => formatShortTime(v) },
  ];
}
