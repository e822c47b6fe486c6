import { computeDeadline, isProvisionalDeadline, type LimitUnit, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { nearDueAt } from './domain/deadlines.js';
import type { LimitSnapshot } from './orders.tables.js';

/**
 * The deadline of one step and the instant it turns near due; both null when the step has no limit.
 * `provisional`: counted into a provisional year (it moves when the official year is entered).
 */
export function planStep(cal: WorkingCalendar, limit: LimitSnapshot, start: Date): { dueAt: Date | null; nearDueAt: Date | null; provisional: boolean } {
  const unit = limit.unit as LimitUnit;
  const dueAt = computeDeadline(cal, start, { amount: limit.amount, unit, countFrom: limit.countFrom as 'next_working_day' | 'same_day' });
  return { dueAt, nearDueAt: dueAt ? nearDueAt(cal, start, dueAt, unit) : null, provisional: isProvisionalDeadline(cal, dueAt, unit) };
}
