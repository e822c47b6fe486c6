import { addDaysToDate } from '../../calendar/domain/working-time.js';
import { invalid } from '../../platform/errors/app-error.js';
import { changePercent, dayNumber, type KpiFigures } from './kpis.js';

export const reportKinds = ['daily', 'weekly', 'monthly', 'yearly', 'custom'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportKindNames: Record<ReportKind, { zh: string; period: string }> = {
  daily: { zh: '日报', period: '本日' },
  weekly: { zh: '周报', period: '本周' },
  monthly: { zh: '月报', period: '本月' },
  yearly: { zh: '年报', period: '本年' },
  custom: { zh: '专题报告', period: '本期' },
};

/**
 * The periods a scheduled run on local date `today` reports on: yesterday every day, last week on Mondays, last
 * month on the 1st, last year on 1 January.
 */
export function duePeriods(today: string): { kind: ReportKind; from: string; to: string }[] {
  const yesterday = addDaysToDate(today, -1);
  const out: { kind: ReportKind; from: string; to: string }[] = [{ kind: 'daily', from: yesterday, to: yesterday }];
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  if (weekday === 1) out.push({ kind: 'weekly', from: addDaysToDate(today, -7), to: yesterday });
  if (today.endsWith('-01')) out.push({ kind: 'monthly', from: `${yesterday.slice(0, 7)}-01`, to: yesterday });
  if (today.endsWith('-01-01')) out.push({ kind: 'yearly', from: `${yesterday.slice(0, 4)}-01-01`, to: yesterday });
  return out;
}

/**
 * What is wrong with a period given for a report of a kind, or null: a daily report covers one day, a weekly one a
 * Monday-to-Sunday week (the weeks of the scheduler above, of the default period and of the trend's weekly buckets), a
 * monthly one a calendar month, a yearly one a calendar year; a special report (custom) any period. The title and the
 * summary ("周报…本周…") say the kind, so a month called a week would be a wrong report, not a choice.
 */
export function periodMismatch(kind: ReportKind, from: string, to: string): { field: 'body.from' | 'body.to'; message: string } | null {
  switch (kind) {
    case 'daily':
      return from === to ? null : { field: 'body.to', message: '日报的统计期间应为同一天（开始与结束日期相同）' };
    case 'weekly':
      if (new Date(`${from}T00:00:00Z`).getUTCDay() !== 1) return { field: 'body.from', message: '周报的统计期间应从周一开始' };
      return to === addDaysToDate(from, 6) ? null : { field: 'body.to', message: '周报的统计期间应为周一至周日的一整周' };
    case 'monthly':
      if (!from.endsWith('-01')) return { field: 'body.from', message: '月报的统计期间应从当月1日开始' };
      return to === addDaysToDate(`${addDaysToDate(from, 31).slice(0, 7)}-01`, -1) ? null : { field: 'body.to', message: '月报的统计期间应为一个完整的自然月' };
    case 'yearly':
      if (!from.endsWith('-01-01')) return { field: 'body.from', message: '年报的统计期间应从1月1日开始' };
      return to === `${from.slice(0, 4)}-12-31` ? null : { field: 'body.to', message: '年报的统计期间应为一个完整的自然年' };
    case 'custom':
      return null;
  }
}

/**
 * What is wrong with where a report's period lies in time, or null.
 *
 * It may not end after `today`, the hotline's business day (the local date of the clock): days to come hold no
 * orders yet, and a report of them printed a 100% fall against the period before and a completion rate over the few
 * orders already due there.
 *
 * Nor may it end before `firstDay`, the local day of the installation's first order (imported history included).
 * The lower bound is the system's own data rather than a fixed year: nothing before that day was ever recorded here,
 * so a report of 1900 or of any time before the hotline ran on this system is a table of zeros whose comparisons say
 * "no data", not a report. A period that starts earlier but reaches that day (the first year's yearly report, the
 * first month's monthly one) covers real orders and is kept. With no order at all yet, the data begin today.
 */
export function periodOutOfRange(
  from: string,
  to: string,
  today: string,
  firstDay: string | null,
): { code: 'REPORT_PERIOD_IN_FUTURE' | 'REPORT_PERIOD_BEFORE_DATA'; field: 'body.from' | 'body.to'; message: string } | null {
  if (to > today) return { code: 'REPORT_PERIOD_IN_FUTURE', field: 'body.to', message: `统计期间不能晚于今天（${today}）` };
  if (firstDay === null && to < today) return { code: 'REPORT_PERIOD_BEFORE_DATA', field: 'body.from', message: '本系统尚无工单，没有可统计的数据' };
  if (firstDay !== null && to < firstDay)
    return { code: 'REPORT_PERIOD_BEFORE_DATA', field: 'body.from', message: `统计期间早于本系统的第一张工单（${firstDay}），没有可统计的数据` };
  return null;
}

/**
 * The period of a report: given bounds, or the last complete day/week/month/year before today; refused when it does
 * not fit the kind (periodMismatch) or lies outside the system's data (periodOutOfRange: `today` is the hotline's
 * business day, `firstDay` the day of the first order, null when there is none).
 */
export function periodFor(
  kind: ReportKind,
  from: string | undefined,
  to: string | undefined,
  today: string,
  firstDay: string | null,
): { from: string; to: string } {
  const period = givenOrDefault(kind, from, to, today);
  const outside = periodOutOfRange(period.from, period.to, today, firstDay);
  if (outside) throw invalid(outside.code, outside.message, [{ field: outside.field, message: outside.message }]);
  return period;
}

function givenOrDefault(kind: ReportKind, from: string | undefined, to: string | undefined, today: string): { from: string; to: string } {
  if (from && to) {
    if (from > to) throw invalid('ANALYTICS_PERIOD_INVALID', '开始日期不能晚于结束日期', [{ field: 'body.from', message: '开始日期不能晚于结束日期' }]);
    if (dayNumber(to) - dayNumber(from) > 3700)
      throw invalid('ANALYTICS_PERIOD_INVALID', '统计区间不能超过十年', [{ field: 'body.to', message: '统计区间不能超过十年' }]);
    const wrong = periodMismatch(kind, from, to);
    if (wrong) throw invalid('REPORT_PERIOD_KIND_MISMATCH', wrong.message, [wrong]);
    return { from, to };
  }
  if (from || to)
    throw invalid('ANALYTICS_PERIOD_INVALID', '请同时填写开始与结束日期，或都不填', [{ field: from ? 'body.to' : 'body.from', message: '缺少另一端日期' }]);
  return lastComplete(kind, today);
}

/** The last complete day, week (Monday to Sunday), month or year before `today`; a special report: this month so far. */
export function lastComplete(kind: ReportKind, today: string): { from: string; to: string } {
  const day = (n: number) => new Date((dayNumber(today) + n) * 86_400_000).toISOString().slice(0, 10);
  switch (kind) {
    case 'daily':
      return { from: day(-1), to: day(-1) };
    case 'weekly': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { from: day(-weekday - 7), to: day(-weekday - 1) };
    }
    case 'monthly': {
      const lastOfPrev = day(-Number(today.slice(8, 10)));
      return { from: `${lastOfPrev.slice(0, 7)}-01`, to: lastOfPrev };
    }
    case 'yearly': {
      const y = Number(today.slice(0, 4)) - 1;
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    }
    case 'custom':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** A campaign's name in a sentence: "“根治欠薪”专项行动", but "“根治欠薪专项行动”" when the name already says so. */
export const campaignPhrase = (name: string) => (name.endsWith('行动') ? `“${name}”` : `“${name}”专项行动`);

export const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const yuan = (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

function trend(now: number, base: number, label: string): string {
  const c = changePercent(now, base);
  if (c === null) return `${label}无可比数据`;
  if (c === 0) return `${label}持平`;
  return `${label}${c > 0 ? '上升' : '下降'}${Math.abs(c).toFixed(1)}%`;
}

/**
 * The generated Chinese summary of a report ("本周共受理…，环比上升…%，欠薪类占…%…"), from the figures only, so it
 * says exactly what the tables say.
 */
export function reportSummary(input: {
  kind: ReportKind;
  unitName: string;
  figures: KpiFigures;
  previous: KpiFigures;
  lastYear: KpiFigures;
  topSubjects: { name: string; count: number }[];
  campaigns?: { name: string; orders: number }[];
}): string {
  const f = input.figures;
  const p = reportKindNames[input.kind].period;
  const parts: string[] = [];
  parts.push(
    `${p}${input.unitName}共受理职工诉求${f.requests}人次，形成有效工单${f.ordersCreated}件，${trend(f.ordersCreated, input.previous.ordersCreated, '环比')}，${trend(f.ordersCreated, input.lastYear.ordersCreated, '同比')}`,
  );
  if (f.closedAtIntake > 0) parts.push(`其中当场解答办结${f.closedAtIntake}件，一次性解答率${percent(f.firstContactResolutionRate)}`);
  const top = input.topSubjects[0];
  if (top && f.ordersCreated > 0) {
    const share = top.count / f.ordersCreated;
    const rest = input.topSubjects
      .slice(1, 3)
      .map((s) => `${s.name}${percent(s.count / f.ordersCreated)}`)
      .join('、');
    parts.push(`诉求以${top.name}类为主，占${percent(share)}${rest ? `，其次为${rest}` : ''}`);
  }
  parts.push(`派单${f.ordersDispatched}件；应办结${f.dueInPeriod}件，办结率${percent(f.completionRate)}，按时办结率${percent(f.onTimeRate)}`);
  if (f.averageHandlingWorkingDays !== null) parts.push(`平均办理时长${f.averageHandlingWorkingDays}个工作日`);
  parts.push(`回访${f.callbacks}件，满意率${percent(f.satisfactionRate)}`);
  if (f.amountRecoveredYuan > 0 || f.workersHelped > 0) parts.push(`为${f.workersHelped}名职工追回欠薪等款项${yuan(f.amountRecoveredYuan)}元`);
  if (f.invalidOrders > 0) parts.push(`无效工单${f.invalidOrders}件另行统计，不计入各项比率`);
  for (const c of input.campaigns ?? []) parts.push(`${campaignPhrase(c.name)}期间受理相关工单${c.orders}件`);
  parts.push(
    f.calls === null ? '话务数据（来电量、接通率）暂无' : `来电${f.calls}个，接通率${percent(f.answerRate)}，15秒接通率${percent(f.answerWithinRate)}`,
  );
  return `${parts.join('；')}。`;
}

/**
 * The note of an urgent or risk order among a report's notable orders (reports.repo urgentOpenAtEnd): received in the
 * period and not completed by its last day `to`, with its risk flags' names.
 */
export const urgentNote = (to: string, flags: string[]) => `本期受理的紧急/风险工单，截至${to}未办结${flags.length ? `：${flags.join('、')}` : ''}`;

/** What the Word document says under 重点工单 when there are none. */
export const noNotableOrders = '本期无大额追回工单，也无本期受理、截至期末未办结的紧急或风险工单。';

/** How a figure is written: a count, a rate (a fraction, shown as a percentage), an amount of yuan, working days. */
export type FigureForm = 'count' | 'rate' | 'money' | 'days';

/** A figure as text (the summary, the Word document): '—' or `none` when there is no figure. */
export function figureText(v: number | null, form: FigureForm, none = '—'): string {
  if (v === null) return none;
  return form === 'rate' ? percent(v) : form === 'money' ? yuan(v) : String(v);
}

/**
 * The rows the published reports carry (Inner Mongolia, Chongqing, Shaanxi), in their order: each figure as a number
 * and the form it is written in (the spreadsheet keeps numbers as numbers), `none` when there is no figure.
 */
export function publishedRows(f: KpiFigures): { label: string; value: number | null; form: FigureForm; none: string }[] {
  const noCalls = '暂无话务数据';
  return [
    { label: '来电量', value: f.calls, form: 'count', none: noCalls },
    { label: '接通率', value: f.answerRate, form: 'rate', none: f.calls === null ? noCalls : '—' },
    { label: '受理量（人次）', value: f.requests, form: 'count', none: '—' },
    { label: '工单量', value: f.ordersCreated, form: 'count', none: '—' },
    { label: '派单量（交办）', value: f.ordersDispatched, form: 'count', none: '—' },
    { label: '应办结', value: f.dueInPeriod, form: 'count', none: '—' },
    { label: '办结率', value: f.completionRate, form: 'rate', none: '—' },
    { label: '按时办结率', value: f.onTimeRate, form: 'rate', none: '—' },
    { label: '满意率', value: f.satisfactionRate, form: 'rate', none: '—' },
    { label: '平均办理时长（工作日）', value: f.averageHandlingWorkingDays, form: 'days', none: '—' },
    { label: '追回金额（元）', value: f.amountRecoveredYuan, form: 'money', none: '—' },
    { label: '帮助职工（人）', value: f.workersHelped, form: 'count', none: '—' },
  ];
}
