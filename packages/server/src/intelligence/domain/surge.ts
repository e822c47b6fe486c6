/**
 * Surge warning per subject × city: is today's count, or this week's, far above what the recent weeks lead us to
 * expect? The baseline is an exponentially weighted moving average (EWMA) of the complete weeks before this one
 * (recent weeks weigh more, so a slow seasonal rise moves the baseline with it), and the test is Poisson: a count
 * whose upper-tail probability under the baseline is below alpha, at least minCount and at least ratio × expected.
 * A normal Tuesday's 3 calls against an expected 2.4 is nothing; 40 wage-arrears calls in a week against an
 * expected 12 before Spring Festival is a surge.
 */
export type DailyCount = { subjectCode: string; cityCode: string; day: string /* YYYY-MM-DD, local */; count: number };
export type SurgeRule = { alpha: number; minDay: number; minWeek: number; ratio: number; baselineWeeks: number; ewmaWeight: number };
export const defaultSurgeRule: SurgeRule = { alpha: 0.001, minDay: 5, minWeek: 10, ratio: 2, baselineWeeks: 8, ewmaWeight: 0.3 };

export type Surge = {
  subjectCode: string;
  cityCode: string;
  window: 'day' | 'week';
  observed: number;
  expected: number;
  pValue: number;
};

/** P(X ≥ k) for X ~ Poisson(lambda), summed in log space so large counts do not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // 1 − P(X ≤ k − 1)
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
  }
  if (cdf < 0.999999) return Math.max(0, 1 - cdf);
  // Far in the tail: sum the terms from k upwards instead (1 − cdf has lost its digits).
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let tail = 0;
  for (let i = k; i < k + 1000; i++) {
    tail += Math.exp(logTerm);
    logTerm += Math.log(lambda) - Math.log(i + 1);
    if (Math.exp(logTerm) < tail * 1e-12) break;
  }
  return tail;
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** The EWMA of weekly counts, oldest first; with no history, 0. */
export function ewma(values: readonly number[], weight: number): number {
  if (!values.length) return 0;
  let m = values[0]!;
  for (const v of values.slice(1)) m = weight * v + (1 - weight) * m;
  return m;
}

const dayMs = 86_400_000;
const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / dayMs);

/**
 * The surges on `today` (a local date): the series are built from the counts given (days without a row count 0).
 * "This week" is the 7 days ending today; the baseline weeks are the complete 7-day blocks before it.
 */
export function detectSurges(counts: readonly DailyCount[], today: string, rule: SurgeRule = defaultSurgeRule): Surge[] {
  const t = dayNumber(today);
  const series = new Map<string, Map<number, number>>();
  for (const c of counts) {
    const key = `${c.subjectCode}|${c.cityCode}`;
    const m = series.get(key) ?? new Map<number, number>();
    m.set(dayNumber(c.day), (m.get(dayNumber(c.day)) ?? 0) + c.count);
    series.set(key, m);
  }
  const out: Surge[] = [];
  for (const [key, byDay] of series) {
    const [subjectCode, cityCode] = key.split('|') as [string, string];
    const sum = (from: number, to: number) => {
      let s = 0;
      for (let d = from; d <= to; d++) s += byDay.get(d) ?? 0;
      return s;
    };
    const weeks: number[] = [];
    for (let w = rule.baselineWeeks; w >= 1; w--) weeks.push(sum(t - 7 * w - 6, t - 7 * w));
    // A floor of one request per four weeks: a subject never heard of in a city still needs several requests to surge.
    const weekly = Math.max(ewma(weeks, rule.ewmaWeight), 0.25);
    const daily = weekly / 7;
    const today = byDay.get(t) ?? 0;
    const week = sum(t - 6, t);
    const test = (window: 'day' | 'week', observed: number, expected: number, min: number) => {
      if (observed < min || observed < rule.ratio * expected) return;
      const pValue = poissonUpperTail(observed, expected);
      if (pValue < rule.alpha) out.push({ subjectCode, cityCode, window, observed, expected: Math.round(expected * 100) / 100, pValue });
    };
    test('day', today, daily, rule.minDay);
    test('week', week, weekly, rule.minWeek);
  }
  return out.sort((a, b) => a.pValue - b.pValue);
}
