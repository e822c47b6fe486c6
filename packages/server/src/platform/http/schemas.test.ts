import { describe, expect, it } from 'vitest';
import { maxInt4, phoneNumber, plausibleDate, plausibleInstant, trimmedText, versionField, versionFromZero, yuan } from './schemas.js';

/** The phone schema every route uses (callers, people, units, the worker's page): what it accepts and stores. */
describe('phoneNumber', () => {
  it.each([
    ['13812340002', '13812340002'],
    ['138 1234 0002', '13812340002'],
    ['138-1234-0002', '13812340002'],
    ['+86 138 1234 0002', '13812340002'],
    ['+8613812340002', '13812340002'],
    ['0086 138 1234 0002', '13812340002'],
    ['010-12345678', '01012345678'],
    ['(010) 1234 5678', '01012345678'],
    ['（0471）1234567', '04711234567'],
    ['0471-1234567', '04711234567'],
    ['04711234567', '04711234567'],
    ['0471 123 4567', '04711234567'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86 471 1234567', '04711234567'],
    ['12345678', '12345678'],
    ['2345678', '2345678'],
    ['12351', '12351'],
  ])('accepts %s as %s', (input, stored) => {
    expect(phoneNumber.parse(input)).toBe(stored);
  });

  it.each([
    // A leading 0 is the trunk prefix: area code and local number, or nothing (it was stored as "0101234").
    ['010-1234'],
    ['0101234'],
    ['01234567'],
    ['0471-12345'],
    // The area code decides the length (010 and 02X: 8 digits; 0471 …: 7 or 8).
    ['0471-123456'],
    ['010-1234567'],
    ['12345678901'],
    ['1381234000'],
    ['+1 415 555 0100'],
    ['123456'],
    ['abc'],
    [''],
  ])('refuses %s with the Chinese message', (input) => {
    const r = phoneNumber.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('电话号码格式不正确');
  });
});

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

/** A required text: whitespace and characters that show nothing are no text (JavaScript's trim() kept U+200B). */
describe('trimmedText', () => {
  const name = trimmedText({ error: '请填写姓名' }).min(1, { error: '请填写姓名' }).max(4, { error: '太长' });
  it.each(['\u200b', ' \u2060\ufeff\u3000 ', '   '])('refuses %j as empty', (s) => {
    expect(messages(name.safeParse(s))).toEqual(['请填写姓名']);
  });
  it('trims what it keeps, and an optional text of nothing visible is stored empty', () => {
    expect(name.parse('\u3000王师傅 ')).toBe('王师傅');
    expect(trimmedText().max(10).optional().parse('\u200b')).toBe('');
  });
});

describe('versionField', () => {
  it('stops at the largest int4, the version columns’ type', () => {
    expect(versionField.parse(maxInt4)).toBe(maxInt4);
    expect(messages(versionField.safeParse(maxInt4 + 1))).toEqual(['版本号不正确']);
    expect(versionField.safeParse(0).success).toBe(false);
    expect(versionFromZero.parse(0)).toBe(0);
    expect(messages(versionFromZero.safeParse(2 ** 53 - 1))).toEqual(['版本号不正确']);
  });
});

describe('plausibleInstant and plausibleDate', () => {
  it.each(['2000-01-01T00:00:00+08:00', '2026-11-30T09:00:00Z', '2099-12-31T23:59:59+08:00'])('accept %s', (s) => {
    expect(plausibleInstant.parse(s)).toBe(s);
  });
  it.each(['1999-12-31T23:59:59+08:00', '1900-01-01T00:00:00Z', '2099-12-31T16:00:00Z', '9999-12-31T23:59:59Z'])('refuse %s', (s) => {
    expect(messages(plausibleInstant.safeParse(s))).toEqual(['时间应在 2000 年至 2099 年之间']);
  });
  it('a text that is no time is told so once, not also that it is out of range', () => {
    expect(messages(plausibleInstant.safeParse('tomorrow'))).toEqual(['时间格式应为 ISO 8601，例如 2026-11-25T09:00:00+08:00']);
    expect(messages(plausibleDate.safeParse('tomorrow'))).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
  it('dates the same years', () => {
    expect(plausibleDate.parse('2099-12-31')).toBe('2099-12-31');
    expect(messages(plausibleDate.safeParse('9999-12-31'))).toEqual(['日期应在 2000 年至 2099 年之间']);
    expect(messages(plausibleDate.safeParse('1999-12-31'))).toEqual(['日期应在 2000 年至 2099 年之间']);
  });
});

describe('yuan', () => {
  const amount = yuan('金额').max(1e11);
  it.each([0, 0.01, 0.29, 12.5, 1234.56, 99_999_999_999.99])('accepts %d (to the fen)', (v) => {
    expect(amount.parse(v)).toBe(v);
  });
  it.each([0.001, 1e-9, 12.345, 0.015])('refuses %d (the database would round it)', (v) => {
    expect(messages(amount.safeParse(v))).toEqual(['金额最多两位小数（精确到分）']);
  });
});
