import { PhoneOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.js';

export const formatElapsed = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/**
 * The length of the live call, always in sight; it turns orange after five minutes as a nudge to wrap up. It runs
 * from the call's start (the button, or the agent's first keystroke), not from the page's opening.
 */
export function CallTimer({ startedAt, stopped, onStart }: { startedAt: number | null; stopped?: number | null; onStart?: () => void }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (stopped || startedAt === null) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [stopped, startedAt]);
  if (startedAt === null)
    return (
      <Button size="small" icon={<PhoneOutlined />} onClick={onStart} className="call-timer-start">
        {t('开始通话计时')}
      </Button>
    );
  const elapsed = (stopped ?? now) - startedAt;
  const long = elapsed > 5 * 60_000;
  return (
    <div className={`call-timer${long ? ' call-timer-long' : ''}`} role="timer" aria-label={t('通话时长')}>
      <span className="call-timer-label">{stopped ? t('本次通话') : t('通话中')}</span>
      <span className="call-timer-value">{formatElapsed(elapsed)}</span>
    </div>
  );
}
