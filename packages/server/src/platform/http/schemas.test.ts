import { describe, expect, it } from 'vitest';
import { phoneNumber } from './schemas.js';

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
