/**
 * A forecast of the coming weeks per subject, for the monthly analysis: Holt's linear exponential smoothing with a
 * damped trend over weekly counts (level and trend follow the recent weeks; damping keeps a short rise from being
 * extended for ever), and a 95 % interval from the Poisson spread of a count plus the one-step errors seen so far.
 */
export type ForecastPoint = { week: number; expected: number; low: number; high: number };

export function holtForecast(
  history: readonly number[],
  horizon: number,
  p: { alpha: number; beta: number; phi: number } = { alpha: 0.5, beta: 0.2, phi: 0.9 },
): ForecastPoint[] {
  if (!history.length) return Array.from({ length: horizon }, (_, i) => ({ week: i + 1, expected: 0, low: 0, high: 0 }));
  let level = history[0]!;
  let trend = history.length > 1 ? history[1]! - history[0]! : 0;
  let sq = 0;
  let n = 0;
  for (const y of history.slice(1)) {
    const predicted = level + p.phi * trend;
    sq += (y - predicted) ** 2;
    n++;
    const prevLevel = level;
    level = p.alpha * y + (1 - p.alpha) * predicted;
    trend = p.beta * (level - prevLevel) + (1 - p.beta) * p.phi * trend;
  }
  const residual = n ? sq / n : 0;
  const out: ForecastPoint[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += p.phi ** h;
    const expected = Math.max(0, level + damp * trend);
    const sd = Math.sqrt(expected + residual * h);
    out.push({ week: h, expected: round(expected), low: round(Math.max(0, expected - 1.96 * sd)), high: round(expected + 1.96 * sd) });
  }
  return out;
}

const round = (v: number) => Math.round(v * 10) / 10;
