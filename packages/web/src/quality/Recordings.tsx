import { Space, Typography } from 'antd';
import type { Inspection } from '../api/legal.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';

/** What an inspector scores against: the call's (or the order's calls') recordings, played in place. */
export function Recordings({ calls }: { calls: Inspection['calls'] }) {
  const t = useT();
  if (!calls.length) return <Typography.Paragraph type="secondary">{t('该工单没有关联的通话录音')}</Typography.Paragraph>;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} className="qa-recordings">
      {calls.map((c) => (
        <div key={c.callId}>
          <Typography.Text type="secondary">
            {formatTime(c.answeredAt)} · {c.caller ?? '—'} · {t('通话 {s} 秒', { s: c.talkSeconds ?? 0 })}
          </Typography.Text>
          {c.recordingUrl ? (
            // biome-ignore lint/a11y/useMediaCaption: call recordings have no captions; the inspector's comments are the transcript
            <audio controls preload="none" src={c.recordingUrl} style={{ width: '100%' }} />
          ) : (
            <div>{t('无录音')}</div>
          )}
        </div>
      ))}
    </Space>
  );
}

/** How an inspection names what it inspects: the order's number, or the call (time and masked caller). */
export const subjectLabel = (i: Inspection, t: (s: string) => string) =>
  i.order ? i.order.number : `${t('来电')} ${i.calls[0] ? `${formatTime(i.calls[0].answeredAt)} ${i.calls[0].caller ?? ''}` : ''}`;
