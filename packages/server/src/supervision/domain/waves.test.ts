import { describe, expect, it } from 'vitest';
import { noticesFor, type OrderPlace } from './notices.js';
import type { Signal, SignalKind } from './timers.js';
import { splitWaves, waveListed, waveNotices, waveSize } from './waves.js';

const place = (i: number, over: Partial<OrderPlace> = {}): OrderPlace => ({
  id: `o${i}`,
  number: `12351-150000-20261020-${String(i).padStart(4, '0')}`,
  subjectName: '拖欠工资',
  state: 'handling',
  holderUnitId: 'county',
  holderChain: ['province', 'city', 'county'],
  hopDispatcherUnitId: 'city',
  intakeUnitId: 'centre',
  dispatchUnitId: 'province',
  chains: { city: ['province', 'city'], centre: ['province', 'centre'], province: ['province'] },
  ...over,
});
const sig = (kind: SignalKind, p: OrderPlace): Signal => ({ kind, orderId: p.id, step: 'reply', dueAt: null, key: `${kind}:${p.id}:${p.holderUnitId}` });
const item = (i: number, employerKey: string | null = 'acme', kind: SignalKind = 'emergency', over: Partial<OrderPlace> = {}) => {
  const p = place(i, over);
  return { s: sig(kind, p), employerKey, place: p };
};
const ids = (xs: { place: OrderPlace }[]) => xs.map((x) => x.place.id).sort();

describe('an emergency wave: orders of one employer at one unit in one pass', () => {
  it(`groups ${waveSize} or more; fewer stay one notice an order`, () => {
    for (let n = 1; n <= 8; n++) {
      const items = Array.from({ length: n }, (_, i) => item(i + 1));
      const { alone, waves } = splitWaves(items);
      if (n >= waveSize) {
        expect(waves, `n=${n}`).toHaveLength(1);
        expect(waves[0]!, `n=${n}`).toHaveLength(n);
        expect(alone, `n=${n}`).toEqual([]);
      } else {
        expect(waves, `n=${n}`).toEqual([]);
        expect(ids(alone), `n=${n}`).toEqual(ids(items));
      }
    }
  });

  it('never groups orders without an employer, of another employer or holder, or the callbacks and instruction requests', () => {
    const items = [
      ...[1, 2, 3].map((i) => item(i, null)),
      item(4, 'acme'),
      item(5, 'acme'),
      item(6, 'acme', 'emergency', { holderUnitId: 'other' }),
      item(7, 'beta'),
      ...[8, 9, 10].map((i) => item(i, 'acme', 'callback_due')),
      ...[11, 12, 13].map((i) => item(i, 'acme', 'instruction_requested')),
      ...[14, 15].map((i) => item(i, 'acme', 'overdue')),
    ];
    const { alone, waves } = splitWaves(items);
    expect(waves).toEqual([]);
    expect(ids(alone)).toEqual(ids(items));
  });

  it('keeps each item once, alone or in exactly one wave, whatever the mix', () => {
    const items = [
      ...[1, 2, 3, 4].map((i) => item(i, 'acme')),
      ...[5, 6, 7].map((i) => item(i, 'beta')),
      ...[8, 9].map((i) => item(i, 'gamma')),
      ...[10, 11, 12].map((i) => item(i, 'acme', 'emergency', { holderUnitId: 'other' })),
      item(13, 'acme', 'near_due'),
      ...[14, 15, 16].map((i) => item(i, 'acme', 'near_due')),
    ];
    const { alone, waves } = splitWaves(items);
    expect(waves.map(ids).sort()).toEqual([
      ['o1', 'o2', 'o3', 'o4'],
      ['o10', 'o11', 'o12'],
      ['o13', 'o14', 'o15', 'o16'],
      ['o5', 'o6', 'o7'],
    ]);
    expect(ids(alone)).toEqual(['o8', 'o9']);
    expect([...ids(alone), ...waves.flatMap(ids)].sort()).toEqual(ids(items));
  });

  // A wave is told as its first order's signal would be: its orders must all be told to the same unit, the one asked.
  it('groups by the unit the orders wait for, not by their holder: returned by two counties to one desk, one wave', () => {
    const returned = (i: number, holderUnitId: string, hopDispatcherUnitId = 'city') =>
      item(i, 'acme', 'overdue', { state: 'returned', holderUnitId, holderChain: ['province', 'city', holderUnitId], hopDispatcherUnitId });
    const { alone, waves } = splitWaves([returned(1, 'county'), returned(2, 'county2'), returned(3, 'county'), returned(4, 'county', 'province')]);
    expect(waves.map(ids)).toEqual([['o1', 'o2', 'o3']]);
    expect(ids(alone)).toEqual(['o4']);
    expect(waveNotices(waves[0]!)[0]!.to).toEqual([{ unitId: 'city', roles: ['dispatcher'], nearest: true }]);
  });

  it('orders a wave by number, whatever order the pass found them in', () => {
    const { waves } = splitWaves([item(7), item(2), item(5), item(3)]);
    expect(waves[0]!.map((w) => w.place.number)).toEqual([2, 3, 5, 7].map((i) => place(i).number));
  });
});

describe("a wave's notices", () => {
  const wave = (n: number, kind: SignalKind = 'emergency') => splitWaves(Array.from({ length: n }, (_, i) => item(n - i, 'acme', kind))).waves[0]!;

  it('are the notices of its first order, to the same people, with the same kinds and levels', () => {
    for (const kind of ['emergency', 'near_due', 'overdue', 'escalated', 'progress_missing'] as const) {
      const w = wave(5, kind);
      const single = noticesFor(w[0]!.s, w[0]!.place);
      const told = waveNotices(w);
      expect(
        told.map((n) => [n.kind, n.level, n.to, n.orderId]),
        kind,
      ).toEqual(single.map((n) => [n.kind, n.level, n.to, 'o1']));
    }
  });

  it('count the orders and name the first by number and subject only (the title is also the SMS)', () => {
    const [n] = waveNotices(wave(37));
    expect(n!.title).toBe(`应急工单：工单 ${place(1).number}（拖欠工资）等 37 张（同一用人单位）`);
    // The body quotes twenty numbers and counts the rest; the data lists them.
    expect(n!.body).toContain(`${place(1).number}、${place(2).number}`);
    expect(n!.body).toContain(place(20).number);
    expect(n!.body).not.toContain(place(21).number);
    expect(n!.body).toContain('等 37 张');
    expect(n!.data).toMatchObject({ signal: 'emergency', count: 37, number: place(1).number });
    expect((n!.data!.numbers as string[]).length).toBe(37);
    expect(n!.data!.orderIds).toEqual(Array.from({ length: 37 }, (_, i) => `o${i + 1}`));
  });

  it('say the earliest deadline of the wave', () => {
    const items = [3, 1, 2].map((i) => ({
      ...item(i, 'acme', 'overdue'),
      s: { ...sig('overdue', place(i)), dueAt: new Date(Date.UTC(2026, 9, 9, 9 - i, 30)) },
    }));
    const [urge, report] = waveNotices(splitWaves(items).waves[0]!);
    expect(urge!.title).toBe(`催办通知：工单 ${place(1).number}（拖欠工资）等 3 张（同一用人单位）办结反馈已于 10月9日 14:30 超期`);
    expect(report!.title).toContain('（期限 10月9日 14:30）');
    expect(urge!.data!.dueAt).toBe('2026-10-09T06:30:00.000Z');
    // Each order keeps its own deadline in the data (the phone task lists them).
    const own = Object.fromEntries((urge!.data!.orderIds as string[]).map((id, k) => [id, (urge!.data!.dueAts as string[])[k]]));
    expect(own).toEqual({ o1: '2026-10-09T08:30:00.000Z', o2: '2026-10-09T07:30:00.000Z', o3: '2026-10-09T06:30:00.000Z' });
  });

  it(`list at most ${waveListed} orders in their data, and say when the wave spans several subjects`, () => {
    const [big] = waveNotices(wave(waveListed + 30));
    expect(big!.data).toMatchObject({ count: waveListed + 30 });
    expect((big!.data!.orderIds as string[]).length).toBe(waveListed);
    const mixed = splitWaves([item(1), item(2, 'acme', 'emergency', { subjectName: '社会保险' }), item(3)]).waves[0]!;
    expect(waveNotices(mixed)[0]!.body).toContain('涉及 2 个事项');
    expect(waveNotices(wave(3))[0]!.body).not.toContain('涉及');
  });

  it('have keys of their own for one wave, whatever order its items come in, and others for another wave', () => {
    const w = wave(6, 'overdue');
    const keys = waveNotices(w).map((n) => n.key);
    expect(waveNotices([...w].reverse()).map((n) => n.key)).toEqual(keys);
    const smallest = [...w.map((x) => x.s.key)].sort()[0]!;
    expect(keys).toEqual([`${smallest}:wave`, `${smallest}:report:wave`]);
    // No order's own notice has a wave's key.
    const singles = w.flatMap((x) => noticesFor(x.s, x.place).map((n) => n.key));
    for (const k of keys) expect(singles).not.toContain(k);
    const later = splitWaves([7, 8, 9].map((i) => item(i + 10, 'acme', 'overdue'))).waves[0]!;
    expect(waveNotices(later).map((n) => n.key)).not.toContain(keys[0]);
  });

  it('refuse an empty wave', () => {
    expect(() => waveNotices([])).toThrow();
  });
});
