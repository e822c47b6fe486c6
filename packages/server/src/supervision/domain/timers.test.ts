import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../../calendar/calendar.seed.js';
import { createWorkingCalendar } from '../../calendar/domain/working-time.js';
import { callbackRetryCutoff, isEmergency, lastFullWorkingDay, nextWorkingDayStart, secondLimitAt, signalsFor, type TimedOrder } from './timers.js';

// The calendar exactly as the database is seeded (chinese-days' data, whole years).
const cal = createWorkingCalendar(packageCalendarDays().days.map((d) => ({ date: d.day, workday: d.workday })));
const bj = (local: string) => new Date(`${local}+08:00`);

/** A normal order in its reply step: signed on the Mid-Autumn Festival 2026, due at the close of 9 October. */
const order = (over: Partial<TimedOrder> = {}): TimedOrder => ({
  id: 'o1',
  number: '12351-150000-20260925-0001',
  state: 'handling',
  priority: 'normal',
  riskFlags: [],
  currentStep: 'reply',
  currentStepStartedAt: bj('2026-09-25T10:00:00'),
  currentDueAt: bj('2026-10-09T17:30:00'),
  currentNearDueAt: bj('2026-10-08T17:30:00'),
  replyLimitUnit: 'working_days',
  callbackAttempts: 0,
  updatedAt: bj('2026-09-25T10:00:00'),
  createdAt: bj('2026-09-25T10:00:00'),
  lastNoteAt: null,
  holderUnitId: 'county',
  ...over,
});

const kinds = (o: TimedOrder, at: string) => signalsFor(cal, o, bj(at)).map((s) => s.kind);

describe('signalsFor', () => {
  it.each([
    ['2026-10-03T10:00:00', []],
    ['2026-10-08T17:29:59', []],
    ['2026-10-08T17:30:00', ['near_due']],
    ['2026-10-09T17:30:00', ['near_due']],
    ['2026-10-09T17:30:01', ['overdue']],
    ['2026-10-15T17:30:00', ['overdue']],
    ['2026-10-15T17:31:00', ['overdue', 'escalated']],
  ] as const)('a normal reply step at %s: %j', (at, want) => {
    expect(kinds(order(), at)).toEqual(want);
  });

  it('keys a signal by order, step and deadline: an extension (a new deadline) makes new signals', () => {
    const [first] = signalsFor(cal, order(), bj('2026-10-10T10:00:00'));
    const [extended] = signalsFor(
      cal,
      order({ currentDueAt: bj('2026-10-16T17:30:00'), currentNearDueAt: bj('2026-10-15T17:30:00') }),
      bj('2026-10-16T10:00:00'),
    );
    expect(first!.key).toBe(`overdue:o1:reply:${bj('2026-10-09T17:30:00').toISOString()}`);
    expect(extended!.kind).toBe('near_due');
    expect(extended!.key).not.toBe(first!.key);
  });

  it('is silent for closed orders and steps without a deadline', () => {
    for (const state of ['archived', 'closed_at_intake', 'merged', 'invalid']) expect(kinds(order({ state }), '2026-10-20T10:00:00')).toEqual([]);
    expect(kinds(order({ state: 'replied', currentStep: 'review', currentDueAt: null, currentNearDueAt: null }), '2026-10-20T10:00:00')).toEqual([]);
  });

  it('calls the callback step near due a callback reminder, and asks for a second attempt the next working day', () => {
    const cb = order({
      state: 'pending_callback',
      currentStep: 'callback',
      currentDueAt: bj('2026-10-13T17:30:00'),
      currentNearDueAt: bj('2026-10-13T16:30:00'),
    });
    expect(kinds(cb, '2026-10-13T16:45:00')).toEqual(['callback_due']);
    // Unreachable on Friday 9 October: the second attempt is due from Saturday 10 October (a make-up working day).
    const unreachable = order({ ...cb, callbackAttempts: 1, updatedAt: bj('2026-10-09T15:00:00') });
    expect(nextWorkingDayStart(cal, bj('2026-10-09T15:00:00'))).toEqual(bj('2026-10-10T09:00:00'));
    expect(kinds(unreachable, '2026-10-10T08:59:00')).toEqual([]);
    expect(kinds(unreachable, '2026-10-10T09:00:00')).toEqual(['callback_retry']);
    expect(signalsFor(cal, unreachable, bj('2026-10-10T09:00:00'))[0]!.key).toBe('callback_retry:o1:attempt2');
  });

  it("narrows the scan's candidates for a callback retry by exactly the rule signalsFor applies", () => {
    // Every attempt and every scan time, each hour over the 2026 National Day holiday and its make-up working days
    // (a Sunday and a Saturday that are working days, eight days off), and at the minutes around the start of work.
    const instants: Date[] = [];
    for (let t = bj('2026-09-25T00:00:00').getTime(); t < bj('2026-10-14T00:00:00').getTime(); t += 3_600_000) {
      instants.push(new Date(t), new Date(t + 59 * 60_000));
    }
    const retryAt = new Map(instants.map((a) => [a, nextWorkingDayStart(cal, a)]));
    const differ: string[] = [];
    let due = 0;
    for (const now of instants) {
      const cutoff = callbackRetryCutoff(cal, now);
      for (const attempt of instants) {
        if (attempt > now) continue;
        const byRule = now >= retryAt.get(attempt)!;
        if (attempt < cutoff !== byRule) differ.push(`attempt ${attempt.toISOString()} scanned ${now.toISOString()}`);
        if (byRule) due++;
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(due).toBeGreaterThan(100_000);
    // Before work begins on a working day, yesterday's attempts are not due: the cutoff is yesterday's midnight.
    expect(callbackRetryCutoff(cal, bj('2026-10-09T08:59:00'))).toEqual(bj('2026-10-08T00:00:00'));
    expect(callbackRetryCutoff(cal, bj('2026-10-09T09:00:00'))).toEqual(bj('2026-10-09T00:00:00'));
    // Over the holiday, the last working day that began is the Tuesday before it (30 September).
    expect(callbackRetryCutoff(cal, bj('2026-10-05T12:00:00'))).toEqual(bj('2026-09-30T00:00:00'));
  });

  it('puts an order with any of 危众多大隐, or major, into the emergency mechanism, once per holding unit', () => {
    expect(isEmergency({ priority: 'normal', riskFlags: [] })).toBe(false);
    expect(isEmergency({ priority: 'urgent', riskFlags: [] })).toBe(false);
    expect(isEmergency({ priority: 'major', riskFlags: [] })).toBe(true);
    for (const f of ['danger', 'mass', 'repeat', 'large', 'hidden']) expect(isEmergency({ priority: 'normal', riskFlags: [f] })).toBe(true);
    const e = order({
      riskFlags: ['mass'],
      createdAt: bj('2026-10-19T09:30:00'),
      currentStepStartedAt: bj('2026-10-19T09:30:00'),
      currentDueAt: bj('2026-10-22T09:30:00'),
      currentNearDueAt: bj('2026-10-21T19:00:00'),
    });
    const [alert] = signalsFor(cal, e, bj('2026-10-19T09:35:00'));
    expect(alert).toMatchObject({ kind: 'emergency', key: 'emergency:o1:county' });
    expect(signalsFor(cal, { ...e, holderUnitId: 'town' }, bj('2026-10-19T09:35:00'))[0]!.key).toBe('emergency:o1:town');
  });

  it('flags an emergency order without a progress note on the last full working day', () => {
    // Received on Friday 16 October in the afternoon: Friday itself asks for no note.
    const e = order({
      riskFlags: ['danger'],
      createdAt: bj('2026-10-16T15:00:00'),
      currentDueAt: bj('2026-10-22T09:30:00'),
      currentNearDueAt: bj('2026-10-21T19:00:00'),
    });
    // Monday 19 October, still working: Friday was the day of receipt, Monday is not over.
    expect(kinds(e, '2026-10-19T16:00:00')).toEqual(['emergency']);
    // The 19th is over without a note: flagged (after its close, and the next morning).
    expect(kinds(e, '2026-10-19T17:31:00')).toContain('progress_missing');
    expect(signalsFor(cal, e, bj('2026-10-20T08:00:00')).find((s) => s.kind === 'progress_missing')!.key).toBe('progress_missing:o1:2026-10-19');
    // A note on the 19th covers the 19th.
    expect(kinds({ ...e, lastNoteAt: bj('2026-10-19T15:00:00') }, '2026-10-20T08:00:00')).not.toContain('progress_missing');
    // Over a weekend, the last full working day is Friday.
    expect(lastFullWorkingDay(cal, bj('2026-10-26T08:00:00'))).toBe('2026-10-23');
    // Replied orders need no more notes.
    expect(kinds({ ...e, state: 'replied' }, '2026-10-20T08:00:00')).not.toContain('progress_missing');
  });

  it('counts the second limit in working time for a normal order and on the clock for an urgent one', () => {
    expect(secondLimitAt(cal, order())).toEqual(bj('2026-10-15T17:30:00'));
    const urgent = order({
      priority: 'urgent',
      currentStep: 'sign',
      currentStepStartedAt: bj('2026-10-01T10:00:00'),
      currentDueAt: bj('2026-10-01T12:00:00'),
      replyLimitUnit: null,
    });
    expect(secondLimitAt(cal, urgent)).toEqual(bj('2026-10-01T14:00:00'));
  });
});
