import { describe, expect, it } from 'vitest';
import { orderLabel, type NoticeAudience } from '../../notifications/domain/notice.js';
import { rolesThatMay, rules, type OrderAction } from '../../orders/domain/state-machine.js';
import { openStates, type OrderState } from '../../orders/domain/states.js';
import { askedOf, noticesFor, shortTime, signalNote, signalTitle, type OrderPlace } from './notices.js';
import type { SignalKind } from './timers.js';

const bj = (local: string) => new Date(`${local}+08:00`);

/**
 * The order's title (the first words of the worker's narrative) is not part of the place at all: nothing can quote it.
 * Held by a county under a city, whose desk dispatched its current hop; first dispatched by the province's hotline
 * centre; taken in at another city's desk. Each unit has another unit above it, so a report shows whom it is about.
 */
const place: OrderPlace = {
  id: 'o1',
  number: '12351-150000-20261009-0001',
  subjectName: '拖欠工资',
  state: 'handling',
  holderUnitId: 'county',
  holderChain: ['province', 'city', 'county'],
  hopDispatcherUnitId: 'city',
  intakeUnitId: 'desk',
  dispatchUnitId: 'centre',
  chains: { city: ['province', 'city'], centre: ['province', 'centre'], desk: ['province', 'city2', 'desk'] },
};
const at = (state: OrderState): OrderPlace => ({ ...place, state });
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
    ['near_due', 'pending_sign', 'sign', ['sign']],
    ['near_due', 'handling', 'reply', ['reply']],
    ['overdue', 'pending_sign', 'sign', ['sign']],
    ['overdue', 'handling', 'reply', ['reply']],
    ['emergency', 'pending_sign', 'sign', ['sign', 'reply']],
    ['emergency', 'handling', 'reply', ['sign', 'reply']],
  ] as [SignalKind, OrderState, string, OrderAction[]][])('%s in %s (the %s step) tells the holder whoever may %j', (kind, state, step, actions) => {
    const [n] = noticesFor(sig(kind, step), at(state));
    const told = holderAudience(n!.to);
    expect(new Set(told.roles)).toEqual(mayTake(...actions));
    expect(told.roles).toEqual(expect.arrayContaining(['handler', 'dispatcher', 'lawyer', 'mediator']));
  });

  it("keeps a pending dispatch's reminders to the holder's desk: a handler never makes the first dispatch", () => {
    expect(noticesFor(sig('near_due', 'dispatch'), at('pending_dispatch'))[0]!.to).toEqual([{ unitId: 'county', roles: ['dispatcher'], nearest: true }]);
    expect(noticesFor(sig('overdue', 'dispatch'), at('pending_dispatch'))[0]!.to).toEqual([{ unitId: 'county', roles: ['dispatcher'], nearest: true }]);
  });

  /**
   * Every open state: the unit its deadline's reminders, urge and escalation go to, the roles told there, and the unit
   * whose supervisors hear the reports (the one above). The unit the order waits for (orders/domain/waiting-on.ts),
   * not the county holding it: a returned order's 派单 deadline is the city desk's that must redispatch or refuse the
   * return; a reply's review the dispatching centre's; a callback the intake desk's agents'.
   */
  const asked: Partial<Record<OrderState, { step: string | null; unitId: string; roles: readonly string[]; above: string }>> = {
    pending_dispatch: { step: 'dispatch', unitId: 'county', roles: ['dispatcher'], above: 'city' },
    pending_sign: { step: 'sign', unitId: 'county', roles: rolesThatMay('sign'), above: 'city' },
    returned: { step: 'dispatch', unitId: 'city', roles: ['dispatcher'], above: 'province' },
    handling: { step: 'reply', unitId: 'county', roles: rolesThatMay('reply'), above: 'city' },
    replied: { step: 'review', unitId: 'centre', roles: ['dispatcher', 'supervisor'], above: 'province' },
    pending_callback: { step: 'callback', unitId: 'desk', roles: ['agent', 'inspector'], above: 'city2' },
    callback_dissatisfied: { step: 'reopen_or_archive', unitId: 'centre', roles: ['dispatcher'], above: 'province' },
  };
  it.each(openStates)('in %s, reminds, urges, escalates to and reports above the unit the order waits for', (state) => {
    const { step, unitId, roles, above } = asked[state]!;
    const o = at(state);
    const urged = [{ unitId, roles, nearest: true }];
    const report = [{ unitId: above, roles: ['supervisor'], nearest: true }];
    const near = step === 'callback' ? 'callback_due' : 'near_due';
    expect(noticesFor(sig(near, step), o).map((n) => [n.kind, n.to])).toEqual([[`supervision.${near}`, urged]]);
    expect(noticesFor(sig('overdue', step), o).map((n) => [n.kind, n.to])).toEqual([
      ['supervision.overdue', urged],
      ['supervision.overdue_report', report],
    ]);
    expect(noticesFor(sig('escalated', step), o).map((n) => [n.kind, n.to])).toEqual([
      ['supervision.escalated', [{ unitId, roles: ['leader'], nearest: true }]],
      ['supervision.escalated_report', report],
    ]);
    // The signal is counted at that unit too (the board's overdue marks per unit).
    for (const kind of ['near_due', 'overdue', 'escalated', 'callback_due', 'callback_retry'] as const) expect(askedOf(kind, o).unitId).toBe(unitId);
  });

  it('tells the intake agents of a callback due or to retry, whoever holds the order', () => {
    expect(noticesFor(sig('callback_due', 'callback'), at('pending_callback'))[0]!.to).toEqual([
      { unitId: 'desk', roles: ['agent', 'inspector'], nearest: true },
    ]);
    expect(noticesFor(sig('callback_retry', 'callback'), at('pending_callback'))[0]!.to).toEqual([
      { unitId: 'desk', roles: ['agent', 'inspector'], nearest: true },
    ]);
  });

  it('without a path for the unit waited for, reports to that unit itself (nearest: its supervisors, else those above)', () => {
    const [, report] = noticesFor(sig('overdue', 'dispatch'), { ...at('returned'), chains: {} });
    expect(report!.to).toEqual([{ unitId: 'city', roles: ['supervisor'], nearest: true }]);
  });

  // Progress is a note (add_note): asked of whoever handles the order there and may write one, so the lawyers' studio,
  // which handles by its lawyer and mediator, hears it (told its handlers, nobody there was, and the unit above heard).
  it.each(['pending_sign', 'handling'] as const)('asks for the missing progress of an emergency order in %s of those who handle it there', (state) => {
    const [n] = noticesFor(sig('progress_missing', state === 'handling' ? 'reply' : 'sign'), at(state));
    const noteTakers = new Set(rolesThatMay('add_note'));
    const handlers = asked[state]!.roles.filter((r) => noteTakers.has(r as never));
    expect(n!.to).toEqual([
      { unitId: 'county', roles: handlers, nearest: true },
      { unitId: 'city', roles: ['supervisor'], nearest: true },
    ]);
    expect(handlers).toEqual(expect.arrayContaining(['handler', 'lawyer', 'mediator']));
    expect(handlers).not.toContain('leader');
  });

  it("tells the province's, the unit's and the level above's leaders of an emergency order, whatever it waits for", () => {
    for (const state of openStates) {
      const [n] = noticesFor(sig('emergency'), at(state));
      expect(n!.to).toEqual([
        { unitId: 'province', roles: ['leader', 'supervisor'] },
        { unitId: 'county', roles: ['leader'] },
        { unitId: 'city', roles: ['leader'] },
        { unitId: 'county', roles: rolesThatMay('sign', 'reply'), nearest: true },
      ]);
      expect(askedOf('emergency', at(state)).unitId).toBe('county');
    }
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
