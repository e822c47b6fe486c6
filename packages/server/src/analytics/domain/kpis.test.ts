import { describe, expect, it } from 'vitest';
import { addDaysToDate, createWorkingCalendar, instantAt } from '../../calendar/domain/working-time.js';
import { calendarMetrics, contributionsOf, movedBy, type OrderFacts } from './contributions.js';
import * as k from './kpis.js';

/**
 * A hand-computed fixture (kpis.md, "Checks on the definitions"): nine orders over September and October 2025, with
 * the National Day holiday (1–8 October rest) and its make-up working days (Sunday 28 September, Saturday 11 October).
 * Every expected figure below was counted by hand from the table in the comments, not by running the code.
 */
const rest = new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']);
const makeup = new Set(['2025-09-28', '2025-10-11']);
const days: { date: string; workday: boolean }[] = [];
for (let d = '2025-08-01'; d <= '2025-12-31'; d = addDaysToDate(d, 1)) {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  days.push({ date: d, workday: makeup.has(d) || (!rest.has(d) && weekday !== 0 && weekday !== 6) });
}
const cal = createWorkingCalendar(days);

/** Local time (UTC+8) 'YYYY-MM-DD HH:MM'. */
const at = (s: string) => instantAt(s.slice(0, 10), +s.slice(11, 13) * 60 + +s.slice(14, 16));
const P = '/P/';
const C1 = '/P/C1/';
const K1 = '/P/C1/K1/';
const C2 = '/P/C2/';
const H = '/P/H/'; // the hotline centre

function order(id: string, o: Partial<OrderFacts>): OrderFacts {
  return {
    id,
    state: 'handling',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    unitId: 'K1',
    unitPath: K1,
    createdAt: at('2025-09-01 09:00'),
    firstDispatchedAt: null,
    signedAt: null,
    repliedAt: null,
    acceptedAt: null,
    closedAt: null,
    replyDueAt: null,
    extensionCount: 0,
    reworkCount: 0,
    reopenCount: 0,
    callbackAt: null,
    handlingSatisfaction: null,
    callSatisfaction: null,
    amountRecovered: null,
    workersHelped: null,
    callers: [{ calledAt: o.createdAt ?? at('2025-09-01 09:00') }],
    hops: [],
    extensions: [],
    ...o,
  };
}
const hop = (to: string, dispatched: string, signDue: string | null, signed: string | null, returned: string | null = null) => ({
  toUnitId: to,
  toUnitPath: to,
  dispatchedAt: at(dispatched),
  signDueAt: signDue ? at(signDue) : null,
  signedAt: signed ? at(signed) : null,
  returnedAt: returned ? at(returned) : null,
});
const ext = (decided: string, reason: string, unitPath: string) => ({ approved: true, decidedAt: at(decided), reason, unitId: unitPath, unitPath });

const orders: OrderFacts[] = [
  // A — spans two periods: received and dispatched in September, due, completed and called back in October.
  //     Dispatched Mon 29 Sep, accepted Fri 10 Oct: working days 30 Sep, 9 Oct, 10 Oct = 3 (the holiday does not count).
  //     A second caller (30 Sep) came with merged order F.
  order('A', {
    state: 'archived',
    createdAt: at('2025-09-29 10:00'),
    callers: [{ calledAt: at('2025-09-29 10:00') }, { calledAt: at('2025-09-30 15:00') }],
    firstDispatchedAt: at('2025-09-29 10:30'),
    signedAt: at('2025-09-29 11:00'),
    hops: [hop(K1, '2025-09-29 10:30', '2025-09-29 12:00', '2025-09-29 11:00')],
    replyDueAt: at('2025-10-10 17:30'),
    repliedAt: at('2025-10-09 16:00'),
    acceptedAt: at('2025-10-10 09:00'),
    callbackAt: at('2025-10-11 10:00'),
    handlingSatisfaction: 'satisfied',
    callSatisfaction: 'basically_satisfied',
    amountRecovered: 5000,
    workersHelped: 3,
  }),
  // B — a make-up working day inside its handling time: dispatched Fri 26 Sep, accepted Tue 30 Sep:
  //     Sun 28 Sep (make-up, works), 29, 30 = 3 working days. Extended once; callback in October, dissatisfied.
  order('B', {
    state: 'callback_dissatisfied',
    createdAt: at('2025-09-25 14:00'),
    firstDispatchedAt: at('2025-09-26 09:00'),
    signedAt: at('2025-09-26 09:30'),
    hops: [hop(K1, '2025-09-26 09:00', '2025-09-26 12:00', '2025-09-26 09:30')],
    replyDueAt: at('2025-09-30 17:30'),
    repliedAt: at('2025-09-30 09:00'),
    acceptedAt: at('2025-09-30 11:00'),
    extensionCount: 1,
    extensions: [ext('2025-09-28 10:00', '需现场调查', K1)],
    callbackAt: at('2025-10-02 10:00'),
    handlingSatisfaction: 'dissatisfied',
    callSatisfaction: 'satisfied',
    amountRecovered: 1000,
    workersHelped: 1,
  }),
  // C — reopened: accepted 11 Sep, called back 12 Sep (dissatisfied), reopened; its reply deadline restarted to
  //     25 Sep and it is not completed now. The callback that happened still counts (dissatisfied).
  order('C', {
    state: 'handling',
    unitId: 'C1',
    unitPath: C1,
    createdAt: at('2025-09-02 09:00'),
    firstDispatchedAt: at('2025-09-02 10:00'),
    signedAt: at('2025-09-02 10:30'),
    hops: [hop(C1, '2025-09-02 10:00', '2025-09-02 12:00', '2025-09-02 10:30')],
    replyDueAt: at('2025-09-25 17:30'),
    reopenCount: 1,
    callbackAt: at('2025-09-12 10:00'),
    handlingSatisfaction: 'dissatisfied',
    callSatisfaction: 'satisfied',
  }),
  // D — extended twice, replied late, reworked once. Dispatched Wed 3 Sep, signed late on 4 Sep, accepted Tue 23 Sep:
  //     4, 5, 8–12, 15–19, 22, 23 = 14 working days from dispatch, 13 from sign-for.
  order('D', {
    state: 'archived',
    unitId: 'C1',
    unitPath: C1,
    createdAt: at('2025-09-03 09:00'),
    firstDispatchedAt: at('2025-09-03 10:00'),
    signedAt: at('2025-09-04 09:00'),
    hops: [hop(C1, '2025-09-03 10:00', '2025-09-03 12:00', '2025-09-04 09:00')],
    replyDueAt: at('2025-09-20 17:30'),
    repliedAt: at('2025-09-22 10:00'),
    acceptedAt: at('2025-09-23 10:00'),
    extensionCount: 2,
    extensions: [ext('2025-09-15 10:00', '需现场调查', C1), ext('2025-09-18 10:00', '等待仲裁结果', C1)],
    reworkCount: 1,
    callbackAt: at('2025-09-24 10:00'),
    handlingSatisfaction: 'satisfied',
    callSatisfaction: 'satisfied',
    amountRecovered: 2000.5,
    workersHelped: 4,
  }),
  // E — the caller could not be reached: completed, no successful callback (in the callback rate's denominator only).
  //     Dispatched Fri 5 Sep, accepted Mon 15 Sep: 8–12, 15 = 6 working days.
  order('E', {
    state: 'pending_callback',
    unitId: 'C2',
    unitPath: C2,
    createdAt: at('2025-09-05 09:00'),
    firstDispatchedAt: at('2025-09-05 10:00'),
    signedAt: at('2025-09-05 10:10'),
    hops: [hop(C2, '2025-09-05 10:00', '2025-09-05 12:00', '2025-09-05 10:10')],
    replyDueAt: at('2025-09-16 17:30'),
    repliedAt: at('2025-09-12 10:00'),
    acceptedAt: at('2025-09-15 10:00'),
  }),
  // F — merged into A: its caller moved to A, it counts nowhere itself.
  order('F', { state: 'merged', unitId: 'H', unitPath: H, createdAt: at('2025-09-30 15:00'), callers: [] }),
  // G — invalid: counted apart, in no rate and no volume.
  order('G', { state: 'invalid', unitId: 'H', unitPath: H, createdAt: at('2025-09-06 09:00') }),
  // H — answered on the call.
  order('H', { state: 'closed_at_intake', unitId: 'H', unitPath: H, createdAt: at('2025-09-07 09:00'), closedAt: at('2025-09-07 09:10') }),
  // I — returned by C2, then dispatched to K1 and signed; due in October, not completed.
  order('I', {
    createdAt: at('2025-09-08 09:00'),
    firstDispatchedAt: at('2025-09-08 10:00'),
    signedAt: at('2025-09-09 11:00'),
    hops: [hop(C2, '2025-09-08 10:00', '2025-09-08 12:00', null, '2025-09-09 09:00'), hop(K1, '2025-09-09 10:00', '2025-09-09 12:00', '2025-09-09 11:00')],
    replyDueAt: at('2025-10-20 17:30'),
  }),
];

const all = orders.flatMap((o) => contributionsOf(o, cal));
const sums = (from: string, to: string, unitPath: string) => k.sumContributions(all, { from, to, unitPath });
const september = sums('2025-09-01', '2025-09-30', P);
const october = sums('2025-10-01', '2025-10-31', P);
const city = sums('2025-09-01', '2025-09-30', C1);

describe('KPIs on the hand-computed fixture, September 2025, the whole province', () => {
  it.each([
    ['requests: every caller, merged callers once on the surviving order, invalid left out', september.requests, 8],
    ['orders created: merged and invalid left out', september.ordersCreated, 7],
    ['invalid orders counted apart', september.invalidOrders, 1],
    ['orders dispatched (first dispatch)', september.ordersDispatched, 6],
    ['dispatches (each hop)', september.dispatches, 7],
    ['due in the period (A is due in October, C after its reopening)', september.due, 4],
    ['completed (accepted on review)', september.completed, 3],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));

  it.each([
    ['completion rate (B, D, E of B, C, D, E)', k.completionRate, 0.75],
    ['on-time completion rate (B, E)', k.onTimeRate, 0.5],
    ['overdue completion rate (D)', k.overdueCompletionRate, 0.25],
    ['timely sign-for rate (A, B, C, E, the second hop of I: 5 of 7)', k.timelySignRate, 0.7143],
    ['return rate (1 of 7 hops)', k.returnRate, 0.1429],
    ['rework rate (D reworked once, of 3 completed)', k.reworkRate, 0.3333],
    ['extension rate (B, D of 4 due)', k.extensionRate, 0.5],
    ['repeat extensions (D)', k.repeatExtensionRate, 0.25],
    ['average handling working days (3 + 14 + 6) / 3', k.averageHandlingWorkingDays, 7.67],
    ['… from sign-for (3 + 13 + 6) / 3', k.averageHandlingWorkingDaysFromSign, 7.33],
    ['callback rate (B, D of B, D, E; E unreachable)', k.callbackRate, 0.6667],
    ['satisfaction with handling (C dissatisfied, D satisfied)', k.satisfactionRate, 0.5],
    ['satisfaction with the call', k.callSatisfactionRate, 1],
    ['first-contact resolution (H of 7 orders)', k.firstContactResolutionRate, 0.1429],
  ])('%s', (_name, fn, expected) => expect(fn(september)).toBe(expected));

  it('sums amounts and workers over the orders completed in the period', () => {
    const f = k.kpiFigures(september);
    expect(f.amountRecoveredYuan).toBe(3000.5);
    expect(f.workersHelped).toBe(5);
    expect(september.extensionsApproved).toBe(3);
  });

  it('shows no call data as null, never zero', () => {
    const f = k.kpiFigures(september);
    expect(f.calls).toBeNull();
    expect(f.answerRate).toBeNull();
  });
});

describe('the same fixture in October and for one city', () => {
  it('counts the order spanning two periods in October for its deadline, completion and callback', () => {
    expect(october.requests).toBe(0);
    expect(october.due).toBe(2); // A and I
    expect(k.onTimeRate(october)).toBe(0.5);
    expect(october.completed).toBe(1);
    expect(k.averageHandlingWorkingDays(october)).toBe(3); // 30 Sep, 9 and 10 Oct: the holiday is not counted
    expect(october.callbacks).toBe(2); // A, B
    expect(k.satisfactionRate(october)).toBe(0.5);
    expect(october.amountRecovered).toBe(5000);
  });

  it('keeps to the subtree: the hop C2 returned is not the city’s, the centre’s orders are not either', () => {
    expect(city.requests).toBe(6);
    expect(city.ordersCreated).toBe(5);
    expect(city.dispatches).toBe(5);
    expect(city.returns).toBe(0);
    expect(k.timelySignRate(city)).toBe(0.8);
    expect(city.due).toBe(3);
    expect(k.completionRate(city)).toBe(0.6667);
    expect(k.onTimeRate(city)).toBe(0.3333);
    expect(k.averageHandlingWorkingDays(city)).toBe(8.5);
    expect(k.firstContactResolutionRate(city)).toBe(0);
  });

  it('gives a rate of nothing as null', () => {
    const none = sums('2024-01-01', '2024-01-31', P);
    expect(k.completionRate(none)).toBeNull();
    expect(k.satisfactionRate(none)).toBeNull();
    expect(k.averageHandlingWorkingDays(none)).toBeNull();
  });

  it('leaves an order out of the average when the calendar does not cover its handling time', () => {
    const short = createWorkingCalendar(days.filter((d) => d.date < '2025-09-20'));
    const c = orders.flatMap((o) => contributionsOf(o, short));
    const s = k.sumContributions(c, { from: '2025-09-01', to: '2025-09-30', unitPath: P });
    expect(s.completed).toBe(3);
    expect(s.handlingCounted).toBe(1); // E only; B and D reach past 19 September
    expect(k.averageHandlingWorkingDays(s)).toBe(6);
  });
});

describe('an extension approved in one period for a deadline in the next', () => {
  // X — extended on Fri 26 Sep to a deadline of Wed 15 Oct: the extension rate counts it in October (orders due), so
  // its reason must be in October's reasons too, and September shows neither (the cockpit's 延期理由 card).
  const x = order('X', {
    unitId: 'K1',
    unitPath: K1,
    createdAt: at('2025-09-22 09:00'),
    firstDispatchedAt: at('2025-09-22 10:00'),
    replyDueAt: at('2025-10-15 17:30'),
    extensionCount: 1,
    extensions: [ext('2025-09-26 10:00', '需现场调查', K1)],
  });
  const c = contributionsOf(x, cal);
  const of = (from: string, to: string) => k.sumContributions(c, { from, to, unitPath: P });

  it('belongs to the period of the deadline it extends, for the rate and for the reasons alike', () => {
    const sep = of('2025-09-01', '2025-09-30');
    const oct = of('2025-10-01', '2025-10-31');
    expect([sep.extended, sep.extensionsApproved]).toEqual([0, 0]);
    expect([oct.extended, oct.extensionsApproved]).toEqual([1, 1]);
    expect(k.extensionRate(oct)).toBe(1);
    expect(c.filter((e) => e.metric === 'extensionsApproved').map((e) => [e.day, e.detail])).toEqual([['2025-10-15', '需现场调查']]);
  });

  it('counts nowhere without a deadline in force, like the rate', () => {
    const none = contributionsOf({ ...x, replyDueAt: null }, cal);
    expect(none.filter((e) => e.metric === 'extensionsApproved' || e.metric === 'extended')).toEqual([]);
  });
});

describe('rankings and comparisons', () => {
  it('ranks units by a measure, lower-is-better measures ascending, units without a denominator last', () => {
    const units = [
      { name: '乙', sums: sums('2025-09-01', '2025-09-30', C1) },
      { name: '甲', sums: sums('2025-09-01', '2025-09-30', C2) },
      { name: '丙', sums: sums('2025-09-01', '2025-09-30', '/none/') },
    ];
    const byOnTime = k.rankUnits(units, 'onTimeRate');
    expect(byOnTime.map((u) => [u.name, u.value, u.rank])).toEqual([
      ['甲', 1, 1],
      ['乙', 0.3333, 2],
      ['丙', null, null],
    ]);
    const byReturn = k.rankUnits(units, 'returnRate');
    expect(byReturn[0]!.name).toBe('乙'); // 0 returns in the city; C2 returned its only other hop: 1 of 2
  });

  it('derives the previous period and the same period last year (29 February becomes 28)', () => {
    expect(k.comparisonPeriods('2025-09-01', '2025-09-30')).toEqual({
      previous: { from: '2025-08-02', to: '2025-08-31' },
      lastYear: { from: '2024-09-01', to: '2024-09-30' },
    });
    expect(k.comparisonPeriods('2024-02-29', '2024-02-29').lastYear).toEqual({ from: '2023-02-28', to: '2023-02-28' });
    expect(k.changePercent(120, 100)).toBe(20);
    expect(k.changePercent(5, 0)).toBeNull();
  });

  it('puts days into weeks starting on Monday and into months', () => {
    expect(k.bucketOf('2025-10-01', 'week')).toBe('2025-09-29');
    expect(k.bucketOf('2025-09-28', 'week')).toBe('2025-09-22');
    expect(k.bucketOf('2025-09-28', 'month')).toBe('2025-09-01');
  });
});

describe('an order moved by whole days (copies, analytics/copied-figures.ts)', () => {
  it('contributes the same, each on its day moved as far, except handling in working days', () => {
    const calendar = new Set<string>(calendarMetrics);
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    let differ = 0;
    for (const o of orders)
      for (const d of [-28, -14, -7, -3, 1, 7, 21]) {
        const moved = contributionsOf(movedBy(o, d * 86_400_000), cal);
        const expected = contributionsOf(o, cal).map((c) => ({ ...c, day: addDaysToDate(c.day, d) }));
        expect(sorted(moved.filter((c) => !calendar.has(c.metric)))).toEqual(sorted(expected.filter((c) => !calendar.has(c.metric))));
        if (JSON.stringify(sorted(moved)) !== JSON.stringify(sorted(expected))) differ++;
      }
    // The fixture's National Day holiday: some moves change the working days an order took.
    expect(differ).toBeGreaterThan(0);
  });
});
