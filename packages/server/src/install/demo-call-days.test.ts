import { describe, expect, it } from 'vitest';
import { addDaysToDate, instantAt } from '../calendar/domain/working-time.js';
import { foldCall, type CallEvent, type CallRecord } from '../calls/domain/call-events.js';
import { callFigures } from '../calls/domain/call-figures.js';
import { demoCallDay } from './demo-call-days.js';

const agents = ['agent', 'callback'];
const records = (events: CallEvent[]): CallRecord[] => {
  const byCall = new Map<string, CallEvent[]>();
  for (const e of events) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  return [...byCall].map(([id, es]) => foldCall(id, es));
};
const hourOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).getUTCHours();

describe("the demo's call history, one day at a time", () => {
  it('draws the same calls for the same date whenever it runs, and another day draws others', () => {
    const a = demoCallDay({ date: '2026-11-23', workday: true, agents });
    expect(demoCallDay({ date: '2026-11-23', workday: true, agents })).toEqual(a);
    expect(demoCallDay({ date: '2026-11-24', workday: true, agents })).not.toEqual(a);
  });

  it("today's calls so far are the day's calls that ended before the clock: none in the future, none changed", () => {
    const whole = records(demoCallDay({ date: '2026-11-25', workday: true, agents }));
    const until = instantAt('2026-11-25', 10 * 60);
    const sofar = records(demoCallDay({ date: '2026-11-25', workday: true, agents, until }));
    expect(sofar.length).toBeGreaterThan(5);
    expect(sofar.length).toBeLessThan(whole.length);
    expect(sofar.flatMap((r) => r.events).every((e) => Date.parse(e.at) < until.getTime())).toBe(true);
    const byId = new Map(whole.map((r) => [r.callId, r]));
    for (const r of sofar) expect(r).toEqual(byId.get(r.callId));
    expect(sofar.every((r) => r.outcome !== 'in_progress')).toBe(true);
  });

  it('has a desk’s shape over eight weeks: working days busier, office hours busier, a plausible answer rate, some abandons', () => {
    const days = Array.from({ length: 56 }, (_, i) => addDaysToDate('2026-09-28', i));
    const workday = (d: string) => ![0, 6].includes(new Date(instantAt(d, 720)).getUTCDay());
    const perDay = days.map((d) => ({ d, work: workday(d), calls: records(demoCallDay({ date: d, workday: workday(d), agents })) }));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const work = mean(perDay.filter((p) => p.work).map((p) => p.calls.length));
    const rest = mean(perDay.filter((p) => !p.work).map((p) => p.calls.length));
    expect(work).toBeGreaterThan(70);
    expect(work).toBeLessThan(130);
    expect(rest).toBeLessThan(work / 2);
    const all = perDay.flatMap((p) => p.calls);
    const inHours = (from: number, to: number) => all.filter((r) => hourOf(r.offeredAt!) >= from && hourOf(r.offeredAt!) < to).length;
    expect(inHours(9, 11)).toBeGreaterThan(4 * inHours(2, 4));
    const f = callFigures(all);
    expect(f.answerRate).toBeGreaterThan(0.8);
    expect(f.answerRate).toBeLessThan(0.97);
    expect(f.abandonRate).toBeGreaterThan(0.02);
    expect(f.averageWaitSeconds).toBeGreaterThan(5);
    expect(f.averageWaitSeconds).toBeLessThan(40);
    expect(all.filter((r) => r.outcome === 'ivr_only').length / all.length).toBeGreaterThan(0.05);
    expect(all.some((r) => r.outcome === 'queue_timeout')).toBe(true);
    expect(all.some((r) => r.transfers.some((t) => t.target === 'lawyer'))).toBe(true);
    expect(new Set(all.map((r) => r.agent).filter(Boolean))).toEqual(new Set(agents));
    // Some callers call again on another day (the screen pop's earlier calls).
    const numbers = new Map<string, Set<string>>();
    for (const p of perDay) for (const r of p.calls) numbers.set(r.caller!, (numbers.get(r.caller!) ?? new Set()).add(p.d));
    expect([...numbers.values()].filter((s) => s.size > 1).length).toBeGreaterThan(20);
  });

  it("gives each phone order its call: the caller's number, answered by the agent who saved it, minutes before the save", () => {
    const createdAt = instantAt('2026-11-23', 14 * 60 + 30);
    const calls = records(demoCallDay({ date: '2026-11-23', workday: true, agents, phoneOrders: [{ createdAt, phone: '13904715555', agent: 'callback' }] }));
    const mine = calls.filter((r) => r.caller === '13904715555');
    expect(mine).toHaveLength(1);
    const [c] = mine;
    expect(c!.agent).toBe('callback');
    expect(c!.outcome).toBe('answered');
    expect(Date.parse(c!.answeredAt!)).toBeLessThan(createdAt.getTime() - 60_000);
    expect(Date.parse(c!.endedAt!)).toBeGreaterThan(createdAt.getTime());
  });
});
