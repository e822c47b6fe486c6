import { describe, expect, it } from 'vitest';
import { drawSample, sampleSize, seedOf, shiftOf, type SampleCandidate } from './sampling.js';

const cand = (i: number, agent: string, hour: number, must: string[] = []): SampleCandidate => ({
  key: `o${String(i).padStart(4, '0')}`,
  agentUserId: agent,
  hour,
  mustReasons: must,
});

describe('sampleSize', () => {
  it.each([
    [0, 0.03, 0],
    [10, 0, 0],
    [10, 0.03, 1],
    [100, 0.03, 3],
    [1000, 0.03, 30],
    [50, 0.05, 3],
    [5, 1, 5],
    [5, 2, 5],
  ])('%i orders at %f → %i', (population, rate, expected) => {
    expect(sampleSize(population, rate)).toBe(expected);
  });
});

describe('shiftOf', () => {
  it.each([
    [0, 'night'],
    [7, 'night'],
    [8, 'day'],
    [15, 'day'],
    [16, 'evening'],
    [23, 'evening'],
  ] as const)('%i h → %s', (h, s) => expect(shiftOf(h)).toBe(s));
});

describe('drawSample', () => {
  const agents = ['a', 'b', 'c', 'd'];
  const day = Array.from({ length: 400 }, (_, i) => cand(i, agents[i % 4]!, (i * 7) % 24));

  it('follows the rate', () => {
    expect(drawSample(day, { rate: 0.03, seed: '2026-11-30' })).toHaveLength(12);
    expect(drawSample(day, { rate: 0.05, seed: '2026-11-30' })).toHaveLength(20);
  });

  it('always includes the orders that must be inspected, on top of the rate', () => {
    const withMust = [...day, cand(900, 'a', 10, ['dissatisfied']), cand(901, 'b', 22, ['agent_complaint', 'dissatisfied'])];
    const s = drawSample(withMust, { rate: 0.03, seed: 'x' });
    expect(s.filter((p) => p.reasons.includes('dissatisfied')).map((p) => p.key)).toEqual(['o0900', 'o0901']);
    expect(s.find((p) => p.key === 'o0901')!.reasons).toEqual(['agent_complaint', 'dissatisfied']);
    expect(s.filter((p) => p.reasons.includes('random'))).toHaveLength(12);
    expect(drawSample([cand(1, 'a', 9, ['dissatisfied'])], { rate: 0, seed: 'x' })).toHaveLength(1);
  });

  it('spreads the sample over agents and shifts before taking a second from any', () => {
    const s = drawSample(day, { rate: 0.03, seed: '2026-11-30' });
    const strata = new Set(s.map((p) => `${p.agentUserId}|${shiftOf(day.find((c) => c.key === p.key)!.hour)}`));
    expect(strata.size).toBe(12); // 4 agents × 3 shifts: one each
    const perAgent = agents.map((a) => s.filter((p) => p.agentUserId === a).length);
    expect(perAgent).toEqual([3, 3, 3, 3]);
  });

  it('is reproducible for a day and differs between days', () => {
    const a = drawSample(day, { rate: 0.03, seed: '2026-11-30' }).map((p) => p.key);
    const b = drawSample([...day].reverse(), { rate: 0.03, seed: '2026-11-30' }).map((p) => p.key);
    expect(a.sort()).toEqual(b.sort());
    const c = drawSample(day, { rate: 0.03, seed: '2026-12-01' }).map((p) => p.key);
    expect(c.sort()).not.toEqual(a);
  });

  it('never draws an order twice and never more than there are', () => {
    const few = day.slice(0, 3);
    const s = drawSample(few, { rate: 5, seed: 's' });
    expect(new Set(s.map((p) => p.key)).size).toBe(3);
  });

  it('seeds differ for different texts', () => {
    expect(seedOf('2026-11-30')).not.toBe(seedOf('2026-12-01'));
  });
});
