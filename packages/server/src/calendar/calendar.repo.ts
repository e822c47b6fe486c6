import { and, asc, eq, gte, lte, max, min } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { settings } from '../catalog/catalog.tables.js';
import { addDaysToDate, createWorkingCalendar, defaultWorkingPeriods, localDateOf, type WorkingCalendar, type WorkingPeriod } from './domain/working-time.js';
import { calendarDays } from './calendar.tables.js';

export const workingHoursKey = 'calendar.working_hours';
/** Days before the last covered day from which health and the administrator page warn. */
export const coverageWarningDays = 60;

export async function readWorkingPeriods(db: Executor): Promise<{ periods: WorkingPeriod[]; version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, workingHoursKey));
  return row ? { periods: row.value as WorkingPeriod[], version: row.version } : { periods: defaultWorkingPeriods, version: 0 };
}

export async function loadWorkingCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await db.select({ date: calendarDays.day, workday: calendarDays.workday }).from(calendarDays);
  const { periods } = await readWorkingPeriods(db);
  return createWorkingCalendar(rows, periods);
}

export async function listDays(db: Executor, from: string, to: string) {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, from), lte(calendarDays.day, to)))
    .orderBy(asc(calendarDays.day));
}

export type CalendarCoverage = { firstDay: string | null; lastDay: string | null; daysLeft: number | null; warning: string | null };

export async function calendarCoverage(db: Executor, now: Date): Promise<CalendarCoverage> {
  const [row] = await db.select({ first: min(calendarDays.day), last: max(calendarDays.day) }).from(calendarDays);
  const firstDay = row?.first ?? null;
  const lastDay = row?.last ?? null;
  return { firstDay, lastDay, ...coverageWarning(lastDay, now) };
}

/** The warning rule: from 60 days before the last covered day, say which year to enter. */
export function coverageWarning(lastDay: string | null, now: Date): { daysLeft: number | null; warning: string | null } {
  if (!lastDay) return { daysLeft: null, warning: '工作日历为空：所有按工作日计算的期限都无法计算，请导入节假日数据' };
  const today = localDateOf(now);
  const daysLeft = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft > coverageWarningDays) return { daysLeft, warning: null };
  const nextYear = Number(addDaysToDate(lastDay, 1).slice(0, 4));
  const warning =
    daysLeft < 0
      ? `工作日历只覆盖到 ${lastDay}，已过期 ${-daysLeft} 天：按工作日计算的期限无法计算，请立即维护 ${nextYear} 年节假日安排`
      : `工作日历只覆盖到 ${lastDay}，还剩 ${daysLeft} 天：请在国务院办公厅公布后维护 ${nextYear} 年节假日安排`;
  return { daysLeft, warning };
}
