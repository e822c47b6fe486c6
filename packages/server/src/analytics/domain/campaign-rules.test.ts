import { describe, expect, it } from 'vitest';
import { checkCampaignRules, regionPrefixOf, regionsOutside, regionSpellings, type KnownCodes } from './campaign-rules.js';

const none = { subjectCodes: [], typeCodes: [], riskFlags: [], divisionPrefixes: [], keywords: [] };
const spellings = regionSpellings([{ code: '150000' }, { code: '150100' }, { code: '150102' }, { code: '150171' }]);
const known: KnownCodes = {
  subjects: new Set(['wage_arrears', 'social_insurance']),
  types: new Set(['complaint']),
  riskFlags: new Set(['mass']),
  region: (c) => spellings.get(c) ?? null,
};

describe('a campaign region', () => {
  it('is stored as the prefix its orders’ division codes start with', () => {
    expect(regionPrefixOf('150000')).toBe('15');
    expect(regionPrefixOf('150100')).toBe('1501');
    expect(regionPrefixOf('150102')).toBe('150102');
    expect(regionPrefixOf('150102001')).toBe('150102001');
  });

  it('may be named by a division’s code or its prefix; anything else is no place of the province', () => {
    expect(spellings.get('150100')).toBe('1501');
    expect(spellings.get('1501')).toBe('1501');
    expect(spellings.get('150171')).toBe('150171');
    expect(spellings.get('1502')).toBeUndefined();
    expect(spellings.get('15010')).toBeUndefined();
  });
});

describe('checkCampaignRules', () => {
  it('refuses a subject the catalog does not have, on the subjects’ field, naming it', () => {
    const r = checkCampaignRules({ ...none, subjectCodes: ['wage_arrears', 'no_such_code'] }, known);
    expect(r.problems).toEqual([{ field: 'body.rules.subjectCodes', message: '诉求事项不存在：no_such_code' }]);
  });

  it('refuses a region that is no division of the province, and unknown types and flags', () => {
    const r = checkCampaignRules({ ...none, divisionPrefixes: ['1599', '1501'], typeCodes: ['nope'], riskFlags: ['x', 'x'] }, known);
    expect(r.problems).toEqual([
      { field: 'body.rules.typeCodes', message: '诉求类型不存在：nope' },
      { field: 'body.rules.riskFlags', message: '风险标识不存在：x' },
      { field: 'body.rules.divisionPrefixes', message: '本省行政区划不存在：1599' },
    ]);
  });

  it('stores known rules with regions as prefixes, each entry once', () => {
    const r = checkCampaignRules(
      { ...none, subjectCodes: ['wage_arrears', 'wage_arrears'], divisionPrefixes: ['150100', '1501', '150102'], keywords: ['欠薪'] },
      known,
    );
    expect(r.problems).toEqual([]);
    expect(r.rules).toEqual({ ...none, subjectCodes: ['wage_arrears'], divisionPrefixes: ['1501', '150102'], keywords: ['欠薪'] });
  });
});

describe('a campaign’s regions and its unit’s area', () => {
  const prefixOf = (c: string) => known.region(c)!;

  it('are the unit’s own place or places inside it, however spelt', () => {
    expect(regionsOutside(['150100', '1501', '150102'], prefixOf, '150100')).toEqual([]);
    expect(regionsOutside(['150000', '150100', '150171'], prefixOf, '150000')).toEqual([]);
  });

  it('names, as sent and each once, a place beside the unit’s or wider than it', () => {
    expect(regionsOutside(['150102', '150100', '15', '150000', '15'], prefixOf, '150102')).toEqual(['150100', '15', '150000']);
  });

  it('leaves no region to a unit without an area', () => {
    expect(regionsOutside(['150102'], prefixOf, null)).toEqual(['150102']);
    expect(regionsOutside([], prefixOf, null)).toEqual([]);
  });
});
