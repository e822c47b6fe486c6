import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../calendar/domain/working-time.js';
import {
  analysisDateProblems,
  circularMonthProblem,
  circularOrder,
  carried,
  isoWeekday,
  meetingDateProblems,
  mondayOf,
  monthRange,
  nextAnalysisState,
  nextReviewDay,
  ownerProblems,
  reasonsOf,
  reviewLateDays,
  reviewedWeek,
  weekReviewedOn,
  weekStartProblem,
} from './reviews.js';

/** Every date from `from`, `n` days. */
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDaysToDate(from, i));
/** 00:00, 09:00 and 23:59 of a Beijing date. */
const instantsOf = (date: string) => ['00:00', '09:00', '23:59'].map((hm) => new Date(`${date}T${hm}:00+08:00`));

describe('the weekly review', () => {
  it('reads the reasons from the week’s timeline facts', () => {
    expect(reasonsOf(['sign', 'return', 'overdue_urge', 'return'], 0, false)).toEqual(['returned', 'overdue']);
    expect(reasonsOf(['callback_dissatisfied', 'review_rework', 'emergency_alert'], 1, true)).toEqual(['reworked', 'dissatisfied', 'emergency']);
    expect(reasonsOf([], 2, true)).toEqual(['extended_twice']);
    expect(reasonsOf([], 2, false)).toEqual([]);
    expect(reasonsOf(['add_note', 'reply'], 0, false)).toEqual([]);
  });

  it('meets on the configured day, and the agenda shows the week that meeting reviews (Beijing)', () => {
    expect(isoWeekday('2026-12-03')).toBe(4);
    expect(nextReviewDay(new Date('2026-11-30T02:00:00Z'), 4)).toBe('2026-12-03');
    expect(nextReviewDay(new Date('2026-12-03T02:00:00Z'), 4)).toBe('2026-12-03');
    expect(nextReviewDay(new Date('2026-12-04T02:00:00Z'), 1)).toBe('2026-12-07');
    // Thursday 3 December 2026, 09:00 Beijing: that day's meeting reviews 23–29 November.
    expect(reviewedWeek(new Date('2026-12-03T01:00:00Z'), 4)).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    // Sunday 6 December: 23–29 November was reviewed on the 3rd; the meeting of the 10th reviews 30 November – 6 December.
    expect(reviewedWeek(new Date('2026-12-06T02:00:00Z'), 4)).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    expect(reviewedWeek(new Date('2026-12-04T02:00:00Z'), 4)).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    // Sunday 23:30 Beijing is still that Sunday (29 November): the meeting of 3 December, the week ending that day.
    expect(reviewedWeek(new Date('2026-11-29T15:30:00Z'), 4)).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    // A Monday meeting: on the day, last week; from Tuesday, the week in progress.
    expect(reviewedWeek(new Date('2026-11-30T02:00:00Z'), 1)).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    expect(reviewedWeek(new Date('2026-12-01T02:00:00Z'), 1)).toEqual({ start: '2026-11-30', end: '2026-12-07' });
  });

  it('a meeting on any day reviews the whole week before its own, Monday to Sunday', () => {
    for (const day of days('2026-12-07', 7)) expect(weekReviewedOn(day)).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    // Across a year's end.
    expect(weekReviewedOn('2027-01-01')).toEqual({ start: '2026-12-21', end: '2026-12-28' });
  });

  it('for every review weekday and every moment of five weeks: the next meeting is within the week, and the agenda shows the week it reviews', () => {
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      for (const today of days('2026-11-23', 35)) {
        for (const now of instantsOf(today)) {
          const meeting = nextReviewDay(now, weekday);
          const week = reviewedWeek(now, weekday);
          const where = { weekday, now: now.toISOString() };
          expect({ ...where, day: isoWeekday(meeting) }).toEqual({ ...where, day: weekday });
          expect(meeting >= today && meeting <= addDaysToDate(today, 6), JSON.stringify(where)).toBe(true);
          // A whole week, Monday to Sunday, ended before the meeting, in the week before the meeting's.
          expect(isoWeekday(week.start)).toBe(1);
          expect(week.end).toBe(addDaysToDate(week.start, 7));
          expect(week.end).toBe(mondayOf(meeting));
          // Never a week whose meeting is already past: the last meeting before today reviewed an earlier week.
          const lastMeeting = addDaysToDate(meeting, -7);
          if (lastMeeting < today) expect(weekReviewedOn(lastMeeting).start < week.start, JSON.stringify(where)).toBe(true);
          // And never a week in the future: it has begun by today.
          expect(week.start <= today, JSON.stringify(where)).toBe(true);
        }
      }
    }
  });
});

describe("a weekly review's dates", () => {
  const today = '2026-12-10';
  const codes = (weekStart: string, heldOn: string, on = today) => meetingDateProblems({ weekStart, heldOn }, on).map((p) => p.code);

  it('refuses what the walk-through found, each under its field with a Chinese message', () => {
    expect(meetingDateProblems({ weekStart: '2026-11-30', heldOn: '2026-11-01' }, today)).toEqual([
      { field: 'body.heldOn', code: 'REVIEW_HELD_BEFORE_WEEK_END', message: '会议日期应在所议周结束之后，不早于 2026-12-07' },
    ]);
    expect(meetingDateProblems({ weekStart: '2026-11-30', heldOn: '2099-12-31' }, today)).toEqual([
      { field: 'body.heldOn', code: 'REVIEW_HELD_IN_FUTURE', message: '会议日期不能晚于今天（2026-12-10）' },
    ]);
    expect(meetingDateProblems({ weekStart: '2026-11-25', heldOn: '2026-12-03' }, today)).toEqual([
      { field: 'body.weekStart', code: 'REVIEW_WEEK_NOT_MONDAY', message: '所议周起始日应为星期一，2026-11-25 不是星期一' },
    ]);
    expect(codes('2026-11-25', '2026-12-31')).toEqual(['REVIEW_WEEK_NOT_MONDAY', 'REVIEW_HELD_IN_FUTURE']);
    expect(meetingDateProblems({ weekStart: '2026-11-16', heldOn: '2026-12-10' }, today)).toEqual([
      { field: 'body.heldOn', code: 'REVIEW_HELD_TOO_LATE', message: '会议日期应在所议周结束后两周内，不晚于 2026-12-06' },
    ]);
  });

  it("a week asked for or recorded starts on a Monday: the agenda's query is refused in the same words, under its own field", () => {
    expect(weekStartProblem('2026-11-25', 'querystring.weekStart')).toEqual({
      field: 'querystring.weekStart',
      code: 'REVIEW_WEEK_NOT_MONDAY',
      message: '所议周起始日应为星期一，2026-11-25 不是星期一',
    });
    expect(weekStartProblem('2026-11-29', 'querystring.weekStart')?.code).toBe('REVIEW_WEEK_NOT_MONDAY');
    expect(weekStartProblem('2026-11-23', 'querystring.weekStart')).toBeNull();
  });

  it('accepts the usual meetings: the Thursday after the week, today, one put off by a week', () => {
    expect(codes('2026-11-23', '2026-12-03')).toEqual([]);
    expect(codes('2026-11-30', '2026-12-10')).toEqual([]);
    expect(codes('2026-11-23', '2026-12-06')).toEqual([]);
    expect(codes('2026-11-23', '2026-12-10')).toEqual([]);
  });

  it('over every week start and meeting date of two months, for several todays: accepted exactly when the rule says', () => {
    for (const on of ['2026-12-03', '2026-12-10', '2027-01-01']) {
      for (const weekStart of days('2026-11-02', 60)) {
        for (const heldOn of days('2026-11-01', 75)) {
          const accepted =
            isoWeekday(weekStart) === 1 && heldOn <= on && heldOn >= addDaysToDate(weekStart, 7) && heldOn <= addDaysToDate(weekStart, 6 + reviewLateDays);
          const problems = meetingDateProblems({ weekStart, heldOn }, on);
          expect({ weekStart, heldOn, on, accepted: problems.length === 0 }).toEqual({ weekStart, heldOn, on, accepted });
          for (const p of problems) {
            expect(['body.weekStart', 'body.heldOn']).toContain(p.field);
            expect(p.message).toMatch(/[\u4e00-\u9fff]/);
          }
          // At most one problem per field.
          expect(new Set(problems.map((p) => p.field)).size).toBe(problems.length);
        }
      }
    }
  });
});

describe("a follow-up's owner", () => {
  it('reads the order: each item whose owner does not is refused under its own field, naming the item, the unit and the order', () => {
    const items = [
      { ownerReads: true, ownerName: '新城区总工会', orderNumber: 'GH20261124000001' },
      { ownerReads: false, ownerName: '东河区总工会', orderNumber: 'GH20261124000001' },
      { ownerReads: false, ownerName: '新城区总工会', orderNumber: 'GH20261124000002' },
    ];
    expect(ownerProblems(items)).toEqual([
      {
        field: 'body.items.1.ownerUnitId',
        code: 'REVIEW_OWNER_CANNOT_SEE_ORDER',
        message: '第 2 项督办事项：责任单位「东河区总工会」无权查看工单 GH20261124000001，请改选能查看该工单的单位',
      },
      {
        field: 'body.items.2.ownerUnitId',
        code: 'REVIEW_OWNER_CANNOT_SEE_ORDER',
        message: '第 3 项督办事项：责任单位「新城区总工会」无权查看工单 GH20261124000002，请改选能查看该工单的单位',
      },
    ]);
    expect(ownerProblems(items.slice(0, 1))).toEqual([]);
  });
});

describe('the monthly analysis', () => {
  it('goes open → rectifying → evaluated, measures before evaluation, closed after', () => {
    expect(nextAnalysisState('open', { measures: '约谈企业' })).toEqual({ ok: true, state: 'rectifying' });
    expect(nextAnalysisState('open', { evaluation: '好转' })).toMatchObject({ ok: false, code: 'ANALYSIS_MEASURES_FIRST' });
    expect(nextAnalysisState('open', { measures: '约谈', evaluation: '好转' })).toEqual({ ok: true, state: 'evaluated' });
    expect(nextAnalysisState('rectifying', { evaluation: '好转' })).toEqual({ ok: true, state: 'evaluated' });
    expect(nextAnalysisState('rectifying', { measures: '  ' })).toEqual({ ok: true, state: 'rectifying' });
    expect(nextAnalysisState('evaluated', { measures: 'x' })).toMatchObject({ ok: false, code: 'ANALYSIS_ITEM_CLOSED' });
  });

  it('carries an item into later months until it is evaluated', () => {
    expect(carried({ month: '2026-10', state: 'rectifying' }, '2026-11')).toBe(true);
    expect(carried({ month: '2026-10', state: 'evaluated' }, '2026-11')).toBe(false);
    expect(carried({ month: '2026-11', state: 'open' }, '2026-11')).toBe(false);
  });
});

describe('the months and due dates of analysis items and circulars', () => {
  it('refuses a circular for a month not yet begun, and an analysis item for one, or due before today', () => {
    expect(circularMonthProblem('2030-05', '2026-12-10')).toEqual({
      field: 'body.month',
      code: 'CIRCULAR_MONTH_IN_FUTURE',
      message: '通报月份不能晚于本月（2026-12）',
    });
    expect(analysisDateProblems({ month: '2026-12', dueOn: '2020-01-01' }, '2026-12-10')).toEqual([
      { field: 'body.dueOn', code: 'ANALYSIS_DUE_IN_PAST', message: '完成期限不能早于今天（2026-12-10）' },
    ]);
    expect(analysisDateProblems({ month: '2030-01', dueOn: '2030-02-01' }, '2026-12-10')).toEqual([
      { field: 'body.month', code: 'ANALYSIS_MONTH_IN_FUTURE', message: '研判月份不能晚于本月（2026-12）' },
    ]);
    expect(analysisDateProblems({ month: '2030-01', dueOn: '2020-01-01' }, '2026-12-10').map((p) => p.field)).toEqual(['body.month', 'body.dueOn']);
  });

  it('over every month of seven years and every due date of two months: accepted exactly when begun, and due today or later', () => {
    const months = Array.from({ length: 7 * 12 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    for (const today of ['2026-12-01', '2026-12-31', '2027-01-01', '2028-02-29']) {
      const thisMonth = today.slice(0, 7);
      for (const month of months) {
        expect({ month, today, ok: circularMonthProblem(month, today) === null }).toEqual({ month, today, ok: month <= thisMonth });
        for (const dueOn of days(addDaysToDate(today, -30), 60)) {
          const fields = analysisDateProblems({ month, dueOn }, today).map((p) => p.field);
          const expected = [...(month > thisMonth ? ['body.month'] : []), ...(dueOn < today ? ['body.dueOn'] : [])];
          expect({ month, dueOn, today, fields }).toEqual({ month, dueOn, today, fields: expected });
        }
      }
    }
  });
});

describe('the 通报', () => {
  it('lists units with something to report, the most overdue first', () => {
    const rows = circularOrder([
      { unitId: 'a', unitName: '甲', overdue: 1, returned: 0, dissatisfied: 3 },
      { unitId: 'b', unitName: '乙', overdue: 0, returned: 0, dissatisfied: 0 },
      { unitId: 'c', unitName: '丙', overdue: 4, returned: 1, dissatisfied: 0 },
    ]);
    expect(rows.map((r) => r.unitId)).toEqual(['c', 'a']);
  });

  it('counts a month in Beijing time, December into January', () => {
    expect(monthRange('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });
});
