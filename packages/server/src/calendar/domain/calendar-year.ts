/**
 * A whole year entered by an administrator from the State Council's notice (国务院办公厅关于某年部分节假日安排的通知).
 * Pure: the notice's holidays and make-up working days in, every day of the year out, or the problems found.
 * Weekends are rest days and Monday to Friday working days only because the notice is explicit data for that year.
 */
import { addDaysToDate } from './working-time.js';

export type NamedDate = { date: string; name: string };
export type PlannedDay = { day: string; workday: boolean; holidayName: string | null; makeup: boolean };
/** `field` is relative to the input: 'holidays.2.date'. */
export type PlanProblem = { field: string; message: string };

export const isWeekend = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** A real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export const isCalendarDate = (date: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
};

export function planCalendarYear(
  year: number,
  holidays: readonly NamedDate[],
  makeupDays: readonly NamedDate[],
): { days: PlannedDay[]; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const holidayOf = new Map<string, string>();
  const makeupOf = new Map<string, string>();

  const check = (list: readonly NamedDate[], key: 'holidays' | 'makeupDays', into: Map<string, string>) => {
    list.forEach((d, i) => {
      const field = `${key}.${i}.date`;
      if (!isCalendarDate(d.date)) problems.push({ field, message: `${d.date} 不是有效日期` });
      else if (!d.date.startsWith(`${year}-`)) problems.push({ field, message: `${d.date} 不在 ${year} 年内` });
      else if (into.has(d.date)) problems.push({ field, message: `${d.date} 重复填写` });
      else if (!d.name.trim()) problems.push({ field: `${key}.${i}.name`, message: '请填写节日名称' });
      else into.set(d.date, d.name.trim());
    });
  };
  check(holidays, 'holidays', holidayOf);
  check(makeupDays, 'makeupDays', makeupOf);

  makeupDays.forEach((d, i) => {
    if (!makeupOf.has(d.date)) return;
    if (holidayOf.has(d.date)) problems.push({ field: `makeupDays.${i}.date`, message: `${d.date} 同时填在放假日期中` });
    // 调休上班 moves a weekend day to work; a weekday is a working day already, so listing one is a typing error.
    else if (!isWeekend(d.date)) problems.push({ field: `makeupDays.${i}.date`, message: `${d.date} 不是周末，调休上班日应为周六或周日` });
  });
  if (problems.length) return { days: [], problems };

  const days: PlannedDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDaysToDate(d, 1)) {
    const holiday = holidayOf.get(d);
    const makeup = makeupOf.get(d);
    if (holiday) days.push({ day: d, workday: false, holidayName: holiday, makeup: false });
    else if (makeup) days.push({ day: d, workday: true, holidayName: makeup, makeup: true });
    else days.push({ day: d, workday: !isWeekend(d), holidayName: null, makeup: false });
  }
  return { days, problems };
}
