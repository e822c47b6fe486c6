import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarNotCoveredError, createWorkingCalendar, type DayMark } from '../../calendar/domain/working-time.js';
import { priorities, steps, tiers, type Priority, type Step, type Tier } from './catalog.js';
import {
  checkLimit,
  deadlineFor,
  defaultTimeLimitRules,
  describeLimit,
  describeSelector,
  explainDeadline,
  formatLocal,
  matchesRule,
  precedence,
  selectRule,
  type OrderSelector,
  type TimeLimitRuleData,
} from './time-limit-rules.js';

const order = (o: Partial<OrderSelector> & { step: Step }): OrderSelector => ({
  type: 'complaint',
  subject: 'wage_arrears',
  priority: 'normal',
  tier: 'general',
  ...o,
});
const limitOfChoice = (r: TimeLimitRuleData | null) => (r ? `${r.amount ?? '-'} ${r.unit}` : null);

/** workflow.md's table, written out for every step × priority × tier of a complaint. */
const expected: Record<Step, Record<Priority, string | Record<Tier, string>>> = {
  dispatch: { normal: '1 working_hours', urgent: '30 clock_minutes', major: '15 clock_minutes' },
  sign: { normal: '1 working_days', urgent: '2 clock_hours', major: '1 clock_hours' },
  return: { normal: '2 working_days', urgent: '2 clock_hours', major: '1 clock_hours' },
  reply: {
    normal: { general: '5 working_days', difficult: '15 working_days', complex: '30 working_days' },
    urgent: '24 clock_hours',
    major: '3 calendar_days',
  },
  callback: { normal: '2 working_days', urgent: '1 working_days', major: '1 working_days' },
};
const grid = steps.flatMap((step) =>
  priorities.flatMap((priority) =>
    tiers.map((tier) => {
      const e = expected[step][priority];
      return { step, priority, tier, limit: typeof e === 'string' ? e : e[tier] };
    }),
  ),
);

describe('default rules: every step × priority × tier of a complaint', () => {
  it.each(grid)('$step $priority $tier → $limit', ({ step, priority, tier, limit }) => {
    expect(limitOfChoice(selectRule(defaultTimeLimitRules, order({ step, priority, tier })))).toBe(limit);
  });
});

describe('default rules: the consultation and suggestion specials', () => {
  it.each([
    { o: { step: 'reply', type: 'consult', tier: 'general' }, limit: '1 working_days' },
    { o: { step: 'reply', type: 'consult', tier: 'complex' }, limit: '1 working_days' },
    { o: { step: 'reply', type: 'consult', priority: 'urgent' }, limit: '24 clock_hours' },
    { o: { step: 'reply', type: 'consult', priority: 'major' }, limit: '3 calendar_days' },
    { o: { step: 'dispatch', type: 'consult' }, limit: '1 working_hours' },
    { o: { step: 'callback', type: 'suggestion' }, limit: '- none' },
    { o: { step: 'callback', type: 'suggestion', tier: 'complex' }, limit: '- none' },
    { o: { step: 'callback', type: 'suggestion', priority: 'urgent' }, limit: '1 working_days' },
    { o: { step: 'reply', type: 'suggestion', tier: 'difficult' }, limit: '15 working_days' },
    { o: { step: 'callback', type: 'help' }, limit: '2 working_days' },
  ] as { o: Partial<OrderSelector> & { step: Step }; limit: string }[])('$o → $limit', ({ o, limit }) => {
    expect(limitOfChoice(selectRule(defaultTimeLimitRules, order(o)))).toBe(limit);
  });
});

const r = (sel: Partial<TimeLimitRuleData>, amount = 1): TimeLimitRuleData => ({
  step: 'reply',
  typeCode: null,
  subjectCode: null,
  priority: null,
  tier: null,
  amount,
  unit: 'working_days',
  countFrom: 'next_working_day',
  note: '',
  active: true,
  ...sel,
});

describe('precedence: priority > subject > type > tier', () => {
  it.each([
    { a: { priority: 'urgent' }, b: { subjectCode: 'wage_arrears', typeCode: 'complaint', tier: 'general' } },
    { a: { subjectCode: 'wage_arrears' }, b: { typeCode: 'complaint', tier: 'general' } },
    { a: { typeCode: 'complaint' }, b: { tier: 'general' } },
    { a: { tier: 'general' }, b: {} },
    { a: { priority: 'normal', tier: 'general' }, b: { priority: 'normal' } },
    { a: { subjectCode: 'wage_arrears', tier: 'general' }, b: { subjectCode: 'wage_arrears' } },
  ] as { a: Partial<TimeLimitRuleData>; b: Partial<TimeLimitRuleData> }[])('$a beats $b whatever the list order', ({ a, b }) => {
    const winner = r(a, 7);
    const loser = r(b, 9);
    const o = order({ step: 'reply', priority: (a.priority ?? b.priority ?? 'normal') as Priority });
    expect(precedence(winner)).toBeGreaterThan(precedence(loser));
    expect(selectRule([winner, loser], o)).toBe(winner);
    expect(selectRule([loser, winner], o)).toBe(winner);
  });

  it('keeps the first of two rules with the same selectors (a tie the table forbids)', () => {
    const first = r({ tier: 'general' }, 5);
    const second = r({ tier: 'general' }, 6);
    expect(selectRule([first, second], order({ step: 'reply' }))).toBe(first);
    expect(selectRule([second, first], order({ step: 'reply' }))).toBe(second);
  });
});

describe('matching', () => {
  it.each([
    { rule: { tier: 'general' }, o: { tier: 'difficult' }, match: false },
    { rule: { typeCode: 'consult' }, o: {}, match: false },
    { rule: { subjectCode: 'psych_care' }, o: {}, match: false },
    { rule: { priority: 'urgent' }, o: {}, match: false },
    { rule: { step: 'sign' }, o: {}, match: false },
    { rule: { active: false }, o: {}, match: false },
    { rule: {}, o: {}, match: true },
    { rule: { typeCode: 'complaint', subjectCode: 'wage_arrears', priority: 'normal', tier: 'general' }, o: {}, match: true },
  ] as { rule: Partial<TimeLimitRuleData>; o: Partial<OrderSelector>; match: boolean }[])('$rule vs $o → $match', ({ rule, o, match }) => {
    expect(matchesRule(r(rule), order({ step: 'reply', ...o }))).toBe(match);
  });

  it('never picks an inactive rule, even the most specific one', () => {
    const inactive = r({ priority: 'urgent', active: false }, 1);
    const fallback = r({ tier: 'general' }, 5);
    expect(selectRule([inactive, fallback], order({ step: 'reply', priority: 'urgent' }))).toBe(fallback);
    expect(selectRule([inactive], order({ step: 'reply', priority: 'urgent' }))).toBeNull();
  });

  it('answers null when no rule matches', () => {
    expect(selectRule([], order({ step: 'reply' }))).toBeNull();
    expect(selectRule([r({ step: 'sign' })], order({ step: 'reply' }))).toBeNull();
    const withoutTierRules = defaultTimeLimitRules.filter((x) => x.tier === null);
    expect(selectRule(withoutTierRules, order({ step: 'reply' }))).toBeNull();
  });
});

describe('selection property', () => {
  const maybe = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: null });
  const ruleArb = fc.record({
    step: fc.constantFrom(...steps),
    typeCode: maybe(['consult', 'complaint']),
    subjectCode: maybe(['wage_arrears', 'psych_care']),
    priority: maybe(priorities),
    tier: maybe(tiers),
    active: fc.boolean(),
  });
  const orderArb = fc.record({
    step: fc.constantFrom(...steps),
    type: fc.constantFrom('consult', 'complaint'),
    subject: fc.constantFrom('wage_arrears', 'psych_care'),
    priority: fc.constantFrom(...priorities),
    tier: fc.constantFrom(...tiers),
  });

  it('picks a matching rule and no matching rule outranks it; null only when nothing matches', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 25 }), orderArb, (rules, o) => {
        const chosen = selectRule(rules, o);
        const matching = rules.filter((x) => matchesRule(x, o));
        if (chosen === null) return matching.length === 0;
        return matchesRule(chosen, o) && chosen.active && matching.every((m) => precedence(m) <= precedence(chosen));
      }),
      { numRuns: 500 },
    );
  });
});

describe('deadlineFor', () => {
  // 2026-09-21 (Mon) to 2026-10-12 (Mon): Mid-Autumn 25–27 Sep, National Day 1–7 Oct, make-up Saturday 10 Oct.
  const holidays = new Set([
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ]);
  const days: DayMark[] = [];
  for (let d = new Date('2026-09-21T00:00:00Z'); d <= new Date('2026-10-12T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    days.push({ date, workday: date === '2026-10-10' || (!weekend && !holidays.has(date)) });
  }
  const cal = createWorkingCalendar(days);
  const start = new Date('2026-09-23T10:00:00+08:00');

  it.each([
    { o: { step: 'reply' }, due: '2026-10-08T17:30:00+08:00' },
    { o: { step: 'reply', type: 'consult' }, due: '2026-09-24T17:30:00+08:00' },
    { o: { step: 'sign', priority: 'urgent' }, due: '2026-09-23T12:00:00+08:00' },
    { o: { step: 'reply', priority: 'major' }, due: '2026-09-26T10:00:00+08:00' },
    { o: { step: 'dispatch' }, due: '2026-09-23T11:00:00+08:00' },
    { o: { step: 'callback', type: 'suggestion' }, due: null },
  ] as { o: Partial<OrderSelector> & { step: Step }; due: string | null }[])('$o → $due', ({ o, due }) => {
    const { rule, deadline } = deadlineFor(cal, defaultTimeLimitRules, order(o), start);
    expect(rule).not.toBeNull();
    expect(deadline?.toISOString() ?? null).toBe(due ? new Date(due).toISOString() : null);
  });

  it('counts the make-up Saturday and stops at the edge of the calendar', () => {
    const afterHoliday = new Date('2026-10-08T10:00:00+08:00');
    expect(deadlineFor(cal, defaultTimeLimitRules, order({ step: 'callback' }), afterHoliday).deadline).toEqual(new Date('2026-10-10T17:30:00+08:00'));
    expect(() => deadlineFor(cal, defaultTimeLimitRules, order({ step: 'reply' }), afterHoliday)).toThrow(CalendarNotCoveredError);
  });

  it('has no deadline without a rule', () => {
    expect(deadlineFor(cal, [], order({ step: 'reply' }), start)).toEqual({ rule: null, deadline: null });
  });
});

describe('texts and checks', () => {
  it.each([
    { limit: { amount: 5, unit: 'working_days', countFrom: 'next_working_day' }, text: '5 个工作日（次日起算）' },
    { limit: { amount: 5, unit: 'working_days', countFrom: 'same_day' }, text: '5 个工作日（含本数）' },
    { limit: { amount: 1, unit: 'working_hours', countFrom: 'next_working_day' }, text: '1 个工作小时' },
    { limit: { amount: 30, unit: 'clock_minutes', countFrom: 'next_working_day' }, text: '30 分钟（自然时间）' },
    { limit: { amount: 24, unit: 'clock_hours', countFrom: 'next_working_day' }, text: '24 小时（自然时间）' },
    { limit: { amount: 3, unit: 'calendar_days', countFrom: 'next_working_day' }, text: '3 个自然日' },
    { limit: { amount: null, unit: 'none', countFrom: 'next_working_day' }, text: '不设期限' },
  ])('$limit.unit $limit.countFrom → $text', ({ limit, text }) => {
    expect(describeLimit(limit)).toBe(text);
  });

  it.each([
    { amount: 5, unit: 'working_days', problem: null },
    { amount: null, unit: 'none', problem: null },
    { amount: 5, unit: 'none', problem: '不设期限的规则不填写时限数值' },
    { amount: null, unit: 'clock_hours', problem: '请填写时限数值' },
    { amount: 0, unit: 'clock_hours', problem: '时限数值应为正整数' },
    { amount: -2, unit: 'working_days', problem: '时限数值应为正整数' },
    { amount: 1.5, unit: 'working_days', problem: '时限数值应为正整数' },
    { amount: 1, unit: 'weeks', problem: '未知的时限单位：weeks' },
  ])('amount $amount with $unit → $problem', ({ amount, unit, problem }) => {
    expect(checkLimit(amount, unit)).toBe(problem);
  });

  it('names selectors and explains a deadline in Chinese', () => {
    const names = { types: new Map([['consult', '咨询']]), subjects: new Map([['wage_arrears', '欠薪讨薪']]) };
    expect(describeSelector(r({ typeCode: 'consult' }), names)).toBe('办结反馈 · 类型：咨询');
    expect(describeSelector(r({ step: 'dispatch' }), names)).toBe('派单 · 全部');
    expect(describeSelector(r({ priority: 'urgent', subjectCode: 'wage_arrears', tier: 'complex' }), names)).toBe(
      '办结反馈 · 紧急程度：紧急 · 事项：欠薪讨薪 · 难度：特别复杂',
    );
    expect(formatLocal(new Date('2026-11-27T09:30:00Z'))).toBe('2026-11-27 17:30');
    expect(formatLocal(new Date('2026-12-31T16:05:00Z'))).toBe('2027-01-01 00:05');
    const start = new Date('2026-11-25T02:00:00Z');
    expect(explainDeadline({ appliesTo: '签收 · 全部', limit: '1 个工作日（次日起算）' }, start, new Date('2026-11-26T09:30:00Z'))).toBe(
      '适用规则「签收 · 全部」：1 个工作日（次日起算）；自 2026-11-25 10:00 起算，期限为 2026-11-26 17:30',
    );
    expect(explainDeadline(null, start, null)).toContain('没有适用的时限规则');
  });
});
