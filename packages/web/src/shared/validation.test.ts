import { describe, expect, it } from 'vitest';
import { idNumberProblem, isCreditCode, isPhone, passwordProblem } from './validation.js';

describe('the server rules, repeated in the browser', () => {
  it.each([
    ['13812345678', true],
    ['138 1234 5678', true],
    ['0471-1234567', true],
    ['12351', true],
    ['1381234567', false],
    ['abc', false],
  ])('phone %s → %s', (p, ok) => expect(isPhone(p)).toBe(ok));

  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['110105194912310021', '身份证号校验位不正确'],
    ['110105194902310028', '身份证号中的出生日期无效'],
    ['1101051949123100', '身份证号应为 18 位（末位可为 X）'],
  ])('ID number %s → %s', (n, problem) => expect(idNumberProblem(n)).toBe(problem));

  it.each([
    ['91350100M000100Y43', true],
    ['91350100M000100Y44', false],
    ['123', false],
  ])('credit code %s → %s', (c, ok) => expect(isCreditCode(c)).toBe(ok));

  it.each([
    ['Demo12351', null],
    ['short1', '密码至少 8 位'],
    ['12345678', '密码须包含字母'],
    ['abcdefgh', '密码须包含数字'],
  ])('password %s → %s', (p, problem) => expect(passwordProblem(p)).toBe(problem));
});
