import { ClockCircleOutlined, ExclamationCircleOutlined, LockOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { Deadline, DeadlineStatus, OrderState } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatTime, remaining } from '../shared/format.js';
import { deadlineLabels, priorityColors, priorityLabels, stateColors, stateLabels, stepLabels } from '../shared/labels.js';
import { useCatalogNames } from '../shared/reference.js';

/** `large` on an order's own page: the state is the first thing a person looks for there. */
export function StateTag({ state, large }: { state: OrderState; large?: boolean }) {
  const t = useT();
  return (
    <Tag color={stateColors[state]} className={large ? 'state-tag-large' : undefined} data-state={state}>
      {t(stateLabels[state])}
    </Tag>
  );
}

const deadlineIcon: Record<DeadlineStatus, React.ReactNode> = {
  on_time: <ClockCircleOutlined />,
  near_due: <ExclamationCircleOutlined />,
  overdue: <WarningOutlined />,
};

/** On time / near due / overdue: colour and words together, so it reads without colour too. */
export function DeadlineTag({
  deadline,
  step,
  now = Date.now(),
  compact,
  provisional,
}: {
  deadline: Deadline | null;
  step?: string | null;
  now?: number;
  compact?: boolean;
  /** Counted on a provisional calendar year (no State Council notice yet): said with a 暂定 tag. */
  provisional?: boolean;
}) {
  const t = useT();
  if (!deadline) return <span className="muted">—</span>;
  const label = t(deadlineLabels[deadline.status] ?? deadline.status);
  const stepName = step ? t(stepLabels[step] ?? step) : '';
  const color = deadline.status === 'overdue' ? 'error' : deadline.status === 'near_due' ? 'warning' : 'success';
  const tag = (
    <Tooltip title={`${stepName ? `${stepName} · ` : ''}${t('期限')} ${formatTime(deadline.dueAt)}`}>
      <Tag color={color} icon={deadlineIcon[deadline.status]} data-deadline={deadline.status} className="deadline-tag">
        {label}
        {!compact && ` · ${remaining(deadline.dueAt, now, t)}`}
      </Tag>
    </Tooltip>
  );
  if (!provisional) return tag;
  return (
    <span className="deadline-tags">
      {tag}
      <ProvisionalTag />
    </span>
  );
}

/** A deadline counted into a year whose holiday notice is not entered yet: it may move when the notice is entered. */
export function ProvisionalTag() {
  const t = useT();
  return (
    <Tooltip title={t('期限按暂定日历（放假办法推算，无调休）计算，导入国务院通知后自动重算')}>
      <Tag color="gold" variant="outlined" data-provisional="true" className="provisional-tag">
        {t('暂定')}
      </Tag>
    </Tooltip>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const t = useT();
  if (priority === 'normal') return null;
  return <Tag color={priorityColors[priority]}>{t(priorityLabels[priority] ?? priority)}</Tag>;
}

export function RiskTags({ flags }: { flags: string[] }) {
  const t = useT();
  const names = useCatalogNames();
  return (
    <>
      {flags.map((f) => (
        <Tooltip key={f} title={t(names.riskFlagDescription(f))}>
          <Tag color="red" variant="outlined" style={{ marginInlineEnd: 2 }}>
            {names.riskFlag(f)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}

export function MarkerTags({ confidential, isGroup, callerCount }: { confidential: boolean; isGroup: boolean; callerCount: number }) {
  const t = useT();
  return (
    <>
      {confidential && (
        <Tooltip title={t('来电人身份对承办单位保密')}>
          <Tag icon={<LockOutlined />} color="purple">
            {t('保密')}
          </Tag>
        </Tooltip>
      )}
      {isGroup && (
        <Tag icon={<TeamOutlined />} color="magenta">
          {t('群体 {n}', { n: callerCount })}
        </Tag>
      )}
    </>
  );
}
