import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, idNumberMessages, requireBornByToday } from './id-number.js';

const bornOn = (yyyymmdd: string) => `150102${yyyymmdd}001${idNumberCheckChar(`150102${yyyymmdd}001`)}`;

describe('checkIdNumber', () => {
  it.each([
    ['11010519491231002X', '2026-12-06', null],
    ['1101051949123100', '2026-12-06', 'format'],
    ['110105194902310028', '2026-12-06', 'birthdate'],
    ['110105194912310021', '2026-12-06', 'checksum'],
    // The walk-through's number: a real date, a valid check digit, born in 2030.
    ['150102203001010018', '2026-12-06', 'future'],
    [bornOn('20261206'), '2026-12-06', null],
    [bornOn('20261207'), '2026-12-06', 'future'],
    [bornOn('20261207'), '2026-12-07', null],
  ])('%s on %s → %s', (n, today, problem) => expect(checkIdNumber(n, today)).toBe(problem));

  it('without a day (a request schema has no clock) checks the number alone', () => {
    expect(checkIdNumber('150102203001010018')).toBeNull();
  });
});

describe('requireBornByToday', () => {
  it('refuses the numbers born after today, each on its field, and passes the rest and the absent', () => {
    expect(() =>
      requireBornByToday(
        [
          { field: 'body.idNumber', idNumber: bornOn('20261206') },
          { field: 'body.x', idNumber: undefined },
        ],
        '2026-12-06',
      ),
    ).not.toThrow();
    try {
      requireBornByToday(
        [
          { field: 'body.callers.0.idNumber', idNumber: bornOn('19800101') },
          { field: 'body.callers.1.idNumber', idNumber: '150102203001010018' },
        ],
        '2026-12-06',
      );
      expect.fail('refused');
    } catch (e) {
      expect(e).toMatchObject({
        kind: 'invalid',
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'body.callers.1.idNumber', message: '身份证号中的出生日期不能晚于今天' }] },
      });
    }
  });
});

describe("the web's copy of the rule (packages/web/src/shared/validation.ts)", () => {
  it('says what the server says, case by case, on the same day', async () => {
    const web = (await import(new URL('../../../../web/src/shared/validation.ts', import.meta.url).href)) as {
      idNumberProblem: (raw: string, today?: string) => string | null;
    };
    const cases = [
      '11010519491231002X',
      '1101051949123100',
      '110105194902310028',
      '110105194912310021',
      '150102203001010018',
      bornOn('20261206'),
      bornOn('20261207'),
    ];
    for (const n of cases) {
      const problem = checkIdNumber(n, '2026-12-06');
      expect([n, web.idNumberProblem(n, '2026-12-06')]).toEqual([n, problem && idNumberMessages[problem]]);
    }
  });
});
