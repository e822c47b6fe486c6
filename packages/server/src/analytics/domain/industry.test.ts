import { describe, expect, it } from 'vitest';
import { industries } from '../../demo/names.js';
import { industryOfEmployer, industryRules } from './industry.js';

describe('the industry of an employer, from its name', () => {
  it.each([
    ['呼和浩特市恒泰建筑劳务有限公司', 'E'],
    ['包头市某某装饰工程有限公司', 'E'],
    ['鄂尔多斯市某某煤业有限公司', 'B'],
    ['某某电子科技有限公司', 'C'],
    ['某某网络科技有限公司', 'I'],
    ['某某新能源科技有限公司', 'D'],
    ['某某同城配送服务有限公司', 'G'],
    ['某某餐饮管理有限公司', 'H'],
    ['某某连锁超市有限公司', 'F'],
    ['某某物业服务有限公司', 'K'],
    ['某某保安服务有限公司', 'L'],
    ['某某家政服务有限公司', 'O'],
    ['某某农牧业科技有限公司', 'A'],
    ['某某有限公司', 'unknown'],
  ])('%s is %s', (name, code) => {
    expect(industryOfEmployer(name).code).toBe(code);
  });

  it('knows no employer as 未识别', () => {
    expect(industryOfEmployer(null)).toEqual({ code: 'unknown', name: '未识别' });
    expect(industryOfEmployer('')).toEqual({ code: 'unknown', name: '未识别' });
  });

  it('classifies every industry the demo names its employers by', () => {
    for (const i of Object.values(industries)) expect(industryOfEmployer(`某市某某${i.name}`).code).not.toBe('unknown');
  });

  it('has each code once', () => {
    expect(new Set(industryRules.map((r) => r.code)).size).toBe(industryRules.length);
  });
});
