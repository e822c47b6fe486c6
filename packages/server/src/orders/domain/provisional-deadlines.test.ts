import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../../calendar/calendar.seed.js';
import { planCalendarYear } from '../../calendar/domain/calendar-year.js';
import { withProvisionalYears } from '../../calendar/domain/provisional-year.js';
import { addWorkingDays, addWorkingMinutes, createWorkingCalendar, type LimitUnit } from '../../calendar/domain/working-time.js';
import type { Step } from '../../catalog/domain/catalog.js';
import { nearDueAt } from './deadlines.js';
import { carriedDeadlines, hasProvisionalDeadline, openDeadlines, type DeadlineFields } from './provisional-deadlines.js';

const { days } = packageCalendarDays();
const marks = (list: { day: string; workday: boolean }[]) => list.map((d) => ({ date: d.day, workday: d.workday }));
const provisional = withProvisionalYears(createWorkingCalendar(marks(days)), 2027);
const notice = planCalendarYear(
  2027,
  ['2027-01-01', '2027-01-04'].map((date) => ({ date, name: '元旦' })),
  [],
).days;
const official = withProvisionalYears(createWorkingCalendar(marks([...days, ...notice])), 2028);
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const blank: DeadlineFields = {
  state: 'processing',
  currentStep: null,
  currentStepStartedAt: null,
  currentDueAt: null,
  currentNearDueAt: null,
  replyStartedAt: null,
  replyDueAt: null,
  replyNearDueAt: null,
  repliedAt: null,
  returnDueAt: null,
  callbackDueAt: null,
};
const units =
  (u: Partial<Record<Step, LimitUnit>> = {}) =>
  (step: Step) =>
    u[step] ?? 'working_days';

describe('openDeadlines', () => {
  const start = at('2026-12-01 10:00');
  it('lists the reply deadline until the reply, the current step otherwise, the return deadline while to be signed', () => {
    const signing = {
      ...blank,
      state: 'pending_sign',
      currentStep: 'sign',
      currentStepStartedAt: start,
      currentDueAt: at('2026-12-02 17:30'),
      returnDueAt: at('2026-12-03 17:30'),
      replyStartedAt: start,
      replyDueAt: at('2027-01-13 17:30'),
    };
    expect(openDeadlines(signing).map((d) => [d.due, d.step])).toEqual([
      ['replyDueAt', 'reply'],
      ['currentDueAt', 'sign'],
      ['returnDueAt', 'return'],
    ]);
    const replying = { ...signing, state: 'processing', currentStep: 'reply', currentDueAt: signing.replyDueAt };
    expect(openDeadlines(replying).map((d) => d.due)).toEqual(['replyDueAt']);
    const callback = { ...replying, state: 'pending_callback', repliedAt: start, currentStep: 'callback', currentDueAt: at('2027-01-05 17:30') };
    expect(openDeadlines(callback).map((d) => [d.due, d.step])).toEqual([['currentDueAt', 'callback']]);
    expect(openDeadlines({ ...callback, state: 'archived' })).toEqual([]);
  });
});

describe('hasProvisionalDeadline', () => {
  const start = at('2026-11-30 10:00');
  const replying = { ...blank, currentStep: 'reply', currentStepStartedAt: start, replyStartedAt: start, replyDueAt: addWorkingDays(provisional, start, 30) };
  replying.currentDueAt = replying.replyDueAt;
  it('is true for a working-day deadline in 2027, false on the official calendar or for a clock limit', () => {
    expect(hasProvisionalDeadline(replying, provisional, units())).toBe(true);
    expect(hasProvisionalDeadline(replying, official, units())).toBe(false);
    expect(hasProvisionalDeadline(replying, provisional, units({ reply: 'clock_hours' }))).toBe(false);
    expect(hasProvisionalDeadline({ ...replying, repliedAt: start, currentStep: null }, provisional, units())).toBe(false);
  });
});

describe('carriedDeadlines', () => {
  it('moves the reply deadline, the current step mirroring it, and both near-due instants', () => {
    const start = at('2026-11-30 10:00');
    const due = addWorkingDays(provisional, start, 30);
    const o = { ...blank, currentStep: 'reply', currentStepStartedAt: start, currentDueAt: due, replyStartedAt: start, replyDueAt: due };
    const { set, changes } = carriedDeadlines(o, provisional, official, units());
    const moved = at('2027-01-13 17:30');
    expect(set.replyDueAt).toEqual(moved);
    expect(set.currentDueAt).toEqual(moved);
    expect(set.replyNearDueAt).toEqual(nearDueAt(official, start, moved, 'working_days'));
    expect(set.currentNearDueAt).toEqual(set.replyNearDueAt);
    expect(changes).toEqual([{ field: 'replyDueAt', from: due.toISOString(), to: moved.toISOString() }]);
  });

  it('moves a callback deadline with the current one, a sign deadline in hours, and leaves a clock limit alone', () => {
    const start = at('2026-12-31 15:00');
    const callbackDue = addWorkingDays(provisional, start, 2); // 4 and 5 January provisionally
    const o = {
      ...blank,
      state: 'pending_callback',
      repliedAt: start,
      currentStep: 'callback',
      currentStepStartedAt: start,
      currentDueAt: callbackDue,
      callbackDueAt: callbackDue,
    };
    const { set, changes } = carriedDeadlines(o, provisional, official, units());
    expect(set.currentDueAt).toEqual(at('2027-01-06 17:30'));
    expect(set.callbackDueAt).toEqual(at('2027-01-06 17:30'));
    expect(changes.map((c) => c.field)).toEqual(['currentDueAt', 'callbackDueAt']);

    const signDue = addWorkingMinutes(provisional, start, 7 * 60);
    const signing = { ...blank, state: 'pending_sign', currentStep: 'sign', currentStepStartedAt: start, currentDueAt: signDue };
    expect(carriedDeadlines(signing, provisional, official, units({ sign: 'working_hours' })).set.currentDueAt).toEqual(
      addWorkingMinutes(official, start, 7 * 60),
    );
    expect(carriedDeadlines(signing, provisional, official, units({ sign: 'clock_hours' }))).toEqual({ set: {}, changes: [] });
  });
});
