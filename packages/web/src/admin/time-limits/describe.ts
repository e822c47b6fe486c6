import type { T } from '../../i18n/i18n.js';
import { priorityLabels, stepLabels, tierLabels } from '../../shared/labels.js';

/**
 * A time-limit rule in the interface language, from its codes (the server's stepName, appliesTo, description and
 * explanation are Chinese): the catalog's names come through `names`, the steps, priorities and tiers through t().
 */
type Limit = { amount: number | null; unit: string; countFrom: string };
type Selector = { typeCode: string | null; subjectCode: string | null; priority: string | null; tier: string | null };
export type CatalogNames = { type: (code: string) => string; subject: (code: string) => string };

/** "5 个工作日（次日起算）" / "5 working days (from the next day)". */
export function limitText(r: Limit, t: T): string {
  const n = r.amount ?? 0;
  switch (r.unit) {
    case 'working_days':
      return t('{n} 个工作日（{from}）', { n, from: r.countFrom === 'same_day' ? t('当日起算') : t('次日起算') });
    case 'working_hours':
      return t('{n} 个工作小时', { n });
    case 'clock_minutes':
      return t('{n} 分钟（自然时间）', { n });
    case 'clock_hours':
      return t('{n} 小时（自然时间）', { n });
    case 'calendar_days':
      return t('{n} 个自然日', { n });
    case 'none':
      return t('不设期限');
    default:
      return `${n} ${r.unit}`;
  }
}

/** Which orders a rule is for, without its step: "紧急程度：紧急 · 类型：咨询", or 全部 for a rule that sets none. */
export function selectorText(r: Selector, t: T, names: CatalogNames): string {
  const parts: string[] = [];
  if (r.priority !== null) parts.push(t('紧急程度：{v}', { v: t(priorityLabels[r.priority] ?? r.priority) }));
  if (r.subjectCode !== null) parts.push(t('事项：{v}', { v: names.subject(r.subjectCode) }));
  if (r.typeCode !== null) parts.push(t('类型：{v}', { v: names.type(r.typeCode) }));
  if (r.tier !== null) parts.push(t('难度：{v}', { v: t(tierLabels[r.tier] ?? r.tier) }));
  return parts.length ? parts.join(' · ') : t('全部');
}

/** The step and the selector: "办结反馈 · 类型：咨询". */
export const ruleText = (r: Selector & { step: string }, t: T, names: CatalogNames) => `${t(stepLabels[r.step] ?? r.step)} · ${selectorText(r, t, names)}`;

/** The preview's one sentence: which rule applied, from when, until when. */
export function explanationText(
  p: { rule: (Selector & Limit & { step: string }) | null; startLocal: string; deadlineLocal: string | null },
  t: T,
  names: CatalogNames,
): string {
  if (!p.rule) return t('没有适用的时限规则，该环节不设期限（起算时间 {start}）', { start: p.startLocal });
  const rule = ruleText(p.rule, t, names);
  const limit = limitText(p.rule, t);
  if (!p.deadlineLocal) return t('适用规则「{rule}」：{limit}，该环节不设期限', { rule, limit });
  return t('适用规则「{rule}」：{limit}；自 {start} 起算，期限为 {deadline}', { rule, limit, start: p.startLocal, deadline: p.deadlineLocal });
}
