import { describe, expect, it } from 'vitest';
import { formatOrderNumber, orderNumberPattern } from './order-number.js';

describe('formatOrderNumber', () => {
  it.each([
    // China is UTC+8: the local day starts at 16:00 UTC of the day before.
    ['morning in Hohhot', '2026-11-25T02:00:00Z', '12351-150000-20261125-0001'],
    ['the last ms of the local day', '2026-11-25T15:59:59.999Z', '12351-150000-20261125-0001'],
    ['local midnight', '2026-11-25T16:00:00Z', '12351-150000-20261126-0001'],
    ['23:59 UTC is the next local morning', '2026-11-25T23:59:00Z', '12351-150000-20261126-0001'],
    ['New Year in Beijing while still 2026 in UTC', '2026-12-31T16:30:00Z', '12351-150000-20270101-0001'],
  ])('%s', (_what, instant, number) => {
    expect(formatOrderNumber('150000', new Date(instant), 1)).toBe(number);
  });

  it.each([
    [1, '0001'],
    [42, '0042'],
    [999, '0999'],
    [9999, '9999'],
    [10000, '10000'],
    [123456, '123456'],
  ])('pads the daily sequence %i to %s', (sequence, tail) => {
    const n = formatOrderNumber('610000', new Date('2026-08-19T01:00:00Z'), sequence);
    expect(n).toBe(`12351-610000-20260819-${tail}`);
    expect(n).toMatch(orderNumberPattern);
  });
});

describe('orderNumberPattern', () => {
  it.each([
    ['12351-150000-20261125-0001', true],
    ['12351-150000-20261125-12345', true],
    ['12351-150000-20261125-001', false],
    ['12351-15000-20261125-0001', false],
    ['12351-150000-2026112-0001', false],
    ['12345-150000-20261125-0001', false],
    ['12351-150000-20261125-0001x', false],
    [' 12351-150000-20261125-0001', false],
    ['12351_150000_20261125_0001', false],
    ['', false],
  ])('%j → %s', (s, ok) => {
    expect(orderNumberPattern.test(s)).toBe(ok);
  });
});
