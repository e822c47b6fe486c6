import { addDaysToDate, localDateOf } from '../../calendar/domain/working-time.js';

/**
 * The reviews that close the loop at the level of the system (workflow.md): the weekly review of last week's
 * difficult and poorly handled orders, the monthly analysis (problem → measures → evaluation), and the monthly
 * 通报 of units' overdue, returned and dissatisfied orders. Pure: dates in Beijing, counts from timeline facts.
 */

/** Why an order is on the weekly agenda, from its timeline facts of the week. */
export const agendaReasons = ['returned', 'reworked', 'dissatisfied', 'overdue', 'extended_twice', 'emergency'] as const;
export type AgendaReason = (typeof agendaReasons)[number];
export const agendaReasonNames: Record<AgendaReason, string> = {
  returned: '退单',
  reworked: '退回重办',
  dissatisfied: '回访不满意',
  overdue: '超期',
  extended_twice: '两次延期',
  emergency: '应急工单',
};

/** The timeline facts that put an order on the agenda. */
export const agendaActions: Record<string, AgendaReason> = {
  return: 'returned',
  review_rework: 'reworked',
  callback_dissatisfied: 'dissatisfied',
  overdue_urge: 'overdue',
  emergency_alert: 'emergency',
};

/** An order's reasons from its facts of the week and its count of approved extensions (ever): two or more is a reason. */
export function reasonsOf(actionsInWeek: readonly string[], approvedExtensions: number, extendedInWeek: boolean): AgendaReason[] {
  const set = new Set<AgendaReason>();
  for (const a of actionsInWeek) {
    const r = agendaActions[a];
    if (r) set.add(r);
  }
  if (approvedExtensions >= 2 && extendedInWeek) set.add('extended_twice');
  return agendaReasons.filter((r) => set.has(r));
}

/** ISO weekday (1 Monday … 7 Sunday) of a Beijing date 'YYYY-MM-DD'. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week a Beijing date lies in. */
export const mondayOf = (date: string) => addDaysToDate(date, 1 - isoWeekday(date));

/** The week the review held at `now` looks back on: the whole previous week, Monday to Sunday. */
export function reviewedWeek(now: Date): { start: string; end: string } {
  const start = addDaysToDate(mondayOf(localDateOf(now)), -7);
  return { start, end: addDaysToDate(start, 7) };
}

/** The next review day on or after `now` (the configured weekday, Thursday in Shaanxi). */
export function nextReviewDay(now: Date, weekday: number): string {
  const today = localDateOf(now);
  return addDaysToDate(today, (weekday - isoWeekday(today) + 7) % 7);
}

/** Monthly analysis item: open → rectifying (measures set) → evaluated (effect judged). Closed once evaluated. */
export type AnalysisState = 'open' | 'rectifying' | 'evaluated';

export function nextAnalysisState(
  current: AnalysisState,
  change: { measures?: string | undefined; evaluation?: string | undefined },
): { ok: true; state: AnalysisState } | { ok: false; code: string; message: string } {
  if (current === 'evaluated') return { ok: false, code: 'ANALYSIS_ITEM_CLOSED', message: '该研判事项已评估关闭，不能再修改' };
  if (change.evaluation?.trim()) {
    if (current === 'open' && !change.measures?.trim()) return { ok: false, code: 'ANALYSIS_MEASURES_FIRST', message: '请先填写整改措施，再评估成效' };
    return { ok: true, state: 'evaluated' };
  }
  if (change.measures?.trim()) return { ok: true, state: 'rectifying' };
  return { ok: true, state: current };
}

/** Items shown for a month: that month's, and earlier ones not yet evaluated (carried until evaluated). */
export function carried(item: { month: string; state: string }, month: string): boolean {
  return item.month < month && item.state !== 'evaluated';
}

/** One unit's line of the 通报, and the order of the lines: the most overdue first. */
export type CircularRow = { unitId: string; unitName: string; overdue: number; returned: number; dissatisfied: number };
export function circularOrder(rows: CircularRow[]): CircularRow[] {
  return rows
    .filter((r) => r.overdue + r.returned + r.dissatisfied > 0)
    .sort((a, b) => b.overdue - a.overdue || b.dissatisfied - a.dissatisfied || b.returned - a.returned || a.unitName.localeCompare(b.unitName));
}

/** [first instant, first instant of the next month) of a month 'YYYY-MM', Beijing time. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}
