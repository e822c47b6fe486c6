import {
  addClockMinutes,
  addWorkingMinutes,
  firstWorkingInstant,
  isWorkingTimeUnit,
  workingMinutesBetween,
  type LimitUnit,
  type WorkingCalendar,
} from '../../calendar/domain/working-time.js';

/**
 * Deadline status, decided in one place for every list, detail, dashboard and job:
 * overdue past the deadline; near due once 20 % of the limit is left — for a limit in working time at least one
 * working hour before (workflow.md), and never before the working time it counts has begun; on time otherwise.
 */
export type DeadlineStatus = 'on_time' | 'near_due' | 'overdue';

export const NEAR_DUE_SHARE = 0.2;
const MIN_WORKING_WARNING_MINUTES = 60;

/** The instant from which the step counts as near due. Stored with the deadline so lists can filter in SQL. */
export function nearDueAt(cal: WorkingCalendar, start: Date, due: Date, unit: LimitUnit): Date {
  if (due <= start) return due;
  if (isWorkingTimeUnit(unit)) {
    const total = workingMinutesBetween(cal, start, due);
    const warn = Math.min(total, Math.max(Math.ceil(total * NEAR_DUE_SHARE), MIN_WORKING_WARNING_MINUTES));
    if (total - warn > 0) return addWorkingMinutes(cal, start, total - warn);
    // A limit of an hour or less is near due from its start — but from the start of the working time it counts, not
    // before: an urgent order taken at 07:36 is reminded of when the working day begins, not at once.
    const first = firstWorkingInstant(cal, start);
    return first < due ? first : due;
  }
  const totalMinutes = (due.getTime() - start.getTime()) / 60_000;
  return addClockMinutes(start, totalMinutes * (1 - NEAR_DUE_SHARE));
}

export function deadlineStatus(now: Date, due: Date | null, nearDue: Date | null): DeadlineStatus | null {
  if (!due) return null;
  if (now > due) return 'overdue';
  if (nearDue && now >= nearDue) return 'near_due';
  return 'on_time';
}

export const deadlineStatusNames: Record<DeadlineStatus, string> = { on_time: '正常', near_due: '临期', overdue: '超期' };
