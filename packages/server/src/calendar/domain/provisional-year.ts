/**
 * A provisional year: the calendar of a year whose State Council notice has not been entered yet, computed from the
 * national holiday regulation itself (《全国年节及纪念日放假办法》 as amended by State Council Decree 795 of 2024,
 * in force since 2025-01-01), so a deadline reaching into it can be counted instead of refused.
 *
 * What the regulation fixes (Art. 2): 元旦 1 day (1 January); 春节 4 days (除夕 and the first three days of the first
 * lunar month); 清明 1 day (the solar term); 劳动节 2 days (1–2 May); 端午 1 day (5th of the 5th lunar month);
 * 中秋 1 day (15th of the 8th lunar month); 国庆节 3 days (1–3 October): 13 days.
 * Art. 6: a holiday falling on a Saturday or Sunday is made up on a working day (补假) — here the next weekdays after
 * the holiday that are not holidays themselves, as the notices of 2022 and 2023 did for New Year.
 * What it does NOT fix: the make-up working weekends (调休上班) — they exist only in each year's notice, so a
 * provisional year has none. It is never "Monday to Friday by silence": every statutory holiday rests.
 *
 * Lunar dates and the solar term come from lunar-typescript (6tail's lunar, astronomical algorithms), checked in
 * the tests against every year chinese-days has data for.
 */
import { Lunar, Solar } from 'lunar-typescript';
import { isWeekend, type PlannedDay } from './calendar-year.js';
import { addDaysToDate, type WorkingCalendar } from './working-time.js';

/** Years the lunar library and this rule are used for (the regulation has no end date; the library goes further). */
export const provisionalYearRange = { first: 2025, last: 2100 } as const;

export type FestivalDates = { newYearsEve: string; springFestival: string; qingming: string; dragonBoat: string; midAutumn: string };

/** The solar dates of the year's lunar festivals and of the Qingming solar term. */
export function festivalDates(year: number): FestivalDates {
  const lunar = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd();
  const springFestival = lunar(1, 1);
  // The solar term table of the lunar year around April of `year`: 清明 always falls on 4–6 April.
  const qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()['清明']!.toYmd();
  return { newYearsEve: addDaysToDate(springFestival, -1), springFestival, qingming, dragonBoat: lunar(5, 5), midAutumn: lunar(8, 15) };
}

/** The 13 statutory holiday days of a year under the 2024 regulation, in date order within each festival. */
export function statutoryHolidays(year: number, f: FestivalDates = festivalDates(year)): { name: string; dates: string[] }[] {
  return [
    { name: '元旦', dates: [`${year}-01-01`] },
    { name: '春节', dates: [f.newYearsEve, f.springFestival, addDaysToDate(f.springFestival, 1), addDaysToDate(f.springFestival, 2)] },
    { name: '清明', dates: [f.qingming] },
    { name: '劳动节', dates: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午', dates: [f.dragonBoat] },
    { name: '中秋', dates: [f.midAutumn] },
    { name: '国庆节', dates: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ];
}

/** The suffix of a day rested in place of a holiday that fell on a weekend or on another holiday (补假). */
export const inLieuSuffix = '（补假）';

/**
 * Every day of a provisional year: the statutory holidays rest; each one lost to a weekend or to another holiday
 * on the same day (中秋 on 1–3 October) is made up on the next weekday after its festival that is not already a
 * rest day; other days are rest on weekends and working Monday to Friday because the regulation says so.
 */
export function provisionalYear(year: number, f: FestivalDates = festivalDates(year)): PlannedDay[] {
  const festivals = statutoryHolidays(year, f).sort((a, b) => (a.dates[0]! < b.dates[0]! ? -1 : 1));
  const rest = new Map<string, string>();
  for (const festival of festivals) {
    let lost = 0;
    for (const d of festival.dates) {
      if (isWeekend(d) || rest.has(d)) lost++;
      if (!rest.has(d)) rest.set(d, festival.name);
    }
    // 补假 follows the festival: the first weekdays after its last day that are not rest days already.
    let d = festival.dates[festival.dates.length - 1]!;
    while (lost > 0) {
      d = addDaysToDate(d, 1);
      if (isWeekend(d) || rest.has(d)) continue;
      rest.set(d, festival.name + inLieuSuffix);
      lost--;
    }
  }
  const days: PlannedDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDaysToDate(d, 1)) {
    const name = rest.get(d);
    days.push(name ? { day: d, workday: false, holidayName: name, makeup: false } : { day: d, workday: !isWeekend(d), holidayName: null, makeup: false });
  }
  // A 补假 pushed past 31 December (a New Year's Eve weekend of the next year cannot: 元旦 is 1 January) would be lost;
  // the last festival is 国庆节, whose make-up days stay in October.
  return days;
}

/**
 * The provisional days after the last day of the entered calendar, through `throughYear`. Empty when nothing is
 * entered at all (an empty calendar is not extended: with no official year there is nothing to follow) or when the
 * years are outside what the rule is used for.
 */
export function provisionalDaysAfter(lastDay: string | null, throughYear: number): PlannedDay[] {
  if (!lastDay) return [];
  const days: PlannedDay[] = [];
  const firstYear = Number(lastDay.slice(0, 4));
  for (let y = Math.max(firstYear, provisionalYearRange.first); y <= Math.min(throughYear, provisionalYearRange.last); y++) {
    for (const d of provisionalYear(y)) if (d.day > lastDay) days.push(d);
  }
  return days;
}

/** The calendar with provisional days appended after its last entered day; `provisionalFrom` marks where they start. */
export function withProvisionalYears(cal: WorkingCalendar, throughYear: number): WorkingCalendar {
  const extra = provisionalDaysAfter(cal.lastDay || null, throughYear);
  if (!extra.length) return cal;
  const workdays = new Map(cal.workdays);
  for (const d of extra) workdays.set(d.day, d.workday);
  return { ...cal, workdays, lastDay: extra[extra.length - 1]!.day, provisionalFrom: extra[0]!.day };
}

/** The years a calendar ending on `lastDay` is extended through at `today`: the next year, and the one after today's. */
export const provisionalThroughYear = (lastDay: string | null, today: string) =>
  Math.max(lastDay ? Number(lastDay.slice(0, 4)) + 1 : 0, Number(today.slice(0, 4)) + 1);

/**
 * Where a calendar's provisional days begin: `provisionalFrom`, or the day after its last day when it has none (every
 * day it holds is entered). A deadline counted when this was earlier was counted before an official year replaced the
 * provisional one. Null for an empty calendar.
 */
export const provisionalBasis = (cal: WorkingCalendar): string | null => cal.provisionalFrom ?? (cal.lastDay ? addDaysToDate(cal.lastDay, 1) : null);

/**
 * The calendar a deadline was counted on when the provisional days began at `from`, rebuilt from a later one: its
 * entered days before `from` (entered days are never dropped, and those before an official year's import are the
 * ones the import found), then the provisional years the regulation gives from there, through the years `cal`
 * covers. What an official year's recompute carries a deadline from, however long after the import it runs.
 */
export function asProvisionalFrom(cal: WorkingCalendar, from: string): WorkingCalendar {
  if (provisionalBasis(cal) === from && cal.provisionalFrom) return cal;
  const lastEntered = addDaysToDate(from, -1);
  const workdays = new Map<string, boolean>();
  for (const [day, workday] of cal.workdays) if (day <= lastEntered) workdays.set(day, workday);
  const entered: WorkingCalendar = { workdays, firstDay: cal.firstDay, lastDay: lastEntered, periods: cal.periods };
  return withProvisionalYears(entered, Math.max(Number(cal.lastDay.slice(0, 4)), Number(from.slice(0, 4))));
}
