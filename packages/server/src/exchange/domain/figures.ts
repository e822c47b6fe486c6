/** One partner's counts as the database gives them (exchange.repo.ts figures); a partner with nothing has no row. */
export type PartnerCounts = {
  partnerId: string;
  received: number;
  sent: number;
  failed: number;
  waiting: number;
  unacknowledged: number;
  /** When the oldest message still waiting (pending: being tried) was written (its lag), null when none waits. */
  oldestWaiting: string | null;
  /** When the oldest failed message (given up on until sent again) was written, null when none failed. */
  oldestFailed: string | null;
};

/**
 * The exchange's figures (getExchangeFigures): every partner, at zero when nothing of it was counted, the totals,
 * the longest wait in seconds (`lagSeconds`: of the waiting messages only, the figure it stands next to) and the age
 * of the oldest failed message (`oldestFailedSeconds`: of the failed ones), never below zero (a clock a little behind
 * the database's).
 */
export function exchangeFigures(day: string, now: Date, partners: readonly { id: string; name: string }[], counts: readonly PartnerCounts[]) {
  const byId = new Map(counts.map((r) => [r.partnerId, r]));
  const lag = (oldest: string | null | undefined) => (oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0);
  const items = partners.map((p) => {
    const r = byId.get(p.id);
    return {
      partner: { id: p.id, name: p.name },
      receivedToday: r?.received ?? 0,
      sentToday: r?.sent ?? 0,
      failed: r?.failed ?? 0,
      waiting: r?.waiting ?? 0,
      unacknowledged: r?.unacknowledged ?? 0,
      lagSeconds: lag(r?.oldestWaiting),
      oldestFailedSeconds: lag(r?.oldestFailed),
    };
  });
  const sum = (k: 'receivedToday' | 'sentToday' | 'failed' | 'waiting' | 'unacknowledged') => items.reduce((a, i) => a + i[k], 0);
  return {
    day,
    receivedToday: sum('receivedToday'),
    sentToday: sum('sentToday'),
    failed: sum('failed'),
    waiting: sum('waiting'),
    unacknowledged: sum('unacknowledged'),
    lagSeconds: Math.max(0, ...items.map((i) => i.lagSeconds)),
    oldestFailedSeconds: Math.max(0, ...items.map((i) => i.oldestFailedSeconds)),
    partners: items,
  };
}
