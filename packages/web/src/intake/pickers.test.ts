import { describe, expect, it } from 'vitest';
import { divisionPathFor, subjectMatches } from './pickers.js';

const divisions = [
  {
    value: '150100',
    label: '呼和浩特市',
    children: [
      { value: '150102', label: '新城区' },
      { value: '150103', label: '回民区' },
      { value: '150171', label: '呼和浩特金桥开发区（开发区）' },
    ],
  },
  {
    value: '150200',
    label: '包头市',
    children: [
      { value: '150202', label: '东河区' },
      { value: '150207', label: '新城区' },
    ],
  },
];

describe('a typed place name and Enter', () => {
  it.each([
    ['新城区', ['150100', '150102']],
    [' 回民区 ', ['150100', '150103']],
    ['东河', ['150200', '150202']],
    ['包头市', ['150200']],
    ['金桥开发区', ['150100', '150171']],
    ['城区', null],
    ['', null],
    ['上海', null],
  ])('%s → %j', (text, path) => expect(divisionPathFor(text, divisions)).toEqual(path));
});

describe('subject search', () => {
  const group = { label: '其他', options: [{ label: '欠薪讨薪' }] };
  it('never matches a group header, only subjects by their own name', () => {
    expect(subjectMatches('其他', group)).toBe(false);
    expect(subjectMatches('其他', { label: '其他劳动争议' })).toBe(true);
    expect(subjectMatches('欠薪', { label: '欠薪讨薪' })).toBe(true);
    expect(subjectMatches('wage', { label: 'Wage arrears' })).toBe(true);
    expect(subjectMatches('社保', { label: '欠薪讨薪' })).toBe(false);
  });
});
