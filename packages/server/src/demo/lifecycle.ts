import { orderVisibleTo, scopePathOf } from '../access/scope.js';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import type { Step } from '../catalog/domain/catalog.js';
import {
  addNoteEffect,
  archiveEffect,
  attachCallerEffect,
  callbackAction,
  callbackEffect,
  createEffect,
  decideExtensionEffect,
  dispatchEffect,
  extendedDueAt,
  handleAtHotlineEffect,
  invalidateEffect,
  inviteCoHandlerEffect,
  mergeEffect,
  mergeInEffect,
  reopenEffect,
  replyCoHandlerPartEffect,
  replyEffect,
  requestExtensionEffect,
  returnEffect,
  returnRedispatchEffect,
  returnRejectEffect,
  reviewAcceptEffect,
  reviewReworkEffect,
  signEffect,
  type Effect,
  type EffectCtx,
  type HopStatus,
  type NewOrderInput,
  type OrderSnapshot,
} from '../orders/domain/effects.js';
import { decide, type OrderAction, type OrderFacts, type Relation } from '../orders/domain/state-machine.js';
import { limitSelectorOf } from '../orders/domain/effective-priority.js';
import { machineFacts } from '../orders/machine-facts.js';
import type { Channel, InvalidCategory, OrderState, Satisfaction } from '../orders/domain/states.js';
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
import { relationsOf } from '../orders/relations.js';
import { isExternalType } from '../units/domain/unit-types.js';
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

/** The order's creation as intake records it; `answer` closes a consultation on the spot. */
export type NewOrder = Pick<
  OrderRow,
  | 'id'
  | 'number'
  | 'channel'
  | 'typeCode'
  | 'subjectCode'
  | 'priority'
  | 'tier'
  | 'riskFlags'
  | 'title'
  | 'narrative'
  | 'answer'
  | 'employerName'
  | 'employerKey'
  | 'employerCreditCode'
  | 'employerAddress'
  | 'placeText'
  | 'divisionCode'
  | 'workersInvolved'
  | 'amountInvolved'
  | 'confidential'
  | 'createdAt'
>;

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
    const intake = env.unit(actor.unitId);
    const { id, createdAt: _createdAt, ...fields } = init;
    const { row, event } = createEffect(
      {
        ...fields,
        channel: fields.channel as Channel,
        callers: callers.length,
        suggestedRiskFlags: suggestedRiskFlags as NewOrderInput['suggestedRiskFlags'],
        createdBy: actor.userId!,
        createdByRole: actor.role,
      },
      { ...this.ctxFor(now, actor, init), intakeUnit: intake, holder },
    );
    const order: OrderRow = Object.assign(row, { id });
    this.g = {
      order,
      callers: callers.map((c, i) => ({ ...c, orderId: id, isPrimary: i === 0, sourceOrderId: null, confidential: init.confidential })),
      hops: [],
      coHandlers: [],
      extensions: [],
      events: [],
    };
    this.lastAt = now;
    this.g.events.push({
      orderId: id,
      at: now,
      action: event.action,
      fromState: null,
      toState: order.state,
      actorUserId: actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName: intake.name,
      data: event.data,
      note: null,
    });
  }

  /** The context the effects are computed in, as runTransition builds it. */
  private ctxFor(at: Date, actor: SeedActor, order: Pick<OrderRow, 'typeCode' | 'subjectCode' | 'priority' | 'tier' | 'riskFlags'>): EffectCtx {
    // The same selection as runTransition: a flagged order runs on the major limits.
    const selector = limitSelectorOf(order);
    return {
      now: at,
      calendar: this.env.calendar,
      limitFor: (step, priority) => this.env.limitFor(step, priority ? { ...selector, priority } : selector),
      actor: { userId: actor.userId, unitId: actor.unitId, unitName: this.env.unit(actor.unitId).name, role: actor.role },
      newId: this.env.newId,
    };
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

  /** What the actor's unit is to the order: orders/relations.ts decides it. */
  relationsOf(actor: SeedActor): Set<Relation> {
    const unit = this.env.unit(actor.unitId);
    const parent = unit.parentId ? this.env.unit(unit.parentId) : null;
    return relationsOf({ unitId: actor.unitId, scopePath: scopePathOf(unit, parent) }, this.o, this.g.coHandlers, { get: (id) => this.env.unit(id) });
  }

  /** What the state machine's conditions read (separation of duties, a pending extension…): orders/machine-facts.ts decides it. */
  factsFor(actor: SeedActor, relations: ReadonlySet<Relation>): OrderFacts {
    const pending = this.o.pendingExtension;
    const replied = this.g.events.filter((e) => e.action === 'reply').at(-1);
    return machineFacts({ userId: actor.userId ?? '', role: actor.role }, this.o, relations, {
      pendingRequestedBy: (pending && this.g.extensions.find((e) => e.id === pending.id)?.requestedBy) || null,
      repliedBy: replied?.actorUserId ?? null,
      callers: this.g.callers,
    });
  }

  /** The actor as the state machine sees them. */
  private context(actor: SeedActor) {
    const relations = this.relationsOf(actor);
    return { role: actor.role, relations, facts: this.factsFor(actor, relations) };
  }

  /** Whether the actor sees the order: the access rule (access/scope.ts) on the actor's scope. */
  sees(actor: SeedActor): boolean {
    const unit = this.env.unit(actor.unitId);
    const parent = unit.parentId ? this.env.unit(unit.parentId) : null;
    return orderVisibleTo({ role: actor.role, userId: actor.userId ?? '', scopePath: scopePathOf(unit, parent) }, this.o);
  }

  /** Whether the actor may take the action now: the order is visible to them and the state machine allows it. */
  may(actor: SeedActor, action: OrderAction): boolean {
    return this.sees(actor) && decide(this.state, action, this.context(actor)).ok;
  }

  /** Whether the actor may take the action at `at`, after what is scheduled until then (a caller merged in can flag the order). */
  mayAt(at: Date, actor: SeedActor, action: OrderAction): boolean {
    this.flush(at);
    return this.may(actor, action);
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

  /**
   * One step: the state machine decides, the action's effect (orders/domain/effects.ts) says what changes, and the
   * change is applied to the rows in memory as orders.repo `applyEffect` writes it to the database.
   */
  private act(at: Date, actor: SeedActor, action: OrderAction, compute: (s: OrderSnapshot, ctx: EffectCtx) => Effect): void {
    this.flush(at);
    if (at < this.lastAt) throw new Error(`demo generator: ${action} at ${at.toISOString()} before ${this.lastAt.toISOString()} on ${this.o.number}`);
    if (!this.sees(actor)) throw new Error(`demo generator: ${actor.name} cannot see ${this.o.number}`);
    const decision = decide(this.state, action, this.context(actor));
    if (!decision.ok) throw new Error(`demo generator: ${action} on ${this.o.number} (${this.state}) by ${actor.role}: ${decision.message}`);
    const effect = compute({ order: this.o, coHandlers: this.g.coHandlers.filter((c) => !c.removedAt) }, this.ctxFor(at, actor, this.o));
    const state = effect.state ?? decision.next;
    const from = this.state;
    if (effect.versioned || state !== from || Object.keys(effect.set).length > 0) {
      Object.assign(this.g.order, effect.set, { state, version: this.o.version + 1, updatedAt: at });
    }
    this.applyRows(effect);
    this.lastAt = at;
    this.g.events.push({
      orderId: this.o.id,
      at,
      action: effect.event.action,
      fromState: from,
      toState: state,
      actorUserId: actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName: this.env.unit(actor.unitId).name,
      data: effect.event.data,
      note: effect.note,
    });
  }

  /** Hops, co-handlers and extensions as the effect lists them: updates before the new hop, as the repository does. */
  private applyRows(effect: Effect): void {
    const g = this.g;
    for (const h of effect.hops) {
      if (h.op === 'update') {
        for (const hop of g.hops) if (hop.toUnitId === h.toUnitId && h.from.includes(hop.status as HopStatus)) Object.assign(hop, h.set);
      }
    }
    for (const h of effect.hops) {
      if (h.op !== 'open') continue;
      const { op: _op, ...fields } = h;
      g.hops.push({
        ...fields,
        id: this.env.newId(),
        orderId: g.order.id,
        seq: g.hops.length + 1,
        dispatchedBy: h.dispatchedBy!,
        signedAt: null,
        returnedAt: null,
        returnReason: null,
        status: 'open',
      });
    }
    for (const c of effect.coHandlers) {
      if (c.op === 'invite') {
        const { op: _op, ...fields } = c;
        g.coHandlers.push({
          ...fields,
          id: this.env.newId(),
          orderId: g.order.id,
          invitedBy: c.invitedBy!,
          removedAt: null,
          partReply: null,
          repliedAt: null,
          repliedBy: null,
        });
      } else if (c.op === 'remove') Object.assign(g.coHandlers.find((x) => x.id === c.id)!, { removedAt: c.removedAt });
      else Object.assign(g.coHandlers.find((x) => x.id === c.id && !x.removedAt)!, { partReply: c.partReply, repliedAt: c.repliedAt, repliedBy: c.repliedBy });
    }
    for (const x of effect.extensions) {
      if (x.op === 'request') {
        const { op: _op, ...fields } = x;
        g.extensions.push({
          ...fields,
          orderId: g.order.id,
          requestedBy: x.requestedBy!,
          decidedBy: null,
          decidedAt: null,
          approved: null,
          decisionNote: null,
        });
      } else
        Object.assign(g.extensions.find((e) => e.id === x.id)!, {
          decidedBy: x.decidedBy,
          decidedAt: x.decidedAt,
          approved: x.approved,
          decisionNote: x.decisionNote,
        });
    }
  }

  attachCaller(
    at: Date,
    actor: SeedActor,
    caller: Omit<CallerRow, 'orderId' | 'isPrimary' | 'sourceOrderId' | 'calledAt' | 'addedBy' | 'confidential'>,
    riskFlags?: string[],
  ): void {
    this.act(at, actor, 'attach_caller', (s, ctx) => {
      this.g.callers.push({
        ...caller,
        orderId: this.o.id,
        isPrimary: false,
        calledAt: at,
        addedBy: actor.userId,
        sourceOrderId: null,
        confidential: this.o.confidential,
      });
      return attachCallerEffect(s, { channel: caller.channel as Channel, riskFlags }, ctx);
    });
  }

  /** 派单 / 下派, or 改派 after a return (`return_redispatch`). */
  dispatch(
    at: Date,
    actor: SeedActor,
    target: SeedUnit,
    note: string | null,
    coHandlers: { unit: SeedUnit; task: string | null }[] = [],
    action: 'dispatch' | 'return_redispatch' = 'dispatch',
  ): void {
    this.act(at, actor, action, (s, ctx) =>
      action === 'dispatch'
        ? dispatchEffect(s, { target: { ...target, external: isExternalType(target.type) }, note, coHandlers }, ctx)
        : returnRedispatchEffect(s, { target, reason: note ?? '', coHandlers }, ctx),
    );
  }

  /** 办单: the hotline centre keeps the order and handles it itself. */
  handleAtHotline(at: Date, actor: SeedActor, note: string | null): void {
    this.act(at, actor, 'handle_at_hotline', (s, ctx) => handleAtHotlineEffect(s, { note }, ctx));
  }

  sign(at: Date, actor: SeedActor): void {
    this.act(at, actor, 'sign', (s, ctx) => signEffect(s, { note: null }, ctx));
  }

  /**
   * False when the return limit has passed by `at`: the callers attached until then may have flagged the order into
   * the emergency mechanism, whose return limit is an hour (orders/domain/retime.ts), and the unit keeps the order.
   */
  returnOrder(at: Date, actor: SeedActor, reason: string): boolean {
    this.flush(at);
    if (this.o.returnDueAt && at > this.o.returnDueAt) return false;
    this.act(at, actor, 'return', (s, ctx) => returnEffect(s, { reason }, ctx));
    return true;
  }

  /** The return refused: the same unit must sign again, with a fresh sign limit. */
  rejectReturn(at: Date, actor: SeedActor, reason: string): void {
    this.act(at, actor, 'return_reject', (s, ctx) => returnRejectEffect(s, { reason }, ctx));
  }

  inviteCoHandler(at: Date, actor: SeedActor, unit: SeedUnit, task: string | null): void {
    this.act(at, actor, 'invite_co_handler', (s, ctx) => inviteCoHandlerEffect(s, { unit, task }, ctx));
  }

  replyCoHandlerPart(at: Date, actor: SeedActor, reply: string): void {
    this.act(at, actor, 'reply_co_handler_part', (s, ctx) => replyCoHandlerPartEffect(s, { reply }, ctx));
  }

  addNote(at: Date, actor: SeedActor, note: string, kind = 'progress'): void {
    this.act(at, actor, 'add_note', (s, ctx) => addNoteEffect(s, { note, kind }, ctx));
  }

  /** The requested deadline, or null when the request would be refused (too long, or beyond the calendar). */
  extensionDue(amount: number): Date | null {
    const o = this.o;
    if (!o.replyDueAt || !o.replyLimit || o.replyLimit.amount === null || amount > o.replyLimit.amount) return null;
    try {
      return extendedDueAt(this.env.calendar, o, amount);
    } catch {
      return null;
    }
  }

  requestExtension(at: Date, actor: SeedActor, amount: number, reason: string): void {
    this.act(at, actor, 'request_extension', (s, ctx) => requestExtensionEffect(s, { amount, reason, callerInformed: true }, ctx));
  }

  decideExtension(at: Date, actor: SeedActor, approve: boolean, note: string | null): void {
    this.act(at, actor, 'decide_extension', (s, ctx) => decideExtensionEffect(s, { approve, note }, ctx));
  }

  reply(at: Date, actor: SeedActor, outcome: OrderOutcome): void {
    this.act(at, actor, 'reply', (s, ctx) => replyEffect(s, { outcome, note: null, confirmedDoubts: [] }, ctx));
  }

  accept(at: Date, actor: SeedActor): void {
    this.act(at, actor, 'review_accept', (s, ctx) => reviewAcceptEffect(s, { reason: null }, ctx));
  }

  rework(at: Date, actor: SeedActor, reason: string): void {
    this.act(at, actor, 'review_rework', (s, ctx) => reviewReworkEffect(s, { reason }, ctx));
  }

  callbackUnreachable(at: Date, actor: SeedActor): void {
    this.act(at, actor, 'callback_unreachable', (s, ctx) => callbackEffect(s, { result: 'unreachable', note: null }, ctx));
  }

  callbackReached(at: Date, actor: SeedActor, handling: Satisfaction, call: Satisfaction): void {
    const input = { result: 'reached' as const, handlingSatisfaction: handling, callSatisfaction: call, note: null };
    this.act(at, actor, callbackAction(input), (s, ctx) => callbackEffect(s, input, ctx));
  }

  reopen(at: Date, actor: SeedActor, reason: string): void {
    this.act(at, actor, 'reopen', (s, ctx) => reopenEffect(s, { reason }, ctx));
  }

  archive(at: Date, actor: SeedActor, note: string | null): void {
    this.act(at, actor, 'archive', (s, ctx) => archiveEffect(s, { note }, ctx));
  }

  invalidate(at: Date, actor: SeedActor, category: InvalidCategory, reason: string): void {
    this.act(at, actor, 'invalidate', (s, ctx) => invalidateEffect(s, { reason, category }, ctx));
  }

  /** 合并: this order's callers move to `target`, this one closes as merged; the target records merge_in at the same instant. */
  mergeInto(at: Date, actor: SeedActor, target: SimOrder, note: string | null): void {
    const moved = this.g.callers.splice(0);
    const primaryCallerId = moved.find((c) => c.isPrimary)?.id ?? null;
    this.act(at, actor, 'merge', (s, ctx) => mergeEffect(s, { targetId: target.o.id, callersMoved: moved.length, primaryCallerId, note }, ctx));
    const source = this.o;
    target.schedule(at, () =>
      target.act(at, actor, 'attach_caller', (s, ctx) => {
        target.g.callers.push(...moved.map((c) => ({ ...c, orderId: target.o.id, sourceOrderId: source.id, isPrimary: false })));
        return mergeInEffect(s, { sources: [source], callerCount: target.g.callers.length, callersMoved: moved.length, note }, ctx);
      }),
    );
  }
}
