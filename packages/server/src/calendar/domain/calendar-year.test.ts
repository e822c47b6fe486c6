import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../calendar.seed.js';
import { isCalendarDate, planCalendarYear, type NamedDate } from './calendar-year.js';

const n = (date: string, name = '春节'): NamedDate => ({ date, name });

describe('planCalendarYear', () => {
  it('rebuilds 2026 exactly as chinese-days has it, from the notice’s lists alone', () => {
    const seeded = packageCalendarDays().days.filter((d) => d.day.startsWith('2026-'));
    const holidays = seeded.filter((d) => !d.workday && d.holidayName).map((d) => n(d.day, d.holidayName!));
    const makeupDays = seeded.filter((d) => d.makeup).map((d) => n(d.day, d.holidayName!));
    const { days, problems } = planCalendarYear(2026, holidays, makeupDays);
    expect(problems).toEqual([]);
    expect(days).toEqual(seeded);
  });

  it('marks weekends rest, listed holidays rest, listed make-up days working', () => {
    const { days, problems } = planCalendarYear(2027, [n('2027-02-08'), n('2027-02-06')], [n('2027-02-20')]);
    expect(problems).toEqual([]);
    expect(days).toHaveLength(365);
    const of = (d: string) => days.find((x) => x.day === d);
    expect(of('2027-01-01')).toEqual({ day: '2027-01-01', workday: true, holidayName: null, makeup: false }); // not listed: a Friday
    expect(of('2027-01-02')).toEqual({ day: '2027-01-02', workday: false, holidayName: null, makeup: false });
    expect(of('2027-02-06')).toEqual({ day: '2027-02-06', workday: false, holidayName: '春节', makeup: false });
    expect(of('2027-02-08')).toEqual({ day: '2027-02-08', workday: false, holidayName: '春节', makeup: false });
    expect(of('2027-02-20')).toEqual({ day: '2027-02-20', workday: true, holidayName: '春节', makeup: true });
    expect(days.filter((d) => d.workday)).toHaveLength(261 - 1 + 1);
  });

  it('counts a leap year', () => {
    expect(planCalendarYear(2028, [n('2028-01-01', '元旦')], []).days).toHaveLength(366);
  });

  it.each([
    ['a date in another year', [n('2028-01-01')], [], [{ field: 'holidays.0.date', message: '2028-01-01 不在 2027 年内' }]],
    ['a date that does not exist', [n('2027-02-29')], [], [{ field: 'holidays.0.date', message: '2027-02-29 不是有效日期' }]],
    ['a repeated holiday', [n('2027-02-08'), n('2027-02-08')], [], [{ field: 'holidays.1.date', message: '2027-02-08 重复填写' }]],
    ['an empty name', [n('2027-02-08', '  ')], [], [{ field: 'holidays.0.name', message: '请填写节日名称' }]],
    [
      'a make-up day on a weekday',
      [n('2027-02-08')],
      [n('2027-02-09')],
      [{ field: 'makeupDays.0.date', message: '2027-02-09 不是周末，调休上班日应为周六或周日' }],
    ],
    ['a day both rest and make-up', [n('2027-02-06')], [n('2027-02-06')], [{ field: 'makeupDays.0.date', message: '2027-02-06 同时填在放假日期中' }]],
    [
      'several problems at once',
      [n('2026-12-31'), n('2027-10-01', '国庆节')],
      [n('2027-13-01')],
      [
        { field: 'holidays.0.date', message: '2026-12-31 不在 2027 年内' },
        { field: 'makeupDays.0.date', message: '2027-13-01 不是有效日期' },
      ],
    ],
  ])('refuses %s', (_what, holidays, makeupDays, problems) => {
    const plan = planCalendarYear(2027, holidays, makeupDays);
    expect(plan.problems).toEqual(problems);
    expect(plan.days).toEqual([]);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-2-3', false],
    ['2026-00-10', false],
  ])('%s is a calendar date: %s', (d, ok) => {
    expect(isCalendarDate(d)).toBe(ok);
  });
});
