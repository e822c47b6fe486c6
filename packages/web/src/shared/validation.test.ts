import { describe, expect, it } from 'vitest';
import { translate, type T } from '../i18n/i18n.js';
import { idNumberProblem, isCreditCode, isMobile, isPhone, normalisePhone, passwordHint, passwordProblem, rules } from './validation.js';

describe('the server rules, repeated in the browser', () => {
  it.each([
    ['13812345678', true],
    ['138 1234 5678', true],
    ['0471-1234567', true],
    ['12351', true],
    ['1381234567', false],
    ['abc', false],
    ['010-12345678', true],
    ['(0471) 123 4567', true],
    ['+86 138 1234 0002', true],
    ['12345678', true],
    ['010-1234', false],
    ['0101234', false],
    // The area code decides the length: 010 and 02X take 8 digits, the others 7 or 8.
    ['0471-123456', false],
    ['0471-12345678', true],
    ['010-1234567', false],
    ['021-1234567', false],
    ['021-12345678', true],
    ['+86 471 123456', false],
    ['011-12345678', false],
  ])('phone %s → %s', (p, ok) => expect(isPhone(p)).toBe(ok));

  it.each([
    ['138 1234 0002', '13812340002'],
    ['+86 138-1234-0002', '13812340002'],
    ['+86 10 1234 5678', '01012345678'],
    ['（0471）1234567', '04711234567'],
  ])('normalises %s as the server stores it: %s', (p, stored) => expect(normalisePhone(p)).toBe(stored));

  it.each([
    ['138 1234 0002', true],
    ['+86 138 1234 0002', true],
    ['0471-1234567', false],
  ])('mobile %s → %s', (p, ok) => expect(isMobile(p)).toBe(ok));

  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['110105194912310021', '身份证号校验位不正确'],
    ['110105194902310028', '身份证号中的出生日期无效'],
    ['1101051949123100', '身份证号应为 18 位（末位可为 X）'],
  ])('ID number %s → %s', (n, problem) => expect(idNumberProblem(n)).toBe(problem));

  // The walk-through's number (born 2030-01-01, a valid check digit), and the day itself: born today is accepted.
  it.each([
    ['150102203001010018', '2026-12-06', '身份证号中的出生日期不能晚于今天'],
    ['15010220261206001X', '2026-12-06', null],
    ['15010220261206001X', '2026-12-05', '身份证号中的出生日期不能晚于今天'],
  ])('ID number %s on %s → %s', (n, today, problem) => expect(idNumberProblem(n, today)).toBe(problem));

  it.each([
    ['91350100M000100Y43', true],
    ['91350100M000100Y44', false],
    ['123', false],
  ])('credit code %s → %s', (c, ok) => expect(isCreditCode(c)).toBe(ok));

  // The server's rule (auth/domain/password-policy.ts); its password-policy.test.ts compares the two on a table of cases.
  it.each([
    ['Kite9river', undefined, null],
    ['kite9river', undefined, '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['Demo12351', undefined, '密码至少 10 位'],
    ['Demo12351-Xy', undefined, null],
    ['short1', undefined, '密码至少 10 位'],
    ['Password1!', undefined, '密码过于常见，容易被猜中，请换一个'],
    ['Agent-2026x', 'agent', '密码不能包含用户名'],
    ['Agent-2026x', undefined, null],
    [`Ab1-${'x'.repeat(125)}`, undefined, '密码不能超过 128 位'],
  ])('password %s (for %s) → %s', (p, username, problem) => expect(passwordProblem(p, username)).toBe(problem));
});

describe('in English', () => {
  const t: T = (text, vars) => translate('en', text, vars);
  const chinese = /[\u4e00-\u9fff]/;

  it.each([
    ...['1101051949123100', '110105194902310028', '110105194912310021'].map((n) => [n, idNumberProblem(n)] as const),
    ['150102203001010018', idNumberProblem('150102203001010018', '2026-12-06')] as const,
    ...['short1', 'abcdefghijk', 'Password1!', `${'a'.repeat(128)}1`].map((p) => [p, passwordProblem(p)] as const),
    ['agent-Kite9', passwordProblem('agent-Kite9', 'agent')] as const,
    ['the hint', passwordHint] as const,
  ])('the problem with %s', (_input, problem) => {
    expect(problem).toMatch(chinese);
    expect(t(problem!)).not.toMatch(chinese);
  });

  it.each(['来电人姓名', '当场答复内容', '用人单位名称', '负责人姓名', '负责人职务'])('a rule names %s in English', (label) => {
    const messages = [rules.required(t, label), rules.requiredChoice(t, label), rules.max(t, label, 40)].map((r) =>
      String((r as { message: unknown }).message),
    );
    for (const m of messages) expect(m).not.toMatch(chinese);
    expect(messages[0]).toBe(`Please fill in ${t(label)}`);
  });
});
