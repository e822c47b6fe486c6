import { localDateOf, workingDaysBetween, type WorkingCalendar } from '../../calendar/domain/working-time.js';

/**
 * What an order contributes to the figures (kpis.md), computed once per order in one pure function.
 *
 * Every KPI is a ratio or a sum of these contributions over a period and a unit subtree: each contribution is dated by
 * the event the KPI is about (a call, a dispatch, a due date, an acceptance, a callback) and carries the unit it
 * belongs to. The database stores them per order and only sums; the definitions live here and nowhere else.
 */
export const metrics = [
  // volume, by the day of the call / creation
  'requests', // every caller, by the day of the call (merged orders: each caller once, on the surviving order)
  'ordersCreated', // valid orders (not invalid, not merged into another)
  'invalidOrders', // counted apart, in no rate
  'closedAtIntake', // closed on the call (first-contact resolution numerator)
  // dispatch, by the day of the first dispatch / of each hop
  'ordersDispatched',
  'dispatches', // each hop (unit: the receiving unit)
  'signedTimely', // hops signed for within the sign-for limit
  'returns', // hops returned (by the day of the hop)
  // deadline basis, by the day of the reply deadline in force (as extended, restarted by rework/reopen)
  'due',
  'completedOnTime',
  'completedLate',
  'extended', // due orders with at least one approved extension
  'extendedRepeat', // … with two or more
  // completion basis, by the day the reply was accepted on review
  'completed',
  'handlingDays', // sum of working days dispatch → accepted reply
  'handlingDaysFromSign', // sum of working days sign-for → accepted reply
  'handlingCounted', // orders whose handling days were counted (calendar covered)
  'reworks', // reviews rejected and reopenings of the completed orders
  'callbacksOfCompleted', // completed orders with a successful callback
  'amountRecovered',
  'workersHelped',
  // callback basis, by the day of the successful callback
  'callbacks',
  'handlingDissatisfied',
  'callDissatisfied',
  // self-rating basis (the worker's own page, kpis.md's self-rating channel), by the day of the rating
  'selfRatings',
  'selfRatingsDissatisfied',
  // approved extensions, one per extension, by the day of the reply deadline in force like `extended` (unit: the unit
  // that asked; detail: the reason): the reasons broken down are those of the orders the extension rate counts
  'extensionsApproved',
] as const;
export type Metric = (typeof metrics)[number];

/**
 * The only contributions whose value depends on where an order's instants fall in the working calendar (handling in
 * working days): every other one depends on the instants only through their local day. An order moved by whole days
 * (`movedBy`) contributes the others unchanged, each on its day moved by as many days (kpis.test.ts checks it);
 * copied orders (analytics/copied-figures.ts) rely on that.
 */
export const calendarMetrics = ['handlingCounted', 'handlingDays', 'handlingDaysFromSign'] as const satisfies readonly Metric[];

export type Contribution = {
  metric: Metric;
  /** Local (UTC+8) date 'YYYY-MM-DD' of the event the figure is about. */
  day: string;
  unitId: string;
  unitPath: string;
  value: number;
  /** A further dimension for the few figures that are broken down by it (the reason of an extension). */
  detail?: string | undefined;
};

export type HopFacts = { toUnitId: string; toUnitPath: string; dispatchedAt: Date; signDueAt: Date | null; signedAt: Date | null; returnedAt: Date | null };
export type ExtensionFacts = { approved: boolean | null; decidedAt: Date | null; reason: string; unitId: string; unitPath: string };

/** The facts of one order that the figures are computed from: its row, callers, hops and extensions. */
export type OrderFacts = {
  id: string;
  state: string;
  typeCode: string;
  subjectCode: string;
  /** The unit that has the order now, and its path: the figures of a subtree are the orders its units hold. */
  unitId: string;
  unitPath: string;
  createdAt: Date;
  firstDispatchedAt: Date | null;
  signedAt: Date | null;
  repliedAt: Date | null;
  acceptedAt: Date | null;
  closedAt: Date | null;
  replyDueAt: Date | null;
  extensionCount: number;
  reworkCount: number;
  reopenCount: number;
  callbackAt: Date | null;
  handlingSatisfaction: string | null;
  callSatisfaction: string | null;
  /** The worker's own rating on the self-service page: a channel of its own, reported apart from callbacks. */
  selfRating?: { satisfaction: string; ratedAt: Date } | null;
  amountRecovered: number | null;
  workersHelped: number | null;
  callers: { calledAt: Date }[];
  hops: HopFacts[];
  extensions: ExtensionFacts[];
};

const excludedStates = new Set(['invalid', 'merged']);

/**
 * The contributions of one order. The calendar counts handling time in working days; an instant outside the
 * calendar's data leaves the order out of the average (never a guess), the other figures still count.
 */
export function contributionsOf(o: OrderFacts, cal: WorkingCalendar | null): Contribution[] {
  const out: Contribution[] = [];
  const own = (metric: Metric, at: Date, value = 1, detail?: string) => {
    if (value !== 0) out.push({ metric, day: localDateOf(at), unitId: o.unitId, unitPath: o.unitPath, value, ...(detail ? { detail } : {}) });
  };
  if (o.state === 'invalid') {
    own('invalidOrders', o.createdAt);
    return out;
  }
  // Merged into another order: its callers moved there and are counted there; the order itself counts nowhere.
  if (excludedStates.has(o.state)) return out;

  for (const c of o.callers) own('requests', c.calledAt);
  own('ordersCreated', o.createdAt);
  if (o.state === 'closed_at_intake') own('closedAtIntake', o.closedAt ?? o.createdAt);

  if (o.firstDispatchedAt) own('ordersDispatched', o.firstDispatchedAt);
  for (const h of o.hops) {
    const hop = (metric: Metric) => out.push({ metric, day: localDateOf(h.dispatchedAt), unitId: h.toUnitId, unitPath: h.toUnitPath, value: 1 });
    hop('dispatches');
    if (h.signedAt && (!h.signDueAt || h.signedAt <= h.signDueAt)) hop('signedTimely');
    if (h.returnedAt) hop('returns');
  }

  const completed = o.acceptedAt !== null;
  if (o.replyDueAt) {
    own('due', o.replyDueAt);
    if (completed && o.repliedAt) own(o.repliedAt <= o.replyDueAt ? 'completedOnTime' : 'completedLate', o.replyDueAt);
    if (o.extensionCount > 0) own('extended', o.replyDueAt);
    if (o.extensionCount > 1) own('extendedRepeat', o.replyDueAt);
  }

  if (o.acceptedAt) {
    const at = o.acceptedAt;
    own('completed', at);
    if (cal && o.firstDispatchedAt) {
      const days = workingDays(cal, o.firstDispatchedAt, at);
      if (days !== null) {
        own('handlingCounted', at);
        own('handlingDays', at, days);
        const fromSign = o.signedAt ? workingDays(cal, o.signedAt, at) : days;
        own('handlingDaysFromSign', at, fromSign ?? days);
      }
    }
    own('reworks', at, o.reworkCount + o.reopenCount);
    if (o.callbackAt) own('callbacksOfCompleted', at);
    own('amountRecovered', at, o.amountRecovered ?? 0);
    own('workersHelped', at, o.workersHelped ?? 0);
  }

  // Only a reached callback sets callbackAt; unreachable attempts are not in the satisfaction figures at all.
  if (o.callbackAt && o.handlingSatisfaction) {
    own('callbacks', o.callbackAt);
    if (o.handlingSatisfaction === 'dissatisfied') own('handlingDissatisfied', o.callbackAt);
    if (o.callSatisfaction === 'dissatisfied') own('callDissatisfied', o.callbackAt);
  }

  if (o.selfRating) {
    own('selfRatings', o.selfRating.ratedAt);
    if (o.selfRating.satisfaction === 'dissatisfied') own('selfRatingsDissatisfied', o.selfRating.ratedAt);
  }

  // An extension belongs to the period of the deadline it extends (kpis.md: the extension rate is "÷ orders due"), not
  // to the day it was approved: counted by approval day, the cockpit showed a reason next to "延期率 0.0%" whenever the
  // extended deadline fell after the period. An order without a deadline in force counts in neither.
  for (const e of o.extensions) {
    if (e.approved && e.decidedAt && o.replyDueAt) {
      out.push({
        metric: 'extensionsApproved',
        day: localDateOf(o.replyDueAt),
        unitId: e.unitId,
        unitPath: e.unitPath,
        value: 1,
        detail: e.reason.slice(0, 60),
      });
    }
  }
  return out;
}

function workingDays(cal: WorkingCalendar, from: Date, to: Date): number | null {
  try {
    return workingDaysBetween(cal, from, to);
  } catch {
    return null;
  }
}

/** The order with every instant moved by `ms` (a copy of it elsewhere in time, analytics/copied-figures.ts). */
export function movedBy(o: OrderFacts, ms: number): OrderFacts {
  const m = (d: Date) => new Date(d.getTime() + ms);
  const mn = (d: Date | null) => (d ? m(d) : null);
  return {
    ...o,
    createdAt: m(o.createdAt),
    firstDispatchedAt: mn(o.firstDispatchedAt),
    signedAt: mn(o.signedAt),
    repliedAt: mn(o.repliedAt),
    acceptedAt: mn(o.acceptedAt),
    closedAt: mn(o.closedAt),
    replyDueAt: mn(o.replyDueAt),
    callbackAt: mn(o.callbackAt),
    selfRating: o.selfRating ? { ...o.selfRating, ratedAt: m(o.selfRating.ratedAt) } : (o.selfRating ?? null),
    callers: o.callers.map((c) => ({ ...c, calledAt: m(c.calledAt) })),
    hops: o.hops.map((h) => ({ ...h, dispatchedAt: m(h.dispatchedAt), signDueAt: mn(h.signDueAt), signedAt: mn(h.signedAt), returnedAt: mn(h.returnedAt) })),
    extensions: o.extensions.map((e) => ({ ...e, decidedAt: mn(e.decidedAt) })),
  };
}
