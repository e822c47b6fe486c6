import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../../calendar/calendar.seed.js';
import { computeDeadline, createWorkingCalendar, isWithinWorkingTime, workingMinutesBetween, type LimitUnit } from '../../calendar/domain/working-time.js';
import { deadlineStatus, nearDueAt } from './deadlines.js';

// The calendar as the database is seeded (working hours 09:00–12:00 and 13:30–17:30: 420 working minutes a day).
const cal = createWorkingCalendar(packageCalendarDays().days.map((d) => ({ date: d.day, workday: d.workday })));

/** A local (UTC+8) wall-clock time: at('2026-11-25 10:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const ms = 1;

describe('nearDueAt in working time', () => {
  it.each([
    // 1 working day from after hours: the whole limit is 420 minutes, 20 % is 84.
    ['1 working day from Wednesday evening', 'working_days', '2026-11-25 18:00', '2026-11-26 17:30', '2026-11-26 16:06'],
    // 5 working days over a weekend: 2100 minutes, the last 420 of them; the instant lands on the close of the 4th day.
    ['5 working days over a weekend', 'working_days', '2026-11-25 18:00', '2026-12-02 17:30', '2026-12-01 17:30'],
    // Counted from the next day, but the rest of the start day is time too: 780 minutes, so 156 are left at near due.
    ['1 working day from mid-morning', 'working_days', '2026-11-25 10:00', '2026-11-26 17:30', '2026-11-26 14:54'],
    // 20 % of 4 working hours is 48 minutes: the warning still comes one working hour ahead.
    ['4 working hours (the 60-minute floor)', 'working_hours', '2026-11-25 10:00', '2026-11-25 15:30', '2026-11-25 14:30'],
    // 8 working hours: 96 minutes, past the lunch break and the night.
    ['8 working hours over the night', 'working_hours', '2026-11-25 10:00', '2026-11-26 11:00', '2026-11-26 09:24'],
    // A limit of one working hour is near due from its start.
    ['1 working hour', 'working_hours', '2026-11-25 10:00', '2026-11-25 11:00', '2026-11-25 10:00'],
    ['half a working hour', 'working_hours', '2026-11-25 17:00', '2026-11-25 17:30', '2026-11-25 17:00'],
    // Taken before the working day: near due when it begins, not at intake (no reminder at 07:36 for an 09:00 start).
    ['1 working hour from early morning', 'working_hours', '2026-11-25 07:36', '2026-11-25 10:00', '2026-11-25 09:00'],
    ['1 working hour from the lunch break', 'working_hours', '2026-11-25 12:10', '2026-11-25 14:30', '2026-11-25 13:30'],
    ['1 working hour from Friday evening', 'working_hours', '2026-11-27 18:00', '2026-11-30 10:00', '2026-11-30 09:00'],
    // The National Day block of 2026 (1–7 October) is skipped; 10 October, a Saturday, is a make-up working day.
    ['1 working day across National Day', 'working_days', '2026-09-30 10:00', '2026-10-08 17:30', '2026-10-08 14:54'],
    ['2 working hours across National Day', 'working_hours', '2026-09-30 17:00', '2026-10-08 10:30', '2026-10-08 09:30'],
    ['5 working days across National Day and its make-up Saturday', 'working_days', '2026-09-30 18:00', '2026-10-13 17:30', '2026-10-12 17:30'],
  ] as const)('%s', (_what, unit, start, due, near) => {
    expect(nearDueAt(cal, at(start), at(due), unit)).toEqual(at(near));
  });

  it('agrees with the deadlines the calendar computes', () => {
    const start = at('2026-09-30 18:00');
    const due = computeDeadline(cal, start, { amount: 5, unit: 'working_days' })!;
    expect(due).toEqual(at('2026-10-13 17:30'));
    expect(workingMinutesBetween(cal, nearDueAt(cal, start, due, 'working_days'), due)).toBe(420);
  });

  it('leaves 20 % of the working time, at least 60 minutes, never more than the whole (any start, any limit)', () => {
    const first = at('2025-01-01 00:00').getTime();
    const last = at('2026-10-31 00:00').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Math.floor((last - first) / 60_000) }),
        fc.oneof(
          fc.record({ unit: fc.constant('working_days' as const), amount: fc.integer({ min: 1, max: 30 }) }),
          fc.record({ unit: fc.constant('working_hours' as const), amount: fc.integer({ min: 1, max: 40 }) }),
        ),
        (minute, limit) => {
          const start = new Date(first + minute * 60_000);
          const due = computeDeadline(cal, start, limit)!;
          const near = nearDueAt(cal, start, due, limit.unit);
          const total = workingMinutesBetween(cal, start, due);
          expect(near >= start && near <= due).toBe(true);
          // Never before the working time the limit counts has begun: a whole-limit warning starts at its first working minute.
          if (workingMinutesBetween(cal, near, due) === total) expect(isWithinWorkingTime(cal, near)).toBe(true);
          expect(workingMinutesBetween(cal, near, due)).toBe(Math.min(total, Math.max(Math.ceil(total * 0.2), 60)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('nearDueAt on the clock', () => {
  it.each([
    // Clock limits keep 20 % with no one-hour floor, and run through nights and holidays.
    ['30 minutes', 'clock_minutes', '2026-10-01T02:00:00Z', '2026-10-01T02:30:00Z', '2026-10-01T02:24:00Z'],
    ['15 minutes', 'clock_minutes', '2026-10-01T02:00:00Z', '2026-10-01T02:15:00Z', '2026-10-01T02:12:00Z'],
    ['2 hours on a holiday', 'clock_hours', '2026-10-01T02:00:00Z', '2026-10-01T04:00:00Z', '2026-10-01T03:36:00Z'],
    ['24 hours', 'clock_hours', '2026-11-25T02:00:00Z', '2026-11-26T02:00:00Z', '2026-11-25T21:12:00Z'],
    ['3 calendar days', 'calendar_days', '2026-11-25T02:00:00Z', '2026-11-28T02:00:00Z', '2026-11-27T11:36:00Z'],
  ] as const)('%s', (_what, unit, start, due, near) => {
    expect(nearDueAt(cal, new Date(start), new Date(due), unit)).toEqual(new Date(near));
  });
});

describe('nearDueAt when the deadline is not after the start', () => {
  const units: LimitUnit[] = ['working_days', 'working_hours', 'clock_minutes', 'clock_hours', 'calendar_days'];
  it.each(units.map((u) => [u]))('%s: the deadline itself', (unit) => {
    const start = at('2026-11-25 10:00');
    expect(nearDueAt(cal, start, start, unit)).toEqual(start);
    const earlier = at('2026-11-24 10:00');
    expect(nearDueAt(cal, start, earlier, unit)).toEqual(earlier);
  });
});

describe('deadlineStatus', () => {
  const due = new Date('2026-11-26T09:30:00Z');
  const near = new Date('2026-11-26T08:06:00Z');

  it.each([
    ['long before near due', new Date(near.getTime() - 3_600_000), 'on_time'],
    ['one ms before near due', new Date(near.getTime() - ms), 'on_time'],
    ['exactly at near due', near, 'near_due'],
    ['one ms before the deadline', new Date(due.getTime() - ms), 'near_due'],
    ['exactly at the deadline', due, 'near_due'],
    ['one ms after the deadline', new Date(due.getTime() + ms), 'overdue'],
    ['days after the deadline', new Date(due.getTime() + 3 * 86_400_000), 'overdue'],
  ] as const)('%s: %s', (_when, now, status) => {
    expect(deadlineStatus(now, due, near)).toBe(status);
  });

  it('without a near-due instant: on time up to the deadline, overdue after it', () => {
    expect(deadlineStatus(due, due, null)).toBe('on_time');
    expect(deadlineStatus(new Date(due.getTime() + ms), due, null)).toBe('overdue');
  });

  it('without a deadline: no status', () => {
    expect(deadlineStatus(due, null, null)).toBeNull();
    expect(deadlineStatus(due, null, near)).toBeNull();
  });

  it('turns near due exactly at the instant nearDueAt computes across National Day', () => {
    const start = at('2026-09-30 10:00');
    const d = at('2026-10-08 17:30');
    const n = nearDueAt(cal, start, d, 'working_days');
    expect(deadlineStatus(at('2026-10-07 23:59'), d, n)).toBe('on_time');
    expect(deadlineStatus(new Date(n.getTime() - ms), d, n)).toBe('on_time');
    expect(deadlineStatus(n, d, n)).toBe('near_due');
    expect(deadlineStatus(d, d, n)).toBe('near_due');
    expect(deadlineStatus(new Date(d.getTime() + ms), d, n)).toBe('overdue');
  });
});
