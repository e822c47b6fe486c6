import {
  addClockMinutes,
  addDaysToDate,
  addWorkingMinutes,
  endOfWorkingDay,
  instantAt,
  isWorkday,
  isWorkingTimeUnit,
  localDateOf,
  workingMinutesBetween,
  type LimitUnit,
  type WorkingCalendar,
} from '../../calendar/domain/working-time.js';
import { effectivePriority, isEmergency } from '../../orders/domain/effective-priority.js';
import { awaitedInstruction, type InstructionFacts } from '../../orders/domain/instruction-rule.js';

/**
 * The supervision timers (督办): for an open order at an instant, which signals are due. Pure: the scan loads the
 * orders, this decides, the database keeps each signal once (its `key`), so a signal is produced exactly once
 * however often and wherever the scan runs.
 *
 * - near_due: the current step has reached its near-due instant (20 % of the limit left, stored with the order);
 * - overdue: past the step's deadline — marked, an urging notice to the unit, a report to the level above;
 * - escalated: overdue by a second full limit — the unit's leader is told;
 * - progress_missing: an emergency order without a progress note on the last full working day before now;
 * - callback_due: the callback step's deadline is near (the agents are told once);
 * - callback_retry: the worker was unreachable; a second attempt is due from the next working day;
 * - instruction_requested: Shaanxi's rule waits for a leader's instruction (instruction-rule.ts): the leader is asked
 *   once per order (the province's) or per receiving unit;
 * - emergency: an order in the emergency mechanism (危众多大隐, or major) reached a unit: the leaders are told at once
 *   (the hotline centre's, the receiving unit's and the level above's), once per unit that holds it.
 */
export type SignalKind = 'emergency' | 'near_due' | 'overdue' | 'escalated' | 'progress_missing' | 'callback_due' | 'callback_retry' | 'instruction_requested';

export const signalNames: Record<SignalKind | 'urge', string> = {
  emergency: '应急机制启动',
  near_due: '临期提醒',
  overdue: '超期催办',
  escalated: '超期升级',
  progress_missing: '应急工单未报进展',
  callback_due: '回访提醒',
  callback_retry: '二次回访',
  instruction_requested: '请领导批示',
  urge: '人工催办',
};

export type TimedOrder = {
  id: string;
  number: string;
  state: string;
  priority: string;
  riskFlags: readonly string[];
  currentStep: string | null;
  currentStepStartedAt: Date | null;
  currentDueAt: Date | null;
  currentNearDueAt: Date | null;
  replyLimitUnit: string | null;
  callbackAttempts: number;
  updatedAt: Date;
  createdAt: Date;
  /** For emergency orders: the last progress note (add_note) on the timeline, if any. */
  lastNoteAt: Date | null;
  holderUnitId: string;
  /** Shaanxi's rule and the instructions so far (absent: the rule is off). */
  instructions?: InstructionFacts;
};

export type Signal = {
  kind: SignalKind;
  orderId: string;
  step: string | null;
  /** The deadline (or the day) the signal is about: a new deadline (an extension) makes new signals. */
  dueAt: Date | null;
  key: string;
  /** For instruction_requested: whose instruction is awaited. */
  awaited?: 'provincial' | 'receiving';
};

const workingStates = new Set(['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied']);
export { isEmergency };

/**
 * The step's limit runs in working time or on the clock: the reply step keeps its limit's unit; the other steps
 * of a normal order run in working time and those of an urgent or major one — or a flagged one, which runs on the
 * major limits — on the clock (workflow.md's table).
 */
function stepUnitIsWorking(o: TimedOrder): boolean {
  if (o.currentStep === 'reply' && o.replyLimitUnit) return isWorkingTimeUnit(o.replyLimitUnit as LimitUnit);
  return effectivePriority(o) === 'normal';
}

/** The instant the step is overdue by a second full limit (its own length again, in the same kind of time). */
export function secondLimitAt(cal: WorkingCalendar, o: TimedOrder): Date | null {
  if (!o.currentDueAt || !o.currentStepStartedAt || o.currentDueAt <= o.currentStepStartedAt) return null;
  if (stepUnitIsWorking(o)) {
    const minutes = workingMinutesBetween(cal, o.currentStepStartedAt, o.currentDueAt);
    return minutes > 0 ? addWorkingMinutes(cal, o.currentDueAt, minutes) : null;
  }
  return addClockMinutes(o.currentDueAt, (o.currentDueAt.getTime() - o.currentStepStartedAt.getTime()) / 60_000);
}

/** The first working moment of the working day after `at` (the second callback attempt is due then). */
export function nextWorkingDayStart(cal: WorkingCalendar, at: Date): Date {
  let date = addDaysToDate(localDateOf(at), 1);
  for (let i = 0; i < 60 && !isWorkday(cal, date); i++) date = addDaysToDate(date, 1);
  return instantAt(date, cal.periods[0]!.start);
}

/**
 * The working day whose progress notes the emergency rule checks now, and what makes an order miss it: created before
 * that day's work began, with no note since the day began. The scan's query narrows with the same two instants.
 */
export function progressWindow(cal: WorkingCalendar, now: Date): { day: string; createdBefore: Date; notedSince: Date } {
  const day = lastFullWorkingDay(cal, now);
  return { day, createdBefore: instantAt(day, cal.periods[0]!.start), notedSince: instantAt(day, 0) };
}

/**
 * A failed callback's retry is due from the start of the working day after its attempt (`nextWorkingDayStart`). Said
 * the other way round, for the scan's query: it is due now when the attempt was made before the day began of the
 * latest working day whose work has begun. The query narrowed by the calendar day instead, and from midnight until work
 * began every pending callback tried yesterday came back as a candidate at each pass, and its other signals, all long
 * written, were written again and refused by key (3,163 of them per pass over 100,000 open orders).
 */
export function callbackRetryCutoff(cal: WorkingCalendar, now: Date): Date {
  let date = localDateOf(now);
  for (let i = 0; i < 60 && !(isWorkday(cal, date) && instantAt(date, cal.periods[0]!.start) <= now); i++) date = addDaysToDate(date, -1);
  return instantAt(date, 0);
}

/** What the scan's query narrows its candidates by, from the same rules `signalsFor` applies to each. */
export function scanWindows(cal: WorkingCalendar, now: Date) {
  return { progress: progressWindow(cal, now), retryBefore: callbackRetryCutoff(cal, now) };
}

/** The last working day that has fully ended before `now` (its working time is over). */
export function lastFullWorkingDay(cal: WorkingCalendar, now: Date): string {
  let date = localDateOf(now);
  if (!(isWorkday(cal, date) && endOfWorkingDay(cal, date) <= now)) date = addDaysToDate(date, -1);
  for (let i = 0; i < 60 && !isWorkday(cal, date); i++) date = addDaysToDate(date, -1);
  return date;
}

const iso = (d: Date | null) => d?.toISOString() ?? 'none';

export function signalsFor(cal: WorkingCalendar, o: TimedOrder, now: Date): Signal[] {
  if (!workingStates.has(o.state)) return [];
  const out: Signal[] = [];
  const step = o.currentStep;
  const due = o.currentDueAt;
  const sig = (kind: SignalKind, dueAt: Date | null, key = `${kind}:${o.id}:${step ?? '-'}:${iso(dueAt)}`) =>
    out.push({ kind, orderId: o.id, step, dueAt, key });

  if (isEmergency(o)) out.push({ kind: 'emergency', orderId: o.id, step, dueAt: due, key: `emergency:${o.id}:${o.holderUnitId}` });
  if (due && step) {
    if (now > due) {
      sig('overdue', due);
      const second = secondLimitAt(cal, o);
      if (second && now > second) sig('escalated', due);
    } else if (o.currentNearDueAt && now >= o.currentNearDueAt) {
      sig(step === 'callback' ? 'callback_due' : 'near_due', due);
    }
  }
  if (o.state === 'pending_callback' && o.callbackAttempts > 0) {
    const retryAt = nextWorkingDayStart(cal, o.updatedAt);
    if (now >= retryAt) sig('callback_retry', retryAt, `callback_retry:${o.id}:attempt${o.callbackAttempts + 1}`);
  }
  const awaited = o.instructions ? awaitedInstruction(o.instructions, o.state) : null;
  if (awaited) {
    const key = awaited === 'provincial' ? `instruction_requested:${o.id}:provincial` : `instruction_requested:${o.id}:receiving:${o.holderUnitId}`;
    out.push({ kind: 'instruction_requested', orderId: o.id, step, dueAt: null, key, awaited });
  }
  // Until replied, an emergency order needs a progress note every working day.
  if (isEmergency(o) && (o.state === 'pending_sign' || o.state === 'handling')) {
    const w = progressWindow(cal, now);
    // Open when that day's work began, and no note since that day began (a later note counts for it too).
    if (o.createdAt < w.createdBefore && !(o.lastNoteAt && o.lastNoteAt >= w.notedSince))
      sig('progress_missing', endOfWorkingDay(cal, w.day), `progress_missing:${o.id}:${w.day}`);
  }
  return out;
}
