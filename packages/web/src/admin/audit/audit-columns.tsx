import type { ColumnsType, TableProps } from 'antd/es/table/index.js';
import { Tag } from 'antd';
import type { AuditEvent } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { actorRoleLabels } from '../../shared/labels.js';
import { auditActionLabels } from './labels.js';

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** One row an event: when, who in which role, what, how it ended, on what, from where. */
export function useAuditColumns(): { columns: ColumnsType<AuditEvent>; expandable: TableProps<AuditEvent>['expandable'] } {
  const t = useT();
  // An event opened: the record before and after the change, side by side.
  const expandable: TableProps<AuditEvent>['expandable'] = {
    expandedRowRender: (e) => (
      <div className="audit-diff">
        <div>
          <div className="muted small">{t('变更前')}</div>
          <pre>{json(e.before)}</pre>
        </div>
        <div>
          <div className="muted small">{t('变更后')}</div>
          <pre>{json(e.after)}</pre>
        </div>
      </div>
    ),
    rowExpandable: (e) => e.before != null || e.after != null,
  };
  const columns: ColumnsType<AuditEvent> = [
    { title: '#', dataIndex: 'id', width: 70 },
    { title: t('时间'), dataIndex: 'at', width: 140, render: formatTime },
    {
      title: t('操作人'),
      width: 160,
      render: (_v, e) => (
        <span>
          {e.actor.username ?? t('匿名')}
          {e.actor.role && <span className="muted small"> · {t(actorRoleLabels[e.actor.role] ?? e.actor.role)}</span>}
        </span>
      ),
    },
    {
      title: t('操作'),
      width: 180,
      render: (_v, e) => (
        <span>
          {t(auditActionLabels[e.action] ?? e.action)} <span className="muted small">{e.action}</span>
        </span>
      ),
    },
    {
      title: t('结果'),
      dataIndex: 'outcome',
      width: 80,
      render: (v: string) => (v === 'success' ? <Tag color="green">{t('成功')}</Tag> : <Tag color="red">{t(v === 'failure' ? '失败' : v)}</Tag>),
    },
    { title: t('对象'), render: (_v, e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—') },
    { title: t('来源地址'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('说明'), dataIndex: 'detail', width: 140, render: (v: string | null) => v ?? '' },
  ];
  return { columns, expandable };
}
