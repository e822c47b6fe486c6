import { describe, expect, it } from 'vitest';
import { doubtsAbout } from './reply-plausibility.js';

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
