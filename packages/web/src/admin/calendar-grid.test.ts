import { describe, expect, it } from 'vitest';
import { monthGrid, parseDateLines } from './calendar-grid.js';

describe('monthGrid', () => {
  it('starts weeks on Monday with blanks before the 1st', () => {
    // 2026-02-01 is a Sunday.
    const weeks = monthGrid(2026, 1);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(28);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});

describe('parseDateLines', () => {
  it('reads single days and runs of days with their names', () => {
    const r = parseDateLines('2027-01-01 元旦\n\n2027-02-06至2027-02-08 春节');
    expect(r.problems).toEqual([]);
    expect(r.items).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
    ]);
  });

  it.each(['元旦 2027-01-01', '2027-01-01', '2027-02-08至2027-02-06 春节'])('names the line it cannot read: %s', (line) => {
    const r = parseDateLines(line);
    expect(r.items).toEqual([]);
    expect(r.problems[0]).toMatch(/^第 1 行/);
  });
});
