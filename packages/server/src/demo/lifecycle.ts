import { unitIdsOnPath } from '../access/scope.js';
import { computeDeadline, type LimitUnit, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { planStep } from '../orders/deadline-plan.js';
import { nearDueAt } from '../orders/domain/deadlines.js';
import { decide, type OrderAction, type Relation } from '../orders/domain/state-machine.js';
import type { OrderState, Satisfaction } from '../orders/domain/states.js';
import type {
  LimitSnapshot,
  OrderOutcome,
  orderCallers,
  orderCoHandlers,
  orderEvents,
  orderExtensions,
  orderHops,
  workOrders,
} from '../orders/orders.tables.js';
import type { Step } from '../catalog/domain/catalog.js';
import type { SeedActor, SeedUnit } from './cast.js';

export type OrderRow = typeof workOrders.$inferSelect;
export type CallerRow = typeof orderCallers.$inferSelect;
export type HopRow = typeof orderHops.$inferSelect;
export type CoHandlerRow = typeof orderCoHandlers.$inferSelect;
export type ExtensionRow = typeof orderExtensions.$inferSelect;
export type EventRow = Omit<typeof orderEvents.$inferSelect, 'id'>;

/** One generated order with every row that belongs to it, ready to insert. */
export type GeneratedOrder = {
  order: OrderRow;
  callers: CallerRow[];
  hops: HopRow[];
  coHandlers: CoHandlerRow[];
  extensions: ExtensionRow[];
  events: EventRow[];
};

export type SimEnv = {
  calendar: WorkingCalendar;
  limitFor(step: Step, order: Pick<OrderRow, 'typeCode' | 'subjectCode' | 'priority' | 'tier'>): LimitSnapshot;
  unit(id: string): SeedUnit;
  newId(): string;
};

type Change = { set?: Partial<OrderRow>; data?: Record<string, unknown> | null; note?: string | null; state?: OrderState; eventAction?: string };

/** The order's creation as intake records it; `answer` closes a consultation on the spot. */
export type NewOrder = Omit<
  OrderRow,
  | 'state'
  | 'version'
  | 'holderUnitId'
  | 'holderUnitPath'
  | 'hopDispatcherUnitId'
  | 'dispatchUnitId'
  | 'visibleTo'
  | 'firstDispatchedAt'
  | 'signedAt'
  | 'repliedAt'
  | 'acceptedAt'
  | 'closedAt'
  | 'currentStep'
  | 'currentStepStartedAt'
  | 'currentDueAt'
  | 'currentNearDueAt'
  | 'replyStartedAt'
  | 'replyDueAt'
  | 'replyNearDueAt'
  | 'replyLimit'
  | 'returnDueAt'
  | 'callbackDueAt'
  | 'deadlineProvisional'
  | 'pendingExtension'
  | 'extensionCount'
  | 'returnCount'
  | 'reworkCount'
  | 'reopenCount'
  | 'callbackAttempts'
  | 'outcome'
  | 'handlingSatisfaction'
  | 'callSatisfaction'
  | 'callbackAt'
  | 'mergedIntoId'
  | 'invalidReason'
  | 'sourcePartnerId'
  | 'updatedAt'
  | 'isGroup'
  | 'callerCount'
  | 'intakeUnitId'
  | 'createdBy'
  | 'createdByRole'
>;

/**
 * An order driven through the loop by the same rules the services apply: every step asks the state machine
 * (`decide`) with the actor's role and relation to the order, sets the columns the service sets, bumps the version
 * as `runTransition` does and appends one timeline event. A step the machine refuses is a generator bug and throws.
 */
export class SimOrder {
  readonly g: GeneratedOrder;
  private pending: { at: Date; run: () => void }[] = [];
  private lastAt: Date;

  constructor(
    private readonly env: SimEnv,
    init: NewOrder,
    actor: SeedActor,
    holder: SeedUnit,
    callers: Omit<CallerRow, 'orderId' | 'isPrimary' | 'sourceOrderId' | 'confidential'>[],
    suggestedRiskFlags: unknown[],
  ) {
    const now = init.createdAt;
    const closed = init.answer !== null;
    const intake = env.unit(actor.unitId);
    const plan = closed ? { dueAt: null, nearDueAt: null } : planStep(env.calendar, env.limitFor('dispatch', init), now);
    // One literal with every column (no spread): a wide row built this way stays a fast object.
    const order: OrderRow = {
      id: init.id,
      number: init.number,
      state: closed ? 'closed_at_intake' : 'pending_dispatch',
      version: 1,
      channel: init.channel,
      typeCode: init.typeCode,
      subjectCode: init.subjectCode,
      priority: init.priority,
      tier: init.tier,
      riskFlags: init.riskFlags,
      title: init.title,
      narrative: init.narrative,
      answer: init.answer,
      employerName: init.employerName,
      employerKey: init.employerKey,
      employerCreditCode: init.employerCreditCode,
      employerAddress: init.employerAddress,
      placeText: init.placeText,
      divisionCode: init.divisionCode,
      workersInvolved: init.workersInvolved,
      amountInvolved: init.amountInvolved,
      confidential: init.confidential,
      isGroup: callers.length > 1,
      callerCount: callers.length,
      intakeUnitId: actor.unitId,
      createdBy: actor.userId!,
      createdByRole: actor.role,
      createdAt: now,
      holderUnitId: holder.id,
      holderUnitPath: holder.path,
      hopDispatcherUnitId: null,
      dispatchUnitId: null,
      visibleTo: [...new Set([...unitIdsOnPath(intake.path), ...unitIdsOnPath(holder.path)])],
      firstDispatchedAt: null,
      signedAt: null,
      repliedAt: null,
      acceptedAt: null,
      closedAt: closed ? now : null,
      currentStep: closed ? null : 'dispatch',
      currentStepStartedAt: closed ? null : now,
      currentDueAt: plan.dueAt,
      currentNearDueAt: plan.nearDueAt,
      replyStartedAt: null,
      replyDueAt: null,
      replyNearDueAt: null,
      replyLimit: null,
      returnDueAt: null,
      callbackDueAt: null,
      deadlineProvisional: false,
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
      updatedAt: now,
    };
    this.g = {
      order,
      callers: callers.map((c, i) => ({ ...c, orderId: init.id, isPrimary: i === 0, sourceOrderId: null, confidential: init.confidential })),
      hops: [],
      coHandlers: [],
      extensions: [],
      events: [],
    };
    this.lastAt = now;
    this.g.events.push({
      orderId: init.id,
      at: now,
      action: closed ? 'close_at_intake' : 'create',
      fromState: null,
      toState: order.state,
      actorUserId: actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName: intake.name,
      data: { channel: init.channel, riskFlags: init.riskFlags, suggestedRiskFlags, callers: callers.length },
      note: null,
    });
  }

  get o(): OrderRow {
    return this.g.order;
  }
  get state(): OrderState {
    return this.g.order.state as OrderState;
  }
  get last(): Date {
    return this.lastAt;
  }

  /** What the actor's unit is to the order, as orders/relations.ts decides it. */
  relationsOf(actor: SeedActor): Set<Relation> {
    const o = this.o;
    const r = new Set<Relation>();
    if (o.holderUnitId === actor.unitId) {
      r.add('holder');
      if (this.env.unit(actor.unitId).type === 'hotline_centre') r.add('hotline_holder');
    }
    if (o.hopDispatcherUnitId === actor.unitId) r.add('hop_dispatcher');
    if (o.dispatchUnitId === actor.unitId) r.add('order_dispatcher');
    if (o.intakeUnitId === actor.unitId) r.add('intake');
    if (this.g.coHandlers.some((c) => !c.removedAt && c.unitId === actor.unitId)) r.add('co_handler');
    return r;
  }

  /** Whether the actor sees the order (the access rule on visible_to; an integration account sees what it created). */
  sees(actor: SeedActor): boolean {
    if (actor.role === 'integration') return this.o.createdBy === actor.userId;
    const unit = this.env.unit(actor.unitId);
    return this.o.visibleTo.includes(unit.type === 'hotline_centre' && unit.parentId ? unit.parentId : actor.unitId);
  }

  /** Whether the actor may take the action now: the order is visible to them and the state machine allows it. */
  may(actor: SeedActor, action: OrderAction): boolean {
    return this.sees(actor) && decide(this.state, action, { role: actor.role, relations: this.relationsOf(actor) }).ok;
  }

  /** Runs `run` at `at`, in time order with the order's own steps (a merge into this order from another one). */
  schedule(at: Date, run: () => void): void {
    this.pending.push({ at, run });
    this.pending.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Runs what is scheduled before `end`; later things never happened. */
  finish(end: Date): void {
    this.flush(end, false);
  }

  private flush(until: Date, inclusive = true): void {
    while (this.pending.length && (inclusive ? this.pending[0]!.at <= until : this.pending[0]!.at < until)) this.pending.shift()!.run();
  }

  private act(at: Date, actor: SeedActor, action: OrderAction, apply: (next: OrderState) => Change, versioned = true): void {
    this.flush(at);
    if (at < this.lastAt) throw new Error(`demo generator: ${action} at ${at.toISOString()} before ${this.lastAt.toISOString()} on ${this.o.number}`);
    if (!this.sees(actor)) throw new Error(`demo generator: ${actor.name} cannot see ${this.o.number}`);
    const decision = decide(this.state, action, { role: actor.role, relations: this.relationsOf(actor) });
    if (!decision.ok) throw new Error(`demo generator: ${action} on ${this.o.number} (${this.state}) by ${actor.role}: ${decision.message}`);
    const change = apply(decision.next);
    const state = change.state ?? decision.next;
    const from = this.state;
    if (versioned || state !== from || change.set !== undefined) {
      Object.assign(this.g.order, change.set, { state, version: this.o.version + 1, updatedAt: at });
    }
    this.lastAt = at;
    this.g.events.push({
      orderId: this.o.id,
      at,
      action: change.eventAction ?? action,
      fromState: from,
      toState: state,
      actorUserId: actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName: this.env.unit(actor.unitId).name,
      data: change.data ?? null,
      note: change.note ?? null,
    });
  }

  private plan(step: Step, start: Date) {
    const limit = this.env.limitFor(step, this.o);
    return { limit, ...planStep(this.env.calendar, limit, start) };
  }

  attachCaller(
    at: Date,
    actor: SeedActor,
    caller: Omit<CallerRow, 'orderId' | 'isPrimary' | 'sourceOrderId' | 'calledAt' | 'addedBy' | 'confidential'>,
    riskFlags?: string[],
  ): void {
    this.act(at, actor, 'attach_caller', () => {
      this.g.callers.push({
        ...caller,
        orderId: this.o.id,
        isPrimary: false,
        calledAt: at,
        addedBy: actor.userId,
        sourceOrderId: null,
        confidential: this.o.confidential,
      });
      const flags = riskFlags ? [...new Set(riskFlags)] : this.o.riskFlags;
      return {
        set: { callerCount: this.o.callerCount + 1, isGroup: true, riskFlags: flags },
        data: { channel: caller.channel, callerCount: this.o.callerCount + 1, riskFlags: { before: this.o.riskFlags, after: flags } },
      };
    });
  }

  /** 派单 / 下派: one hop down; the reply deadline of the whole order starts at the first dispatch and is kept. */
  dispatch(
    at: Date,
    actor: SeedActor,
    target: SeedUnit,
    note: string | null,
    coHandlers: { unit: SeedUnit; task: string | null }[] = [],
    action: 'dispatch' | 'return_redispatch' = 'dispatch',
  ): void {
    const sign = this.plan('sign', at);
    const ret = this.plan('return', at);
    const reply = this.o.replyDueAt ? null : this.plan('reply', at);
    this.act(at, actor, action, () => {
      const o = this.o;
      const redispatch = o.state !== 'pending_dispatch';
      for (const h of this.g.hops)
        if (h.toUnitId === o.holderUnitId && ['open', 'signed', 'returned'].includes(h.status))
          h.status = o.state === 'returned' ? 'withdrawn' : 'redispatched';
      this.g.hops.push({
        id: this.env.newId(),
        orderId: o.id,
        seq: this.g.hops.length + 1,
        fromUnitId: actor.unitId,
        toUnitId: target.id,
        dispatchedBy: actor.userId!,
        dispatchedAt: at,
        note,
        signDueAt: sign.dueAt,
        signedAt: null,
        returnedAt: null,
        returnReason: null,
        status: 'open',
      });
      const visible = new Set([...o.visibleTo, ...unitIdsOnPath(target.path)]);
      for (const c of coHandlers) {
        this.g.coHandlers.push({
          id: this.env.newId(),
          orderId: o.id,
          unitId: c.unit.id,
          invitedByUnitId: actor.unitId,
          invitedBy: actor.userId!,
          invitedAt: at,
          task: c.task,
          removedAt: null,
          partReply: null,
          repliedAt: null,
          repliedBy: null,
        });
        for (const id of unitIdsOnPath(c.unit.path)) visible.add(id);
      }
      const set: Partial<OrderRow> = {
        holderUnitId: target.id,
        holderUnitPath: target.path,
        hopDispatcherUnitId: actor.unitId,
        dispatchUnitId: o.dispatchUnitId ?? actor.unitId,
        firstDispatchedAt: o.firstDispatchedAt ?? at,
        visibleTo: [...visible],
        currentStep: 'sign',
        currentStepStartedAt: at,
        currentDueAt: sign.dueAt,
        currentNearDueAt: sign.nearDueAt,
        returnDueAt: ret.dueAt,
        ...(reply ? { replyLimit: reply.limit, replyDueAt: reply.dueAt, replyNearDueAt: reply.nearDueAt, replyStartedAt: at } : {}),
      };
      const data =
        action === 'dispatch'
          ? { toUnit: { id: target.id, name: target.name }, coHandlers: coHandlers.map((c) => ({ id: c.unit.id, name: c.unit.name })), redispatch }
          : { decision: 'redispatch', toUnit: { id: target.id, name: target.name } };
      return { set, data, note };
    });
  }

  /** 办单: the hotline centre keeps the order and handles it itself. */
  handleAtHotline(at: Date, actor: SeedActor, note: string | null): void {
    const reply = this.plan('reply', at);
    this.act(at, actor, 'handle_at_hotline', () => ({
      set: {
        dispatchUnitId: actor.unitId,
        hopDispatcherUnitId: actor.unitId,
        firstDispatchedAt: at,
        signedAt: at,
        replyLimit: reply.limit,
        replyStartedAt: at,
        replyDueAt: reply.dueAt,
        replyNearDueAt: reply.nearDueAt,
        currentStep: 'reply',
        currentStepStartedAt: at,
        currentDueAt: reply.dueAt,
        currentNearDueAt: reply.nearDueAt,
      },
      data: { handledBy: { id: actor.unitId, name: this.env.unit(actor.unitId).name } },
      note,
    }));
  }

  sign(at: Date, actor: SeedActor): void {
    this.act(at, actor, 'sign', () => {
      for (const h of this.g.hops) if (h.toUnitId === actor.unitId && h.status === 'open') Object.assign(h, { signedAt: at, status: 'signed' });
      return {
        set: {
          signedAt: this.o.signedAt ?? at,
          currentStep: 'reply',
          currentStepStartedAt: at,
          currentDueAt: this.o.replyDueAt,
          currentNearDueAt: this.o.replyNearDueAt,
        },
        data: { lateSign: this.o.currentDueAt ? at > this.o.currentDueAt : false },
      };
    });
  }

  returnOrder(at: Date, actor: SeedActor, reason: string): void {
    if (this.o.returnDueAt && at > this.o.returnDueAt) throw new Error(`demo generator: return after the return limit on ${this.o.number}`);
    const plan = this.plan('dispatch', at);
    this.act(at, actor, 'return', () => {
      for (const h of this.g.hops) {
        if (h.toUnitId === actor.unitId && ['open', 'signed'].includes(h.status))
          Object.assign(h, { returnedAt: at, returnReason: reason, status: 'returned' });
      }
      return {
        set: {
          returnCount: this.o.returnCount + 1,
          currentStep: 'dispatch',
          currentStepStartedAt: at,
          currentDueAt: plan.dueAt,
          currentNearDueAt: plan.nearDueAt,
        },
        data: { reason, toUnit: { id: this.o.hopDispatcherUnitId } },
        note: reason,
      };
    });
  }

  /** The return refused: the same unit must sign again, with a fresh sign limit. */
  rejectReturn(at: Date, actor: SeedActor, reason: string): void {
    const sign = this.plan('sign', at);
    this.act(at, actor, 'return_reject', () => {
      for (const h of this.g.hops)
        if (h.toUnitId === this.o.holderUnitId && h.status === 'returned') Object.assign(h, { status: 'open', signDueAt: sign.dueAt });
      return {
        set: { currentStep: 'sign', currentStepStartedAt: at, currentDueAt: sign.dueAt, currentNearDueAt: sign.nearDueAt },
        data: { decision: 'reject' },
        note: reason,
      };
    });
  }

  inviteCoHandler(at: Date, actor: SeedActor, unit: SeedUnit, task: string | null): void {
    this.act(at, actor, 'invite_co_handler', () => {
      this.g.coHandlers.push({
        id: this.env.newId(),
        orderId: this.o.id,
        unitId: unit.id,
        invitedByUnitId: actor.unitId,
        invitedBy: actor.userId!,
        invitedAt: at,
        task,
        removedAt: null,
        partReply: null,
        repliedAt: null,
        repliedBy: null,
      });
      return {
        set: { visibleTo: [...new Set([...this.o.visibleTo, ...unitIdsOnPath(unit.path)])] },
        data: { coHandler: { id: unit.id, name: unit.name }, task },
        note: task,
      };
    });
  }

  replyCoHandlerPart(at: Date, actor: SeedActor, reply: string): void {
    this.act(at, actor, 'reply_co_handler_part', () => {
      const mine = this.g.coHandlers.find((c) => !c.removedAt && c.unitId === actor.unitId)!;
      const replaced = !!mine.repliedAt;
      Object.assign(mine, { partReply: reply, repliedAt: at, repliedBy: actor.userId });
      return { set: {}, data: { coHandlerId: mine.id, replaced }, note: reply };
    });
  }

  addNote(at: Date, actor: SeedActor, note: string, kind = 'progress'): void {
    this.act(at, actor, 'add_note', () => ({ data: { kind }, note }), false);
  }

  /** The requested deadline, or null when the calendar does not reach it (the service would refuse the request). */
  extensionDue(amount: number): Date | null {
    const o = this.o;
    if (!o.replyDueAt || !o.replyLimit || o.replyLimit.amount === null || amount > o.replyLimit.amount) return null;
    try {
      return computeDeadline(this.env.calendar, o.replyDueAt, { amount, unit: o.replyLimit.unit as LimitUnit, countFrom: 'next_working_day' });
    } catch {
      return null;
    }
  }

  requestExtension(at: Date, actor: SeedActor, amount: number, reason: string): void {
    const o = this.o;
    if (o.pendingExtension || !o.replyDueAt || at >= o.replyDueAt) throw new Error(`demo generator: extension not possible on ${o.number}`);
    const requestedDueAt = this.extensionDue(amount);
    if (!requestedDueAt) throw new Error(`demo generator: extension of ${amount} not possible on ${o.number}`);
    this.act(at, actor, 'request_extension', () => {
      const id = this.env.newId();
      this.g.extensions.push({
        id,
        orderId: o.id,
        requestedBy: actor.userId!,
        requestedByUnitId: actor.unitId,
        requestedAt: at,
        reason,
        previousDueAt: o.replyDueAt!,
        requestedDueAt,
        decidedBy: null,
        decidedAt: null,
        approved: null,
        decisionNote: null,
      });
      return {
        set: { pendingExtension: { id, requestedAt: at.toISOString(), requestedDueAt: requestedDueAt.toISOString(), reason } },
        data: { amount, unit: o.replyLimit!.unit, requestedDueAt: requestedDueAt.toISOString(), callerInformed: true },
        note: reason,
      };
    });
  }

  decideExtension(at: Date, actor: SeedActor, approve: boolean, note: string | null): void {
    this.act(at, actor, 'decide_extension', () => {
      const o = this.o;
      const pending = o.pendingExtension!;
      Object.assign(this.g.extensions.find((e) => e.id === pending.id)!, { decidedBy: actor.userId, decidedAt: at, approved: approve, decisionNote: note });
      if (!approve) return { set: { pendingExtension: null }, data: { approved: false }, note };
      const due = new Date(pending.requestedDueAt);
      const near = nearDueAt(this.env.calendar, o.replyStartedAt ?? at, due, (o.replyLimit?.unit ?? 'working_days') as LimitUnit);
      return {
        set: {
          pendingExtension: null,
          extensionCount: o.extensionCount + 1,
          replyDueAt: due,
          replyNearDueAt: near,
          ...(o.currentStep === 'reply' ? { currentDueAt: due, currentNearDueAt: near } : {}),
        },
        data: { approved: true, previousDueAt: o.replyDueAt?.toISOString() ?? null, newDueAt: due.toISOString() },
        note,
      };
    });
  }

  reply(at: Date, actor: SeedActor, outcome: OrderOutcome): void {
    this.act(at, actor, 'reply', () => ({
      set: { outcome, repliedAt: at, pendingExtension: null, currentStep: 'review', currentStepStartedAt: at, currentDueAt: null, currentNearDueAt: null },
      data: {
        outcome,
        onTime: this.o.replyDueAt ? at <= this.o.replyDueAt : true,
        coHandlersWithoutReply: this.g.coHandlers.filter((c) => !c.removedAt && !c.repliedAt).map((c) => c.unitId),
      },
      note: outcome.measures,
    }));
  }

  private restartReply(at: Date): Partial<OrderRow> {
    const limit = this.o.replyLimit ?? this.env.limitFor('reply', this.o);
    const plan = planStep(this.env.calendar, limit, at);
    return {
      replyLimit: limit,
      replyStartedAt: at,
      replyDueAt: plan.dueAt,
      replyNearDueAt: plan.nearDueAt,
      repliedAt: null,
      currentStep: 'reply',
      currentStepStartedAt: at,
      currentDueAt: plan.dueAt,
      currentNearDueAt: plan.nearDueAt,
    };
  }

  accept(at: Date, actor: SeedActor): void {
    const cb = this.plan('callback', at);
    this.act(at, actor, 'review_accept', () => ({
      set: {
        acceptedAt: at,
        callbackDueAt: cb.dueAt,
        currentStep: 'callback',
        currentStepStartedAt: at,
        currentDueAt: cb.dueAt,
        currentNearDueAt: cb.nearDueAt,
      },
      data: { decision: 'accept', onTime: this.o.replyDueAt && this.o.repliedAt ? this.o.repliedAt <= this.o.replyDueAt : true },
    }));
  }

  rework(at: Date, actor: SeedActor, reason: string): void {
    const set = this.restartReply(at);
    this.act(at, actor, 'review_rework', () => ({
      set: { ...set, outcome: null, reworkCount: this.o.reworkCount + 1 },
      data: { decision: 'rework' },
      note: reason,
    }));
  }

  callbackUnreachable(at: Date, actor: SeedActor): void {
    this.act(at, actor, 'callback_unreachable', () => ({
      set: { callbackAttempts: this.o.callbackAttempts + 1 },
      data: { result: 'unreachable', attempt: this.o.callbackAttempts + 1 },
    }));
  }

  callbackReached(at: Date, actor: SeedActor, handling: Satisfaction, call: Satisfaction): void {
    const action = handling === 'dissatisfied' ? 'callback_dissatisfied' : 'callback_satisfied';
    const archived = action === 'callback_satisfied';
    this.act(at, actor, action, () => ({
      set: {
        callbackAttempts: this.o.callbackAttempts + 1,
        callbackAt: at,
        handlingSatisfaction: handling,
        callSatisfaction: call,
        currentStep: archived ? null : 'callback',
        ...(archived ? { closedAt: at, currentDueAt: null, currentNearDueAt: null } : {}),
      },
      data: {
        result: 'reached',
        handlingSatisfaction: handling,
        callSatisfaction: call,
        onTime: this.o.callbackDueAt ? at <= this.o.callbackDueAt : true,
        autoArchived: archived,
      },
    }));
  }

  reopen(at: Date, actor: SeedActor, reason: string): void {
    const set = this.restartReply(at);
    this.act(at, actor, 'reopen', () => ({
      set: { ...set, reopenCount: this.o.reopenCount + 1, acceptedAt: null, callbackDueAt: null },
      data: { reopen: this.o.reopenCount + 1 },
      note: reason,
    }));
  }

  archive(at: Date, actor: SeedActor, note: string | null): void {
    this.act(at, actor, 'archive', () => ({
      set: { closedAt: at, currentStep: null, currentDueAt: null, currentNearDueAt: null },
      data: { callbackAttempts: this.o.callbackAttempts, withoutCallback: !this.o.callbackAt },
      note,
    }));
  }

  invalidate(at: Date, actor: SeedActor, category: string, reason: string): void {
    this.act(at, actor, 'invalidate', () => ({
      set: { invalidReason: reason, closedAt: at, currentStep: null, currentDueAt: null, currentNearDueAt: null },
      data: { category },
      note: reason,
    }));
  }

  /** 合并: this order's callers move to `target`, this one closes as merged; the target records merge_in at the same instant. */
  mergeInto(at: Date, actor: SeedActor, target: SimOrder, note: string | null): void {
    const moved = this.g.callers.splice(0);
    this.act(at, actor, 'merge', () => ({
      set: { mergedIntoId: target.o.id, closedAt: at, currentStep: null, currentDueAt: null, currentNearDueAt: null, callerCount: 0 },
      data: { mergedInto: target.o.id, callers: moved.length },
      note,
    }));
    const source = this.o;
    target.schedule(at, () =>
      target.act(at, actor, 'attach_caller', () => {
        target.g.callers.push(...moved.map((c) => ({ ...c, orderId: target.o.id, sourceOrderId: source.id, isPrimary: false })));
        const count = target.g.callers.length;
        return {
          set: {
            callerCount: count,
            isGroup: count > 1,
            riskFlags: [...new Set([...target.o.riskFlags, ...source.riskFlags])],
            visibleTo: [...new Set([...target.o.visibleTo, ...source.visibleTo])],
          },
          eventAction: 'merge_in',
          data: { sources: [{ id: source.id, number: source.number }], callersMoved: moved.length },
          note,
        };
      }),
    );
  }
}
