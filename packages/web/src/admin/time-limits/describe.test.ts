import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.js';
import { explanationText, limitText, ruleText, selectorText } from './describe.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);
// The catalog's names in each language (useCatalogNames).
const zhNames = { type: (c: string) => ({ complaint: '投诉', consult: '咨询' })[c] ?? c, subject: (c: string) => ({ wage_arrears: '欠薪讨薪' })[c] ?? c };
const enNames = {
  type: (c: string) => ({ complaint: 'Complaint', consult: 'Consultation' })[c] ?? c,
  subject: (c: string) => ({ wage_arrears: 'Wage arrears' })[c] ?? c,
};
const chinese = /[\u4e00-\u9fff]/;

const rule = (over: Partial<Parameters<typeof ruleText>[0] & Parameters<typeof limitText>[0]> = {}) => ({
  step: 'reply',
  typeCode: null,
  subjectCode: null,
  priority: null,
  tier: null,
  amount: 5,
  unit: 'working_days',
  countFrom: 'next_working_day',
  ...over,
});

describe('a time-limit rule in words', () => {
  it('reads in Chinese as the server wrote it', () => {
    expect(limitText(rule(), zh)).toBe('5 个工作日（次日起算）');
    expect(limitText(rule({ amount: 30, unit: 'clock_minutes' }), zh)).toBe('30 分钟（自然时间）');
    expect(ruleText(rule({ typeCode: 'consult' }), zh, zhNames)).toBe('办结反馈 · 类型：咨询');
    expect(selectorText(rule(), zh, zhNames)).toBe('全部');
  });

  it('reads in English, the catalog names in English: no Chinese left', () => {
    expect(limitText(rule(), en)).toBe('5 working days (from the next day)');
    expect(limitText(rule({ amount: 1, unit: 'working_hours' }), en)).toBe('1 working hour');
    expect(limitText(rule({ amount: null, unit: 'none' }), en)).toBe('No deadline');
    expect(selectorText(rule({ priority: 'urgent' }), en, enNames)).toBe('Priority: Urgent');
    expect(ruleText(rule({ typeCode: 'complaint', subjectCode: 'wage_arrears', tier: 'difficult' }), en, enNames)).toBe(
      'Reply · Subject: Wage arrears · Type: Complaint · Tier: Difficult',
    );
    for (const unit of ['working_days', 'working_hours', 'clock_minutes', 'clock_hours', 'calendar_days', 'none'])
      for (const countFrom of ['next_working_day', 'same_day']) expect(limitText(rule({ unit, countFrom }), en)).not.toMatch(chinese);
    for (const step of ['dispatch', 'sign', 'return', 'reply', 'callback']) expect(ruleText(rule({ step }), en, enNames)).not.toMatch(chinese);
  });

  it("says the preview's explanation from the rule, the start and the deadline", () => {
    const p = { rule: rule({ typeCode: 'complaint' }), startLocal: '2026-09-23 10:00', deadlineLocal: '2026-10-08 17:30' };
    expect(explanationText(p, zh, zhNames)).toBe(
      '适用规则「办结反馈 · 类型：投诉」：5 个工作日（次日起算）；自 2026-09-23 10:00 起算，期限为 2026-10-08 17:30',
    );
    expect(explanationText(p, en, enNames)).toBe(
      'Rule “Reply · Type: Complaint”: 5 working days (from the next day); counted from 2026-09-23 10:00, due 2026-10-08 17:30',
    );
    expect(explanationText({ ...p, rule: null }, en, enNames)).toBe('No rule applies: the step has no deadline (start 2026-09-23 10:00)');
    expect(explanationText({ ...p, rule: rule({ amount: null, unit: 'none' }), deadlineLocal: null }, en, enNames)).toBe(
      'Rule “Reply · All”: No deadline; the step has no deadline',
    );
  });
});
