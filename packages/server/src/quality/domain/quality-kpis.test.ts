import { describe, expect, it } from 'vitest';
import { inspectionCoverage, passRate, qualityByAgent, rectificationRate } from './quality-kpis.js';

const d = (s: string) => new Date(`${s}T00:00:00+08:00`);
const november = { from: d('2026-11-01'), to: d('2026-12-01') };

describe('quality KPIs (kpis.md)', () => {
  it('coverage: inspected ÷ all, null without a population', () => {
    expect(inspectionCoverage(3, 100)).toBe(0.03);
    expect(inspectionCoverage(0, 0)).toBeNull();
  });

  it('pass rate counts only scored inspections', () => {
    expect(
      passRate([
        { agentUserId: 'a', scored: true, passed: true },
        { agentUserId: 'a', scored: true, passed: false },
        { agentUserId: 'b', scored: true, passed: true },
        { agentUserId: 'b', scored: false, passed: null },
      ]),
    ).toBeCloseTo(2 / 3);
    expect(passRate([{ agentUserId: 'a', scored: false, passed: null }])).toBeNull();
  });

  it('rectification rate: closed by the due date ÷ due in the period; late and open count against it', () => {
    const items = [
      { dueAt: d('2026-11-10'), closedAt: d('2026-11-09') }, // on time
      { dueAt: d('2026-11-10'), closedAt: d('2026-11-10') }, // on the day: on time
      { dueAt: d('2026-11-20'), closedAt: d('2026-11-21') }, // late
      { dueAt: d('2026-11-25'), closedAt: null }, // open past due
      { dueAt: d('2026-12-02'), closedAt: d('2026-11-28') }, // due next month: not in November's denominator
      { dueAt: d('2026-10-31'), closedAt: null }, // due last month
    ];
    expect(rectificationRate(items, november)).toBe(0.5);
    expect(rectificationRate([], november)).toBeNull();
  });

  it('per agent', () => {
    const r = qualityByAgent([
      { agentUserId: 'b', scored: true, passed: true },
      { agentUserId: 'a', scored: true, passed: false },
      { agentUserId: 'a', scored: true, passed: true },
    ]);
    expect(r).toEqual([
      { agentUserId: 'a', inspections: 2, scored: 2, passed: 1, passRate: 0.5 },
      { agentUserId: 'b', inspections: 1, scored: 1, passed: 1, passRate: 1 },
    ]);
  });
});
