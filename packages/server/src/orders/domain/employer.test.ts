import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmployerName } from './employer.js';

describe('normaliseEmployerName', () => {
  it.each([
    ['某某建筑劳务有限公司'],
    ['某某建筑劳务'],
    ['（内蒙古）某某建筑劳务有限责任公司'],
    ['(内蒙古)某某建筑劳务有限公司'],
    ['（内蒙古)某某建筑劳务有限公司'],
    ['某某（呼和浩特）建筑劳务有限公司'],
    ['某某建筑劳务股份有限公司'],
    ['某某建筑劳务集团有限公司'],
    ['某某建筑劳务分公司'],
    ['某某 建筑 劳务 有限公司'],
    ['　某某建筑劳务　有限公司　'],
    ['某某建筑劳务\t有限公司\n'],
  ])('%s is the same employer as 某某建筑劳务', (name) => {
    expect(normaliseEmployerName(name)).toBe('某某建筑劳务');
  });

  it.each([
    ['ＡＢＣ物业服务有限公司', 'ABC物业服务有限公司'],
    ['ABC物业服务有限公司', 'abc物业服务'],
    ['Abc 物业服务（包头）有限公司', 'abc物业服务有限公司'],
    ['１２３快递服务部', '123快递服务部'],
  ])('full-width and half-width, upper and lower case agree: %s ≈ %s', (a, b) => {
    expect(normaliseEmployerName(a)).toBe(normaliseEmployerName(b));
  });

  it.each([
    ['某某建筑劳务有限公司', '某某物业服务有限公司'],
    ['某某建筑劳务有限公司', '某某建筑工程有限公司'],
    ['恒泰建筑劳务有限公司', '恒达建筑劳务有限公司'],
    ['某某建筑劳务有限公司', '某某建筑'],
    ['北疆乳业有限公司', '北疆乳业集团养殖厂'],
  ])('different employers stay different: %s ≠ %s', (a, b) => {
    expect(normaliseEmployerName(a)).not.toBe(normaliseEmployerName(b));
  });

  it.each([
    ['某某建材厂', '某某建材'],
    ['某某律师工作室', '某某律师'],
    ['某某五金经营部', '某某五金'],
    ['张三个体工商户', '张三'],
    ['某某咨询合伙企业', '某某咨询'],
    ['某某集团公司', '某某'],
  ])('drops the legal form of %s', (name, key) => {
    expect(normaliseEmployerName(name)).toBe(key);
  });

  it.each([
    // At least two characters stay: an empty key would match every other such name.
    ['公司', '公司'],
    ['A厂', 'a厂'],
  ])('keeps at least two characters of a name: %s → %s', (name, key) => {
    expect(normaliseEmployerName(name)).toBe(key);
  });

  it.each([[''], [null], [undefined], ['   '], ['（内蒙古）']])('%j → empty', (name) => {
    expect(normaliseEmployerName(name)).toBe('');
  });

  it('is idempotent on names as callers give them', () => {
    const piece = fc.constantFrom(
      '某某',
      '建筑',
      '劳务',
      '内蒙古',
      '呼和浩特',
      'ABC',
      'ａｂｃ',
      '１２',
      ' ',
      '　',
      '（',
      '）',
      '(',
      ')',
      '有限公司',
      '有限责任公司',
      '股份有限公司',
      '分公司',
      '集团',
      '公司',
      '厂',
      '工作室',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const once = normaliseEmployerName(parts.join(''));
        expect(normaliseEmployerName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), (a, b) => {
        for (const s of [a, b]) {
          const once = normaliseEmployerName(s);
          expect(normaliseEmployerName(once)).toBe(once);
        }
      }),
      { numRuns: 800 },
    );
    // NFKC turns the Greek tonos into a space and a combining accent; once the space is dropped the accent composes.
    expect(normaliseEmployerName('Ｙ΄')).toBe('ý');
  });
});
