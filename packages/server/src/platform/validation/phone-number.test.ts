import { describe, expect, it } from 'vitest';
import { mobilePhoneNumber, normalisePhone, wholePhoneNumber } from './phone-number.js';

/** Whether a number as typed is one the hotline records (the request schemas' test: normalised, then the rule). */
const isPhone = (raw: string) => wholePhoneNumber.test(normalisePhone(raw));

/**
 * The numbering plan, case by case: a mobile is 1[3-9] and nine digits; a landline's area code decides its local
 * number's length (010 and 02X: 8 digits; 0 and three digits: 7 or 8); a local number alone is 7 or 8 digits.
 */
const cases: [raw: string, stored: string | null][] = [
  // Mobiles: 1[3-9] then nine digits, with separators and the country code.
  ['13812340002', '13812340002'],
  ['19912340002', '19912340002'],
  ['138 1234 0002', '13812340002'],
  ['138-1234-0002', '13812340002'],
  ['+86 138 1234 0002', '13812340002'],
  ['+8613812340002', '13812340002'],
  ['0086 138 1234 0002', '13812340002'],
  ['12812340002', null], // 12X is no mobile block
  ['10812340002', null],
  ['1381234000', null], // ten digits
  ['138123400021', null], // twelve
  // Beijing 010 and the 02X codes: 8 digits, neither 7 nor 9.
  ['010-12345678', '01012345678'],
  ['(010) 1234 5678', '01012345678'],
  ['+86 10 1234 5678', '01012345678'],
  ['0086 10 12345678', '01012345678'],
  ['010-1234567', null],
  ['010-123456789', null],
  ['010-1234', null],
  ['0101234', null],
  ['020-12345678', '02012345678'],
  ['021-12345678', '02112345678'],
  ['029 8888 6666', '02988886666'],
  ['+86 21 1234 5678', '02112345678'],
  ['021-1234567', null],
  ['029-123456789', null],
  // Other area codes, 0 and three digits (03XX to 09XX): 7 or 8 digits.
  ['0471-1234567', '04711234567'],
  ['0471-12345678', '047112345678'],
  ['（0471）1234567', '04711234567'],
  ['0471 123 4567', '04711234567'],
  ['04711234567', '04711234567'],
  ['+86 471 1234567', '04711234567'],
  ['+86 0471 1234567', '04711234567'],
  ['0311-87654321', '031187654321'],
  ['0991-7654321', '09917654321'],
  ['0471-123456', null], // the fault: six digits after a three-digit code
  ['0471-12345', null],
  ['0471-123456789', null],
  ['+86 471 123456', null],
  // A code that is none: 01X other than 010, a bare 0.
  ['011-12345678', null],
  ['019-1234567', null],
  ['0-1234567', null],
  ['01234567', null],
  // The hotlines, and a local number without area code (7 or 8 digits, never a leading 0).
  ['12351', '12351'],
  ['12345', '12345'],
  ['12345678', '12345678'],
  ['2345678', '2345678'],
  ['87654321', '87654321'],
  ['123456', null],
  ['123456789', null],
  ['0123456', null],
  // No extensions, no letters, no other country.
  ['0471-1234567-801', null],
  ['0471-1234567转801', null],
  ['+1 415 555 0100', null],
  ['abc', null],
  ['', null],
];

describe('phone numbers', () => {
  it.each(cases)('%s → %s', (raw, stored) => {
    expect(isPhone(raw)).toBe(stored !== null);
    if (stored !== null) expect(normalisePhone(raw)).toBe(stored);
  });

  it('takes only mobiles as mobiles', () => {
    expect(cases.filter(([raw, stored]) => stored !== null && mobilePhoneNumber.test(normalisePhone(raw))).map(([, s]) => s)).toEqual(
      cases.filter(([, s]) => s?.startsWith('1') && s.length === 11).map(([, s]) => s),
    );
  });

  it('every 010/02X and 03X–09X landline of every length: only the plan’s lengths pass', () => {
    for (const code of ['010', '020', '021', '025', '029', '0311', '0471', '0551', '0991'])
      for (let n = 1; n <= 10; n++) {
        const local = '87654321'.padEnd(n, '9').slice(0, n);
        const want = code.length === 3 ? n === 8 : n === 7 || n === 8;
        expect([code, n, isPhone(`${code}-${local}`)]).toEqual([code, n, want]);
      }
  });

  it("agrees with the web's copy of the rule (packages/web/src/shared/validation.ts), case by case", async () => {
    const webFile = new URL('../../../../web/src/shared/validation.ts', import.meta.url).href;
    const web = (await import(webFile)) as { isPhone: (s: string) => boolean; isMobile: (s: string) => boolean; normalisePhone: (s: string) => string };
    for (const [raw] of cases) {
      expect([raw, web.isPhone(raw)]).toEqual([raw, isPhone(raw)]);
      expect([raw, web.normalisePhone(raw)]).toEqual([raw, normalisePhone(raw)]);
      expect([raw, web.isMobile(raw)]).toEqual([raw, mobilePhoneNumber.test(normalisePhone(raw))]);
    }
  });
});
