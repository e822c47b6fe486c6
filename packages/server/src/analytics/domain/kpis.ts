import type { CallFigures } from '../../calls/domain/call-figures.js';
import { metrics, type Contribution, type Metric } from './contributions.js';

/** A period of local dates, both ends included, and the unit subtree (by path prefix) the figures are for. */
export type Scope = { from: string; to: string; unitPath: string };
export type Sums = Record<Metric, number>;

export const emptySums = (): Sums => Object.fromEntries(metrics.map((m) => [m, 0])) as Sums;

/** Sums of the contributions inside a scope: what the database computes with one indexed `sum … group by metric`. */
export function sumContributions(contributions: Iterable<Contribution>, scope: Scope): Sums {
  const s = emptySums();
  for (const c of contributions) {
    if (c.day >= scope.from && c.day <= scope.to && c.unitPath.startsWith(scope.unitPath)) s[c.metric] += c.value;
  }
  return s;
}

/** A ratio, or null when nothing is in the denominator (a rate of nothing is not 0% and not 100%). */
const ratio = (num: number, den: number): number | null => (den > 0 ? round(num / den, 4) : null);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

// One function per KPI (kpis.md). Each takes the sums of a scope, so the same definition serves every screen.
export const completionRate = (s: Sums) => ratio(s.completedOnTime + s.completedLate, s.due);
export const onTimeRate = (s: Sums) => ratio(s.completedOnTime, s.due);
export const overdueCompletionRate = (s: Sums) => ratio(s.completedLate, s.due);
export const timelySignRate = (s: Sums) => ratio(s.signedTimely, s.dispatches);
export const returnRate = (s: Sums) => ratio(s.returns, s.dispatches);
export const reworkRate = (s: Sums) => ratio(s.reworks, s.completed);
export const extensionRate = (s: Sums) => ratio(s.extended, s.due);
export const repeatExtensionRate = (s: Sums) => ratio(s.extendedRepeat, s.due);
export const averageHandlingWorkingDays = (s: Sums) => (s.handlingCounted > 0 ? round(s.handlingDays / s.handlingCounted, 2) : null);
export const averageHandlingWorkingDaysFromSign = (s: Sums) => (s.handlingCounted > 0 ? round(s.handlingDaysFromSign / s.handlingCounted, 2) : null);
export const callbackRate = (s: Sums) => ratio(s.callbacksOfCompleted, s.completed);
/** 满意 and 基本满意 count as satisfied; unreachable callers are not in the denominator (they never reach `callbacks`). */
export const satisfactionRate = (s: Sums) => ratio(s.callbacks - s.handlingDissatisfied, s.callbacks);
export const callSatisfactionRate = (s: Sums) => ratio(s.callbacks - s.callDissatisfied, s.callbacks);
/** The self-rating channel (kpis.md: each channel of evaluation reported): 满意 and 基本满意 count as satisfied. */
export const selfRatingSatisfactionRate = (s: Sums) => ratio(s.selfRatings - s.selfRatingsDissatisfied, s.selfRatings);
/** Closed on the call ÷ orders received (invalid ones excluded, merged ones once). */
export const firstContactResolutionRate = (s: Sums) => ratio(s.closedAtIntake, s.ordersCreated);

/**
 * The object `getKpis` answers: every figure of kpis.md for one scope. The call figures come as the calls capability
 * computes them (calls/domain/call-figures.ts, the same function as getCallFigures); null when no call was recorded
 * in the period or the scope does not hold the hotline ("no call data", never a zero that reads as "nobody called").
 */
export function kpiFigures(s: Sums, calls: CallFigures | null = null) {
  return {
    requests: s.requests,
    ordersCreated: s.ordersCreated,
    ordersDispatched: s.ordersDispatched,
    invalidOrders: s.invalidOrders,
    closedAtIntake: s.closedAtIntake,
    dueInPeriod: s.due,
    completed: s.completed,
    completedOnTime: s.completedOnTime,
    completedLate: s.completedLate,
    completionRate: completionRate(s),
    onTimeRate: onTimeRate(s),
    overdueCompletionRate: overdueCompletionRate(s),
    dispatches: s.dispatches,
    timelySignRate: timelySignRate(s),
    returns: s.returns,
    returnRate: returnRate(s),
    reworks: s.reworks,
    reworkRate: reworkRate(s),
    extended: s.extended,
    extensionRate: extensionRate(s),
    repeatExtensionRate: repeatExtensionRate(s),
    averageHandlingWorkingDays: averageHandlingWorkingDays(s),
    averageHandlingWorkingDaysFromSign: averageHandlingWorkingDaysFromSign(s),
    callbacks: s.callbacks,
    callbackRate: callbackRate(s),
    satisfactionRate: satisfactionRate(s),
    callSatisfactionRate: callSatisfactionRate(s),
    selfRatings: s.selfRatings,
    selfRatingSatisfactionRate: selfRatingSatisfactionRate(s),
    amountRecoveredYuan: round(s.amountRecovered, 2),
    workersHelped: s.workersHelped,
    firstContactResolutionRate: firstContactResolutionRate(s),
    calls: calls?.calls ?? null,
    callsAnswered: calls?.answered ?? null,
    answerRate: calls?.answerRate ?? null,
    answerWithinRate: calls?.answerWithinRate ?? null,
    abandonRate: calls?.abandonRate ?? null,
    averageWaitSeconds: calls?.averageWaitSeconds ?? null,
    averageTalkSeconds: calls?.averageTalkSeconds ?? null,
  };
}
export type KpiFigures = ReturnType<typeof kpiFigures>;

/** The figures a unit is ranked by (the higher the better, except where `lowerIsBetter`). */
export const rankingMeasures = {
  onTimeRate: { fn: onTimeRate, lowerIsBetter: false, zh: '按时办结率' },
  completionRate: { fn: completionRate, lowerIsBetter: false, zh: '办结率' },
  satisfactionRate: { fn: satisfactionRate, lowerIsBetter: false, zh: '满意率' },
  timelySignRate: { fn: timelySignRate, lowerIsBetter: false, zh: '及时签收率' },
  returnRate: { fn: returnRate, lowerIsBetter: true, zh: '回退率' },
  extensionRate: { fn: extensionRate, lowerIsBetter: true, zh: '延期率' },
} as const;
export type RankingMeasure = keyof typeof rankingMeasures;

/**
 * Units ordered by one measure: units with no denominator (null) go last, ties by name so the order is stable.
 */
export function rankUnits<U extends { name: string; sums: Sums }>(units: U[], measure: RankingMeasure) {
  const m = rankingMeasures[measure];
  const scored = units.map((u) => ({ ...u, value: m.fn(u.sums) }));
  scored.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.name.localeCompare(b.name, 'zh') : 1) : -1;
    const d = m.lowerIsBetter ? a.value - b.value : b.value - a.value;
    return d !== 0 ? d : a.name.localeCompare(b.name, 'zh');
  });
  return scored.map((u, i) => ({ ...u, rank: u.value === null ? null : i + 1 }));
}

/** The period before and the same period a year earlier, for the comparisons on every card. */
export function comparisonPeriods(from: string, to: string): { previous: { from: string; to: string }; lastYear: { from: string; to: string } } {
  const days = dayNumber(to) - dayNumber(from) + 1;
  const prevTo = dateOf(dayNumber(from) - 1);
  const prevFrom = dateOf(dayNumber(from) - days);
  return { previous: { from: prevFrom, to: prevTo }, lastYear: { from: shiftYear(from, -1), to: shiftYear(to, -1) } };
}

/** Change against a base in percent (one decimal), null when the base is zero or unknown. */
export function changePercent(now: number | null, base: number | null): number | null {
  if (now === null || base === null || base === 0) return null;
  return Math.round(((now - base) / base) * 1000) / 10;
}

export const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
export const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
function shiftYear(d: string, years: number): string {
  const y = +d.slice(0, 4) + years;
  const md = d.slice(5);
  // 29 February of a leap year becomes 28 February.
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-02-28`;
  return `${y}-${md}`;
}

export type Granularity = 'day' | 'week' | 'month';
/** The bucket a day falls in: the day itself, the Monday of its week, or the first of its month. */
export function bucketOf(day: string, g: Granularity): string {
  if (g === 'day') return day;
  if (g === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumber(day);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday 0
  return dateOf(n - weekday);
}
