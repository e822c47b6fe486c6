import { CalendarNotCoveredError, CHINA_OFFSET_MINUTES, type WorkingCalendar } from '../calendar/domain/working-time.js';

const DAY = 86_400_000;
const OFFSET = CHINA_OFFSET_MINUTES * 60_000;
const MINUTE = 60_000;

export type WorkClock = {
  /** Working minutes between two instants (0 when `to` is not after `from`). */
  between(from: Date, to: Date): number;
  /** The instant `minutes` working minutes after `start`. */
  add(start: Date, minutes: number): Date;
};

/**
 * Working time for choosing when people act (a sign-off two working hours after dispatch, notes in office
 * hours): the calendar's days as prefix sums, so a million orders do not walk the calendar day by day. Deadlines
 * are never computed here; they come from planStep, as in the services.
 */
export function createWorkClock(cal: WorkingCalendar): WorkClock {
  const first = Date.parse(`${cal.firstDay}T00:00:00Z`) / DAY;
  const last = Date.parse(`${cal.lastDay}T00:00:00Z`) / DAY;
  const perDay = cal.periods.reduce((s, p) => s + p.end - p.start, 0);
  const work = new Uint8Array(last - first + 1);
  const prefix = new Float64Array(work.length + 1);
  for (let i = 0; i < work.length; i++) {
    const date = new Date((first + i) * DAY).toISOString().slice(0, 10);
    work[i] = cal.workdays.get(date) ? 1 : 0;
    prefix[i + 1] = prefix[i]! + work[i]! * perDay;
  }
  const indexOf = (t: number) => {
    const i = Math.floor((t + OFFSET) / DAY) - first;
    if (i < 0 || i >= work.length) throw new CalendarNotCoveredError(new Date((i + first) * DAY).toISOString().slice(0, 10), cal.firstDay, cal.lastDay);
    return i;
  };
  const workedBefore = (t: number) => {
    const i = indexOf(t);
    if (!work[i]) return prefix[i]!;
    const minute = (t + OFFSET - (i + first) * DAY) / MINUTE;
    let done = 0;
    for (const p of cal.periods) done += Math.min(Math.max(minute, p.start), p.end) - p.start;
    return prefix[i]! + done;
  };
  return {
    between: (from, to) => Math.max(0, workedBefore(to.getTime()) - workedBefore(from.getTime())),
    add(start, minutes) {
      const target = workedBefore(start.getTime()) + minutes;
      let lo = indexOf(start.getTime());
      let hi = work.length - 1;
      if (prefix[hi + 1]! < target) throw new CalendarNotCoveredError(cal.lastDay, cal.firstDay, cal.lastDay);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (prefix[mid + 1]! >= target) hi = mid;
        else lo = mid + 1;
      }
      let rest = target - prefix[lo]!;
      for (const p of cal.periods) {
        if (rest <= p.end - p.start) return new Date((lo + first) * DAY - OFFSET + (p.start + rest) * MINUTE);
        rest -= p.end - p.start;
      }
      return new Date((lo + first) * DAY - OFFSET + cal.periods.at(-1)!.end * MINUTE);
    },
  };
}
