import { describe, expect, it } from 'vitest';
import { orderLabel, type NoticeAudience } from '../../notifications/domain/notice.js';
import { rules, type OrderAction } from '../../orders/domain/state-machine.js';
import { noticesFor, shortTime, signalNote, signalTitle } from './notices.js';
import type { SignalKind } from './timers.js';

const bj = (local: string) => new Date(`${local}+08:00`);

/** The order's title (the first words of the worker's narrative) is not part of the place at all: nothing can quote it. */
const place = {
  id: 'o1',
  number: '12351-150000-20261009-0001',
  subjectName: '拖欠工资',
  holderUnitId: 'county',
  holderChain: ['province', 'city', 'county'],
  intakeUnitId: 'centre',
  dispatchUnitId: 'province',
};
const sig = (kind: SignalKind, step: string | null = 'reply') => ({ kind, orderId: 'o1', step, dueAt: bj('2026-10-09T17:30:00'), key: `${kind}:o1` });
const kinds: SignalKind[] = ['emergency', 'near_due', 'overdue', 'escalated', 'progress_missing', 'callback_due', 'callback_retry', 'instruction_requested'];

describe('notice texts', () => {
  it('name the order by number and subject only', () => {
    expect(orderLabel(place.number, place.subjectName)).toBe('工单 12351-150000-20261009-0001（拖欠工资）');
  });

  it('every signal kind names the order by number and subject, and the texts are fixed apart from them', () => {
    for (const kind of kinds) {
      const ns = noticesFor({ ...sig(kind), awaited: 'receiving' }, place);
      expect(ns.length, kind).toBeGreaterThan(0);
      for (const n of ns) {
        expect(n.title, kind).toContain(`工单 ${place.number}（拖欠工资）`);
        // Nothing of the order but its number, subject, step and deadline: the same texts for another order's place.
        const other = noticesFor({ ...sig(kind), awaited: 'receiving' }, { ...place, number: 'N2', subjectName: 'S2' }).find((m) => m.kind === n.kind)!;
        expect(other.title.replace('N2', place.number).replace('S2', '拖欠工资'), kind).toBe(n.title);
        expect(other.body, kind).toBe(n.body);
      }
    }
  });

  it('say the step and the deadline of a deadline signal, in Beijing time', () => {
    const [urge, report] = noticesFor(sig('overdue'), place);
    expect(urge!.title).toBe('催办通知：工单 12351-150000-20261009-0001（拖欠工资）办结反馈已于 10月9日 17:30 超期');
    expect(report!.title).toBe('超期报告：工单 12351-150000-20261009-0001（拖欠工资）办结反馈已超期（期限 10月9日 17:30）');
    expect(noticesFor(sig('near_due', 'sign'), place)[0]!.title).toBe('临期提醒：工单 12351-150000-20261009-0001（拖欠工资）签收将于 10月9日 17:30 到期');
    expect(noticesFor(sig('callback_due', 'callback'), place)[0]!.title).toBe(
      '回访提醒：工单 12351-150000-20261009-0001（拖欠工资）回访将于 10月9日 17:30 到期',
    );
    expect(noticesFor(sig('escalated'), place)[0]!.body).toBe('原期限 10月9日 17:30，请单位领导督促办理。');
  });

  it('carry the number, signal, step and deadline as data, and nothing of the narrative', () => {
    expect(noticesFor(sig('near_due'), place)[0]!.data).toEqual({ number: place.number, signal: 'near_due', step: 'reply', dueAt: '2026-10-09T09:30:00.000Z' });
  });
});

describe('who hears of a signal', () => {
  it('urges the unit and reports to the supervisors above when overdue', () => {
    const [urge, report] = noticesFor(sig('overdue'), place);
    expect(urge).toMatchObject({ key: 'overdue:o1', to: [{ unitId: 'county', roles: expect.arrayContaining(['handler', 'dispatcher']), nearest: true }] });
    expect(report).toMatchObject({ key: 'overdue:o1:report', to: [{ unitId: 'city', roles: ['supervisor'], nearest: true }] });
  });

  // The holder is asked to take the step's action: its reminders tell exactly the roles that rule lets act there, so
  // the lawyers' studio (its lawyer and mediator sign and reply) hears of its own deadlines instead of the unit above.
  const holderAudience = (to: readonly NoticeAudience[]) =>
    to.find((a): a is Extract<NoticeAudience, { unitId: string }> => 'unitId' in a && a.unitId === 'county' && !!a.nearest)!;
  const mayTake = (...actions: OrderAction[]) => new Set(actions.flatMap((a) => rules[a].roles));
  it.each([
    ['near_due', 'sign', ['sign']],
    ['near_due', 'reply', ['reply']],
    ['overdue', 'sign', ['sign']],
    ['overdue', 'reply', ['reply']],
    ['emergency', 'sign', ['sign', 'reply']],
    ['emergency', 'reply', ['sign', 'reply']],
  ] as [SignalKind, string, OrderAction[]][])('%s at the %s step tells the holder whoever may %j', (kind, step, actions) => {
    const [n] = noticesFor(sig(kind, step), place);
    const told = holderAudience(n!.to);
    expect(new Set(told.roles)).toEqual(mayTake(...actions));
    expect(told.roles).toEqual(expect.arrayContaining(['handler', 'dispatcher', 'lawyer', 'mediator']));
  });

  it("keeps a dispatch step's reminders to the holder's desk", () => {
    expect(noticesFor(sig('near_due', 'dispatch'), place)[0]!.to).toEqual([{ unitId: 'county', roles: ['dispatcher'], nearest: true }]);
    expect(noticesFor(sig('overdue', 'dispatch'), place)[0]!.to).toEqual([{ unitId: 'county', roles: ['dispatcher'], nearest: true }]);
  });

  it('urges the intake agents, not the holding unit, when the callback is overdue', () => {
    expect(noticesFor(sig('overdue', 'callback'), place)[0]!.to).toEqual([{ unitId: 'centre', roles: ['agent'], nearest: true }]);
  });

  it("escalates to the unit's leader, and tells the callback agents of callbacks", () => {
    expect(noticesFor(sig('escalated'), place)[0]!.to).toEqual([{ unitId: 'county', roles: ['leader'], nearest: true }]);
    expect(noticesFor(sig('callback_retry'), place)[0]!.to).toEqual([{ unitId: 'centre', roles: ['agent'], nearest: true }]);
  });

  it("tells the province's, the unit's and the level above's leaders of an emergency order", () => {
    const [n] = noticesFor(sig('emergency'), place);
    expect(n!.to).toEqual(
      expect.arrayContaining([
        { unitId: 'province', roles: ['leader', 'supervisor'] },
        { unitId: 'county', roles: ['leader'] },
        { unitId: 'city', roles: ['leader'] },
      ]),
    );
  });
});

describe("a signal's timeline note", () => {
  it('names the time in it as the step’s deadline, not as when the order entered the mechanism', () => {
    expect(signalNote({ kind: 'emergency', step: 'dispatch', dueAt: bj('2026-12-04T14:28:00') })).toBe('应急机制启动（派单时限 12月4日 14:28）');
    expect(signalNote({ kind: 'overdue', step: 'sign', dueAt: bj('2026-12-04T09:00:00') })).toBe('超期催办（签收时限 12月4日 09:00）');
    expect(signalNote({ kind: 'emergency', step: null, dueAt: null })).toBe('应急机制启动');
    expect(signalNote({ kind: 'progress_missing', step: 'reply', dueAt: bj('2026-12-03T17:30:00') })).toBe('应急工单未报进展（12月3日 17:30）');
  });

  it('for every kind, step and deadline: the kind’s name, then the time named as the step’s deadline where it is one', () => {
    const deadlineKinds = new Set<SignalKind>(['emergency', 'near_due', 'overdue', 'escalated', 'callback_due']);
    const names: Record<string, string> = { dispatch: '派单', sign: '签收', return: '退单', reply: '办结反馈', callback: '回访', review: '审核' };
    const due = bj('2026-12-31T23:59:00');
    for (const kind of kinds) {
      for (const step of [...Object.keys(names), 'other_step', null]) {
        const name = signalTitle(kind);
        expect(signalNote({ kind, step, dueAt: null })).toBe(name);
        const what = !deadlineKinds.has(kind) ? '' : step ? `${names[step] ?? step}时限 ` : '期限 ';
        expect({ kind, step, note: signalNote({ kind, step, dueAt: due }) }).toEqual({ kind, step, note: `${name}（${what}${shortTime(due)}）` });
      }
    }
    expect(shortTime(due)).toBe('12月31日 23:59');
  });
});
