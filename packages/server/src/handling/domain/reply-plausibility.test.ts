import { describe, expect, it } from 'vitest';
import { amountRecoveredProblem, doubtsAbout, doubtsToExplain, unconfirmedDoubts, workersHelpedProblem } from './reply-plausibility.js';

const order = { amountInvolved: 230_000, workersInvolved: 4 };
const measures = '约谈企业负责人，督促其在十日内结清全部欠薪';

describe('doubtsAbout', () => {
  it('the case of issue 8: ¥999,999,999 for 4 workers owed ¥230,000, "x" as the measures', () => {
    expect(doubtsAbout({ measures: 'x', amountRecovered: 999_999_999, workersHelped: 4 }, order)).toEqual(['amount_above_involved', 'measures_too_short']);
  });

  it('a sensible reply raises nothing, including compensation up to half again the amount involved', () => {
    expect(doubtsAbout({ measures, amountRecovered: 230_000, workersHelped: 4 }, order)).toEqual([]);
    expect(doubtsAbout({ measures, amountRecovered: 345_000, workersHelped: 4 }, order)).toEqual([]);
    expect(doubtsAbout({ measures, amountRecovered: 345_001, workersHelped: 4 }, order)).toEqual(['amount_above_involved']);
  });

  it('more workers helped than involved', () => {
    expect(doubtsAbout({ measures, amountRecovered: 0, workersHelped: 5 }, order)).toEqual(['workers_above_involved']);
  });

  it('unknown figures on the order are not compared', () => {
    expect(doubtsAbout({ measures, amountRecovered: 1e9, workersHelped: 500 }, { amountInvolved: null, workersInvolved: 0 })).toEqual([]);
  });

  it('a status instead of measures, and measures too short once punctuation is dropped', () => {
    expect(doubtsAbout({ measures: '已处理。', amountRecovered: 0, workersHelped: 0 }, order)).toEqual(['measures_boilerplate']);
    expect(doubtsAbout({ measures: 'OK', amountRecovered: 0, workersHelped: 0 }, order)).toEqual(['measures_boilerplate']);
    expect(doubtsAbout({ measures: '已电话联系！！！……', amountRecovered: 0, workersHelped: 0 }, order)).toEqual(['measures_too_short']);
    expect(doubtsAbout({ measures: '已电话联系企业负责人', amountRecovered: 0, workersHelped: 0 }, order)).toEqual([]);
  });
});

describe('bounds of the figures: refused, never cut down', () => {
  it.each<[number, number | null, string | null]>([
    [0, 230_000, null],
    [1_000_000_000, null, null],
    [1_000_000_000.01, null, '追回金额不能超过 1,000,000,000 元，请核实是否多输了位数'],
    // The walk-through: 999999999999 typed for an order of ¥120,000.
    [999_999_999_999, 120_000, '追回金额不能超过 1,000,000,000 元，请核实是否多输了位数'],
    // Intake recorded more than 10 亿 involved: that much may be recovered, no more.
    [3_000_000_000, 3_000_000_000, null],
    [3_000_000_001, 3_000_000_000, '追回金额不能超过 3,000,000,000 元，请核实是否多输了位数'],
    [-0.01, null, '追回金额不能为负'],
    [Number.NaN, null, '追回金额应为数字'],
  ])('amount recovered %s on an order involving %s', (amount, involved, problem) => {
    expect(amountRecoveredProblem(amount, { amountInvolved: involved })).toBe(problem);
  });

  it.each<[number, string | null]>([
    [0, null],
    [100_000, null],
    [100_001, '帮助人数不能超过 100000 人'],
    [-5, '帮助人数不能为负'],
    [2.5, '帮助人数应为整数'],
  ])('workers helped %s', (n, problem) => {
    expect(workersHelpedProblem(n)).toBe(problem);
  });
});

describe('what needs confirming and explaining', () => {
  it('the figures’ doubts, each by name; the measures’ doubts are advice', () => {
    expect(unconfirmedDoubts(['amount_above_involved', 'measures_too_short'], [])).toEqual(['amount_above_involved']);
    expect(unconfirmedDoubts(['amount_above_involved', 'workers_above_involved'], ['amount_above_involved'])).toEqual(['workers_above_involved']);
    expect(unconfirmedDoubts(['measures_boilerplate'], [])).toEqual([]);
    expect(doubtsToExplain(['measures_too_short', 'workers_above_involved'])).toEqual(['workers_above_involved']);
    expect(doubtsToExplain(undefined)).toEqual([]);
  });
});
