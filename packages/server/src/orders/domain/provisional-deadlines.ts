/**
 * Deadlines counted on a provisional year (calendar/domain/provisional-year.ts): which of an order's open deadlines
 * are provisional, and what they become when the official year replaces the provisional one. Pure.
 */
import { carryDeadline, isProvisionalDeadline, type LimitUnit, type WorkingCalendar } from '../../calendar/domain/working-time.js';
import type { Step } from '../../catalog/domain/catalog.js';
import { nearDueAt } from './deadlines.js';

export type DeadlineFields = {
  state: string;
  currentStep: string | null;
  currentStepStartedAt: Date | null;
  currentDueAt: Date | null;
  currentNearDueAt: Date | null;
  replyStartedAt: Date | null;
  replyDueAt: Date | null;
  replyNearDueAt: Date | null;
  repliedAt: Date | null;
  returnDueAt: Date | null;
  callbackDueAt: Date | null;
};

type DueField = 'currentDueAt' | 'replyDueAt' | 'returnDueAt';
type NearField = 'currentNearDueAt' | 'replyNearDueAt';
export type OpenDeadline = { due: DueField; near: NearField | null; step: Step; start: Date };

const finished = new Set(['archived', 'closed_at_intake', 'merged', 'invalid']);

/**
 * The deadlines still ahead of an order, each with the step whose limit set it and the instant it was counted
 * from. The current step's deadline mirrors the reply deadline on the reply step (and the callback deadline on the
 * callback step), so it is listed once. The return deadline counts only while the order waits to be signed: its
 * start (the hop) is the step's start then.
 */
export function openDeadlines(o: DeadlineFields): OpenDeadline[] {
  if (finished.has(o.state)) return [];
  const list: OpenDeadline[] = [];
  if (o.replyDueAt && o.replyStartedAt && !o.repliedAt) list.push({ due: 'replyDueAt', near: 'replyNearDueAt', step: 'reply', start: o.replyStartedAt });
  if (o.currentStep && o.currentStep !== 'reply' && o.currentDueAt && o.currentStepStartedAt) {
    list.push({ due: 'currentDueAt', near: 'currentNearDueAt', step: o.currentStep as Step, start: o.currentStepStartedAt });
    if (o.currentStep === 'sign' && o.returnDueAt) list.push({ due: 'returnDueAt', near: null, step: 'return', start: o.currentStepStartedAt });
  }
  return list;
}

/** The open deadlines that lie on provisional days at all (a cheap test before the limits' units are looked up). */
export const deadlinesOnProvisionalDays = (o: DeadlineFields, cal: WorkingCalendar) =>
  openDeadlines(o).filter((d) => isProvisionalDeadline(cal, o[d.due], 'working_days'));

/** Whether any open deadline was counted in working time into provisional days. */
export function hasProvisionalDeadline(o: DeadlineFields, cal: WorkingCalendar, unitOf: (step: Step) => LimitUnit): boolean {
  return openDeadlines(o).some((d) => isProvisionalDeadline(cal, o[d.due], unitOf(d.step)));
}

export type DeadlineChange = { field: DueField | 'callbackDueAt'; from: string; to: string };

/**
 * The order's deadlines carried from the calendar they were counted on to the one that replaces it, with what
 * changed. The mirrored fields follow: the current deadline on the reply step, the callback deadline on the callback
 * step, and each near-due instant (counted again from the step's start, as when it was first set).
 */
export function carriedDeadlines(o: DeadlineFields, from: WorkingCalendar, to: WorkingCalendar, unitOf: (step: Step) => LimitUnit) {
  const set: Partial<Record<DueField | NearField | 'callbackDueAt', Date>> = {};
  const changes: DeadlineChange[] = [];
  const change = (field: DeadlineChange['field'], before: Date | null, after: Date) => {
    set[field] = after;
    if (before && before.getTime() !== after.getTime()) changes.push({ field, from: before.toISOString(), to: after.toISOString() });
  };
  for (const d of openDeadlines(o)) {
    const unit = unitOf(d.step);
    const before = o[d.due]!;
    if (!isProvisionalDeadline(from, before, unit)) continue;
    const after = carryDeadline(from, to, d.start, before, unit);
    change(d.due, before, after);
    if (d.near) set[d.near] = nearDueAt(to, d.start, after, unit);
    if (d.due === 'replyDueAt' && o.currentStep === 'reply' && o.currentDueAt?.getTime() === before.getTime()) {
      set.currentDueAt = after;
      set.currentNearDueAt = set.replyNearDueAt!;
    }
    if (d.due === 'currentDueAt' && o.currentStep === 'callback' && o.callbackDueAt?.getTime() === before.getTime()) change('callbackDueAt', before, after);
  }
  return { set, changes };
}
