import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../calendar/calendar.seed.js';
import { addWorkingMinutes, CalendarNotCoveredError, createWorkingCalendar, workingMinutesBetween } from '../calendar/domain/working-time.js';
import { createRng } from './random.js';
import { createWorkClock } from './work-clock.js';

const calendar = createWorkingCalendar(packageCalendarDays().days.map((d) => ({ date: d.day, workday: d.workday })));
const clock = createWorkClock(calendar);

describe('the generator’s working clock agrees with the working calendar', () => {
  it.each([
    ['Friday evening to Monday morning', '2026-11-20T10:00:00Z', 90],
    ['across the lunch break', '2026-11-24T03:30:00Z', 60],
    ['into the Spring Festival holiday', '2026-02-13T08:00:00Z', 240],
    ['on a make-up working Saturday', '2026-02-28T01:00:00Z', 30],
    ['ending exactly at noon', '2026-11-24T01:00:00Z', 180],
    ['from the middle of the night', '2026-11-24T18:00:00Z', 5],
    ['over the National Day week', '2026-09-30T08:00:00Z', 600],
  ])('%s', (_, start, minutes) => {
    const from = new Date(start);
    expect(clock.add(from, minutes).toISOString()).toBe(addWorkingMinutes(calendar, from, minutes).toISOString());
  });

  it('adds and measures like addWorkingMinutes and workingMinutesBetween on random instants', () => {
    const rng = createRng(99);
    for (let i = 0; i < 500; i++) {
      const from = new Date(Date.parse('2025-01-02T00:00:00Z') + rng.int(0, 500) * 86_400_000 + rng.int(0, 1439) * 60_000);
      const minutes = rng.int(1, 20_000);
      expect(clock.add(from, minutes).getTime()).toBe(addWorkingMinutes(calendar, from, minutes).getTime());
      const to = new Date(from.getTime() + rng.int(0, 60 * 24 * 60) * 60_000);
      expect(Math.round(clock.between(from, to))).toBe(workingMinutesBetween(calendar, from, to));
    }
  });

  it('refuses days the calendar does not cover, as the calendar does', () => {
    expect(() => clock.add(new Date('2026-12-30T08:00:00Z'), 10 * 480)).toThrow(CalendarNotCoveredError);
    expect(() => clock.between(new Date('2026-12-30T08:00:00Z'), new Date('2027-01-05T08:00:00Z'))).toThrow(CalendarNotCoveredError);
  });
});
