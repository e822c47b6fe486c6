import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate, trimText } from './text.js';

/** What counts as no text (platform/http/schemas.ts trimmedText), and which strings PostgreSQL cannot hold. */
describe('trimText', () => {
  it.each([
    ['\u200b', 'a zero-width space'],
    ['\u200c\u200d', 'joiners'],
    ['\u2060', 'a word joiner'],
    ['\ufeff', 'a byte-order mark'],
    ['\u200e\u200f', 'direction marks'],
    ['\u3000 \t\n', 'spaces, the ideographic one too'],
    ['\u3164', 'a Hangul filler'],
    ['\u00ad', 'a soft hyphen'],
    [' \u200b\u3000\ufeff ', 'a mixture'],
    ['', 'nothing'],
  ])('empties %j (%s)', (s) => {
    expect(trimText(s)).toBe('');
  });

  it('trims spaces as trim() does and keeps an invisible character inside real text', () => {
    expect(trimText('  王师傅 ')).toBe('王师傅');
    expect(trimText('\u3000欠薪\u3000')).toBe('欠薪');
    expect(trimText('👨\u200d👩\u200d👧')).toBe('👨\u200d👩\u200d👧');
    expect(trimText('\u200b王')).toBe('\u200b王');
  });
});

describe('hasLoneSurrogate', () => {
  it('finds half a pair, high or low, anywhere', () => {
    expect(hasLoneSurrogate('ab\ud800cd')).toBe(true);
    expect(hasLoneSurrogate('\udc00')).toBe(true);
    expect(hasLoneSurrogate('x\udc00\ud800')).toBe(true);
  });
  it('passes whole pairs (emoji, rare characters) and plain text', () => {
    expect(hasLoneSurrogate('😀 𠮷野家')).toBe(false);
    expect(hasLoneSurrogate('拖欠工资')).toBe(false);
  });
});
