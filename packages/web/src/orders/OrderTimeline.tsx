import { Card, Timeline, Typography } from 'antd';
import type { OrderEvent } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorState, Loading, EmptyState } from '../shell/states.js';
import { formatTime } from '../shared/format.js';
import { actorRoleLabels, eventLabels, stateLabels } from '../shared/labels.js';
import { useDivisionName } from '../shared/reference.js';
import { eventFacts, eventNote } from './event-summary.js';

const colorOf = (a: string) =>
  [
    'return',
    'review_rework',
    'callback_dissatisfied',
    'invalidate',
    'reopen',
    'overdue_urge',
    'overdue_escalation',
    'progress_missing',
    'emergency_alert',
    'urge',
  ].includes(a)
    ? 'red'
    : ['reply', 'review_accept', 'callback_satisfied', 'archive', 'close_at_intake'].includes(a)
      ? 'green'
      : 'blue';

/** Who did what, as which role, at which unit, when: newest first. */
export function OrderTimeline({
  events,
  loading,
  error,
  onRetry,
  unitNames,
}: {
  events: OrderEvent[] | null;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Names of units events name by id only (the order's co-handlers). */
  unitNames?: ReadonlyMap<string, string>;
}) {
  const { t, lang } = useI18n();
  const divisionName = useDivisionName();
  let body;
  if (error) body = <ErrorState error={error} onRetry={onRetry} />;
  else if (loading && !events) body = <Loading />;
  else if (!events?.length) body = <EmptyState text={t('暂无记录')} />;
  else
    body = (
      <Timeline
        items={[...events].reverse().map((e) => {
          const facts = eventFacts(e, t, unitNames, divisionName);
          const note = eventNote(e, t, lang);
          return {
            key: e.id,
            color: colorOf(e.action),
            content: (
              <div className="tl-item">
                <div className="tl-head">
                  <strong>{t(eventLabels[e.action] ?? e.action)}</strong>
                  {e.toState && e.fromState !== e.toState && (
                    <span className="muted small"> → {t(stateLabels[e.toState as keyof typeof stateLabels] ?? e.toState)}</span>
                  )}
                  <span className="tl-time">{formatTime(e.at)}</span>
                </div>
                <div className="muted small">
                  {/* The system account is named 系统 in the database: said in the interface language. */}
                  {e.actor.role === 'system' || !e.actor.name ? t('系统') : e.actor.name}
                  {e.actor.role && e.actor.role !== 'system' && ` · ${t(actorRoleLabels[e.actor.role] ?? e.actor.role)}`}
                  {e.unit && ` · ${e.unit.name}`}
                </div>
                {facts.length > 0 && <div className="tl-facts">{facts.join(t('；'))}</div>}
                {note && (
                  <Typography.Paragraph className="tl-note" ellipsis={{ rows: 4, expandable: true }}>
                    {note}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          };
        })}
      />
    );
  return (
    <Card size="small" title={t('办理时间线')} className="timeline-card">
      {body}
    </Card>
  );
}
