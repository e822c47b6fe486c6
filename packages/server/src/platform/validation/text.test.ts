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
    expect(trimText('王\u200e师傅')).toBe('王\u200e师傅');
  });

  it.each([
    ['\u200b某某物业', 'a zero-width space before'],
    ['某某物业\ufeff', 'a byte-order mark after'],
    ['\u2060\u3000某某物业\u200d\u200b ', 'a mixture on both sides'],
    ['\u00ad某某物业\u200e', 'a soft hyphen and a direction mark'],
    ['\ufe0f某某物业', 'a variation selector with nothing before it'],
  ])('strips invisible characters at the edges of real text: %j (%s)', (s) => {
    expect(trimText(s)).toBe('某某物业');
  });

  it('keeps what belongs to the last visible character: a variation selector, a flag’s tags', () => {
    expect(trimText('谢谢❤\ufe0f')).toBe('谢谢❤\ufe0f');
    expect(trimText('谢谢❤\ufe0f\u200b')).toBe('谢谢❤\ufe0f');
    const scotland = '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    expect(trimText(` ${scotland}\u200b`)).toBe(scotland);
  });

  it.each([
    ['\u0600', 'the Arabic number sign'],
    ['\u0601\u0602\u0603\u0604\u0605', 'the other Arabic signs spanning numbers'],
    ['\u06dd', 'the end of ayah'],
    ['\u070f', 'the Syriac abbreviation mark'],
    ['\u{110bd}', 'the Kaithi number sign'],
  ])('keeps a format character that is drawn: %j (%s)', (s) => {
    expect(trimText(s)).toBe(s);
    expect(trimText(`\u200b${s}١٢\u200b`)).toBe(`${s}١٢`);
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
