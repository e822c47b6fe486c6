import { CHINA_OFFSET_MINUTES, computeDeadline, type CountFrom, type LimitUnit, type WorkingCalendar } from '../../calendar/domain/working-time.js';
import { priorityNames, stepNames, tierNames, type Priority, type Step, type Tier } from './catalog.js';

export const limitUnits = ['working_days', 'working_hours', 'clock_minutes', 'clock_hours', 'calendar_days', 'none'] as const satisfies readonly LimitUnit[];
export const countFroms = ['next_working_day', 'same_day'] as const satisfies readonly CountFrom[];

/** A rule's selectors, named as in the time_limit_rules table so stored rows can be passed as they are. null = any. */
export type RuleSelector = { step: string; typeCode: string | null; subjectCode: string | null; priority: string | null; tier: string | null };
export type RuleLike = RuleSelector & { active: boolean };
export type RuleLimit = { amount: number | null; unit: string; countFrom: string };
export type TimeLimitRuleData = RuleSelector & RuleLimit & { note: string; active: boolean };

/** What an order shows the rules: every selector is known. */
export type OrderSelector = { step: Step; type: string; subject: string; priority: Priority; tier: Tier };

/**
 * Precedence of a rule: which selectors it sets, compared lexicographically in the order
 * priority > subject > type > tier. As bits, that is priority 8, subject 4, type 2, tier 1, so any rule naming
 * a priority (urgent, major) beats every rule that does not, a subject rule beats a type rule, and a type rule
 * (consultation's 1-day reply, a suggestion's callback) beats a tier rule. Priority comes first because the
 * emergency mechanism shortens every limit whatever the matter; the step is not a selector but a partition.
 */
export function precedence(r: RuleSelector): number {
  return (r.priority !== null ? 8 : 0) + (r.subjectCode !== null ? 4 : 0) + (r.typeCode !== null ? 2 : 0) + (r.tier !== null ? 1 : 0);
}

/** A rule matches when it is active, is for the order's step and each selector it sets equals the order's. */
export function matchesRule(r: RuleLike, o: OrderSelector): boolean {
  return (
    r.active &&
    r.step === o.step &&
    (r.typeCode === null || r.typeCode === o.type) &&
    (r.subjectCode === null || r.subjectCode === o.subject) &&
    (r.priority === null || r.priority === o.priority) &&
    (r.tier === null || r.tier === o.tier)
  );
}

/**
 * The rule that decides an order's limit at a step: the matching rule of highest precedence, or null when none
 * matches (the step then has no deadline). Two matching rules of equal precedence set the same selectors to the
 * same values, which the table's unique selector forbids; for an in-memory list the first one wins.
 */
export function selectRule<R extends RuleLike>(rules: readonly R[], o: OrderSelector): R | null {
  let best: R | null = null;
  let bestRank = -1;
  for (const r of rules) {
    if (!matchesRule(r, o)) continue;
    const rank = precedence(r);
    if (rank > bestRank) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

export const isLimitUnit = (u: string): u is LimitUnit => (limitUnits as readonly string[]).includes(u);

/** A stored rule's limit in the calendar's terms; a unit outside the list means the row was written around the API. */
export function limitOf(r: RuleLimit): { amount: number | null; unit: LimitUnit; countFrom: CountFrom } {
  if (!isLimitUnit(r.unit)) throw new Error(`unknown time-limit unit ${r.unit}`);
  return { amount: r.amount, unit: r.unit, countFrom: r.countFrom === 'same_day' ? 'same_day' : 'next_working_day' };
}

/**
 * The deadline of an order's step started at `start`: the selected rule and its deadline (null when no rule
 * matches or the rule sets no limit). Throws CalendarNotCoveredError when working time runs past the calendar.
 */
export function deadlineFor<R extends RuleLike & RuleLimit>(
  calendar: WorkingCalendar,
  rules: readonly R[],
  selector: OrderSelector,
  start: Date,
): { rule: R | null; deadline: Date | null } {
  const rule = selectRule(rules, selector);
  return { rule, deadline: rule ? computeDeadline(calendar, start, limitOf(rule)) : null };
}

/** Whether amount and unit fit together; a Chinese message when they do not. */
export function checkLimit(amount: number | null, unit: string): string | null {
  if (!isLimitUnit(unit)) return `未知的时限单位：${unit}`;
  if (unit === 'none') return amount === null ? null : '不设期限的规则不填写时限数值';
  if (amount === null) return '请填写时限数值';
  if (!Number.isInteger(amount) || amount < 1) return '时限数值应为正整数';
  return null;
}

/** The limit as people read it, e.g. "5 个工作日（次日起算）". */
export function describeLimit(r: RuleLimit): string {
  const n = r.amount ?? 0;
  switch (r.unit) {
    case 'working_days':
      return `${n} 个工作日（${r.countFrom === 'same_day' ? '含本数' : '次日起算'}）`;
    case 'working_hours':
      return `${n} 个工作小时`;
    case 'clock_minutes':
      return `${n} 分钟（自然时间）`;
    case 'clock_hours':
      return `${n} 小时（自然时间）`;
    case 'calendar_days':
      return `${n} 个自然日`;
    case 'none':
      return '不设期限';
    default:
      return `${n} ${r.unit}`;
  }
}

export type CodeNames = { types: ReadonlyMap<string, string>; subjects: ReadonlyMap<string, string> };

/** Which orders a rule is for, e.g. "办结反馈 · 类型：咨询" or "派单 · 全部". */
export function describeSelector(r: RuleSelector, names: CodeNames): string {
  const parts: string[] = [];
  if (r.priority !== null) parts.push(`紧急程度：${priorityNames[r.priority as Priority]?.zh ?? r.priority}`);
  if (r.subjectCode !== null) parts.push(`事项：${names.subjects.get(r.subjectCode) ?? r.subjectCode}`);
  if (r.typeCode !== null) parts.push(`类型：${names.types.get(r.typeCode) ?? r.typeCode}`);
  if (r.tier !== null) parts.push(`难度：${tierNames[r.tier as Tier]?.zh ?? r.tier}`);
  return `${stepNames[r.step as Step]?.zh ?? r.step} · ${parts.length ? parts.join(' · ') : '全部'}`;
}

/** An instant as local (UTC+8) wall-clock time, 'YYYY-MM-DD HH:mm'. */
export function formatLocal(instant: Date): string {
  const local = new Date(instant.getTime() + CHINA_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** One sentence for the preview: which rule applied, from when, until when. */
export function explainDeadline(ruleText: { appliesTo: string; limit: string } | null, start: Date, deadline: Date | null): string {
  if (!ruleText) return `没有适用的时限规则，该环节不设期限（起算时间 ${formatLocal(start)}）`;
  const head = `适用规则「${ruleText.appliesTo}」：${ruleText.limit}`;
  if (!deadline) return `${head}，该环节不设期限`;
  return `${head}；自 ${formatLocal(start)} 起算，期限为 ${formatLocal(deadline)}`;
}

const rule = (
  step: Step,
  selector: Partial<Pick<RuleSelector, 'typeCode' | 'priority' | 'tier'>>,
  amount: number | null,
  unit: LimitUnit,
  note: string,
): TimeLimitRuleData => ({
  step,
  typeCode: selector.typeCode ?? null,
  subjectCode: null,
  priority: selector.priority ?? null,
  tier: selector.tier ?? null,
  amount,
  unit,
  countFrom: 'next_working_day',
  note,
  active: true,
});

/**
 * workflow.md's table. Its "normal" column is stored as each step's fallback (no priority selector), not as a
 * priority-normal rule: a rule naming a priority would outrank every type rule, and a suggestion's callback
 * (a type rule) must refine the normal callback limit.
 */
export const defaultTimeLimitRules: TimeLimitRuleData[] = [
  rule('dispatch', {}, 1, 'working_hours', '受理后 1 个工作小时内派单'),
  rule('dispatch', { priority: 'urgent' }, 30, 'clock_minutes', '紧急工单 30 分钟内派单（自然时间）'),
  rule('dispatch', { priority: 'major' }, 15, 'clock_minutes', '重大工单立即派单（15 分钟，自然时间）'),
  rule('sign', {}, 1, 'working_days', '1 个工作日内签收'),
  rule('sign', { priority: 'urgent' }, 2, 'clock_hours', '紧急工单 2 小时内签收（自然时间）'),
  rule('sign', { priority: 'major' }, 1, 'clock_hours', '重大工单 1 小时内签收（自然时间）'),
  rule('return', {}, 2, 'working_days', '非本单位事项，收到后 2 个工作日内退单'),
  rule('return', { priority: 'urgent' }, 2, 'clock_hours', '紧急工单 2 小时内退单（自然时间）'),
  rule('return', { priority: 'major' }, 1, 'clock_hours', '重大工单 1 小时内退单（自然时间）'),
  rule('reply', { tier: 'general' }, 5, 'working_days', '一般问题 5 个工作日内办结反馈'),
  rule('reply', { tier: 'difficult' }, 15, 'working_days', '难点问题 15 个工作日内办结反馈'),
  rule('reply', { tier: 'complex' }, 30, 'working_days', '特别复杂问题 30 个工作日内办结反馈'),
  rule('reply', { typeCode: 'consult' }, 1, 'working_days', '咨询转办的 1 个工作日内答复'),
  rule('reply', { priority: 'urgent' }, 24, 'clock_hours', '紧急工单 24 小时内办结反馈（自然时间）'),
  rule('reply', { priority: 'major' }, 3, 'calendar_days', '重大工单 3 个自然日内办结，每日报告进展'),
  rule('callback', {}, 2, 'working_days', '审核通过后 2 个工作日内回访'),
  rule('callback', { priority: 'urgent' }, 1, 'working_days', '紧急工单 1 个工作日内回访'),
  rule('callback', { priority: 'major' }, 1, 'working_days', '重大工单 1 个工作日内回访'),
  rule('callback', { typeCode: 'suggestion' }, null, 'none', '建议类不设回访期限'),
];
