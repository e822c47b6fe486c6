import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { endsAfter, reportPeriod } from './kinds.js';

describe('the period of a report picked by one day', () => {
  it.each([
    ['daily', '2026-11-25', '2026-11-25', '2026-11-25'],
    ['weekly', '2026-11-25', '2026-11-23', '2026-11-29'], // a Wednesday: its Monday-to-Sunday week
    ['weekly', '2026-11-29', '2026-11-23', '2026-11-29'], // a Sunday ends its week, whatever the locale's first day
    ['weekly', '2026-11-30', '2026-11-30', '2026-12-06'],
    ['monthly', '2028-02-10', '2028-02-01', '2028-02-29'],
    ['yearly', '2026-07-01', '2026-01-01', '2026-12-31'],
  ] as const)('a %s report picked on %s covers %s to %s', (kind, day, from, to) => {
    expect(reportPeriod(kind, dayjs(day))).toEqual({ from, to });
  });
});

describe('the days a picker offers: periods that have ended by today (the server refuses days to come)', () => {
  const today = '2026-11-25'; // a Wednesday
  it.each([
    ['daily', '2026-11-25', false],
    ['daily', '2026-11-26', true],
    ['weekly', '2026-11-22', false], // last week, Monday to Sunday
    ['weekly', '2026-11-23', true], // this week ends on Sunday the 29th
    ['weekly', '2027-01-13', true],
    ['monthly', '2026-10-15', false],
    ['monthly', '2026-11-01', true], // November ends on the 30th
    ['yearly', '2025-06-01', false],
    ['yearly', '2026-01-01', true],
    ['custom', '2026-11-25', false],
    ['custom', '2026-11-26', true],
  ] as const)('a %s report picked on %s ends after today: %s', (kind, day, after) => {
    expect(endsAfter(kind, dayjs(day), today)).toBe(after);
  });
});
