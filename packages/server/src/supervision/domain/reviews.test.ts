import { describe, expect, it } from 'vitest';
import { circularOrder, carried, isoWeekday, monthRange, nextAnalysisState, nextReviewDay, reasonsOf, reviewedWeek } from './reviews.js';

describe('the weekly review', () => {
  it('reads the reasons from the week’s timeline facts', () => {
    expect(reasonsOf(['sign', 'return', 'overdue_urge', 'return'], 0, false)).toEqual(['returned', 'overdue']);
    expect(reasonsOf(['callback_dissatisfied', 'review_rework', 'emergency_alert'], 1, true)).toEqual(['reworked', 'dissatisfied', 'emergency']);
    expect(reasonsOf([], 2, true)).toEqual(['extended_twice']);
    expect(reasonsOf([], 2, false)).toEqual([]);
    expect(reasonsOf(['add_note', 'reply'], 0, false)).toEqual([]);
  });

  it('looks back on the whole previous week (Beijing), and meets on the configured day', () => {
    expect(isoWeekday('2026-12-03')).toBe(4);
    // Thursday 3 December 2026, 09:00 Beijing: the week of 23–29 November.
    expect(reviewedWeek(new Date('2026-12-03T01:00:00Z'))).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    // Sunday 23:30 Beijing is still that Sunday.
    expect(reviewedWeek(new Date('2026-11-29T15:30:00Z'))).toEqual({ start: '2026-11-16', end: '2026-11-23' });
    expect(nextReviewDay(new Date('2026-11-30T02:00:00Z'), 4)).toBe('2026-12-03');
    expect(nextReviewDay(new Date('2026-12-03T02:00:00Z'), 4)).toBe('2026-12-03');
    expect(nextReviewDay(new Date('2026-12-04T02:00:00Z'), 1)).toBe('2026-12-07');
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
