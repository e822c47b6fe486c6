import type { Hop } from '../../api/types.js';
import type { T } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { hopStatusLabels } from '../../shared/labels.js';

/** A hop's status in words (every status of the API has a name: shared/labels.ts). */
export const hopStatusText = (h: Pick<Hop, 'status'>, t: T) => t(hopStatusLabels[h.status] ?? h.status);

/** When a hop was signed for, or by when it has to be while open: "签收于 …" (the time it happened, not the action "签收"). */
export function hopSignText(h: Pick<Hop, 'signedAt' | 'signDueAt' | 'status'>, t: T): string | null {
  if (h.signedAt) return t('签收于 {time}', { time: formatTime(h.signedAt) });
  // A deadline to sign only while the hop waits for it (a hop passed on or withdrawn unsigned has none left).
  if (h.signDueAt && h.status === 'open') return t('签收期限 {time}', { time: formatTime(h.signDueAt) });
  return null;
}

/** The step's look: a return in red, a signed or passed-on hop done, a withdrawn one greyed, an open one in process. */
export function hopStepStatus(h: Pick<Hop, 'status'>): 'error' | 'finish' | 'wait' | 'process' {
  if (h.status === 'returned') return 'error';
  if (h.status === 'signed' || h.status === 'redispatched') return 'finish';
  if (h.status === 'withdrawn') return 'wait';
  return 'process';
}
