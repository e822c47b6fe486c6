import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../calendar.seed.js';
import {
  addDaysToDate,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  CalendarNotCoveredError,
  checkWorkingPeriods,
  computeDeadline,
  createWorkingCalendar,
  instantAt,
  InvalidCalendarError,
  isWithinWorkingTime,
  isWorkday,
  localDateOf,
  workingDaysBetween,
  workingMinutesBetween,
} from './working-time.js';

// The calendar exactly as the database is seeded: chinese-days' data file, whole years only.
const { days, years } = packageCalendarDays();
const cal = createWorkingCalendar(days.map((d) => ({ date: d.day, workday: d.workday })));
const dayOf = new Map(days.map((d) => [d.day, d]));

/** A local (UTC+8) wall-clock time: at('2026-10-01 09:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;
const inYear = (year: number) => days.filter((d) => d.day.startsWith(`${year}-`));
const datesNamed = (year: number, name: string, workday: boolean) =>
  inYear(year)
    .filter((d) => d.holidayName === name && d.workday === workday)
    .map((d) => d.day);

/**
 * Statutory holidays of a year: rest days falling Monday–Friday, less the weekend days worked in exchange (调休上班).
 * This holds for the notices of 2024–2026 (the arithmetic of every 调休 arrangement), so it checks the data as a whole.
 */
const statutoryDays = (year: number) => inYear(year).filter((d) => !d.workday && !isWeekend(d.day)).length - inYear(year).filter((d) => d.makeup).length;

describe('the seeded calendar', () => {
  it('covers whole years from 2004 to 2026, every day marked', () => {
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(cal.firstDay).toBe('2004-01-01');
    expect(cal.lastDay).toBe('2026-12-31');
    for (const y of years) expect(inYear(y)).toHaveLength(y % 4 === 0 ? 366 : 365);
  });

  it('marks make-up days only on weekends, always as working days with the holiday name', () => {
    const makeups = days.filter((d) => d.makeup);
    expect(makeups.length).toBeGreaterThan(100);
    for (const d of makeups) {
      expect(isWeekend(d.day), d.day).toBe(true);
      expect(d.workday).toBe(true);
      expect(d.holidayName).toBeTruthy();
    }
  });
});

describe('the 2025 law: 13 statutory days', () => {
  it.each([
    [2024, 11],
    [2025, 13],
    [2026, 13],
  ])('%i has %i statutory holidays', (year, n) => {
    expect(statutoryDays(year)).toBe(n);
  });

  it.each([
    ['元旦', ['2025-01-01'], []],
    ['春节', ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'], ['2025-01-26', '2025-02-08']],
    ['清明', ['2025-04-04', '2025-04-05', '2025-04-06'], []],
    ['劳动节', ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'], ['2025-04-27']],
    ['端午', ['2025-05-31', '2025-06-01', '2025-06-02'], []],
    ['国庆节', ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-07', '2025-10-08'], ['2025-09-28', '2025-10-11']],
    ['中秋', ['2025-10-06'], []],
  ])('2025 %s: rest %j, make-up working days %j', (name, rest, makeup) => {
    expect(datesNamed(2025, name, false)).toEqual(rest);
    expect(datesNamed(2025, name, true)).toEqual(makeup);
    for (const d of rest) expect(isWorkday(cal, d)).toBe(false);
    for (const d of makeup) expect(isWorkday(cal, d)).toBe(true);
  });

  it('rests on New Year’s Eve (除夕) since 2025, when it was still a working day in 2024', () => {
    expect(dayOf.get('2025-01-28')).toMatchObject({ workday: false, holidayName: '春节' }); // 除夕, a Tuesday
    expect(weekday('2025-01-28')).toBe(2);
    expect(dayOf.get('2024-02-09')).toMatchObject({ workday: true, holidayName: null }); // 除夕 2024, a Friday
  });

  it('makes Labour Day two statutory days: a five-day block paid for by one Sunday (4/27)', () => {
    expect(weekday('2025-04-27')).toBe(0);
    expect(dayOf.get('2025-04-27')).toMatchObject({ workday: true, makeup: true, holidayName: '劳动节' });
    expect(isWorkday(cal, '2025-04-26')).toBe(false); // the Saturday before stays a rest day
    expect(isWorkday(cal, '2025-05-06')).toBe(true);
  });

  it.each([
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, n) => {
    expect(workingDaysBetween(cal, at(`${year - 1}-12-31 12:00`), at(`${year}-12-31 12:00`))).toBe(n);
  });
});

describe('2026', () => {
  it.each([
    ['2026-01-04', 0, '元旦'],
    ['2026-02-14', 6, '春节'],
    ['2026-02-28', 6, '春节'],
    ['2026-05-09', 6, '劳动节'],
    ['2026-09-20', 0, '国庆节'],
    ['2026-10-10', 6, '国庆节'],
  ])('make-up day %s (weekday %i, %s) is a working day', (date, wd, name) => {
    expect(weekday(date)).toBe(wd);
    expect(dayOf.get(date)).toMatchObject({ workday: true, makeup: true, holidayName: name });
    expect(isWorkday(cal, date)).toBe(true);
    expect(isWithinWorkingTime(cal, at(`${date} 10:00`))).toBe(true);
  });

  it('has exactly these six make-up days', () => {
    expect(
      inYear(2026)
        .filter((d) => d.makeup)
        .map((d) => d.day),
    ).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it.each([
    ['2026-09-30', true],
    ['2026-10-01', false],
    ['2026-10-02', false],
    ['2026-10-03', false],
    ['2026-10-04', false],
    ['2026-10-05', false],
    ['2026-10-06', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-09', true],
    ['2026-10-10', true],
    ['2026-10-11', false],
    ['2026-02-15', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-09-25', false],
    ['2026-11-28', false],
    ['2026-11-30', true],
  ])('%s is a working day: %s', (date, workday) => {
    expect(isWorkday(cal, date)).toBe(workday);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['an ordinary Wednesday, next day', '2026-11-25 10:00', 1, '2026-11-26 17:30'],
    ['Friday to Monday over a weekend', '2026-11-27 10:00', 1, '2026-11-30 17:30'],
    ['the working Sunday before National Day', '2026-09-18 10:00', 1, '2026-09-20 17:30'],
    ['two weekends and the Labour Day block, ending on make-up Saturday', '2026-04-24 10:00', 8, '2026-05-09 17:30'],
    ['a weekend, Mid-Autumn and National Day', '2026-09-17 10:00', 10, '2026-10-08 17:30'],
    ['National Day: the eve to the first day back', '2026-09-30 16:00', 1, '2026-10-08 17:30'],
    ['National Day: through the make-up Saturday', '2026-09-30 16:00', 3, '2026-10-10 17:30'],
    ['National Day: on to the Monday after', '2026-09-30 16:00', 4, '2026-10-12 17:30'],
    ['Spring Festival: make-up Saturday first', '2026-02-13 10:00', 1, '2026-02-14 17:30'],
    ['Spring Festival: over the nine-day block', '2026-02-13 10:00', 2, '2026-02-24 17:30'],
    ['New Year: the make-up Sunday', '2025-12-31 10:00', 1, '2026-01-04 17:30'],
    ['started on a holiday', '2026-10-03 10:00', 1, '2026-10-08 17:30'],
    ['started after hours: the day still does not count', '2026-11-25 20:00', 1, '2026-11-26 17:30'],
    ['local date, not UTC: 23:30 local is still the 25th', '2026-11-25 23:30', 1, '2026-11-26 17:30'],
    ['local date, not UTC: 00:30 local is already the 25th', '2026-11-25 00:30', 1, '2026-11-26 17:30'],
    ['a thirty-day limit', '2026-11-02 10:00', 30, '2026-12-14 17:30'],
  ])('%s: %s + %i → %s (次日起算)', (_what, start, n, due) => {
    expect(addWorkingDays(cal, at(start), n)).toEqual(at(due));
    expect(computeDeadline(cal, at(start), { amount: n, unit: 'working_days' })).toEqual(at(due));
  });

  it.each([
    ['a working day in hours', '2026-11-25 10:00', 1, '2026-11-25 17:30'],
    ['a working day in hours, three days', '2026-11-25 10:00', 3, '2026-11-27 17:30'],
    ['a working day before opening', '2026-11-25 07:00', 1, '2026-11-25 17:30'],
    ['a working day after closing: the day is over', '2026-11-25 18:00', 1, '2026-11-26 17:30'],
    ['a Saturday: counting starts Monday', '2026-11-28 10:00', 1, '2026-11-30 17:30'],
    ['a make-up Saturday counts', '2026-10-10 10:00', 1, '2026-10-10 17:30'],
    ['a holiday does not count', '2026-10-01 10:00', 1, '2026-10-08 17:30'],
  ])('含本数, %s: %s + %i → %s', (_what, start, n, due) => {
    expect(addWorkingDays(cal, at(start), n, 'same_day')).toEqual(at(due));
    expect(computeDeadline(cal, at(start), { amount: n, unit: 'working_days', countFrom: 'same_day' })).toEqual(at(due));
  });

  it('含本数 is one day shorter than 次日起算 on a working day', () => {
    const start = at('2026-11-25 10:00');
    expect(addWorkingDays(cal, start, 5, 'same_day')).toEqual(addWorkingDays(cal, start, 4));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    expect(() => addWorkingDays(cal, at('2026-11-25 10:00'), n)).toThrow(RangeError);
  });
});

describe('addWorkingMinutes and hours', () => {
  it.each([
    ['inside the morning', '2026-11-25 09:30', 60, '2026-11-25 10:30'],
    ['before 09:00 starts at opening', '2026-11-25 07:00', 60, '2026-11-25 10:00'],
    ['across the lunch break', '2026-11-25 11:30', 60, '2026-11-25 14:00'],
    ['from inside the lunch break', '2026-11-25 12:30', 60, '2026-11-25 14:30'],
    ['exactly at noon', '2026-11-25 12:00', 30, '2026-11-25 14:00'],
    ['ending exactly at noon keeps noon', '2026-11-25 09:00', 180, '2026-11-25 12:00'],
    ['a whole working day is seven hours', '2026-11-25 09:00', 420, '2026-11-25 17:30'],
    ['after hours: next morning', '2026-11-25 18:00', 60, '2026-11-26 10:00'],
    ['at closing time: next morning', '2026-11-25 17:30', 60, '2026-11-26 10:00'],
    ['late in the night', '2026-11-25 23:59', 30, '2026-11-26 09:30'],
    ['Friday afternoon to Monday', '2026-11-27 17:00', 60, '2026-11-30 09:30'],
    ['over National Day', '2026-09-30 17:00', 60, '2026-10-08 09:30'],
    ['into the make-up Sunday', '2026-09-18 17:00', 60, '2026-09-20 09:30'],
    ['over the Spring Festival', '2026-02-14 17:00', 120, '2026-02-24 10:30'],
  ])('%s: %s + %i min → %s', (_what, start, minutes, due) => {
    expect(addWorkingMinutes(cal, at(start), minutes)).toEqual(at(due));
  });

  it('adds working hours and uses them for a working-hours limit', () => {
    expect(addWorkingHours(cal, at('2026-11-25 17:00'), 1)).toEqual(at('2026-11-26 09:30'));
    expect(computeDeadline(cal, at('2026-11-25 17:00'), { amount: 24, unit: 'working_hours' })).toEqual(at('2026-12-01 11:30'));
  });

  it.each([0, -5, Number.POSITIVE_INFINITY])('refuses %s minutes', (m) => {
    expect(() => addWorkingMinutes(cal, at('2026-11-25 10:00'), m)).toThrow(RangeError);
  });
});

describe('clock limits ignore the calendar', () => {
  it.each([
    [{ amount: 24, unit: 'clock_hours' } as const, '2026-10-01 10:00', '2026-10-02 10:00'],
    [{ amount: 30, unit: 'clock_minutes' } as const, '2026-10-01 23:50', '2026-10-02 00:20'],
    [{ amount: 3, unit: 'calendar_days' } as const, '2026-12-30 10:00', '2027-01-02 10:00'],
  ])('%j from %s → %s', (limit, start, due) => {
    expect(computeDeadline(cal, at(start), limit)).toEqual(at(due));
  });

  it('has no deadline for a step without a limit', () => {
    expect(computeDeadline(cal, at('2026-11-25 10:00'), { amount: null, unit: 'none' })).toBeNull();
  });
});

describe('isWithinWorkingTime', () => {
  it.each([
    ['2026-11-25 08:59', false],
    ['2026-11-25 09:00', true],
    ['2026-11-25 11:59', true],
    ['2026-11-25 12:00', false],
    ['2026-11-25 13:29', false],
    ['2026-11-25 13:30', true],
    ['2026-11-25 17:29', true],
    ['2026-11-25 17:30', false],
    ['2026-11-25 20:00', false],
    ['2026-11-28 10:00', false],
    ['2026-10-01 10:00', false],
    ['2026-02-14 10:00', true],
    ['2026-09-20 15:00', true],
  ])('%s → %s', (instant, within) => {
    expect(isWithinWorkingTime(cal, at(instant))).toBe(within);
  });

  it('counts to the last second before noon', () => {
    expect(isWithinWorkingTime(cal, new Date('2026-11-25T11:59:59.999+08:00'))).toBe(true);
  });
});

describe('counting between instants', () => {
  it.each([
    ['2026-11-25 09:00', '2026-11-25 17:00', 0],
    ['2026-11-25 09:00', '2026-11-26 09:00', 1],
    ['2026-09-30 10:00', '2026-10-07 10:00', 0],
    ['2026-09-30 10:00', '2026-10-08 10:00', 1],
    ['2026-09-30 10:00', '2026-10-12 10:00', 4],
    ['2026-02-13 10:00', '2026-02-24 10:00', 2],
    ['2026-11-26 10:00', '2026-11-25 10:00', 0],
  ])('working days from %s to %s: %i', (from, to, n) => {
    expect(workingDaysBetween(cal, at(from), at(to))).toBe(n);
  });

  it.each([
    ['2026-11-25 09:00', '2026-11-25 17:30', 420],
    ['2026-11-25 11:00', '2026-11-25 14:30', 120],
    ['2026-11-25 12:10', '2026-11-25 13:20', 0],
    ['2026-11-25 17:00', '2026-11-26 09:30', 60],
    ['2026-09-30 17:00', '2026-10-08 09:30', 60],
    ['2026-11-27 09:00', '2026-11-30 17:30', 840],
    ['2026-11-26 10:00', '2026-11-25 10:00', 0],
  ])('working minutes from %s to %s: %i', (from, to, n) => {
    expect(workingMinutesBetween(cal, at(from), at(to))).toBe(n);
  });
});

describe('a year the calendar does not cover is never guessed', () => {
  const expectNotCovered = (fn: () => unknown, date: string) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarNotCoveredError);
    expect((err as CalendarNotCoveredError).date).toBe(date);
    expect((err as CalendarNotCoveredError).lastDay).toBe('2026-12-31');
    expect((err as Error).message).toContain(date);
    expect((err as Error).message).toContain('2026-12-31');
  };

  it('fails a working-day deadline that reaches 2027, on its first uncovered day', () => {
    expectNotCovered(() => addWorkingDays(cal, at('2026-12-30 10:00'), 2), '2027-01-01');
    expectNotCovered(() => computeDeadline(cal, at('2026-12-24 10:00'), { amount: 15, unit: 'working_days' }), '2027-01-01');
  });

  it('still computes a deadline that ends on the last covered day', () => {
    expect(addWorkingDays(cal, at('2026-12-30 10:00'), 1)).toEqual(at('2026-12-31 17:30'));
  });

  it('fails working hours, the working-time test and counts beyond the data', () => {
    expectNotCovered(() => addWorkingMinutes(cal, at('2026-12-31 17:00'), 60), '2027-01-01');
    expectNotCovered(() => isWithinWorkingTime(cal, at('2027-01-04 10:00')), '2027-01-04');
    expectNotCovered(() => workingDaysBetween(cal, at('2026-12-31 10:00'), at('2027-01-05 10:00')), '2027-01-01');
    expectNotCovered(() => workingMinutesBetween(cal, at('2026-12-31 10:00'), at('2027-01-05 10:00')), '2027-01-01');
  });

  it('fails before the first covered day and inside a gap', () => {
    expect(() => isWorkday(cal, '2003-12-31')).toThrow(CalendarNotCoveredError);
    const gap = createWorkingCalendar([
      { date: '2026-01-05', workday: true },
      { date: '2026-01-07', workday: true },
    ]);
    expect(() => addWorkingDays(gap, at('2026-01-05 10:00'), 1)).toThrow(CalendarNotCoveredError);
  });

  it('fails everything on an empty calendar', () => {
    const empty = createWorkingCalendar([]);
    expect(() => addWorkingDays(empty, at('2026-11-25 10:00'), 1)).toThrow(/无/);
  });
});

describe('working periods', () => {
  it.each([
    [
      [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      null,
    ],
    [
      [
        { start: '08:30', end: '12:00' },
        { start: '12:00', end: '18:00' },
      ],
      null,
    ],
    [[{ start: '00:00', end: '23:59' }], null],
    [[], '至少需要一个工作时段'],
    [[{ start: '9:00', end: '12:00' }], '时间格式应为 HH:MM：9:00'],
    [[{ start: '09:00', end: '24:00' }], '时间格式应为 HH:MM：24:00'],
    [[{ start: '12:00', end: '09:00' }], '时段 12:00–09:00 的结束时间应晚于开始时间'],
    [[{ start: '09:00', end: '09:00' }], '时段 09:00–09:00 的结束时间应晚于开始时间'],
    [
      [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ],
      '时段 11:00–17:30 与前一时段重叠或顺序颠倒',
    ],
    [
      [
        { start: '13:30', end: '17:30' },
        { start: '09:00', end: '12:00' },
      ],
      '时段 09:00–12:00 与前一时段重叠或顺序颠倒',
    ],
  ])('%j → %s', (periods, problem) => {
    expect(checkWorkingPeriods(periods)).toBe(problem);
  });

  it('refuses a calendar with bad periods', () => {
    expect(() => createWorkingCalendar([], [{ start: '18:00', end: '08:00' }])).toThrow(InvalidCalendarError);
  });

  it('computes with other working hours', () => {
    const other = createWorkingCalendar(
      days.map((d) => ({ date: d.day, workday: d.workday })),
      [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    );
    expect(addWorkingDays(other, at('2026-11-25 10:00'), 1)).toEqual(at('2026-11-26 18:00'));
    expect(isWithinWorkingTime(other, at('2026-11-25 08:30'))).toBe(true);
    expect(isWithinWorkingTime(other, at('2026-11-25 13:45'))).toBe(false);
    expect(addWorkingMinutes(other, at('2026-11-25 11:30'), 60)).toEqual(at('2026-11-25 14:30'));
  });
});

describe('properties', () => {
  // Any day up to two months before the end of the data (so 30 working days never run past it), any second of it.
  // Unbiased: fast-check's default bias piles instants onto the range's first millisecond.
  const lastStartDay = (Date.parse('2026-10-31') - Date.parse('2004-01-01')) / 86_400_000;
  const start = fc.noBias(
    fc
      .tuple(fc.integer({ min: 0, max: lastStartDay }), fc.integer({ min: 0, max: 24 * 3600 - 1 }))
      .map(([d, sec]) => new Date(instantAt(addDaysToDate('2004-01-01', d), 0).getTime() + sec * 1000)),
  );
  const n = fc.integer({ min: 1, max: 30 });
  const countFrom = fc.constantFrom('next_working_day' as const, 'same_day' as const);
  const localHHMM = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

  it('adding working days ends on a working day at 17:30 local, after the start', () => {
    fc.assert(
      fc.property(start, n, countFrom, (s, k, from) => {
        const due = addWorkingDays(cal, s, k, from);
        expect(isWorkday(cal, localDateOf(due))).toBe(true);
        expect(dayOf.get(localDateOf(due))!.workday).toBe(true);
        expect(localHHMM(due)).toBe('17:30');
        expect(due.getTime()).toBeGreaterThan(s.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly monotonic in N', () => {
    fc.assert(
      fc.property(start, n, countFrom, (s, k, from) => {
        expect(addWorkingDays(cal, s, k + 1, from).getTime()).toBeGreaterThan(addWorkingDays(cal, s, k, from).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('counts back the same number of working days (次日起算)', () => {
    fc.assert(
      fc.property(start, n, (s, k) => {
        expect(workingDaysBetween(cal, s, addWorkingDays(cal, s, k))).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('adding working minutes lands in or at the end of working time and counts back exactly', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 7 * 60 * 10 }), (s, m) => {
        const due = addWorkingMinutes(cal, s, m);
        const justBefore = new Date(due.getTime() - 1);
        expect(isWithinWorkingTime(cal, justBefore)).toBe(true);
        expect(workingMinutesBetween(cal, s, due)).toBe(m);
      }),
      { numRuns: 300 },
    );
  });
});
