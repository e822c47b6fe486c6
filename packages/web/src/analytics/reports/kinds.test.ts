import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { reportPeriod } from './kinds.js';

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
