import type { Rule, RuleObject } from 'antd/es/form/index.js';
import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../api/types.js';
import { translate } from '../../i18n/i18n.js';
import { amountRecoveredRules, confirmedDoubtsOf, reviewCommentReason, workersHelpedRules } from './ReplyDoubts.js';

/** The walk-through's order: 8 workers, ¥120,000 involved. */
const order = { amountInvolved: 120_000, workersInvolved: 8, outcome: null } as unknown as OrderView;
const zh = (s: string, v?: Record<string, string | number>) => translate('zh', s, v);
const en = (s: string, v?: Record<string, string | number>) => translate('en', s, v);

type Validator = (rule: unknown, value: unknown) => Promise<void>;
const check = async (rules: Rule[], value: unknown) => {
  try {
    await ((rules[0] as RuleObject).validator as Validator)({}, value);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('the reply form refuses figures out of range instead of changing them', () => {
  it.each<[unknown, string | null, string | null]>([
    [
      999_999_999_999,
      '追回金额不能超过 1,000,000,000 元，请核实是否多输了位数',
      'The amount recovered cannot exceed 1,000,000,000 yuan: check for extra digits',
    ],
    [-1, '追回金额不能为负', 'Amount recovered cannot be negative'],
    [120_000, null, null],
    [null, null, null],
  ])('amount recovered %s', async (v, inZh, inEn) => {
    expect(await check(amountRecoveredRules(order, zh), v)).toBe(inZh);
    expect(await check(amountRecoveredRules(order, en), v)).toBe(inEn);
  });

  it.each<[unknown, string | null, string | null]>([
    [-5, '帮助人数不能为负', 'Workers helped cannot be negative'],
    [100_001, '帮助人数不能超过 100000 人', 'At most 100000 workers helped'],
    [2.5, '帮助人数应为整数', 'Workers helped: a whole number'],
    [8, null, null],
  ])('workers helped %s', async (v, inZh, inEn) => {
    expect(await check(workersHelpedRules(zh), v)).toBe(inZh);
    expect(await check(workersHelpedRules(en), v)).toBe(inEn);
  });
});

describe('confirmation and the reviewer’s comment', () => {
  const measures = '约谈企业负责人，督促支付欠薪及经济补偿金';
  it('sends the figures’ doubts as confirmed only once the box is ticked', () => {
    const typed = { measures, amountRecovered: 400_000, workersHelped: 9 };
    expect(confirmedDoubtsOf(order, typed)).toEqual([]);
    expect(confirmedDoubtsOf(order, { ...typed, confirmDoubts: true })).toEqual(['amount_above_involved', 'workers_above_involved']);
    expect(confirmedDoubtsOf(order, { measures: 'x', amountRecovered: 120_000, workersHelped: 8, confirmDoubts: true })).toEqual([]);
  });

  it('asks the reviewer for a comment when the figures are in doubt, not for the measures alone', () => {
    const replied = (doubts: string[]) =>
      ({ ...order, outcome: { resolved: true, measures, amountRecovered: 0, workersHelped: 0, doubts } }) as unknown as OrderView;
    expect(reviewCommentReason(replied(['amount_above_involved', 'measures_too_short']))).toEqual(['amount_above_involved']);
    expect(reviewCommentReason(replied(['measures_too_short']))).toEqual([]);
    expect(reviewCommentReason(order)).toEqual([]);
  });
});
