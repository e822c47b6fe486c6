import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { orderVisibleTo } from '../access/scope.js';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import type { CatalogReference } from '../catalog/catalog-reference.js';
import type { BusMessage } from '../platform/bus/index.js';
import type { Tx } from '../platform/db/client.js';
import { notFound, staleVersion } from '../platform/errors/app-error.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { Effect, EffectCtx, OrderSnapshot } from './domain/effects.js';
import { decide, type OrderAction, type Relation } from './domain/state-machine.js';
import type { OrderState } from './domain/states.js';
import type { OrderDeps } from './order-deps.js';
import { applyEffect, lockSnapshot, type OrderRow } from './orders.repo.js';
import { limitSelectorOf } from './domain/effective-priority.js';
import { carryOrder, provisionalBasisOf, provisionalFlag } from './provisional-deadlines.js';
import { machineFacts } from './machine-facts.js';
import { mergeTargetFacts, relationsOf } from './relations.js';
import { refusalError } from './refusal.js';
import { noticeJob } from '../notifications/domain/notice.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import { retryDeadlockVictim as again } from './deadlock-retry.js';

/** What a service's `compute` gets: the locked order, who the actor is to it, and the context effects are computed in. */
export type TransitionCtx = {
  tx: Tx;
  order: OrderRow;
  snapshot: OrderSnapshot;
  now: Date;
  next: OrderState;
  relations: Set<Relation>;
  /** Read before the transaction opened (cached reference data): PGlite has one connection, nothing inside may use `db`. */
  calendar: WorkingCalendar;
  units: UnitDirectory;
  reference: CatalogReference;
  /** Pass to the action's effect function (orders/domain/effects.ts). */
  effectCtx: EffectCtx;
};

/** The reference data a transition reads, loaded (from the process's cache) before its transaction opens. */
type Loaded = { calendar: WorkingCalendar; units: UnitDirectory; reference: CatalogReference };

/**
 * An open transaction to run inside, with the reference data read before it opened, and the announcements to send
 * once it commits (made by `inOneTransaction`).
 */
export type Within = Loaded & { tx: Tx; announce: BusMessage[] };

async function load(deps: OrderDeps): Promise<Loaded> {
  const [calendar, units, reference] = await Promise.all([deps.calendar.current(), deps.units.current(), deps.reference.current()]);
  return { calendar, units, reference };
}

/**
 * Several transitions that commit together (merge, link): reference data is read before the transaction opens, and
 * the `order.changed` announcements go out only after the commit, so nobody hears of a change that was rolled back.
 */
export async function inOneTransaction<T>(deps: OrderDeps, fn: (within: Within) => Promise<T>): Promise<T> {
  const loaded = await load(deps);
  let announce: BusMessage[] = [];
  const result = await again(() => {
    announce = [];
    return deps.db.transaction((tx) => fn({ ...loaded, tx, announce }));
  });
  // Committed: heard here now, by other instances a moment later (platform/bus).
  for (const m of announce) deps.bus.committed(m);
  return result;
}

/** The announcement of a change, sent once it has committed. */
function changed(order: OrderRow, effect: Effect, state: string, bump: boolean, at: Date): BusMessage {
  return {
    topic: 'order.changed',
    orderId: order.id,
    number: order.number,
    version: bump ? order.version + 1 : order.version,
    action: effect.event.action,
    fromState: order.state,
    toState: state,
    visibleTo: effect.set.visibleTo ?? order.visibleTo,
    at: at.toISOString(),
  };
}

/**
 * Every change to an order goes through here: one transaction, the order locked (with its co-handlers, one
 * statement), visibility (404), version (409), the state machine (409 / 403), then the action's effect — computed by
 * `compute` from the pure functions of orders/domain/effects.ts — written by `applyEffect`: fields, new version,
 * hops, co-handlers, extensions and one typed timeline event. After the commit the bus announces `order.changed`.
 * `version: null` is for additions that change no field of the order (a note, an attachment, a reveal): they are
 * checked and recorded the same way but do not bump the version, so a colleague's open copy stays current.
 * Inside `within` (an open transaction) it runs as a savepoint of it, so several orders change atomically (merge).
 */
export async function runTransition(
  deps: OrderDeps,
  actor: Actor,
  orderId: string,
  version: number | null,
  action: OrderAction,
  compute: (c: TransitionCtx) => Promise<Effect> | Effect,
  within?: Within,
): Promise<OrderRow> {
  const loaded = within ?? (await load(deps));
  let announcement: BusMessage | null = null;
  const attempt = async (tx: Tx) => {
    announcement = null;
    const locked = await lockSnapshot(tx, orderId);
    if (!locked || !orderVisibleTo(actor, locked.order)) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    if (version !== null && locked.order.version !== version) throw staleVersion('工单');
    const actorUnit = loaded.units.get(actor.unitId);
    const now = deps.clock.now();
    const unitName = actorUnit?.name ?? '';
    // Provisional deadlines and the calendar this change counts on (provisional-deadlines.ts): a copy older than what
    // the order was counted on (read before an official year's import committed) is read again; deadlines counted
    // before the official year replaced the provisional one, which the year's recompute has not reached yet, are
    // carried to it first, with their own event and version, as the recompute would, so no order mixes the two.
    let { calendar } = loaded;
    if (provisionalBasisOf(locked.order, calendar) === 'stale' && deps.calendar.fresh) calendar = await deps.calendar.fresh(tx);
    const snapshot =
      provisionalBasisOf(locked.order, calendar) === 'older'
        ? {
            ...locked,
            order: await carryOrder(
              tx,
              deps.limits,
              locked.order,
              calendar,
              { userId: actor.userId, displayName: actor.displayName, role: actor.role, unitId: actor.unitId, unitName },
              now,
            ),
          }
        : locked;
    const { order } = snapshot;
    const relations = relationsOf(actor, order, snapshot.coHandlers, loaded.units);
    const facts = machineFacts(actor, order, relations, {
      ...snapshot.facts,
      mergeTarget: mergeTargetFacts(actor, snapshot.facts.mergeTarget, loaded.units),
    });
    const decision = decide(order.state as OrderState, action, { role: actor.role, relations, facts });
    if (!decision.ok) {
      throw refusalError(decision);
    }
    // Its priority as the emergency mechanism makes it: a flagged order runs on the major limits.
    const selector = limitSelectorOf(order);
    const effectCtx: EffectCtx = {
      now,
      calendar,
      limitFor: (step, priority) => loaded.reference.limitFor(step, priority ? { ...selector, priority } : selector),
      actor: { userId: actor.userId, unitId: actor.unitId, unitName, role: actor.role },
      newId: randomUUID,
    };
    const computed = await compute({ tx, order, snapshot, now, next: decision.next, relations, ...loaded, calendar, effectCtx });
    const state = computed.state ?? decision.next;
    // Whether a deadline now reaches into a provisional calendar year, and on which: decided here, for whatever the action set.
    const provisionalFrom = await provisionalFlag(tx, deps.limits, calendar, { ...order, ...computed.set, state } as OrderRow);
    const effect =
      provisionalFrom === order.deadlineProvisionalFrom
        ? computed
        : { ...computed, set: { ...computed.set, deadlineProvisional: provisionalFrom !== null, deadlineProvisionalFrom: provisionalFrom } };
    const bump = effect.versioned || state !== order.state || Object.keys(effect.set).length > 0;
    const message = changed(order, effect, state, bump, now);
    const updated = await applyEffect(tx, order, effect, {
      now,
      state,
      bump,
      actor: { actorUserId: actor.userId, actorName: actor.displayName, actorRole: actor.role, unitId: actor.unitId, unitName },
    });
    // A partner's order: the status message back to the partner is written with the change (exchange/outbound.ts).
    if (updated.sourcePartnerId && deps.exchange)
      await deps.exchange.orderChanged(tx, updated, effect.event.action, now, effect.event.data as Record<string, unknown> | undefined);
    // Whom to tell: written to the outbox in this transaction, delivered by the job runner (exactly once per key).
    if (effect.notices.length)
      await outbox.enqueue(
        tx,
        effect.notices.map((n) => noticeJob({ ...n, orderId: n.orderId ?? order.id }, now)),
        now,
      );
    announcement = message;
    return updated;
  };
  // Inside `within` a savepoint of the caller's transaction, which retries as a whole (inOneTransaction).
  const row = within ? await within.tx.transaction(attempt) : await again(() => deps.db.transaction(attempt));
  // Committed: announced now (here at once, to other instances a moment later). Inside `within` the outer transaction
  // has not committed yet: its owner announces after the commit.
  if (announcement) {
    if (within) within.announce.push(announcement);
    else deps.bus.committed(announcement);
  }
  return row;
}
