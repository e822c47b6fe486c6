import { Card, Tag } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { stepLabels } from '../../shared/labels.js';
import { DeadlineTag } from '../order-tags.js';

const finalStates = ['archived', 'closed_at_intake', 'merged', 'invalid'];

/** 期限: each time limit of the order; once replied, whether the reply limit was kept rather than a countdown. */
export function DeadlinesCard({ order }: { order: OrderView }) {
  const t = useT();
  const d = order.deadlines;
  const now = Date.now();
  // Once replied (or closed), the reply limit is history: say whether it was kept instead of counting down.
  const replyDone = !!order.repliedAt || finalStates.includes(order.state);
  const rows = [
    d.current && {
      key: 'current',
      label: `${t('{label}：', { label: t('当前环节') })}${t(stepLabels[d.currentStep ?? ''] ?? d.currentStep ?? '')}`,
      dl: d.current,
    },
    d.reply &&
      d.currentStep !== 'reply' && {
        key: 'reply',
        label: t('办理期限'),
        dl: !replyDone && d.reply.status ? { dueAt: d.reply.dueAt, nearDueAt: d.reply.nearDueAt, status: d.reply.status } : null,
        due: d.reply.dueAt,
      },
  ].filter(Boolean) as { key: string; label: string; dl: OrderView['deadlines']['current']; due?: string }[];
  const keptReply = order.repliedAt && d.reply ? new Date(order.repliedAt) <= new Date(d.reply.dueAt) : null;
  return (
    <Card size="small" title={t('时限')}>
      {rows.length === 0 && !d.callbackDueAt && !d.returnDueAt && <span className="muted">{t('没有进行中的时限')}</span>}
      {rows.map((r) => (
        <div key={r.key} className="deadline-row">
          <span className="deadline-label">{r.label}</span>
          {r.dl ? (
            <DeadlineTag deadline={r.dl} now={now} provisional={order.deadlineProvisional} />
          ) : keptReply === null ? (
            <Tag>{t('已办结')}</Tag>
          ) : (
            <Tag color={keptReply ? 'green' : 'red'}>{keptReply ? t('按时反馈') : t('超期反馈')}</Tag>
          )}
          <span className="muted small">{formatTime(r.dl?.dueAt ?? r.due)}</span>
        </div>
      ))}
      {d.returnDueAt && ['pending_sign', 'handling'].includes(order.state) && (
        <div className="deadline-row">
          <span className="deadline-label">{t('退单期限')}</span>
          <span className="muted small">{formatTime(d.returnDueAt)}</span>
        </div>
      )}
      {d.callbackDueAt && order.state === 'pending_callback' && (
        <div className="deadline-row">
          <span className="deadline-label">{t('回访期限')}</span>
          <span className="muted small">{formatTime(d.callbackDueAt)}</span>
        </div>
      )}
      {order.pendingExtension && (
        <div className="deadline-row">
          <Tag color="orange">{t('延期待审批')}</Tag>
          <span className="small">
            {t('申请延至 {time}', { time: formatTime(order.pendingExtension.requestedDueAt) })} · {order.pendingExtension.reason}
          </span>
        </div>
      )}
      <div className="muted small" style={{ marginTop: 6 }}>
        {t('延期 {e} 次 · 退单 {r} 次 · 重办 {w} 次 · 重启 {o} 次', {
          e: order.counts.extensions,
          r: order.counts.returns,
          w: order.counts.reworks,
          o: order.counts.reopens,
        })}
      </div>
    </Card>
  );
}
