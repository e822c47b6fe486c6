import { mulberry32 } from '../../platform/random.js';
import { groupBy } from '../../platform/collections/group-by.js';
/**
 * The daily quality-inspection sample (质检抽样): drawn by the system at a configurable rate, spread over agents and
 * shifts, always including the orders that must be looked at (a dissatisfied callback, a complaint about an agent).
 * Pure and deterministic: the same day and candidates give the same sample, so a re-draw never reshuffles an
 * inspector's work and a test can state exactly what is drawn.
 */
export type SampleCandidate = {
  /** What is inspected, as the caller names it (e.g. `order:<id>` or `call:<id>`): the sampler only needs it unique and sortable. */
  key: string;
  /** The agent whose work is inspected (the person who took the call / created the order). */
  agentUserId: string;
  /** Hour of day in the hotline's time zone (0–23), to spread the sample over shifts. */
  hour: number;
  /** Reasons this order must be inspected whatever the rate (e.g. 'dissatisfied', 'agent_complaint'). */
  mustReasons: string[];
};

export type Sampled = { key: string; agentUserId: string; reasons: string[] };

export type Shift = 'day' | 'evening' | 'night';
/** Shifts as Inner Mongolia's 24-hour rota runs them: 08–16 day, 16–24 evening, 00–08 night. */
export const shiftOf = (hour: number): Shift => (hour >= 8 && hour < 16 ? 'day' : hour >= 16 ? 'evening' : 'night');

/** Random sample size: at least one when there is anything to inspect and the rate is above zero (coverage never rounds to nothing). */
export function sampleSize(population: number, rate: number): number {
  if (population <= 0 || rate <= 0) return 0;
  return Math.min(population, Math.max(1, Math.round(population * rate)));
}

/** FNV-1a of a string, the seed of a day's draw. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Draws the sample: every must-inspect order, then `sampleSize(rest, rate)` more taken round-robin over the
 * (agent × shift) strata in a seeded order, so each agent and shift is represented before any gets a second one.
 */
export function drawSample(candidates: SampleCandidate[], opts: { rate: number; seed: string }): Sampled[] {
  const rand = mulberry32(seedOf(opts.seed));
  const must = candidates.filter((c) => c.mustReasons.length > 0);
  const rest = candidates.filter((c) => c.mustReasons.length === 0);
  const picked: Sampled[] = must.map((c) => ({ key: c.key, agentUserId: c.agentUserId, reasons: [...c.mustReasons] }));
  let wanted = sampleSize(rest.length, opts.rate);
  if (!wanted) return picked;

  // A stable order of candidates first (by id), so the result does not depend on the order the database returned.
  const strata = groupBy(
    [...rest].sort((a, b) => (a.key < b.key ? -1 : 1)),
    (c) => `${c.agentUserId}|${shiftOf(c.hour)}`,
  );
  const queues = [...strata.keys()].sort().map((k) => shuffle(strata.get(k)!, rand));
  shuffle(queues, rand);
  while (wanted > 0) {
    let took = false;
    for (const q of queues) {
      const c = q.shift();
      if (!c) continue;
      picked.push({ key: c.key, agentUserId: c.agentUserId, reasons: ['random'] });
      took = true;
      if (--wanted === 0) break;
    }
    if (!took) break;
  }
  return picked;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
