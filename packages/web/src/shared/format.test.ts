import { describe, expect, it } from 'vitest';
import { formatCompact, formatExact, formatMoney } from './format.js';

describe('formatCompact: big figures short enough for a card', () => {
  it.each<[number, string, string]>([
    [0, '0', '0'],
    [8_765.4, '8,765', '8,765'],
    [99_999, '99,999', '99,999'],
    [120_000, '12万', '120K'],
    [4_665_643, '466.56万', '4.67M'],
    [99_999_999, '1亿', '100M'],
    // The walk-through's cockpit after the clamped reply: 100,004,665,643 yuan.
    [100_004_665_643, '1000.05亿', '100B'],
    [1e12, '1万亿', '1T'],
    [-250_000, '-25万', '-250K'],
  ])('%s → %s / %s', (n, zh, en) => {
    expect(formatCompact(n, 'zh')).toBe(zh);
    expect(formatCompact(n, 'en')).toBe(en);
  });

  it('never grows past a card: at most 9 characters up to 万亿', () => {
    for (let n = 1; n < 1e16; n *= 7.3) {
      expect(formatCompact(n, 'zh').length, String(n)).toBeLessThanOrEqual(9);
      expect(formatCompact(n, 'en').length, String(n)).toBeLessThanOrEqual(9);
    }
  });

  it('counts below the threshold as they always were, whole and ungrouped', () => {
    expect(formatCompact(8_765, 'zh', { grouping: false })).toBe('8765');
    expect(formatCompact(1_234_567, 'en', { grouping: false })).toBe('1.23M');
  });

  it('says nothing for no figure', () => {
    expect(formatCompact(null, 'zh')).toBe('—');
    expect(formatCompact(Number.NaN, 'en')).toBe('—');
    expect(formatExact(100_004_665_643, 'zh')).toBe('100,004,665,643');
  });
});

describe('formatMoney: an amount of yuan in the interface language', () => {
  it('says 元 in Chinese and ¥ in English, two decimals at most, a dash for none', () => {
    expect(formatMoney(120000)).toBe('120,000 元');
    expect(formatMoney(120000, 'en')).toBe('¥120,000');
    expect(formatMoney(1234.567, 'en')).toBe('¥1,234.57');
    expect(formatMoney(null, 'en')).toBe('—');
  });
});
