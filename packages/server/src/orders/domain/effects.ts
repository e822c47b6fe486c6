import type { Role } from '../../auth/roles.js';
import { computeDeadline, type LimitUnit, type WorkingCalendar } from '../../calendar/domain/working-time.js';
import type { Priority, Step } from '../../catalog/domain/catalog.js';
import { widenVisibleTo } from '../../access/domain/visibility.js';
import type { LimitSnapshot, OrderOutcome, orderCoHandlers, workOrders } from '../orders.tables.js';
import { planStep } from '../deadline-plan.js';
import { nearDueAt } from './deadlines.js';
import { retimeForFlags } from './retime.js';
import { rolesThatMay } from './state-machine.js';
import { waitingOn } from './waiting-on.js';
import { parseOrderEvent, type EventData, type OrderEvent, type OrderEventKind, type StepDeadline } from './events.js';
import type { Channel, InvalidCategory, OrderState, Satisfaction } from './states.js';
import { orderLabel, type Notice } from '../../notifications/domain/notice.js';
import {
  amountRecoveredProblem,
  doubtsAbout,
  doubtsToExplain,
  replyDoubtLabels,
  unconfirmedDoubts,
  type ReplyDoubt,
} from '../../handling/domain/reply-plausibility.js';
import { AppError, conflict, invalid } from '../../platform/errors/app-error.js';
import type { CallerCallback } from '../../closure/domain/group-callback.js';

/**
 * What each action does to an order, computed in one place: pure functions from (order snapshot, input, context) to
 * an Effect. `runTransition` writes an Effect to the database (orders.repo `applyEffect`); the demo generator applies
 * the same Effect to its rows in memory. Neither decides anything of its own: columns, hops, co-handlers, extensions,
 * `visible_to`, the typed event and the notices all come from here. Refusals a rule implies (a return after its
 * limit, a second pending extension…) are thrown here as the API's errors.
 */

export type OrderRow = typeof workOrders.$inferSelect;
export type OrderFields = Partial<typeof workOrders.$inferInsert>;
export type CoHandlerRow = typeof orderCoHandlers.$inferSelect;

/** The order as the action finds it: its row and its co-handlers still taking part (not removed). */
export type OrderSnapshot = { order: OrderRow; coHandlers: readonly Pick<CoHandlerRow, 'id' | 'unitId' | 'repliedAt'>[] };

/** A unit as effects need it: the path decides `visible_to`. */
export type UnitRef = { id: string; name: string; path: string };

export type EffectActor = { userId: string | null; unitId: string; unitName: string; role: Role };

export type EffectCtx = {
  now: Date;
  calendar: WorkingCalendar;
  /**
   * The time limit that applies to a step of this order (the rules already selected for its type, subject, tier and
   * effective priority — domain/effective-priority.ts); `priority` asks for another one (its flags are changing).
   */
  limitFor(step: Step, priority?: Priority): LimitSnapshot;
  actor: EffectActor;
  /** Ids for rows the effect creates and refers to (an extension request the order points at). */
  newId(): string;
};

/** A hop's status: waiting to be signed for, signed for, returned, sent on again after a return, withdrawn. */
export const hopStatuses = ['open', 'signed', 'returned', 'redispatched', 'withdrawn'] as const;
export type HopStatus = (typeof hopStatuses)[number];

export type HopChange =
  /** A new hop down the tree; its sequence number is the next of the order. */
  | { op: 'open'; fromUnitId: string; toUnitId: string; dispatchedBy: string | null; dispatchedAt: Date; note: string | null; signDueAt: Date | null }
  /** The hops to `toUnitId` in one of `from` statuses change. */
  | {
      op: 'update';
      toUnitId: string;
      from: readonly HopStatus[];
      set: { status: HopStatus; signedAt?: Date; returnedAt?: Date; returnReason?: string; signDueAt?: Date | null };
    };

export type CoHandlerChange =
  | { op: 'invite'; unitId: string; invitedByUnitId: string; invitedBy: string | null; invitedAt: Date; task: string | null }
  | { op: 'remove'; id: string; removedAt: Date }
  | { op: 'reply'; id: string; partReply: string; repliedAt: Date; repliedBy: string | null };

export type ExtensionChange =
  | {
      op: 'request';
      id: string;
      requestedBy: string | null;
      requestedByUnitId: string;
      requestedAt: Date;
      reason: string;
      previousDueAt: Date;
      requestedDueAt: Date;
    }
  | { op: 'decide'; id: string; decidedBy: string | null; decidedAt: Date; approved: boolean; decisionNote: string | null };

/**
 * Whom the change concerns: written to the outbox with the change (issue 9) and delivered by the job runner as the
 * notifications capability's Notice.
 */
export type ImpliedNotice = Notice;

export type Effect = {
  set: OrderFields;
  /** Overrides the state the machine chose (a callback that stays pending after an unreachable call). */
  state?: OrderState;
  hops: HopChange[];
  coHandlers: CoHandlerChange[];
  extensions: ExtensionChange[];
  event: OrderEvent;
  note: string | null;
  notices: ImpliedNotice[];
  /** False for additions that change no field (a note, an attachment, a link): the version stays, colleagues' copies stay current. */
  versioned: boolean;
};

// ——— shared pieces ———

// Whom a notice tells: the roles that may take the action it asks for (state-machine.ts `rolesThatMay`). A unit that
// holds the order is asked to sign for it, or to reply; a co-handling unit to answer its part; the desk to decide.
const signers = rolesThatMay('sign');
const repliers = rolesThatMay('reply');
const coHandlerRoles = rolesThatMay('reply_co_handler_part');
const returnDeciders = rolesThatMay('return_redispatch', 'return_reject');
// A review or an extension is the desk's dispatchers' to decide: the rules let a supervisor decide too so that a desk
// whose own person asked still has someone who may (separation of duties), and a notice tells them only then.
const deskRoles: Role[] = ['dispatcher'];

/**
 * Whom the deciding unit is asked by (a reply to review, an extension to decide): its dispatchers; when the asking
 * came from that unit itself (the hotline handling an order of its own), everyone the rule lets decide (`mayDecide`),
 * since the one who asked may not (state-machine.ts conditions) and may be the desk's only dispatcher.
 */
const deciders = (decidingUnitId: string | null, ctx: EffectCtx, mayDecide: Role[]): Role[] => (ctx.actor.unitId === decidingUnitId ? mayDecide : deskRoles);

/** The step the order is in until this event, with its deadline and whether it was met (see events.ts). */
export function stepEnded(order: OrderRow, now: Date): StepDeadline | undefined {
  if (!order.currentStep) return undefined;
  const due = order.currentDueAt;
  return {
    step: order.currentStep as StepDeadline['step'],
    startedAt: order.currentStepStartedAt?.toISOString() ?? null,
    dueAt: due?.toISOString() ?? null,
    met: due ? now <= due : null,
  };
}

type Draft<K extends OrderEventKind> = {
  set?: OrderFields;
  state?: OrderState;
  hops?: HopChange[];
  coHandlers?: CoHandlerChange[];
  extensions?: ExtensionChange[];
  data: Omit<EventData<K>, 'step'>;
  note?: string | null;
  notices?: ImpliedNotice[];
  versioned?: boolean;
};

/**
 * Completes an effect: a change that starts, restarts or ends the current step records how that step went, and
 * the event is validated against its schema here, so nothing untyped reaches the timeline.
 */
function effect<K extends OrderEventKind>(action: K, s: OrderSnapshot, ctx: EffectCtx, d: Draft<K>): Effect {
  const set = d.set ?? {};
  const stepChanges = 'currentStep' in set || 'currentStepStartedAt' in set;
  const step = stepChanges ? stepEnded(s.order, ctx.now) : undefined;
  const event = parseOrderEvent({ action, data: step ? { ...d.data, step } : d.data });
  return {
    set,
    ...(d.state ? { state: d.state } : {}),
    hops: d.hops ?? [],
    coHandlers: d.coHandlers ?? [],
    extensions: d.extensions ?? [],
    event,
    note: d.note ?? null,
    notices: d.notices ?? [],
    versioned: d.versioned ?? true,
  };
}

const notice = (kind: string, o: OrderRow, unitId: string | null, roles: Role[], title: string, level: ImpliedNotice['level'] = 'info'): ImpliedNotice[] =>
  unitId ? [{ kind, orderId: o.id, to: [{ unitId, roles }], title: `${title}：${o.number}`, level: o.priority === 'normal' ? level : 'urgent' }] : [];

const closed = (now: Date): OrderFields => ({ closedAt: now, currentStep: null, currentDueAt: null, currentNearDueAt: null });

const ref = (u: UnitRef) => ({ id: u.id, name: u.name });

// ——— intake ———

/** What a new order has not yet: written explicitly (they equal the columns' defaults), so the row is whole without a read back. */
const notYet = {
  version: 1,
  hopDispatcherUnitId: null,
  dispatchUnitId: null,
  firstDispatchedAt: null,
  signedAt: null,
  repliedAt: null,
  acceptedAt: null,
  replyStartedAt: null,
  replyDueAt: null,
  replyNearDueAt: null,
  replyLimit: null,
  returnDueAt: null,
  callbackDueAt: null,
  pendingExtension: null,
  extensionCount: 0,
  returnCount: 0,
  reworkCount: 0,
  reopenCount: 0,
  callbackAttempts: 0,
  outcome: null,
  handlingSatisfaction: null,
  callSatisfaction: null,
  callbackAt: null,
  mergedIntoId: null,
  invalidReason: null,
  sourcePartnerId: null,
  awaitingCheck: false,
} satisfies Partial<OrderRow>;

export type NewOrderInput = {
  id?: string;
  number: string;
  channel: Channel;
  typeCode: string;
  subjectCode: string;
  priority: string;
  tier: string;
  riskFlags: string[];
  title: string;
  narrative: string;
  answer: string | null;
  employerName: string | null;
  employerKey: string | null;
  employerCreditCode: string | null;
  employerAddress: string | null;
  placeText: string | null;
  divisionCode: string | null;
  workersInvolved: number | null;
  amountInvolved: number | null;
  confidential: boolean;
  callers: number;
  suggestedRiskFlags: { flag: string; reason: string }[];
  clearedRiskFlags?: { flag: string; reason: string }[];
  createdBy: string;
  createdByRole: Role;
  /** An order sent by an exchange partner (exchange/): its status changes go back there. */
  sourcePartnerId?: string | null;
  partner?: { id: string; name: string; externalId: string };
  /** Came in without an agent (self-service page, WeChat group): an agent checks it before dispatch. */
  awaitingCheck?: boolean;
};

/**
 * A new order (受理) as intake records it: held by the intake unit (or the hotline centre for an external platform),
 * visible to both paths, the dispatch step started, or closed at once when answered on the spot.
 */
export function createEffect(input: NewOrderInput, ctx: EffectCtx & { intakeUnit: UnitRef; holder: UnitRef }) {
  const { now } = ctx;
  const isClosed = input.answer !== null;
  const plan = isClosed ? { dueAt: null, nearDueAt: null, provisional: false } : planStep(ctx.calendar, ctx.limitFor('dispatch'), now);
  const { callers, suggestedRiskFlags, clearedRiskFlags, partner } = input;
  // Every column named in one literal, no spread: V8 (Node 20) gives an object made by a spread a new hidden class
  // for each property added after it, ~1.2 KB of garbage a property; this row was 58 KB of intake's ~350 KB per order
  // (`npm run bench:profile -- --allocations`). `satisfies` below keeps the list complete.
  const row = {
    number: input.number,
    channel: input.channel,
    typeCode: input.typeCode,
    subjectCode: input.subjectCode,
    priority: input.priority,
    tier: input.tier,
    title: input.title,
    narrative: input.narrative,
    answer: input.answer,
    employerName: input.employerName,
    employerKey: input.employerKey,
    employerCreditCode: input.employerCreditCode,
    employerAddress: input.employerAddress,
    placeText: input.placeText,
    divisionCode: input.divisionCode,
    workersInvolved: input.workersInvolved,
    amountInvolved: input.amountInvolved,
    confidential: input.confidential,
    createdBy: input.createdBy,
    createdByRole: input.createdByRole,
    version: notYet.version,
    hopDispatcherUnitId: notYet.hopDispatcherUnitId,
    dispatchUnitId: notYet.dispatchUnitId,
    firstDispatchedAt: notYet.firstDispatchedAt,
    signedAt: notYet.signedAt,
    repliedAt: notYet.repliedAt,
    acceptedAt: notYet.acceptedAt,
    replyStartedAt: notYet.replyStartedAt,
    replyDueAt: notYet.replyDueAt,
    replyNearDueAt: notYet.replyNearDueAt,
    replyLimit: notYet.replyLimit,
    returnDueAt: notYet.returnDueAt,
    callbackDueAt: notYet.callbackDueAt,
    pendingExtension: notYet.pendingExtension,
    extensionCount: notYet.extensionCount,
    returnCount: notYet.returnCount,
    reworkCount: notYet.reworkCount,
    reopenCount: notYet.reopenCount,
    callbackAttempts: notYet.callbackAttempts,
    outcome: notYet.outcome,
    handlingSatisfaction: notYet.handlingSatisfaction,
    callSatisfaction: notYet.callSatisfaction,
    callbackAt: notYet.callbackAt,
    mergedIntoId: notYet.mergedIntoId,
    invalidReason: notYet.invalidReason,
    sourcePartnerId: input.sourcePartnerId ?? notYet.sourcePartnerId,
    awaitingCheck: input.awaitingCheck ?? notYet.awaitingCheck,
    riskFlags: [...new Set(input.riskFlags)],
    state: (isClosed ? 'closed_at_intake' : 'pending_dispatch') as OrderState,
    isGroup: callers > 1,
    callerCount: callers,
    intakeUnitId: ctx.intakeUnit.id,
    createdAt: now,
    holderUnitId: ctx.holder.id,
    holderUnitPath: ctx.holder.path,
    visibleTo: widenVisibleTo([], [ctx.intakeUnit.path, ctx.holder.path]),
    closedAt: isClosed ? now : null,
    currentStep: isClosed ? null : 'dispatch',
    currentStepStartedAt: isClosed ? null : now,
    currentDueAt: plan.dueAt,
    currentNearDueAt: plan.nearDueAt,
    deadlineProvisional: plan.provisional,
    // Which calendar the provisional deadline was counted on: its provisional days' first (provisional-deadlines.ts).
    deadlineProvisionalFrom: plan.provisional ? (ctx.calendar.provisionalFrom ?? null) : null,
    updatedAt: now,
  } satisfies Omit<OrderRow, 'id'>;
  const event = parseOrderEvent({
    action: isClosed ? 'close_at_intake' : 'create',
    data: {
      channel: input.channel,
      riskFlags: input.riskFlags,
      suggestedRiskFlags,
      ...(clearedRiskFlags?.length ? { clearedRiskFlags } : {}),
      callers,
      ...(partner ? { partner } : {}),
      ...(input.awaitingCheck ? { awaitingCheck: true } : {}),
    },
  });
  return { row, event };
}

export function attachCallerEffect(
  s: OrderSnapshot,
  input: {
    channel: Channel;
    riskFlags?: string[] | undefined;
    workersInvolved?: number | undefined;
    amountInvolved?: number | undefined;
    note?: string | null | undefined;
  },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  const flags = input.riskFlags ? [...new Set(input.riskFlags)] : o.riskFlags;
  const retimed = retimeForFlags(o, flags, ctx);
  return effect('attach_caller', s, ctx, {
    set: {
      callerCount: o.callerCount + 1,
      isGroup: true,
      riskFlags: flags,
      workersInvolved: input.workersInvolved ?? o.workersInvolved,
      amountInvolved: input.amountInvolved ?? o.amountInvolved,
      ...retimed.set,
    },
    hops: retimed.hops,
    data: {
      channel: input.channel,
      callerCount: o.callerCount + 1,
      riskFlags: { before: o.riskFlags, after: flags },
      ...(retimed.limits ? { limits: retimed.limits } : {}),
    },
    note: input.note ?? null,
  });
}

// ——— dispatch ———

type CoHandlerInput = { unit: UnitRef; task: string | null };

function invitations(s: OrderSnapshot, ctx: EffectCtx, list: readonly CoHandlerInput[]): CoHandlerChange[] {
  const seen = new Set(s.coHandlers.map((c) => c.unitId));
  return list.map((h) => {
    if (seen.has(h.unit.id)) throw conflict('ORDER_CO_HANDLER_EXISTS', `${h.unit.name}已是协办单位`);
    seen.add(h.unit.id);
    return { op: 'invite', unitId: h.unit.id, invitedByUnitId: ctx.actor.unitId, invitedBy: ctx.actor.userId, invitedAt: ctx.now, task: h.task };
  });
}

/**
 * One hop down the tree (派单 / 下派, or 改派 after a return): the receiving unit holds the order and must sign, the
 * hop that brought it here is closed, and the reply deadline of the whole order starts at the first dispatch and is kept.
 */
function hop(s: OrderSnapshot, ctx: EffectCtx, target: UnitRef, note: string | null, co: readonly CoHandlerInput[]) {
  const o = s.order;
  const { now, calendar } = ctx;
  const sign = planStep(calendar, ctx.limitFor('sign'), now);
  const ret = planStep(calendar, ctx.limitFor('return'), now);
  let reply = { replyLimit: o.replyLimit, replyDueAt: o.replyDueAt, replyNearDueAt: o.replyNearDueAt, replyStartedAt: o.replyStartedAt };
  if (!o.replyDueAt) {
    const limit = ctx.limitFor('reply');
    const plan = planStep(calendar, limit, now);
    reply = { replyLimit: limit, replyDueAt: plan.dueAt, replyNearDueAt: plan.nearDueAt, replyStartedAt: now };
  }
  const coHandlers = invitations(s, ctx, co);
  const set: OrderFields = {
    holderUnitId: target.id,
    holderUnitPath: target.path,
    hopDispatcherUnitId: ctx.actor.unitId,
    dispatchUnitId: o.dispatchUnitId ?? ctx.actor.unitId,
    firstDispatchedAt: o.firstDispatchedAt ?? now,
    visibleTo: widenVisibleTo(o.visibleTo, [target.path, ...co.map((c) => c.unit.path)]),
    currentStep: 'sign',
    currentStepStartedAt: now,
    currentDueAt: sign.dueAt,
    currentNearDueAt: sign.nearDueAt,
    returnDueAt: ret.dueAt,
    ...reply,
  };
  const hops: HopChange[] = [
    { op: 'update', toUnitId: o.holderUnitId, from: ['open', 'signed', 'returned'], set: { status: o.state === 'returned' ? 'withdrawn' : 'redispatched' } },
    { op: 'open', fromUnitId: ctx.actor.unitId, toUnitId: target.id, dispatchedBy: ctx.actor.userId, dispatchedAt: now, note, signDueAt: sign.dueAt },
  ];
  const notices = [
    ...notice('order.dispatched', o, target.id, signers, '新工单待签收'),
    ...co.flatMap((c) => notice('order.co_handler_invited', o, c.unit.id, coHandlerRoles, '邀请协办')),
  ];
  return { set, hops, coHandlers, notices };
}

/** 派单 / 下派. A re-dispatch by the receiving unit goes down its own subtree only (or to an external collaborator). */
export function dispatchEffect(
  s: OrderSnapshot,
  input: { target: UnitRef & { external: boolean }; note: string | null; coHandlers: CoHandlerInput[] },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  const redispatch = o.state !== 'pending_dispatch';
  if (redispatch && !input.target.external && !input.target.path.startsWith(o.holderUnitPath)) {
    throw invalid('DISPATCH_TARGET_INVALID', '下派只能派往本单位下级单位或外部协作单位', [{ field: 'body.unitId', message: '下派只能派往本单位下级单位' }]);
  }
  const h = hop(s, ctx, input.target, input.note, input.coHandlers);
  return effect('dispatch', s, ctx, {
    ...h,
    data: { toUnit: ref(input.target), coHandlers: input.coHandlers.map((c) => ref(c.unit)), redispatch },
    note: input.note,
  });
}

/** 退单审核：改派. The returned order goes to another unit; the returning unit's hop is withdrawn. */
/**
 * 退单改派, optionally correcting where the problem is (a return often says "not in our area"): the corrected place
 * is written on the order and the timeline keeps what it was.
 */
export function returnRedispatchEffect(
  s: OrderSnapshot,
  input: { target: UnitRef; reason: string; coHandlers: CoHandlerInput[]; place?: { text: string | null; divisionCode: string | null } },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  const h = hop(s, ctx, input.target, input.reason, input.coHandlers);
  const place = input.place;
  const moved = place && (place.text !== o.placeText || place.divisionCode !== o.divisionCode);
  return effect('return_redispatch', s, ctx, {
    ...h,
    ...(moved ? { set: { ...h.set, placeText: place.text, divisionCode: place.divisionCode } } : {}),
    data: {
      decision: 'redispatch',
      reason: input.reason,
      toUnit: ref(input.target),
      coHandlers: input.coHandlers.map((c) => ref(c.unit)),
      ...(moved ? { place: { from: { text: o.placeText, divisionCode: o.divisionCode }, to: place } } : {}),
    },
    note: input.reason,
  });
}

/** 办单: the hotline centre keeps the order and handles it itself; the reply limit starts now. */
export function handleAtHotlineEffect(s: OrderSnapshot, input: { note: string | null }, ctx: EffectCtx): Effect {
  const { now } = ctx;
  const limit = ctx.limitFor('reply');
  const reply = planStep(ctx.calendar, limit, now);
  return effect('handle_at_hotline', s, ctx, {
    set: {
      dispatchUnitId: ctx.actor.unitId,
      hopDispatcherUnitId: ctx.actor.unitId,
      firstDispatchedAt: now,
      signedAt: now,
      replyLimit: limit,
      replyStartedAt: now,
      replyDueAt: reply.dueAt,
      replyNearDueAt: reply.nearDueAt,
      currentStep: 'reply',
      currentStepStartedAt: now,
      currentDueAt: reply.dueAt,
      currentNearDueAt: reply.nearDueAt,
    },
    data: { handledBy: { id: ctx.actor.unitId, name: ctx.actor.unitName } },
    note: input.note,
  });
}

/**
 * 核实: an agent read a request that came in without one (self-service page, WeChat group) and keeps or corrects the
 * type and subject the intelligence module suggested; from now on it is dispatched like any other. The dispatch
 * step's deadline keeps counting from the request's arrival: the worker has waited since then.
 */
export function checkRequestEffect(s: OrderSnapshot, input: { typeCode: string; subjectCode: string; note: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  const corrected = input.typeCode !== o.typeCode || input.subjectCode !== o.subjectCode;
  return effect('check_request', s, ctx, {
    set: { awaitingCheck: false, ...(corrected ? { typeCode: input.typeCode, subjectCode: input.subjectCode } : {}) },
    data: { typeCode: input.typeCode, subjectCode: input.subjectCode, corrected },
    note: input.note,
  });
}

/** 签收: the hop is signed for and the reply step runs against the order's reply deadline. */
export function signEffect(s: OrderSnapshot, input: { note: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  return effect('sign', s, ctx, {
    set: { signedAt: o.signedAt ?? now, currentStep: 'reply', currentStepStartedAt: now, currentDueAt: o.replyDueAt, currentNearDueAt: o.replyNearDueAt },
    hops: [{ op: 'update', toUnitId: ctx.actor.unitId, from: ['open'], set: { status: 'signed', signedAt: now } }],
    data: { lateSign: o.currentDueAt ? now > o.currentDueAt : false },
    note: input.note,
  });
}

/** 退单: back to the unit that dispatched this hop, within the return limit only; the dispatch step runs again. */
export function returnEffect(s: OrderSnapshot, input: { reason: string }, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  if (o.returnDueAt && now > o.returnDueAt) {
    throw conflict('ORDER_RETURN_TOO_LATE', `已超过退单时限（${o.returnDueAt.toISOString()}），请继续办理或申请延期`);
  }
  const plan = planStep(ctx.calendar, ctx.limitFor('dispatch'), now);
  return effect('return', s, ctx, {
    set: { returnCount: o.returnCount + 1, currentStep: 'dispatch', currentStepStartedAt: now, currentDueAt: plan.dueAt, currentNearDueAt: plan.nearDueAt },
    hops: [{ op: 'update', toUnitId: ctx.actor.unitId, from: ['open', 'signed'], set: { status: 'returned', returnedAt: now, returnReason: input.reason } }],
    data: { reason: input.reason, toUnit: { id: o.hopDispatcherUnitId } },
    note: input.reason,
    notices: notice('order.returned', o, o.hopDispatcherUnitId, returnDeciders, '工单被退回，待审核', 'warning'),
  });
}

/** 驳回退单: the return is refused and the same unit must sign again, with a fresh sign limit. */
export function returnRejectEffect(s: OrderSnapshot, input: { reason: string }, ctx: EffectCtx): Effect {
  const o = s.order;
  const sign = planStep(ctx.calendar, ctx.limitFor('sign'), ctx.now);
  return effect('return_reject', s, ctx, {
    set: { currentStep: 'sign', currentStepStartedAt: ctx.now, currentDueAt: sign.dueAt, currentNearDueAt: sign.nearDueAt },
    hops: [{ op: 'update', toUnitId: o.holderUnitId, from: ['returned'], set: { status: 'open', signDueAt: sign.dueAt } }],
    data: { decision: 'reject', reason: input.reason },
    note: input.reason,
    notices: notice('order.return_rejected', o, o.holderUnitId, signers, '退单被驳回，请签收办理', 'warning'),
  });
}

export function inviteCoHandlerEffect(s: OrderSnapshot, input: { unit: UnitRef; task: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  return effect('invite_co_handler', s, ctx, {
    set: { visibleTo: widenVisibleTo(o.visibleTo, [input.unit.path]) },
    coHandlers: invitations(s, ctx, [input]),
    data: { coHandler: ref(input.unit), task: input.task },
    note: input.task,
    notices: notice('order.co_handler_invited', o, input.unit.id, coHandlerRoles, '邀请协办'),
  });
}

/** The removed unit keeps seeing the order it worked on: visible_to is not narrowed (its history stays readable to it). */
export function removeCoHandlerEffect(s: OrderSnapshot, input: { coHandlerId: string; reason: string }, ctx: EffectCtx): Effect {
  const current = s.coHandlers.find((h) => h.id === input.coHandlerId);
  if (!current) throw invalid('ORDER_CO_HANDLER_NOT_FOUND', '该协办单位不存在或已移除', [{ field: 'params.coHandlerId', message: '协办单位不存在或已移除' }]);
  return effect('remove_co_handler', s, ctx, {
    coHandlers: [{ op: 'remove', id: current.id, removedAt: ctx.now }],
    data: { coHandlerUnitId: current.unitId, reason: input.reason },
    note: input.reason,
  });
}

// ——— handling ———

export function replyCoHandlerPartEffect(s: OrderSnapshot, input: { reply: string }, ctx: EffectCtx): Effect {
  const mine = s.coHandlers.find((c) => c.unitId === ctx.actor.unitId);
  if (!mine) throw conflict('ORDER_NOT_CO_HANDLER', '本单位不是该工单的协办单位');
  return effect('reply_co_handler_part', s, ctx, {
    coHandlers: [{ op: 'reply', id: mine.id, partReply: input.reply, repliedAt: ctx.now, repliedBy: ctx.actor.userId }],
    data: { coHandlerId: mine.id, replaced: !!mine.repliedAt },
    note: input.reply,
    notices: notice('order.co_handler_replied', s.order, s.order.holderUnitId, repliers, '协办单位已反馈'),
  });
}

export function addNoteEffect(s: OrderSnapshot, input: { note: string; kind: string }, ctx: EffectCtx): Effect {
  return effect('add_note', s, ctx, { data: { kind: input.kind }, note: input.note, versioned: false });
}

export function addAttachmentEffect(
  s: OrderSnapshot,
  input: { attachmentId: string; fileName: string; contentType: string; size: number; kind: string },
  ctx: EffectCtx,
): Effect {
  return effect('add_attachment', s, ctx, { data: input, versioned: false });
}

/** The deadline an extension of `amount` (in the reply limit's unit) would give, counted from the current reply deadline. */
export function extendedDueAt(calendar: WorkingCalendar, order: Pick<OrderRow, 'replyDueAt' | 'replyLimit'>, amount: number): Date {
  return computeDeadline(calendar, order.replyDueAt!, { amount, unit: order.replyLimit!.unit as LimitUnit, countFrom: 'next_working_day' })!;
}

/**
 * The unit asked to decide an extension: the last dispatcher, whose hop brought the order to the handler (it may decide:
 * state-machine.ts decide_extension, hop_dispatcher), else the unit that first dispatched it.
 */
export const extensionDecider = (o: Pick<OrderRow, 'hopDispatcherUnitId' | 'dispatchUnitId'>) => o.hopDispatcherUnitId ?? o.dispatchUnitId;

/** The units an extension can be counted in (state-machine.ts extendableUnits), as a number is followed in Chinese. */
const extensionUnitWords: Record<string, string> = { working_days: '个工作日', working_hours: '个工作小时' };

/**
 * 申请延期: asked before the reply limit runs out, for at most the original limit again, counted in the reply
 * limit's own unit from the current deadline; the dispatching unit decides.
 */
export function requestExtensionEffect(s: OrderSnapshot, input: { amount: number; reason: string; callerInformed: boolean }, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  // workflow.md: an extension is asked with the caller told. Refused here, the one place that decides an extension.
  if (!input.callerInformed) {
    const message = '延期须告知来电人：请先告知来电人延期事宜，再申请延期';
    throw invalid('ORDER_EXTENSION_CALLER_NOT_INFORMED', message, [{ field: 'body.callerInformed', message: '请先告知来电人延期事宜' }]);
  }
  if (o.pendingExtension) throw conflict('ORDER_EXTENSION_PENDING', '已有一项延期申请待审批');
  if (!o.replyDueAt || !o.replyLimit || o.replyLimit.amount === null) throw conflict('ORDER_NO_REPLY_LIMIT', '该工单没有办理时限，无需延期');
  if (now >= o.replyDueAt) throw conflict('ORDER_EXTENSION_TOO_LATE', '办理期限已过，不能再申请延期（延期须在期限届满前申请）');
  if (input.amount < 1) {
    // Said with its unit too ("至少延长 1 个工作日"): a bare "1" leaves the person guessing days or hours.
    const least = `1 ${extensionUnitWords[o.replyLimit.unit] ?? o.replyLimit.unit}`;
    throw invalid('ORDER_EXTENSION_TOO_SHORT', `至少延长 ${least}`, [{ field: 'body.amount', message: `至少延长 ${least}` }]);
  }
  if (input.amount > o.replyLimit.amount) {
    // Said with its unit: an extension is counted in the reply limit's own unit, working days or working hours.
    const most = `${o.replyLimit.amount} ${extensionUnitWords[o.replyLimit.unit] ?? o.replyLimit.unit}`;
    throw invalid('ORDER_EXTENSION_TOO_LONG', `延期不能超过原办理时限（${most}）`, [{ field: 'body.amount', message: `最多延长 ${most}` }]);
  }
  const requestedDueAt = extendedDueAt(ctx.calendar, o, input.amount);
  const id = ctx.newId();
  const unit = o.replyLimit.unit as LimitUnit;
  return effect('request_extension', s, ctx, {
    set: {
      pendingExtension: { id, requestedAt: now.toISOString(), requestedDueAt: requestedDueAt.toISOString(), reason: input.reason, amount: input.amount, unit },
    },
    extensions: [
      {
        op: 'request',
        id,
        requestedBy: ctx.actor.userId,
        requestedByUnitId: ctx.actor.unitId,
        requestedAt: now,
        reason: input.reason,
        previousDueAt: o.replyDueAt,
        requestedDueAt,
      },
    ],
    data: {
      amount: input.amount,
      unit,
      reason: input.reason,
      previousDueAt: o.replyDueAt.toISOString(),
      requestedDueAt: requestedDueAt.toISOString(),
      callerInformed: input.callerInformed,
    },
    note: input.reason,
    // The unit that dispatched the hop to the handler decides (a city that passed the order down, or the hotline that
    // sent it): it is told. When that desk itself asked (the hotline handling an order of its own), its supervisors are
    // told as well: the one who asked may not decide it (state-machine.ts, separation of duties).
    notices: notice(
      'order.extension_requested',
      o,
      extensionDecider(o),
      deciders(extensionDecider(o), ctx, rolesThatMay('decide_extension')),
      '延期申请待审批',
      'warning',
    ),
  });
}

export function decideExtensionEffect(s: OrderSnapshot, input: { approve: boolean; note: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  const pending = o.pendingExtension;
  if (!pending) throw conflict('ORDER_NO_PENDING_EXTENSION', '没有待审批的延期申请');
  const decision: ExtensionChange = {
    op: 'decide',
    id: pending.id,
    decidedBy: ctx.actor.userId,
    decidedAt: now,
    approved: input.approve,
    decisionNote: input.note,
  };
  const asked = {
    reason: pending.reason,
    amount: pending.amount ?? null,
    unit: (pending.unit ?? null) as LimitUnit | null,
    requestedAt: pending.requestedAt,
    decidedBy: { userId: ctx.actor.userId, unitId: ctx.actor.unitId, role: ctx.actor.role },
    previousDueAt: o.replyDueAt?.toISOString() ?? null,
  };
  const told = notice('order.extension_decided', o, o.holderUnitId, repliers, input.approve ? '延期申请已批准' : '延期申请未获批准');
  if (!input.approve) {
    return effect('decide_extension', s, ctx, {
      set: { pendingExtension: null },
      extensions: [decision],
      data: { approved: false, ...asked, newDueAt: null },
      note: input.note,
      notices: told,
    });
  }
  const due = new Date(pending.requestedDueAt);
  const near = nearDueAt(ctx.calendar, o.replyStartedAt ?? now, due, (o.replyLimit?.unit ?? 'working_days') as LimitUnit);
  return effect('decide_extension', s, ctx, {
    set: {
      pendingExtension: null,
      extensionCount: o.extensionCount + 1,
      replyDueAt: due,
      replyNearDueAt: near,
      ...(o.currentStep === 'reply' ? { currentDueAt: due, currentNearDueAt: near } : {}),
    },
    extensions: [decision],
    data: { approved: true, ...asked, newDueAt: due.toISOString() },
    note: input.note,
    notices: told,
  });
}

/**
 * 办结反馈. A pending extension becomes moot and is closed, so extension figures don't count it as waiting for ever.
 * `confirmedDoubts`: the doubts about the figures the handler was shown and confirmed (reply-plausibility.ts).
 */
export function replyEffect(
  s: OrderSnapshot,
  input: { outcome: OrderOutcome; note: string | null; confirmedDoubts: readonly ReplyDoubt[] },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  const { now } = ctx;
  const pending = o.pendingExtension;
  // An amount no single order reaches is refused, never cut down: a clamped 1000 亿 sat in the leaders' sums.
  const tooMuch = amountRecoveredProblem(input.outcome.amountRecovered, o);
  if (tooMuch) throw invalid('REPLY_AMOUNT_OUT_OF_RANGE', tooMuch, [{ field: 'body.outcome.amountRecovered', message: tooMuch }]);
  // Implausible figures or empty measures do not stop the reply: they are kept with it for the reviewer to see. The
  // figures' doubts are confirmed first, each by name, so a stale form cannot confirm a doubt it never showed.
  const doubts = doubtsAbout(input.outcome, o);
  const missing = unconfirmedDoubts(doubts, input.confirmedDoubts);
  if (missing.length) {
    const what = missing.map((d) => replyDoubtLabels[d]).join('；');
    throw new AppError('invalid', 'REPLY_DOUBTS_UNCONFIRMED', `请核实并确认：${what}`, {
      fields: [{ field: 'body.confirmedDoubts', message: `请核实并确认：${what}` }],
      doubts: missing,
    });
  }
  const confirmed = doubtsToExplain(doubts);
  const outcome: OrderOutcome = { ...input.outcome, doubts, ...(confirmed.length ? { confirmedDoubts: confirmed } : {}) };
  // Whom the replied order waits for (the reply moves no unit): the unit and roles the board, the urges and the
  // timers name too (waiting-on.ts).
  const review = waitingOn('replied', o);
  return effect('reply', s, ctx, {
    set: {
      outcome,
      repliedAt: now,
      pendingExtension: null,
      currentStep: 'review',
      currentStepStartedAt: now,
      currentDueAt: null,
      currentNearDueAt: null,
    },
    extensions: pending
      ? [{ op: 'decide', id: pending.id, decidedBy: null, decidedAt: now, approved: false, decisionNote: '已办结反馈，延期申请自动失效' }]
      : [],
    data: {
      outcome,
      onTime: o.replyDueAt ? now <= o.replyDueAt : true,
      coHandlersWithoutReply: s.coHandlers.filter((c) => !c.repliedAt).map((c) => c.unitId),
      withdrawnExtension: !!pending,
    },
    note: input.note ?? input.outcome.measures,
    notices: notice('order.replied', o, review.unitId, deciders(review.unitId, ctx, review.roles), '承办单位已办结反馈，待审核'),
  });
}

// ——— closure ———

/** How many times a dissatisfied callback may reopen an order (workflow.md: once). */
export const maxReopens = 1;

/**
 * The deadline an approved extension gave the order, when a restarted reply limit would end before it: the extension
 * was granted for this order's handling (workflow.md: approved by the dispatching unit, the caller told), and sending
 * the reply back does not take it away. Null when no extension was approved or the restarted limit ends later anyway.
 */
export function keptExtendedDueAt(o: Pick<OrderRow, 'extensionCount' | 'replyDueAt'>, restartedDueAt: Date | null): Date | null {
  if (o.extensionCount < 1 || !o.replyDueAt || !restartedDueAt) return null;
  return o.replyDueAt > restartedDueAt ? o.replyDueAt : null;
}

/**
 * Back to the handling unit with the reply limit restarted (rework and reopen alike). A restarted limit never ends
 * before the date an approved extension gave (`kept`): the extension card's 延至 stays true.
 */
function restartReply(o: OrderRow, ctx: EffectCtx): { set: OrderFields; kept: Date | null } {
  const limit = o.replyLimit ?? ctx.limitFor('reply');
  const plan = planStep(ctx.calendar, limit, ctx.now);
  const kept = keptExtendedDueAt(o, plan.dueAt);
  const dueAt = kept ?? plan.dueAt;
  const near = kept ? nearDueAt(ctx.calendar, ctx.now, kept, limit.unit as LimitUnit) : plan.nearDueAt;
  return {
    kept,
    set: {
      replyLimit: limit,
      replyStartedAt: ctx.now,
      replyDueAt: dueAt,
      replyNearDueAt: near,
      repliedAt: null,
      currentStep: 'reply',
      currentStepStartedAt: ctx.now,
      currentDueAt: dueAt,
      currentNearDueAt: near,
    },
  };
}

/** Accepting a reply whose figures are in doubt needs the reviewer's word on it: the accepted figures go into the KPIs. */
export const minReviewComment = 2;

export function reviewAcceptEffect(s: OrderSnapshot, input: { reason: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  const toExplain = doubtsToExplain(o.outcome?.doubts);
  if (toExplain.length && (input.reason?.trim().length ?? 0) < minReviewComment) {
    const what = toExplain.map((d) => replyDoubtLabels[d]).join('；');
    const message = `办结反馈存疑（${what}），审核通过须填写审核意见，说明核实情况`;
    throw invalid('REVIEW_COMMENT_REQUIRED', message, [{ field: 'body.reason', message: '请填写审核意见（至少 2 个字），说明存疑之处已核实' }]);
  }
  const cb = planStep(ctx.calendar, ctx.limitFor('callback'), now);
  return effect('review_accept', s, ctx, {
    set: {
      acceptedAt: now,
      callbackDueAt: cb.dueAt,
      currentStep: 'callback',
      currentStepStartedAt: now,
      currentDueAt: cb.dueAt,
      currentNearDueAt: cb.nearDueAt,
    },
    data: { decision: 'accept', onTime: o.replyDueAt && o.repliedAt ? o.repliedAt <= o.replyDueAt : true },
    note: input.reason,
  });
}

export function reviewReworkEffect(s: OrderSnapshot, input: { reason: string }, ctx: EffectCtx): Effect {
  const o = s.order;
  const restart = restartReply(o, ctx);
  return effect('review_rework', s, ctx, {
    // The rejected reply is no longer the order's result: its figures stay only on the timeline (the reply event).
    set: { ...restart.set, outcome: null, reworkCount: o.reworkCount + 1 },
    data: { decision: 'rework', reason: input.reason, ...(restart.kept ? { keptExtendedDueAt: restart.kept.toISOString() } : {}) },
    note: input.reason,
    notices: notice('order.rework', o, o.holderUnitId, repliers, '工单被退回重办', 'warning'),
  });
}

/** `callers`: a group order called back caller by caller (closure/domain/group-callback.ts); the result is theirs. */
export type CallbackInput =
  | { result: 'unreachable'; note: string | null; callers?: CallerCallback[] }
  | { result: 'reached'; handlingSatisfaction: Satisfaction; callSatisfaction: Satisfaction; note: string | null; callers?: CallerCallback[] };

/** Which action a callback is: reached and content archives at once, dissatisfied waits for reopen or archive, unreachable tries again. */
export const callbackAction = (input: CallbackInput) =>
  input.result === 'unreachable' ? 'callback_unreachable' : input.handlingSatisfaction === 'dissatisfied' ? 'callback_dissatisfied' : 'callback_satisfied';

export function callbackEffect(s: OrderSnapshot, input: CallbackInput, ctx: EffectCtx): Effect {
  const o = s.order;
  const { now } = ctx;
  const attempt = o.callbackAttempts + 1;
  if (input.result === 'unreachable') {
    return effect('callback_unreachable', s, ctx, {
      set: { callbackAttempts: attempt },
      data: { result: 'unreachable', attempt, ...(input.callers ? { callers: input.callers } : {}) },
      note: input.note,
    });
  }
  const action = callbackAction(input) as 'callback_satisfied' | 'callback_dissatisfied';
  const archived = action === 'callback_satisfied';
  // A dissatisfied caller's order waits for the decision to reopen or archive it: told to whom waiting-on.ts names.
  const decision = waitingOn('callback_dissatisfied', o);
  return effect(action, s, ctx, {
    set: {
      callbackAttempts: attempt,
      callbackAt: now,
      handlingSatisfaction: input.handlingSatisfaction,
      callSatisfaction: input.callSatisfaction,
      // The callback is made: its step ends here. A dissatisfied caller's order waits for the dispatching unit's
      // decision to reopen or archive it, a step workflow.md sets no limit for: it runs against no deadline, and the
      // callback's is not left behind as its own (it made the order read "回访 超期" long after the call).
      ...(archived ? { closedAt: now, currentStep: null } : { currentStep: 'reopen_or_archive', currentStepStartedAt: now }),
      currentDueAt: null,
      currentNearDueAt: null,
    },
    data: {
      result: 'reached',
      handlingSatisfaction: input.handlingSatisfaction,
      callSatisfaction: input.callSatisfaction,
      onTime: o.callbackDueAt ? now <= o.callbackDueAt : true,
      autoArchived: archived,
      attempt,
      ...(input.callers ? { callers: input.callers } : {}),
    },
    note: input.note,
    notices: archived ? [] : notice('order.callback_dissatisfied', o, decision.unitId, decision.roles, '回访不满意，请重启或归档', 'warning'),
  });
}

export function reopenEffect(s: OrderSnapshot, input: { reason: string }, ctx: EffectCtx): Effect {
  const o = s.order;
  if (o.reopenCount >= maxReopens) throw conflict('ORDER_REOPEN_LIMIT', `回访不满意的工单最多重启 ${maxReopens} 次，请归档或转督办`);
  const restart = restartReply(o, ctx);
  return effect('reopen', s, ctx, {
    set: { ...restart.set, reopenCount: o.reopenCount + 1, acceptedAt: null, callbackDueAt: null },
    data: { reopen: o.reopenCount + 1, reason: input.reason, ...(restart.kept ? { keptExtendedDueAt: restart.kept.toISOString() } : {}) },
    note: input.reason,
    notices: notice('order.reopened', o, o.holderUnitId, repliers, '回访不满意，工单重启办理', 'warning'),
  });
}

export function archiveEffect(s: OrderSnapshot, input: { note: string | null }, ctx: EffectCtx): Effect {
  const o = s.order;
  return effect('archive', s, ctx, {
    set: closed(ctx.now),
    data: { callbackAttempts: o.callbackAttempts, withoutCallback: !o.callbackAt },
    note: input.note,
  });
}

// ——— orders ———

export function invalidateEffect(s: OrderSnapshot, input: { reason: string; category: InvalidCategory }, ctx: EffectCtx): Effect {
  return effect('invalidate', s, ctx, { set: { invalidReason: input.reason, ...closed(ctx.now) }, data: { category: input.category }, note: input.reason });
}

/** 合并（被合并方）: the source closes as merged; its callers move to the target (the caller rows are the service's). */
export function mergeEffect(
  s: OrderSnapshot,
  input: { targetId: string; callersMoved: number; primaryCallerId?: string | null; note: string | null },
  ctx: EffectCtx,
): Effect {
  return effect('merge', s, ctx, {
    set: { mergedIntoId: input.targetId, ...closed(ctx.now), callerCount: 0 },
    data: {
      mergedInto: input.targetId,
      callers: input.callersMoved,
      nearDueAt: s.order.currentNearDueAt?.toISOString() ?? null,
      primaryCaller: input.primaryCallerId ?? null,
    },
    note: input.note,
  });
}

/** What the merge recorded of the order it closed: the state and the step to come back to (events `merge`). */
export type MergeRecord = {
  state: OrderState;
  step: { step: string; startedAt: string | null; dueAt: string | null } | null;
  nearDueAt: string | null;
  /** The caller who was the order's primary one before the merge. */
  primaryCallerId: string | null;
};

/**
 * 撤销合并: the order merged by mistake comes back as it was merged: its state, its step with the deadline it had (the
 * clock did not stop while it was merged: the worker's problem waited all the same), and its callers.
 */
export function unmergeEffect(s: OrderSnapshot, input: { record: MergeRecord; callersBack: number; reason: string }, ctx: EffectCtx): Effect {
  const step = input.record.step;
  const date = (v: string | null | undefined) => (v ? new Date(v) : null);
  return effect('unmerge', s, ctx, {
    state: input.record.state,
    set: {
      mergedIntoId: null,
      closedAt: null,
      callerCount: input.callersBack,
      currentStep: (step?.step ?? null) as OrderFields['currentStep'],
      currentStepStartedAt: date(step?.startedAt) ?? ctx.now,
      currentDueAt: date(step?.dueAt),
      currentNearDueAt: date(input.record.nearDueAt),
    },
    data: { mergedInto: s.order.mergedIntoId ?? '', callers: input.callersBack, state: input.record.state },
    note: input.reason,
  });
}

/** The surviving order of an undone merge: the source's callers leave; flags and visibility stay (they were seen). */
export function mergeUndoneEffect(
  s: OrderSnapshot,
  input: { source: { id: string; number: string }; callerCount: number; callersMoved: number; reason: string },
  ctx: EffectCtx,
): Effect {
  return effect('merge_undone', s, ctx, {
    set: { callerCount: input.callerCount },
    data: { source: input.source, callersMoved: input.callersMoved },
    note: input.reason,
  });
}

/** The surviving order of a merge: every caller counted, the sources' risk flags and visibility joined. */
export function mergeInEffect(
  s: OrderSnapshot,
  input: { sources: Pick<OrderRow, 'id' | 'number' | 'riskFlags' | 'visibleTo'>[]; callerCount: number; callersMoved: number; note: string | null },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  const flags = [...new Set([...o.riskFlags, ...input.sources.flatMap((x) => x.riskFlags)])];
  // A flagged source brings the survivor into the emergency mechanism: its deadlines shorten with it.
  const retimed = retimeForFlags(o, flags, ctx);
  return effect('merge_in', s, ctx, {
    set: {
      callerCount: input.callerCount,
      isGroup: input.callerCount > 1,
      riskFlags: flags,
      visibleTo: [...new Set([...o.visibleTo, ...input.sources.flatMap((x) => x.visibleTo)])],
      ...retimed.set,
    },
    hops: retimed.hops,
    data: {
      sources: input.sources.map((x) => ({ id: x.id, number: x.number })),
      callersMoved: input.callersMoved,
      ...(retimed.limits ? { limits: retimed.limits } : {}),
    },
    note: input.note,
  });
}

export function linkEffect(s: OrderSnapshot, input: { linked: { id: string; number: string }; note: string | null }, ctx: EffectCtx): Effect {
  return effect('link', s, ctx, { data: { linkedOrder: input.linked }, note: input.note, versioned: false });
}

/**
 * An article used to answer the caller: a consultation not yet dispatched is closed on the spot (当场办结) with the
 * article's answer; otherwise the use is only recorded.
 */
export function answerWithArticleEffect(
  s: OrderSnapshot,
  input: { article: { id: string; version: number; title: string }; answer: string; closes: boolean; note: string | null },
  ctx: EffectCtx,
): Effect {
  if (!input.closes) return effect('article_used', s, ctx, { data: { article: input.article, closed: false }, note: input.note, versioned: false });
  return effect('answer_with_article', s, ctx, {
    set: { answer: input.answer, ...closed(ctx.now), currentStepStartedAt: null },
    data: { article: input.article, closed: true },
    note: input.note,
  });
}

export function revealContactEffect(s: OrderSnapshot, input: { callers: number; reason: string }, ctx: EffectCtx): Effect {
  return effect('reveal_contact', s, ctx, { data: { callers: input.callers }, note: input.reason, versioned: false });
}

// ——— supervision ———

/**
 * 催办: a supervisor or leader urges the unit the order waits for (domain/waiting-on.ts: the holder, or the desk whose
 * decision it awaits); whoever there may make that move (or the nearest unit above with any) is told at once.
 * Changes no field: colleagues' open copies stay current.
 */
export function urgeEffect(
  s: OrderSnapshot,
  input: { unit: UnitRef; message: string; answerBy: Date | null; byName: string; unitChain: string[]; subjectName: string },
  ctx: EffectCtx,
): Effect {
  const o = s.order;
  return effect('urge', s, ctx, {
    data: { toUnit: ref(input.unit), answerBy: input.answerBy?.toISOString() ?? null, by: ctx.actor.unitName },
    note: input.message,
    versioned: false,
    notices: [
      {
        kind: 'supervision.urge',
        level: 'urgent',
        to: [{ unitId: input.unit.id, roles: waitingOn(o.state as OrderState, o).roles, nearest: true }],
        title: `催办：${orderLabel(o.number, input.subjectName)}`,
        body: `${ctx.actor.unitName} ${input.byName}：${input.message}${input.answerBy ? `（请于 ${input.answerBy.toISOString()} 前答复）` : ''}`,
        data: { number: o.number, unitPath: input.unitChain },
      },
    ],
  });
}

/**
 * Leaders' instructions and the emergency mechanism (supervision/instructions.service.ts): a fact on the timeline and
 * whom it concerns; no field of the order changes (the instruction rows are supervision's own).
 */
export function supervisionFactEffect(
  action: 'add_instruction' | 'acknowledge_instruction' | 'record_emergency_way',
  s: OrderSnapshot,
  input: { data: Record<string, unknown>; note: string | null; notices?: ImpliedNotice[] },
  ctx: EffectCtx,
): Effect {
  return effect(action, s, ctx, { data: input.data as never, note: input.note, notices: input.notices ?? [], versioned: false });
}
