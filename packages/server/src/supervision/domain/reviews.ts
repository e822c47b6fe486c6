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

/** The week a review held on `meetingDay` looks back on: the whole week before the meeting's, Monday to Sunday (end exclusive). */
export function weekReviewedOn(meetingDay: string): { start: string; end: string } {
  const start = addDaysToDate(mondayOf(meetingDay), -7);
  return { start, end: addDaysToDate(start, 7) };
}

/** The next review day on or after `now` (the configured weekday, Thursday in Shaanxi). */
export function nextReviewDay(now: Date, weekday: number): string {
  const today = localDateOf(now);
  return addDaysToDate(today, (weekday - isoWeekday(today) + 7) % 7);
}

/**
 * The week the agenda shows at `now`: the one the next review (`nextReviewDay`, shown beside it) looks back on. On the
 * review day itself that is last week; from the day after, the week in progress — last week was reviewed already (the
 * agenda on Sunday 6 December showed 23–29 November, reviewed on Thursday the 3rd, beside 下次例会 12-10).
 */
export function reviewedWeek(now: Date, weekday: number): { start: string; end: string } {
  return weekReviewedOn(nextReviewDay(now, weekday));
}

/** A refused date (or item) of a review record: the request field, a stable code and the Chinese message. */
export type DateProblem = { field: string; code: string; message: string };

/**
 * A week reviewed starts on a Monday, whether asked for (the agenda's `weekStart`) or recorded (a meeting's): from any
 * other day it would name a week that does not exist, and the agenda would gather a Wednesday-to-Tuesday no meeting
 * can be recorded for. `field`: where the request carried it.
 */
export function weekStartProblem(weekStart: string, field: string): DateProblem | null {
  return isoWeekday(weekStart) === 1 ? null : { field, code: 'REVIEW_WEEK_NOT_MONDAY', message: `所议周起始日应为星期一，${weekStart} 不是星期一` };
}

/**
 * Whom a meeting may make answer for a follow-up: a unit that reads the item's order (access/scope.ts, the order's
 * visible_to). The owner is told the order's number and the decision and marks the item done, and its list shows only
 * the items about orders it reads: an owner that cannot read the order would be told of an order it may not open, and
 * answer for an item it never finds. `ownerReads`: whether each item's owner reads its order, in the request's order.
 */
export function ownerProblems(items: readonly { ownerReads: boolean; ownerName: string; orderNumber: string }[]): DateProblem[] {
  return items.flatMap((it, n) =>
    it.ownerReads
      ? []
      : [
          {
            field: `body.items.${n}.ownerUnitId`,
            code: 'REVIEW_OWNER_CANNOT_SEE_ORDER',
            message: `第 ${n + 1} 项督办事项：责任单位「${it.ownerName}」无权查看工单 ${it.orderNumber}，请改选能查看该工单的单位`,
          },
        ],
  );
}

/** How late after the week it looks back on a weekly review may be held: two weeks (the next week's meeting, or one put off by a week). */
export const reviewLateDays = 14;

/**
 * Why a weekly review's record is refused for its dates (none: accepted). `today` is the clock's date in Beijing.
 * - The week reviewed (`weekStart`) starts on a Monday: the review looks back on a whole week, Monday to Sunday.
 * - The meeting (`heldOn`) took place: not after today — a record of a meeting, not a plan.
 * - It was held once that week was over, from the Monday after it (weekStart + 7), and within `reviewLateDays` of
 *   its end (at the latest weekStart + 20, the Sunday of the second week after): the usual meeting is in the week
 *   after, one put off by a holiday in the week after that; a later date is a mistake for another week.
 * The window is checked only against a Monday: from any other day it would name a week that does not exist.
 */
export function meetingDateProblems(input: { weekStart: string; heldOn: string }, today: string): DateProblem[] {
  const out: DateProblem[] = [];
  const notMonday = weekStartProblem(input.weekStart, 'body.weekStart');
  const monday = !notMonday;
  if (notMonday) out.push(notMonday);
  if (input.heldOn > today) out.push({ field: 'body.heldOn', code: 'REVIEW_HELD_IN_FUTURE', message: `会议日期不能晚于今天（${today}）` });
  else if (monday) {
    const earliest = addDaysToDate(input.weekStart, 7);
    const latest = addDaysToDate(earliest, reviewLateDays - 1);
    if (input.heldOn < earliest)
      out.push({ field: 'body.heldOn', code: 'REVIEW_HELD_BEFORE_WEEK_END', message: `会议日期应在所议周结束之后，不早于 ${earliest}` });
    else if (input.heldOn > latest)
      out.push({ field: 'body.heldOn', code: 'REVIEW_HELD_TOO_LATE', message: `会议日期应在所议周结束后两周内，不晚于 ${latest}` });
  }
  return out;
}

/** The month (YYYY-MM) a Beijing date lies in. */
const monthOf = (date: string) => date.slice(0, 7);

/** A 通报 reports a month that has begun (this month so far, or an earlier one): a later month has nothing to count yet. */
export function circularMonthProblem(month: string, today: string): DateProblem | null {
  return month > monthOf(today) ? { field: 'body.month', code: 'CIRCULAR_MONTH_IN_FUTURE', message: `通报月份不能晚于本月（${monthOf(today)}）` } : null;
}

/**
 * A monthly analysis item is about a month that has begun (this one or an earlier: an item may be recorded late), and
 * is due today at the earliest: a due date already past would be overdue the moment it is set.
 */
export function analysisDateProblems(input: { month: string; dueOn: string }, today: string): DateProblem[] {
  const out: DateProblem[] = [];
  if (input.month > monthOf(today)) out.push({ field: 'body.month', code: 'ANALYSIS_MONTH_IN_FUTURE', message: `研判月份不能晚于本月（${monthOf(today)}）` });
  if (input.dueOn < today) out.push({ field: 'body.dueOn', code: 'ANALYSIS_DUE_IN_PAST', message: `完成期限不能早于今天（${today}）` });
  return out;
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
