import { Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PhoneTasks } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { formatShortTime } from '../shared/format.js';
import { stateLabels } from '../shared/labels.js';
import { signalNames } from './labels.js';

type TaskOrder = PhoneTasks['items'][number]['orders'][number];

/** How many of a call's orders show before "all N": a wave about one employer can put dozens on one unit's call. */
export const shownAtFirst = 5;

/**
 * What the caller reads out first: orders still waiting on the unit before those it has since replied (or that went
 * elsewhere), overdue before near-due, then the earliest deadline.
 */
export function byUrgency(orders: readonly TaskOrder[]): TaskOrder[] {
  const rank = (o: TaskOrder) => (o.toChase ? 0 : 3) + (o.signal === 'overdue' ? 0 : o.signal ? 1 : 2);
  return [...orders].sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.number.localeCompare(b.number));
}

/** The orders of one phone task, most urgent first; a long list folded to its first few. */
export function TaskOrders({ orders }: { orders: readonly TaskOrder[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const sorted = byUrgency(orders);
  const shown = open ? sorted : sorted.slice(0, shownAtFirst);
  return (
    <Space direction="vertical" size={2}>
      {shown.map((o) => (
        <div key={o.id} data-testid={`task-order-${o.number}`}>
          <Space size={4} wrap>
            <Link to={`/orders/${o.id}`}>{o.number}</Link>
            {o.toChase ? (
              o.signal && <Tag color={o.signal === 'overdue' ? 'red' : 'orange'}>{t(signalNames[o.signal] ?? o.signal)}</Tag>
            ) : (
              <Tag>{t('无需再催')}</Tag>
            )}
            {o.toChase && o.dueAt && <span className="muted small">{t('期限 {time}', { time: formatShortTime(o.dueAt) })}</span>}
          </Space>
          <div className="muted small">
            {[o.title, o.employer, !o.toChase && o.state ? t('现为{state}', { state: t(stateLabels[o.state]) }) : null, !o.toChase && o.holder]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
      ))}
      {sorted.length > shownAtFirst && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('收起') : t('展开全部 {n} 张工单', { n: sorted.length })}
        </Button>
      )}
    </Space>
  );
}
