import { describe, expect, it } from 'vitest';
import { parseNumber, readAmountYuan, readWorkers } from './numbers.js';

describe('parseNumber', () => {
  it.each([
    ['26', 26],
    ['2.6万', 26_000],
    ['四十九万', 490_000],
    ['一万二', 12_000],
    ['三千五', 3_500],
    ['一万二千八', 12_800],
    ['二十多', 20],
    ['十几', 10],
    ['十', 10],
    ['十五', 15],
    ['一百二十', 120],
    ['两百五', 250],
    ['百余', 100],
    ['七八万', 70_000],
    ['二三十', 20],
    ['20多万', 200_000],
    ['三百来万', 3_000_000],
    ['一万零五', 10_005],
    ['俩', 2],
    ['１２', 12],
  ])('%s → %d', (raw, value) => expect(parseNumber(raw)).toBe(value));

  it.each(['几十', '好几', '多', '来', '', 'abc'])('%s is no number', (raw) => expect(parseNumber(raw)).toBeNull());
});

describe('readWorkers', () => {
  const w = (t: string, suggestion = false) => readWorkers(t, { suggestion }).value;
  it.each([
    ['我们二十多个人在工地干活', 20],
    ['我们班组十几个人的工资没结', 10],
    ['其与14名工友在东胜区务工，拖欠15人工资', 15],
    ['我和两个老乡三个人在昆山干活', 3],
    ['涉及农民工100余人', 100],
    ['四十多名倒班工人反映', 40],
    ['秦都区一个工地的工人四十来个', 40],
    ['我们二十多个装卸工在铁皮棚子底下干', 20],
    ['龙岗区这边一百多个快递小哥', 100],
    ['干了三个月工资一分没有', 1],
    ['一个班组12个，活干完了不给钱', 12],
    ['百余名骑手的配送费', 100],
  ])('%s → %d', (t, n) => expect(w(t)).toBe(n));

  it('is 1 for the caller’s own case, also spoken for a family member', () => {
    expect(w('老板欠我一万二的工资不给')).toBe(1);
    expect(w('我老公在工地上做泥工，欠了他2.6万')).toBe(1);
    expect(w('公司让我们签一份补充协议')).toBe(1);
  });
  it('is unknown for a group of unknown size, a suggestion, a general question', () => {
    expect(w('大家都没拿到钱，工头跑了')).toBeNull();
    expect(w('我们几个都没拿到钱')).toBeNull();
    expect(w('建议加大对欠薪的处罚', true)).toBeNull();
    expect(w('12345转办：市民咨询职业技能提升补贴的申领条件')).toBeNull();
  });
  it('does not count months, hours or children', () => {
    expect(w('我干了三个月，每天十二个小时，家里两个孩子')).toBe(1);
  });
});

describe('readAmountYuan', () => {
  const a = (t: string) => readAmountYuan(t).value;
  it.each([
    ['包工头欠了我们2.6万', 26_000],
    ['拖欠45名农民工工资四十九万元', 490_000],
    ['欠我一万二的工资不给', 12_000],
    ['最后两个月工资8600元一直拖着', 8_600],
    ['三万块的工资拖着，还有押金两千块也不退', 32_000],
    ['三万块的工资拖着，还有押金两千块也不退，一共三万二', 32_000],
    ['七十多个工人的工资加起来七十万左右', 700_000],
    ['欠薪约560万元，涉及100余人', 5_600_000],
    ['扣着我最后一个月7000元工资不发', 7_000],
  ])('%s → %d', (t, v) => expect(a(t)).toBe(v));

  it.each([
    '我一个月工资三千块，家里困难',
    '每个月吃药要一千多，退休金才两千',
    '医药费已经花了十几万',
    '超时一单扣五十，单价从六块降到四块五',
    '欠了好几万',
    '我们二十多个人干了三个月',
    '2023年3月入职，电话13800138000',
  ])('%s → no amount in dispute', (t) => expect(a(t)).toBeNull());
});
