import { and, asc, count, eq, gte, lte, max, min } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { insertSettingIfAbsent, readSetting, updateSettingAtVersion } from '../catalog/settings.repo.js';
import { addDaysToDate, createWorkingCalendar, defaultWorkingPeriods, localDateOf, type WorkingCalendar, type WorkingPeriod } from './domain/working-time.js';
import { calendarDays } from './calendar.tables.js';
import { provisionalDaysAfter, provisionalThroughYear, withProvisionalYears } from './domain/provisional-year.js';

export const workingHoursKey = 'calendar.working_hours';
/** Days before the last covered day from which health and the administrator page warn. */
export const coverageWarningDays = 60;

export async function readWorkingPeriods(db: Executor): Promise<{ periods: WorkingPeriod[]; version: number }> {
  const row = await readSetting(db, workingHoursKey);
  return row ? { periods: row.value as WorkingPeriod[], version: row.version } : { periods: defaultWorkingPeriods, version: 0 };
}

/** The entered days only: what the table holds. */
export async function loadEnteredCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await db.select({ date: calendarDays.day, workday: calendarDays.workday }).from(calendarDays);
  const { periods } = await readWorkingPeriods(db);
  return createWorkingCalendar(rows, periods);
}

/** The calendar deadlines are counted on: the entered days, then provisional years (marked by `provisionalFrom`). */
export async function loadWorkingCalendar(db: Executor, now: Date): Promise<WorkingCalendar> {
  const entered = await loadEnteredCalendar(db);
  return withProvisionalYears(entered, provisionalThroughYear(entered.lastDay || null, localDateOf(now)));
}

export async function listDays(db: Executor, from: string, to: string) {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, from), lte(calendarDays.day, to)))
    .orderBy(asc(calendarDays.day));
}

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CalendarDayValues = Pick<CalendarDayRow, 'workday' | 'holidayName' | 'makeup' | 'source' | 'note'>;

/** The day's row, locked until the transaction ends, so two overrides of one day apply one after the other. */
export async function lockDay(tx: Executor, day: string): Promise<CalendarDayRow | undefined> {
  const [row] = await tx.select().from(calendarDays).where(eq(calendarDays.day, day)).for('update');
  return row;
}

export async function updateDay(tx: Executor, day: string, values: CalendarDayValues, now: Date): Promise<CalendarDayRow> {
  const [row] = await tx
    .update(calendarDays)
    .set({ ...values, updatedAt: now })
    .where(eq(calendarDays.day, day))
    .returning();
  return row!;
}

export async function countDaysInYear(tx: Executor, year: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
  return Number(row?.n ?? 0);
}

/** Inserts days that are not there yet; returns how many went in (fewer than given means some already existed). */
export async function insertNewDays(tx: Executor, rows: (CalendarDayValues & { day: string })[], now: Date): Promise<number> {
  const inserted = await tx
    .insert(calendarDays)
    .values(rows.map((r) => ({ ...r, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ day: calendarDays.day });
  return inserted.length;
}

/** Replaces the working periods when `version` is still current (0: never set); null when someone changed them first. */
export async function writeWorkingPeriods(tx: Executor, periods: WorkingPeriod[], version: number, now: Date): Promise<number | null> {
  // The settings table is the catalog's (catalog/settings.repo.ts).
  if (version === 0) return insertSettingIfAbsent(tx, workingHoursKey, periods, now);
  return updateSettingAtVersion(tx, workingHoursKey, periods, version, now);
}

export async function coveredRange(db: Executor): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const [row] = await db.select({ first: min(calendarDays.day), last: max(calendarDays.day) }).from(calendarDays);
  return { firstDay: row?.first ?? null, lastDay: row?.last ?? null };
}

/** `lastDay` is the last day entered (package, import, administrator); `provisional` the days computed after it. */
export type CalendarCoverage = {
  firstDay: string | null;
  lastDay: string | null;
  daysLeft: number | null;
  warning: string | null;
  provisional: { from: string; to: string; years: number[] } | null;
};

export async function calendarCoverage(db: Executor, now: Date): Promise<CalendarCoverage> {
  const { firstDay, lastDay } = await coveredRange(db);
  return { firstDay, lastDay, ...coverageWarning(lastDay, now), provisional: provisionalRange(lastDay, now) };
}

/** The provisional days deadlines are counted on after the last entered day (provisional-year.ts). */
export function provisionalRange(lastDay: string | null, now: Date): CalendarCoverage['provisional'] {
  const days = provisionalDaysAfter(lastDay, provisionalThroughYear(lastDay, localDateOf(now)));
  if (!days.length) return null;
  const from = days[0]!.day;
  const to = days[days.length - 1]!.day;
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return { from, to, years };
}

/** The warning rule: from 60 days before the last covered day, say which year to enter. */
export function coverageWarning(lastDay: string | null, now: Date): { daysLeft: number | null; warning: string | null } {
  if (!lastDay) return { daysLeft: null, warning: '工作日历为空：所有按工作日计算的期限都无法计算，请导入节假日数据' };
  const today = localDateOf(now);
  const daysLeft = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft > coverageWarningDays) return { daysLeft, warning: null };
  const nextYear = Number(addDaysToDate(lastDay, 1).slice(0, 4));
  // Past the entered days deadlines are counted on the provisional year (no 调休上班 known) and marked 暂定.
  const provisional = `${nextYear} 年的期限暂按《全国年节及纪念日放假办法》推算（不含调休上班日），标为“暂定”`;
  const warning =
    daysLeft < 0
      ? `工作日历只覆盖到 ${lastDay}，已过期 ${-daysLeft} 天：${provisional}，请立即维护 ${nextYear} 年节假日安排`
      : `工作日历只覆盖到 ${lastDay}，还剩 ${daysLeft} 天：请在国务院办公厅公布后维护 ${nextYear} 年节假日安排；在此之前，${provisional}`;
  return { daysLeft, warning };
}
