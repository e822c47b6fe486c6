import { createRequire } from 'node:module';
import { and, count, gte, lte } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { addDaysToDate } from './domain/working-time.js';
import { calendarDays } from './calendar.tables.js';

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };

export type SeedDay = { day: string; workday: boolean; holidayName: string | null; makeup: boolean };

/**
 * The days chinese-days publishes, for the whole years it has holiday data for. Its own API answers for any year
 * (later years silently as Monday–Friday), so we read its data file and take only the years that are in it.
 */
export function packageCalendarDays(): { days: SeedDay[]; years: number[] } {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;
  const years = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const days: SeedDay[] = [];
  const chineseName = (v: string) => v.split(',')[1] ?? v;
  for (const year of years) {
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDaysToDate(d, 1)) {
      const holiday = data.holidays[d];
      const makeup = data.workdays[d];
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (holiday) days.push({ day: d, workday: false, holidayName: chineseName(holiday), makeup: false });
      else if (makeup) days.push({ day: d, workday: true, holidayName: chineseName(makeup), makeup: true });
      else days.push({ day: d, workday: weekday !== 0 && weekday !== 6, holidayName: null, makeup: false });
    }
  }
  return { days, years };
}

/** The package's days, read and laid out once per process: every start asks for them. */
let packageDays: SeedDay[] | undefined;

/**
 * Adds the package's days that the table lacks; never touches a day already there (an administrator's override wins).
 * Runs at every start: when every one of the package's days is there (one count over the primary key), it writes
 * nothing, instead of offering all 8,000-odd days again (about 1.5 s of CPU on each start of a server on PGlite).
 */
export async function seedCalendarFromPackage(db: Executor, now: Date): Promise<{ inserted: number }> {
  packageDays ??= packageCalendarDays().days;
  const days = packageDays;
  if (days.length === 0) return { inserted: 0 };
  const [present] = await db
    .select({ n: count() })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, days[0]!.day), lte(calendarDays.day, days[days.length - 1]!.day)));
  if ((present?.n ?? 0) >= days.length) return { inserted: 0 };
  let inserted = 0;
  for (let i = 0; i < days.length; i += 2000) {
    const chunk = days.slice(i, i + 2000).map((d) => ({ ...d, source: 'package', updatedAt: now }));
    const rows = await db.insert(calendarDays).values(chunk).onConflictDoNothing().returning({ day: calendarDays.day });
    inserted += rows.length;
  }
  return { inserted };
}
