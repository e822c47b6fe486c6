import type { Actor } from '../auth/actor.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import type { Executor } from '../platform/db/client.js';
import { orderVisibleTo } from '../access/scope.js';
import { maskIdNumber, maskPhone } from '../platform/privacy/mask.js';
import { deadlineStatus } from './domain/deadlines.js';
import type { HopStatus } from './domain/effects.js';
import { allowedActions, type Relation } from './domain/state-machine.js';
import { stateNames, type OrderState } from './domain/states.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { orderDetails, type OrderRow } from './orders.repo.js';
import type { OrderSummaryRow } from './summary-columns.js';
import { machineFacts } from './machine-facts.js';
import { mergeTargetFacts, relationsOf } from './relations.js';
import { legalActionsOn, legalWorkOf } from '../legal/domain/legal-actions.js';

/**
 * Personal data: callers' phone and ID numbers are masked for everyone but the intake agents, who are on the
 * phone with the caller; a confidential order hides the caller's identity from every unit but the intake and
 * the dispatching unit. Confidentiality belongs to the caller as well as to the order: a confidential caller
 * merged into an ordinary order stays hidden there (pass the caller as `caller`). Revealing is a separate,
 * recorded action.
 */
export type ContactAccess = 'plain' | 'masked' | 'hidden';

export function contactAccessFor(
  actor: Pick<Actor, 'role'>,
  order: Pick<OrderRow, 'confidential'>,
  relations: ReadonlySet<Relation>,
  caller?: { confidential: boolean },
): ContactAccess {
  const atHotline = relations.has('intake') || relations.has('order_dispatcher');
  if ((order.confidential || caller?.confidential) && !atHotline) return 'hidden';
  if (actor.role === 'agent' && relations.has('intake')) return 'plain';
  return 'masked';
}

/** Roles that see whole numbers somewhere (the intake agent on the phone); every other role sees them masked. */
export const seesWholeNumbers = (role: Actor['role']) => role === 'agent';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type CallerRow = {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  relation: string;
  isPrimary: boolean;
  channel: string;
  calledAt: Date;
  sourceOrderId: string | null;
  confidential: boolean;
};

export function callerView(c: CallerRow, access: ContactAccess | 'revealed') {
  const plain = access === 'plain' || access === 'revealed';
  return {
    id: c.id,
    name: access === 'hidden' ? '（保密）' : c.name,
    phone: access === 'hidden' ? null : plain ? c.phone : maskPhone(c.phone),
    idNumber: access === 'hidden' ? null : plain ? c.idNumber : maskIdNumber(c.idNumber),
    relation: c.relation,
    isPrimary: c.isPrimary,
    channel: c.channel,
    calledAt: c.calledAt.toISOString(),
    sourceOrderId: c.sourceOrderId,
  };
}

/** The deadline of the current step and of the whole order's reply, each with its status at `now`. */
export function deadlinesOf(order: OrderSummaryRow, now: Date) {
  const open = !['archived', 'closed_at_intake', 'merged', 'invalid'].includes(order.state);
  return {
    currentStep: open ? order.currentStep : null,
    current:
      open && order.currentDueAt
        ? { dueAt: iso(order.currentDueAt)!, nearDueAt: iso(order.currentNearDueAt), status: deadlineStatus(now, order.currentDueAt, order.currentNearDueAt)! }
        : null,
    reply: order.replyDueAt
      ? {
          dueAt: iso(order.replyDueAt)!,
          nearDueAt: iso(order.replyNearDueAt),
          status:
            order.repliedAt && ['replied', 'pending_callback', 'callback_dissatisfied', 'archived'].includes(order.state)
              ? order.repliedAt <= order.replyDueAt
                ? ('on_time' as const)
                : ('overdue' as const)
              : open
                ? deadlineStatus(now, order.replyDueAt, order.replyNearDueAt)!
                : null,
          // The limit the reply deadline was counted with: an extension is asked in its unit, for at most its amount.
          limit: order.replyLimit ? { amount: order.replyLimit.amount, unit: order.replyLimit.unit } : null,
        }
      : null,
    callbackDueAt: iso(order.callbackDueAt),
    returnDueAt: iso(order.returnDueAt),
  };
}

/** The brief form used in lists. */
export function orderSummary(order: OrderSummaryRow, now: Date, unitName: (id: string | null) => string | null) {
  return {
    id: order.id,
    number: order.number,
    state: order.state as OrderState,
    stateName: stateNames[order.state as OrderState].zh,
    version: order.version,
    channel: order.channel,
    typeCode: order.typeCode,
    subjectCode: order.subjectCode,
    priority: order.priority,
    tier: order.tier,
    riskFlags: order.riskFlags,
    title: order.title,
    employerName: order.employerName,
    placeText: order.placeText,
    divisionCode: order.divisionCode,
    confidential: order.confidential,
    isGroup: order.isGroup,
    callerCount: order.callerCount,
    workersInvolved: order.workersInvolved,
    amountInvolved: order.amountInvolved,
    holderUnit: { id: order.holderUnitId, name: unitName(order.holderUnitId) ?? '' },
    createdAt: order.createdAt.toISOString(),
    createdDate: localDateOf(order.createdAt),
    deadlines: deadlinesOf(order, now),
    deadlineProvisional: order.deadlineProvisional,
    outcome: order.outcome,
    handlingSatisfaction: order.handlingSatisfaction,
  };
}

/** The whole order as the actor may see it, with exactly the actions the actor may take now. */
export type OrderDetails = Awaited<ReturnType<typeof orderDetails>>;

/**
 * `known` lets a caller that has just written the order (intake) pass what it already holds, so the answer to a
 * create costs no further queries for details and relations.
 */
export type ViewSource = { db: Executor; units: UnitDirectoryCache };

export async function orderView(src: ViewSource, actor: Actor, order: OrderRow, now: Date, known?: { details: OrderDetails; relations?: Set<Relation> }) {
  const [d, units] = await Promise.all([known?.details ?? orderDetails(src.db, order.id), src.units.current()]);
  const relations = known?.relations ?? relationsOf(actor, order, d.coHandlers, units);
  const unitIds = [
    order.intakeUnitId,
    order.holderUnitId,
    order.dispatchUnitId,
    order.hopDispatcherUnitId,
    ...d.hops.flatMap((h) => [h.fromUnitId, h.toUnitId]),
    ...d.coHandlers.map((c) => c.unitId),
    ...d.extensions.map((e) => e.requestedByUnitId),
    ...d.attachments.map((a) => a.uploadedByUnitId),
  ].filter((x): x is string => !!x);
  const unitMap = units.byIds(unitIds);
  const unitName = (id: string | null) => (id ? (unitMap.get(id)?.name ?? null) : null);
  const unitRef = (id: string | null) => (id ? { id, name: unitName(id) ?? '' } : null);
  const access = contactAccessFor(actor, order, relations);
  // The summary's object, extended: a literal spreading it and adding thirty properties made V8 build a hidden class
  // for each, per call (40 KB of garbage per intake reply; domain/effects.ts createEffect says more).
  return Object.assign(orderSummary(order, now, unitName), {
    narrative: order.narrative,
    answer: order.answer,
    employer: { name: order.employerName, creditCode: order.employerCreditCode, address: order.employerAddress },
    place: { text: order.placeText, divisionCode: order.divisionCode },
    contactAccess: access,
    callers: d.callers.map((c) => callerView(c, contactAccessFor(actor, order, relations, c))),
    intakeUnit: unitRef(order.intakeUnitId)!,
    dispatchUnit: unitRef(order.dispatchUnitId),
    hopDispatcherUnit: unitRef(order.hopDispatcherUnitId),
    firstDispatchedAt: iso(order.firstDispatchedAt),
    signedAt: iso(order.signedAt),
    repliedAt: iso(order.repliedAt),
    acceptedAt: iso(order.acceptedAt),
    closedAt: iso(order.closedAt),
    pendingExtension: order.pendingExtension,
    counts: {
      extensions: order.extensionCount,
      returns: order.returnCount,
      reworks: order.reworkCount,
      reopens: order.reopenCount,
      callbackAttempts: order.callbackAttempts,
    },
    callback: order.callbackAt
      ? { at: iso(order.callbackAt)!, handlingSatisfaction: order.handlingSatisfaction, callSatisfaction: order.callSatisfaction }
      : null,
    mergedIntoId: order.mergedIntoId,
    // The words of each request merged into this one, as its caller gave them (the group case reads them all).
    absorbed: d.absorbed.map((m) => ({
      id: m.id,
      number: m.number,
      title: m.title,
      narrative: m.narrative,
      channel: m.channel,
      createdAt: m.createdAt.toISOString(),
    })),
    invalidReason: order.invalidReason,
    hops: d.hops.map((h) => ({
      seq: h.seq,
      fromUnit: unitRef(h.fromUnitId)!,
      toUnit: unitRef(h.toUnitId)!,
      dispatchedAt: h.dispatchedAt.toISOString(),
      note: h.note,
      signDueAt: iso(h.signDueAt),
      signedAt: iso(h.signedAt),
      returnedAt: iso(h.returnedAt),
      returnReason: h.returnReason,
      status: h.status as HopStatus,
    })),
    coHandlers: d.coHandlers.map((c) => ({
      id: c.id,
      unit: unitRef(c.unitId)!,
      task: c.task,
      invitedAt: c.invitedAt.toISOString(),
      removedAt: iso(c.removedAt),
      partReply: c.partReply,
      repliedAt: iso(c.repliedAt),
    })),
    extensions: d.extensions.map((e) => ({
      id: e.id,
      requestedAt: e.requestedAt.toISOString(),
      requestedByUnit: unitRef(e.requestedByUnitId)!,
      reason: e.reason,
      previousDueAt: e.previousDueAt.toISOString(),
      requestedDueAt: e.requestedDueAt.toISOString(),
      decidedAt: iso(e.decidedAt),
      approved: e.approved,
      decisionNote: e.decisionNote,
    })),
    attachments: d.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      kind: a.kind,
      uploadedAt: a.uploadedAt.toISOString(),
      uploadedByUnit: unitRef(a.uploadedByUnitId)!,
    })),
    // A linked order out of the actor's scope is not shown at all: not its number, state, nor the note about it.
    links: d.links
      .filter((l) => orderVisibleTo(actor, l))
      .map((l) => ({ orderId: l.orderId === order.id ? l.linkedOrderId : l.orderId, number: l.number, state: l.state, note: l.note })),
    // Sorted: a create reply and the same order read back list them alike, whatever order they were found in.
    relations: [...relations].sort(),
    allowedActions: allowedActions(order.state as OrderState, {
      role: actor.role,
      relations,
      facts: machineFacts(actor, order, relations, {
        pendingRequestedBy: (order.pendingExtension && d.extensions.find((e) => e.id === order.pendingExtension!.id)?.requestedBy) || null,
        repliedBy: d.repliedBy,
        callers: d.callers,
        ...(d.instructions ? { instructions: d.instructions } : {}),
        mergeTarget: mergeTargetFacts(actor, d.mergeTarget, units),
      }),
    }),
    // The legal work the person may start from the order (法律服务), by the rule the legal services refuse by.
    legalActions: legalActionsOn({ ...order, hasOpenMediation: d.hasOpenMediation }, actor.role),
    // The legal work already begun that the person may carry on (a case's sessions, a referral's result).
    legalWork: legalWorkOf(actor.role),
  });
}

export type OrderView = Awaited<ReturnType<typeof orderView>>;
