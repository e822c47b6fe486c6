import { describe, expect, it } from 'vitest';
import { rotation, shifts, swapProblem, withSwaps, type Roster } from './lawyer-shifts.js';

// A calendar with weekends off, a three-day holiday and a make-up Sunday (like a real notice): 2026-10-01..03 off,
// 2026-10-11 (a Sunday) worked.
const holidays = new Set(['2026-10-01', '2026-10-02', '2026-10-05']);
const makeUp = new Set(['2026-10-11']);
const isWorkday = (d: string) => {
  if (makeUp.has(d)) return true;
  if (holidays.has(d)) return false;
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};
const lawyersOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `L${i + 1}`, name: `律师${i + 1}` }));
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('lawyer shifts from the roster', () => {
  it('every roster size 1–20 and every number a day: each working day has that many different lawyers, days off none, and in any n working days in a row each lawyer serves exactly perDay times', () => {
    for (let n = 1; n <= 20; n++) {
      for (let perDay = 1; perDay <= n; perDay++) {
        const roster: Roster = { lawyers: lawyersOf(n), perDay, anchorDate: '2026-09-07' };
        const days = rotation(roster, '2026-08-20', '2026-11-30', isWorkday);
        expect(days).toHaveLength(103);
        const working = days.filter((d) => d.workday);
        for (const d of days) {
          expect(d.workday).toBe(isWorkday(d.date));
          if (!d.workday) expect(d.lawyers).toEqual([]);
          else expect(new Set(d.lawyers.map((l) => l.id)).size).toBe(perDay);
        }
        for (let start = 0; start + n <= working.length; start++) {
          const counts = new Map<string, number>();
          for (const d of working.slice(start, start + n)) for (const l of d.lawyers) counts.set(l.id, (counts.get(l.id) ?? 0) + 1);
          expect(counts.size).toBe(n);
          for (const c of counts.values()) expect(c).toBe(perDay);
        }
      }
    }
  });

  it('a date gets the same lawyers whatever range is asked for (counted from the anchor, before and after it)', () => {
    const roster: Roster = { lawyers: lawyersOf(17), perDay: 2, anchorDate: '2026-10-08' };
    const whole = rotation(roster, '2026-09-01', '2026-12-31', isWorkday);
    for (let i = 0; i < whole.length; i += 3) {
      const from = whole[i]!.date;
      const part = rotation(roster, from, addDays(from, 9), isWorkday);
      expect(part.slice(0, whole.length - i)).toEqual(whole.slice(i, i + 10));
    }
  });

  it('Inner Mongolia: 17 lawyers, 2 a day; the anchor day has the first two, the next working day the next two, the holiday nobody', () => {
    const roster: Roster = { lawyers: lawyersOf(17), perDay: 2, anchorDate: '2026-09-28' };
    const days = rotation(roster, '2026-09-28', '2026-10-12', isWorkday);
    const ids = (date: string) => days.find((d) => d.date === date)!.lawyers.map((l) => l.id);
    expect(ids('2026-09-28')).toEqual(['L1', 'L2']);
    expect(ids('2026-09-29')).toEqual(['L3', 'L4']);
    expect(ids('2026-09-30')).toEqual(['L5', 'L6']);
    expect(ids('2026-10-01')).toEqual([]); // holiday
    expect(ids('2026-10-03')).toEqual([]); // Saturday
    expect(ids('2026-10-05')).toEqual([]); // holiday on a Monday
    expect(ids('2026-10-06')).toEqual(['L7', 'L8']);
    expect(ids('2026-10-09')).toEqual(['L13', 'L14']);
    expect(ids('2026-10-11')).toEqual(['L15', 'L16']); // the make-up Sunday is worked
    expect(ids('2026-10-12')).toEqual(['L17', 'L1']); // the roster wraps
    expect(rotation(roster, '2026-09-25', '2026-09-25', isWorkday)[0]!.lawyers.map((l) => l.id)).toEqual(['L16', 'L17']); // before the anchor
  });

  it('an empty roster has nobody; more a day than lawyers gives each lawyer once', () => {
    expect(rotation({ lawyers: [], perDay: 2, anchorDate: '2026-10-08' }, '2026-10-08', '2026-10-09', isWorkday).map((d) => d.lawyers)).toEqual([[], []]);
    expect(rotation({ lawyers: lawyersOf(1), perDay: 2, anchorDate: '2026-10-08' }, '2026-10-08', '2026-10-08', isWorkday)[0]!.lawyers).toHaveLength(1);
  });
});

describe('swaps', () => {
  const roster: Roster = { lawyers: lawyersOf(17), perDay: 2, anchorDate: '2026-09-28' };
  const base = rotation(roster, '2026-09-28', '2026-10-12', isWorkday);

  it('two lawyers exchange their days; each day keeps two different lawyers, marked with the swap', () => {
    const s = { id: 's1', date: '2026-09-28', lawyerId: 'L1', withDate: '2026-09-30', withLawyerId: 'L6' };
    expect(swapProblem(base, s)).toBeNull();
    const { days, skipped } = withSwaps(base, [s]);
    expect(skipped).toEqual([]);
    expect(days.find((d) => d.date === '2026-09-28')!.lawyers.map((l) => [l.id, l.swapId])).toEqual([
      ['L6', 's1'],
      ['L2', null],
    ]);
    expect(days.find((d) => d.date === '2026-09-30')!.lawyers.map((l) => l.id)).toEqual(['L5', 'L1']);
    expect(base.find((d) => d.date === '2026-09-28')!.lawyers.map((l) => l.id)).toEqual(['L1', 'L2']); // not changed in place
  });

  it('refuses what would put a lawyer on a day they do not hold, twice on one day, or swap with themselves', () => {
    expect(swapProblem(base, { date: '2026-09-28', lawyerId: 'L3', withDate: '2026-09-30', withLawyerId: 'L6' })).toBe('not_on_duty');
    expect(swapProblem(base, { date: '2026-09-28', lawyerId: 'L1', withDate: '2026-09-30', withLawyerId: 'L2' })).toBe('with_not_on_duty');
    expect(swapProblem(base, { date: '2026-09-28', lawyerId: 'L1', withDate: '2026-09-28', withLawyerId: 'L2' })).toBe('same_day');
    expect(swapProblem(base, { date: '2026-09-28', lawyerId: 'L1', withDate: '2026-09-28', withLawyerId: 'L1' })).toBe('same_lawyer');
    expect(swapProblem(base, { date: '2026-10-01', lawyerId: 'L1', withDate: '2026-09-30', withLawyerId: 'L6' })).toBe('not_on_duty');
    // L17 and L1 serve 10-12 together; L1 cannot take L17's... a day L1 already holds
    expect(swapProblem(base, { date: '2026-10-12', lawyerId: 'L17', withDate: '2026-09-28', withLawyerId: 'L1' })).toBe('already_on_duty');
  });

  it('a swap the roster no longer allows is skipped whole; the range asked for shows a swap whose other day is outside it', () => {
    const stale = { id: 'old', date: '2026-09-28', lawyerId: 'L9', withDate: '2026-09-30', withLawyerId: 'L6' };
    const s = { id: 's1', date: '2026-09-28', lawyerId: 'L1', withDate: '2026-10-09', withLawyerId: 'L13' };
    const r = shifts(roster, [stale, s], '2026-09-28', '2026-09-29', isWorkday);
    expect(r.skipped).toEqual(['old']);
    expect(r.days.map((d) => d.date)).toEqual(['2026-09-28', '2026-09-29']);
    expect(r.days[0]!.lawyers.map((l) => l.id)).toEqual(['L13', 'L2']);
  });
});
