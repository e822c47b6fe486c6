/**
 * The working calendar: pure functions, no I/O, no clock. Every deadline in the product is computed here.
 *
 * China keeps one time zone (UTC+8) and no daylight saving, so local time is UTC shifted by eight hours.
 * A date is 'YYYY-MM-DD' in that local time. A day outside the calendar's data is never guessed as
 * "Monday to Friday": asking about it throws CalendarNotCoveredError.
 */
import { dateOfDayNumber, dayNumberOf } from './day-numbers.js';

export const CHINA_OFFSET_MINUTES = 8 * 60;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type WorkingPeriod = { start: string; end: string };
export type DayMark = { date: string; workday: boolean };

export type WorkingCalendar = {
  readonly workdays: ReadonlyMap<string, boolean>;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Minutes from local midnight, sorted and non-overlapping. */
  readonly periods: readonly { start: number; end: number }[];
  /**
   * The first day computed from the holiday regulation rather than entered from a notice (provisional-year.ts);
   * absent when every day is entered. A working-time deadline on or after it is provisional.
   */
  readonly provisionalFrom?: string | null;
};

export type LimitUnit = 'working_days' | 'working_hours' | 'clock_minutes' | 'clock_hours' | 'calendar_days' | 'none';
export type CountFrom = 'next_working_day' | 'same_day';
export type Limit = { amount: number | null; unit: LimitUnit; countFrom?: CountFrom };

export class CalendarNotCoveredError extends Error {
  constructor(
    readonly date: string,
    readonly firstDay: string | null,
    readonly lastDay: string | null,
  ) {
    super(`工作日历未覆盖 ${date}（已覆盖 ${firstDay ?? '无'} 至 ${lastDay ?? '无'}），请管理员先维护该年度的节假日安排`);
    this.name = 'CalendarNotCoveredError';
  }
}

export class InvalidCalendarError extends Error {}

export const defaultWorkingPeriods: WorkingPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

const hhmm = (s: string): number => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new InvalidCalendarError(`时间格式应为 HH:MM：${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Checks that working periods are valid HH:MM ranges, ordered and not overlapping; returns a message or null. */
export function checkWorkingPeriods(periods: readonly WorkingPeriod[]): string | null {
  if (periods.length === 0) return '至少需要一个工作时段';
  let prevEnd = -1;
  for (const p of periods) {
    let s: number, e: number;
    try {
      s = hhmm(p.start);
      e = hhmm(p.end);
    } catch (err) {
      return (err as Error).message;
    }
    if (e <= s) return `时段 ${p.start}–${p.end} 的结束时间应晚于开始时间`;
    if (s < prevEnd) return `时段 ${p.start}–${p.end} 与前一时段重叠或顺序颠倒`;
    prevEnd = e;
  }
  return null;
}

export function createWorkingCalendar(days: Iterable<DayMark>, periods: readonly WorkingPeriod[] = defaultWorkingPeriods): WorkingCalendar {
  const problem = checkWorkingPeriods(periods);
  if (problem) throw new InvalidCalendarError(problem);
  const workdays = new Map<string, boolean>();
  let firstDay = '';
  let lastDay = '';
  for (const d of days) {
    workdays.set(d.date, d.workday);
    if (!firstDay || d.date < firstDay) firstDay = d.date;
    if (!lastDay || d.date > lastDay) lastDay = d.date;
  }
  return { workdays, firstDay, lastDay, periods: periods.map((p) => ({ start: hhmm(p.start), end: hhmm(p.end) })) };
}

// ---- dates and instants ------------------------------------------------------------------

/** The local (UTC+8) date of an instant. */
export function localDateOf(instant: Date): string {
  const shifted = instant.getTime() + CHINA_OFFSET_MINUTES * MINUTE;
  // By day number (day-numbers.ts); Date's own formatting for what that does not cover (and its RangeError).
  return dateOfDayNumber(Math.floor(shifted / DAY)) ?? new Date(shifted).toISOString().slice(0, 10);
}

/** The instant of a local date at a local minute of the day. */
export function instantAt(date: string, minuteOfDay: number): Date {
  const n = dayNumberOf(date);
  const midnight = n === null ? Date.parse(`${date}T00:00:00Z`) : n * DAY;
  return new Date(midnight - CHINA_OFFSET_MINUTES * MINUTE + minuteOfDay * MINUTE);
}

export function addDaysToDate(date: string, n: number): string {
  // Whole days only: a fraction of a day moves the Date-based instant across midnight, not the day number.
  const d = Number.isInteger(n) ? dayNumberOf(date) : null;
  return (d === null ? null : dateOfDayNumber(d + n)) ?? new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Minute of the local day (0–1439) of an instant. */
function localMinuteOf(instant: Date): number {
  const shifted = instant.getTime() + CHINA_OFFSET_MINUTES * MINUTE;
  return Math.floor((((shifted % DAY) + DAY) % DAY) / MINUTE);
}

/** Whether a date is a working day; throws outside the calendar's data. */
export function isWorkday(cal: WorkingCalendar, date: string): boolean {
  const w = cal.workdays.get(date);
  if (w === undefined) throw new CalendarNotCoveredError(date, cal.firstDay || null, cal.lastDay || null);
  return w;
}

export function isWithinWorkingTime(cal: WorkingCalendar, instant: Date): boolean {
  if (!isWorkday(cal, localDateOf(instant))) return false;
  const m = localMinuteOf(instant);
  return cal.periods.some((p) => m >= p.start && m < p.end);
}

/** The end of the working day: the close of its last working period. */
export function endOfWorkingDay(cal: WorkingCalendar, date: string): Date {
  return instantAt(date, cal.periods[cal.periods.length - 1]!.end);
}

/**
 * The deadline N working days from `start`: the end of the Nth working day.
 * 次日起算 (default): the day of `start` does not count, whatever the hour.
 * 含本数 (same_day): the day of `start` counts as the first when it is a working day whose working time has not
 * ended yet; counting a day that is already over would give a deadline before the start.
 */
export function addWorkingDays(cal: WorkingCalendar, start: Date, n: number, countFrom: CountFrom = 'next_working_day'): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('working days must be a positive whole number');
  let date = localDateOf(start);
  let counted = 0;
  if (countFrom === 'same_day' && isWorkday(cal, date) && start < endOfWorkingDay(cal, date)) counted = 1;
  while (counted < n) {
    date = addDaysToDate(date, 1);
    if (isWorkday(cal, date)) counted++;
  }
  return endOfWorkingDay(cal, date);
}

/**
 * N working minutes from `start`, counted only inside working periods of working days.
 * A start outside working time begins at the next working period.
 */
export function addWorkingMinutes(cal: WorkingCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError('working minutes must be positive');
  let remaining = minutes * MINUTE;
  let date = localDateOf(start);
  // A limit of working hours never needs more than a few weeks; the bound turns a bad calendar into an error, not a hang.
  for (let guard = 0; guard < 3660; guard++, date = addDaysToDate(date, 1)) {
    if (!isWorkday(cal, date)) continue;
    for (const p of cal.periods) {
      const from = Math.max(start.getTime(), instantAt(date, p.start).getTime());
      const to = instantAt(date, p.end).getTime();
      if (from >= to) continue;
      if (remaining <= to - from) return new Date(from + remaining);
      remaining -= to - from;
    }
  }
  throw new InvalidCalendarError('十年内没有足够的工作时间，工作日历数据有误');
}

/** The first instant at or after `from` that is working time (`from` itself inside a working period). */
export function firstWorkingInstant(cal: WorkingCalendar, from: Date): Date {
  let date = localDateOf(from);
  for (let guard = 0; guard < 3660; guard++, date = addDaysToDate(date, 1)) {
    if (!isWorkday(cal, date)) continue;
    for (const p of cal.periods) {
      const start = Math.max(from.getTime(), instantAt(date, p.start).getTime());
      if (start < instantAt(date, p.end).getTime()) return new Date(start);
    }
  }
  throw new InvalidCalendarError('十年内没有工作时间，工作日历数据有误');
}

export const addWorkingHours = (cal: WorkingCalendar, start: Date, hours: number) => addWorkingMinutes(cal, start, hours * 60);
export const addClockMinutes = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MINUTE);

/** Working days strictly after the date of `from` up to and including the date of `to` (次日起算). */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const last = localDateOf(to);
  let date = localDateOf(from);
  let count = 0;
  while (date < last) {
    date = addDaysToDate(date, 1);
    if (isWorkday(cal, date)) count++;
  }
  return count;
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  const lastDate = localDateOf(to);
  for (let date = localDateOf(from); date <= lastDate; date = addDaysToDate(date, 1)) {
    if (!isWorkday(cal, date)) continue;
    for (const p of cal.periods) {
      const a = Math.max(from.getTime(), instantAt(date, p.start).getTime());
      const b = Math.min(to.getTime(), instantAt(date, p.end).getTime());
      if (b > a) total += b - a;
    }
  }
  return Math.round(total / MINUTE);
}

/** The deadline of a limit counted from `start`; null when the limit is 'none' (no deadline). */
export function computeDeadline(cal: WorkingCalendar, start: Date, limit: Limit): Date | null {
  if (limit.unit === 'none' || limit.amount === null) return null;
  switch (limit.unit) {
    case 'working_days':
      return addWorkingDays(cal, start, limit.amount, limit.countFrom ?? 'next_working_day');
    case 'working_hours':
      return addWorkingMinutes(cal, start, limit.amount * 60);
    case 'clock_minutes':
      return addClockMinutes(start, limit.amount);
    case 'clock_hours':
      return addClockMinutes(start, limit.amount * 60);
    case 'calendar_days':
      return addClockMinutes(start, limit.amount * 24 * 60);
  }
}

/** Whether a limit is counted in working time (and so needs the calendar) or on the clock. */
export const isWorkingTimeUnit = (unit: LimitUnit) => unit === 'working_days' || unit === 'working_hours';

/** Whether a deadline in working time lands on a provisional day, so it may move when the official year is entered. */
export function isProvisionalDeadline(cal: WorkingCalendar, due: Date | null, unit: LimitUnit): boolean {
  return !!due && !!cal.provisionalFrom && isWorkingTimeUnit(unit) && localDateOf(due) >= cal.provisionalFrom;
}

/**
 * The same deadline on another calendar: `due` was computed on `from` as working time after `start`; the result
 * keeps that working time, counted on `to`. `from` and `to` must agree on every day before `from.provisionalFrom`
 * (they do when the official year replaces the provisional one), so only the part after it is counted again:
 * whole working days for a limit in working days (the deadline is the end of a day), working minutes otherwise.
 * Exact for a deadline counted from a start before the provisional days, and for one counted from a start inside
 * them (an extension counted on from the earlier deadline is working time from the same start, too).
 */
export function carryDeadline(from: WorkingCalendar, to: WorkingCalendar, start: Date, due: Date, unit: LimitUnit): Date {
  if (!isProvisionalDeadline(from, due, unit)) return due;
  const provisionalStart = instantAt(from.provisionalFrom!, 0);
  if (unit === 'working_days') {
    const base = start >= provisionalStart ? localDateOf(start) : addDaysToDate(from.provisionalFrom!, -1);
    const last = localDateOf(due);
    let k = 0;
    for (let d = addDaysToDate(base, 1); d <= last; d = addDaysToDate(d, 1)) if (isWorkday(from, d)) k++;
    let date = base;
    // The start's own day (counted 含本数): it stays the deadline when it still is a working day.
    if (k === 0) while (!isWorkday(to, date)) date = addDaysToDate(date, 1);
    for (let n = 0; n < k; ) {
      date = addDaysToDate(date, 1);
      if (isWorkday(to, date)) n++;
    }
    return endOfWorkingDay(to, date);
  }
  const anchor = start >= provisionalStart ? start : provisionalStart;
  const minutes = workingMinutesBetween(from, anchor, due);
  return minutes > 0 ? addWorkingMinutes(to, anchor, minutes) : due;
}
