import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../calendar.seed.js';
import { isWeekend, planCalendarYear } from './calendar-year.js';
import {
  festivalDates,
  inLieuSuffix,
  provisionalDaysAfter,
  provisionalThroughYear,
  provisionalYear,
  provisionalYearRange,
  provisionalBasis,
  asProvisionalFrom,
  statutoryHolidays,
  withProvisionalYears,
} from './provisional-year.js';
import {
  addWorkingDays,
  addWorkingMinutes,
  carryDeadline,
  createWorkingCalendar,
  isProvisionalDeadline,
  isWorkday,
  type WorkingCalendar,
} from './working-time.js';

const { days: seeded, years } = packageCalendarDays();
const dayOf = new Map(seeded.map((d) => [d.day, d]));
const entered = createWorkingCalendar(seeded.map((d) => ({ date: d.day, workday: d.workday })));
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('festival dates from the lunar library', () => {
  it.each([
    // Published dates: 2025 and 2026 from the notices, 2027–2030 from the almanac.
    [2025, { newYearsEve: '2025-01-28', springFestival: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' }],
    [2026, { newYearsEve: '2026-02-16', springFestival: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' }],
    [2027, { newYearsEve: '2027-02-05', springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' }],
    [2028, { newYearsEve: '2028-01-25', springFestival: '2028-01-26', qingming: '2028-04-04', dragonBoat: '2028-05-28', midAutumn: '2028-10-03' }],
    [2030, { newYearsEve: '2030-02-02', springFestival: '2030-02-03', qingming: '2030-04-05', dragonBoat: '2030-06-05', midAutumn: '2030-09-12' }],
  ])('%i: %j', (year, expected) => {
    expect(festivalDates(year)).toEqual(expected);
  });

  // Every year chinese-days has data for: the festival day is a rest day under that festival's name in the notice.
  it.each(years.filter((y) => y >= 2008))('%i agrees with the State Council notice as chinese-days has it', (year) => {
    const f = festivalDates(year);
    // The data leaves a festival falling on a weekend unnamed in some years (端午 2011, 2012 and 2015).
    const rests = (d: string, ...names: string[]) => {
      expect(dayOf.get(d)!.workday, d).toBe(false);
      expect([...names, ...(isWeekend(d) ? [null] : [])], d).toContain(dayOf.get(d)!.holidayName);
    };
    rests(f.springFestival, '春节');
    rests(f.qingming, '清明');
    rests(f.dragonBoat, '端午');
    rests(f.midAutumn, '中秋', '国庆节'); // inside the National Day block it carries that name
  });

  it('takes 除夕 as the day before the Spring Festival, also when the twelfth month has 29 days (2026)', () => {
    expect(festivalDates(2026).newYearsEve).toBe('2026-02-16');
    expect(dayOf.get('2026-02-16')).toMatchObject({ workday: false, holidayName: '春节' });
  });
});

describe('the statutory holidays of the 2024 regulation', () => {
  it('are 13 days: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆节 3', () => {
    const h = statutoryHolidays(2027);
    expect(h.map((f) => [f.name, f.dates.length])).toEqual([
      ['元旦', 1],
      ['春节', 4],
      ['清明', 1],
      ['劳动节', 2],
      ['端午', 1],
      ['中秋', 1],
      ['国庆节', 3],
    ]);
    expect(h.find((f) => f.name === '春节')!.dates).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  it.each([2025, 2026])('%i: every statutory day rests in the official notice too (the provisional year rests no less than the law)', (year) => {
    for (const f of statutoryHolidays(year)) for (const d of f.dates) expect(isWorkday(entered, d), `${f.name} ${d}`).toBe(false);
  });
});

describe('provisionalYear', () => {
  const y2027 = provisionalYear(2027);
  const of = (d: string) => y2027.find((x) => x.day === d)!;

  it('lists 2027: holidays rest, weekend holidays made up on the next weekdays, no make-up working days', () => {
    expect(y2027).toHaveLength(365);
    expect(y2027.filter((d) => d.holidayName).map((d) => [d.day, d.holidayName])).toEqual([
      ['2027-01-01', '元旦'],
      ['2027-02-05', '春节'],
      ['2027-02-06', '春节'],
      ['2027-02-07', '春节'],
      ['2027-02-08', '春节'],
      ['2027-02-09', '春节（补假）'],
      ['2027-02-10', '春节（补假）'],
      ['2027-04-05', '清明'],
      ['2027-05-01', '劳动节'],
      ['2027-05-02', '劳动节'],
      ['2027-05-03', '劳动节（补假）'],
      ['2027-05-04', '劳动节（补假）'],
      ['2027-06-09', '端午'],
      ['2027-09-15', '中秋'],
      ['2027-10-01', '国庆节'],
      ['2027-10-02', '国庆节'],
      ['2027-10-03', '国庆节'],
      ['2027-10-04', '国庆节（补假）'],
      ['2027-10-05', '国庆节（补假）'],
    ]);
    expect(y2027.some((d) => d.makeup)).toBe(false);
    expect(of('2027-02-11')).toEqual({ day: '2027-02-11', workday: true, holidayName: null, makeup: false });
    expect(of('2027-02-13')).toEqual({ day: '2027-02-13', workday: false, holidayName: null, makeup: false });
    expect(y2027.filter((d) => d.workday)).toHaveLength(261 - 13);
  });

  it('makes up 中秋 on 3 October 2028, a day already taken by National Day, after the block', () => {
    const y = provisionalYear(2028);
    const rest = y.filter((d) => d.day >= '2028-09-30' && d.day <= '2028-10-08').map((d) => [d.day, d.workday, d.holidayName]);
    expect(rest).toEqual([
      ['2028-09-30', false, null],
      ['2028-10-01', false, '国庆节'],
      ['2028-10-02', false, '国庆节'],
      ['2028-10-03', false, '国庆节'],
      ['2028-10-04', false, '国庆节（补假）'],
      ['2028-10-05', false, '中秋（补假）'],
      ['2028-10-06', true, null],
      ['2028-10-07', false, null],
      ['2028-10-08', false, null],
    ]);
  });

  // The regulation's arithmetic, for every year the rule is used for: 13 weekdays rest (a holiday on a weekend or on
  // another holiday is made up on a weekday), weekends always rest, no day works that the law gives off.
  it.each(Array.from({ length: provisionalYearRange.last - provisionalYearRange.first + 1 }, (_, i) => provisionalYearRange.first + i))(
    '%i rests exactly 13 weekdays and every statutory day, works no weekend',
    (year) => {
      const y = provisionalYear(year);
      expect(y).toHaveLength(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 366 : 365);
      expect(y.filter((d) => !d.workday && !isWeekend(d.day))).toHaveLength(13);
      expect(y.filter((d) => d.workday && isWeekend(d.day))).toEqual([]);
      const rest = new Set(y.filter((d) => !d.workday).map((d) => d.day));
      for (const f of statutoryHolidays(year)) for (const d of f.dates) expect(rest.has(d), d).toBe(true);
      for (const d of y.filter((x) => x.holidayName?.endsWith(inLieuSuffix))) expect(isWeekend(d.day)).toBe(false);
    },
  );
});

describe('withProvisionalYears', () => {
  it('appends the provisional days after the last entered day and marks where they start', () => {
    const cal = withProvisionalYears(entered, 2027);
    expect(cal.provisionalFrom).toBe('2027-01-01');
    expect(cal.lastDay).toBe('2027-12-31');
    expect(cal.firstDay).toBe('2004-01-01');
    expect(isWorkday(cal, '2027-01-01')).toBe(false);
    expect(isWorkday(cal, '2027-01-04')).toBe(true);
    expect(isWorkday(cal, '2026-10-10')).toBe(true); // entered days untouched: a make-up Saturday
    expect(entered.provisionalFrom).toBeUndefined();
  });

  it('leaves an empty calendar empty: no official year, nothing to follow', () => {
    const empty = createWorkingCalendar([]);
    expect(withProvisionalYears(empty, 2027)).toBe(empty);
    expect(provisionalDaysAfter(null, 2027)).toEqual([]);
  });

  it('continues a calendar that stops inside a year from the next day', () => {
    const days = provisionalDaysAfter('2027-06-30', 2027);
    expect(days[0]!.day).toBe('2027-07-01');
    expect(days.at(-1)!.day).toBe('2027-12-31');
  });

  it.each([
    ['2026-12-31', '2026-11-30', 2027],
    ['2026-12-31', '2027-03-01', 2028],
    ['2027-12-31', '2026-11-30', 2028],
    [null, '2026-11-30', 2027],
  ])('data to %s, today %s: provisional through %i', (last, today, through) => {
    expect(provisionalThroughYear(last, today)).toBe(through);
  });
});

describe('deadlines on a provisional year', () => {
  const provisional = withProvisionalYears(entered, 2027);
  /** A fictitious notice for 2027: New Year Fri–Sun, Spring Festival 8 days with two make-up weekends, 4 January off. */
  const notice = planCalendarYear(
    2027,
    [
      ...['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'].map((date) => ({ date, name: '元旦' })),
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({
        date,
        name: '春节',
      })),
    ],
    [
      { date: '2027-01-09', name: '元旦' },
      { date: '2027-02-20', name: '春节' },
    ],
  );
  expect(notice.problems).toEqual([]);
  const official: WorkingCalendar = createWorkingCalendar([...seeded, ...notice.days].map((d) => ({ date: d.day, workday: d.workday })));

  it('a 30-working-day limit from 2026-11-30 reaches 12 January 2027 and is provisional', () => {
    const due = addWorkingDays(provisional, at('2026-11-30 10:00'), 30);
    expect(due).toEqual(at('2027-01-12 17:30'));
    expect(isProvisionalDeadline(provisional, due, 'working_days')).toBe(true);
    expect(isProvisionalDeadline(provisional, due, 'clock_hours')).toBe(false);
    expect(isProvisionalDeadline(provisional, at('2026-12-31 17:30'), 'working_days')).toBe(false);
    expect(isProvisionalDeadline(entered, due, 'working_days')).toBe(false);
  });

  it('carries it to the official year: 4 January off, 9 January worked — same day count', () => {
    const start = at('2026-11-30 10:00');
    const due = addWorkingDays(provisional, start, 30);
    expect(carryDeadline(provisional, official, start, due, 'working_days')).toEqual(addWorkingDays(official, start, 30));
    expect(carryDeadline(provisional, official, start, due, 'working_days')).toEqual(at('2027-01-12 17:30'));
  });

  it.each([
    ['2026-11-30 10:00', 35],
    ['2026-12-20 10:00', 10],
    ['2026-12-31 16:00', 1],
    ['2026-12-31 16:00', 2],
    ['2027-01-05 10:00', 3], // started inside the provisional days
    ['2027-02-01 10:00', 5], // over the Spring Festival: 8 days off officially, 6 provisionally
    ['2027-01-08 18:00', 1],
  ])('from %s, %i working days: carried equals counted again on the official year', (start, n) => {
    const due = addWorkingDays(provisional, at(start), n);
    expect(carryDeadline(provisional, official, at(start), due, 'working_days')).toEqual(addWorkingDays(official, at(start), n));
  });

  it('carries an extension counted on from the first deadline as working time from the same start', () => {
    const start = at('2026-12-15 10:00');
    const first = addWorkingDays(provisional, start, 15);
    const extended = addWorkingDays(provisional, first, 10);
    expect(carryDeadline(provisional, official, start, extended, 'working_days')).toEqual(addWorkingDays(official, addWorkingDays(official, start, 15), 10));
  });

  it.each([
    ['2026-12-31 16:00', 24 * 60],
    ['2027-01-05 10:00', 60],
    ['2027-02-03 15:00', 7 * 60 * 3],
  ])('working hours from %s (%i min): carried equals counted again', (start, minutes) => {
    const due = addWorkingMinutes(provisional, at(start), minutes);
    expect(carryDeadline(provisional, official, at(start), due, 'working_hours')).toEqual(addWorkingMinutes(official, at(start), minutes));
  });

  it('leaves alone what is not provisional: a deadline before the provisional days, a clock limit', () => {
    const due = at('2026-12-20 17:30');
    expect(carryDeadline(provisional, official, at('2026-12-01 10:00'), due, 'working_days')).toBe(due);
    const clock = at('2027-01-04 10:00');
    expect(carryDeadline(provisional, official, at('2027-01-03 10:00'), clock, 'clock_hours')).toBe(clock);
  });

  describe('the calendar a deadline was counted on, rebuilt after the official year replaced it', () => {
    // The official 2027 entered, 2028 provisional: as the calendar is once the notice has been imported.
    const after = withProvisionalYears(official, 2028);
    const before = asProvisionalFrom(after, '2027-01-01');

    it('knows where provisional days begin (the day after the last entered one without any)', () => {
      expect(provisionalBasis(provisional)).toBe('2027-01-01');
      expect(provisionalBasis(after)).toBe('2028-01-01');
      expect(provisionalBasis(official)).toBe('2028-01-01');
      expect(provisionalBasis(createWorkingCalendar([]))).toBeNull();
      expect(asProvisionalFrom(after, '2028-01-01')).toBe(after);
    });

    it('is the provisional 2027 again: the entered days before it, the regulation from it', () => {
      expect(before.provisionalFrom).toBe('2027-01-01');
      expect(before.firstDay).toBe(provisional.firstDay);
      for (const [day, workday] of provisional.workdays) expect(before.workdays.get(day), day).toBe(workday);
      // And the year after, provisional in both.
      expect(before.lastDay).toBe('2028-12-31');
      expect(isWorkday(before, '2028-01-03')).toBe(isWorkday(after, '2028-01-03'));
      expect(isWorkday(before, '2027-02-20')).toBe(false); // the notice's make-up Saturday: not in the regulation
    });

    it.each([
      ['2026-11-30 10:00', 35],
      ['2026-12-31 16:00', 2],
      ['2027-02-01 10:00', 5],
    ])('from %s, %i working days: carried from the rebuilt calendar as from the one it was counted on', (start, n) => {
      const due = addWorkingDays(provisional, at(start), n);
      expect(carryDeadline(before, after, at(start), due, 'working_days')).toEqual(carryDeadline(provisional, official, at(start), due, 'working_days'));
    });
  });
});
