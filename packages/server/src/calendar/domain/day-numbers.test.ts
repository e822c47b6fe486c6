import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf } from './day-numbers.js';
import { addDaysToDate, instantAt, localDateOf } from './working-time.js';

const DAY = 86_400_000;
const OFFSET = 8 * 60 * 60_000;
// The Date-based definitions these replace: the oracle.
const reference = {
  localDateOf: (t: Date) => new Date(t.getTime() + OFFSET).toISOString().slice(0, 10),
  instantAt: (date: string, minute: number) => new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET + minute * 60_000),
  addDaysToDate: (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10),
};
const outcome = (f: () => unknown) => {
  try {
    const v = f();
    return v instanceof Date ? { time: v.getTime() } : { value: v };
  } catch (e) {
    return { threw: (e as Error).name };
  }
};
const day = fc.integer({ min: -719_528, max: 2_932_896 }); // 0000-01-01 … 9999-12-31
const date = day.map((n) => new Date(n * DAY).toISOString().slice(0, 10));

describe('day numbers', () => {
  it('round-trip every date of years 0000–9999, and agree with Date', () => {
    fc.assert(
      fc.property(day, (n) => {
        const iso = new Date(n * DAY).toISOString().slice(0, 10);
        expect(dateOfDayNumber(n)).toBe(iso);
        expect(dayNumberOf(iso)).toBe(n);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuse what is not a real date, and numbers outside the years or not whole', () => {
    for (const s of ['2026-02-29', '2024-02-30', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', '2026-01-0x', '', '+02026-01-01'])
      expect(dayNumberOf(s)).toBeNull();
    expect(dayNumberOf('2024-02-29')).toBe(19_782);
    expect(dateOfDayNumber(-719_529)).toBeNull();
    expect(dateOfDayNumber(2_932_897)).toBeNull();
    expect(dateOfDayNumber(1.5)).toBeNull();
  });
});

describe('working-time date functions behave as their Date-based definitions', () => {
  it('localDateOf, for any instant (invalid ones throw the same)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constant(Number.NaN)), (t) => {
        expect(outcome(() => localDateOf(new Date(t)))).toEqual(outcome(() => reference.localDateOf(new Date(t))));
      }),
      { numRuns: 20_000 },
    );
  });

  it('instantAt and addDaysToDate, for real dates, odd strings and any day count', () => {
    const anyDate = fc.oneof(date, fc.constantFrom('2026-02-30', '2026-13-01', 'x', '2026-1-1', '9999-12-31', '0000-01-01'));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -3000, max: 3000 }), fc.oneof(fc.integer({ min: -4_000_000, max: 4_000_000 }), fc.double()), (d, minute, n) => {
        expect(outcome(() => instantAt(d, minute))).toEqual(outcome(() => reference.instantAt(d, minute)));
        expect(outcome(() => addDaysToDate(d, n))).toEqual(outcome(() => reference.addDaysToDate(d, n)));
      }),
      { numRuns: 20_000 },
    );
  });
});
