import { describe, expect, it } from 'vitest';
import { passwordExpired, passwordProblems } from './password-policy.js';

const codes = (p: string, username?: string) => passwordProblems(p, { username }).map((x) => x.code);

describe('password policy (issue 10, item 10)', () => {
  it.each([
    ['password1', ['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['Demo12351', ['PASSWORD_TOO_SHORT', 'PASSWORD_COMMON']],
    ['Password1!', ['PASSWORD_COMMON']],
    ['@@Admin2026', ['PASSWORD_COMMON']],
    ['qwertyuiop', ['PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['aaaaaaaaaaaa', ['PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['abcdefghijk', ['PASSWORD_TOO_SIMPLE']],
    ['abcdefghij1', ['PASSWORD_TOO_SIMPLE']],
    ['Abcdefghij1', []],
    ['Start2026x', []],
    ['长城-Great-2026', []],
  ])('%s → %j', (p, expected) => {
    expect(codes(p)).toEqual(expected);
  });

  it('refuses the user name, in any case and reversed, but not a short one', () => {
    expect(codes('Mediator-2026', 'mediator')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('mediator1!X9', 'MEDIATOR')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('Rotaidem-2026', 'mediator')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('Ab1-xyz-2026', 'ab')).toEqual([]);
  });

  it('expires passwords after the configured days, never with 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00Z'), 90)).toBe(false);
    expect(passwordExpired(changed, new Date('2026-04-02T00:00:00Z'), 90)).toBe(true);
    expect(passwordExpired(changed, new Date('2036-01-01T00:00:00Z'), 0)).toBe(false);
  });
});
