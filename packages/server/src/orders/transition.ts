import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import { AppError, conflict, notFound, staleVersion } from '../platform/errors/app-error.js';
import type { BusMessage } from '../platform/bus/index.js';
import type { Tx } from '../platform/db/client.js';
import { decide, type OrderAction, type Relation } from './domain/state-machine.js';
import type { OrderState } from './domain/states.js';
import type { OrderDeps } from './order-deps.js';
import { insertEvent, isVisible, lockOrder, unitsById, type OrderRow } from './orders.repo.js';
import { workOrders } from './orders.tables.js';
import { provisionalFlag } from './provisional-deadlines.js';
import { machineFacts } from './machine-facts.js';
import { relationsOf } from './relations.js';
import { noticeJob, type Notice } from '../notifications/domain/notice.js';
import { outbox } from '../platform/jobs/outbox.repo.js';

export type TransitionCtx = {
  tx: Tx;
  /** Loaded before the transaction opens: PGlite has one connection, so nothing inside may use `db` instead of `tx`. */
  calendar: WorkingCalendar;
  order: OrderRow;
  now: Date;
  next: OrderState;
  relations: Set<Relation>;
  actorUnitName: string;
};

export type TransitionResult = {
  set?: Partial<typeof workOrders.$inferInsert>;
  /** What changed, for the timeline. */
  data?: Record<string, unknown>;
  note?: string | null;
  /** Overrides the state the machine chose (e.g. a callback that stays pending after an unreachable call). */
  state?: OrderState;
  /** The timeline's name for the event when it differs from the machine's action (e.g. merge_in on the surviving order). */
  eventAction?: string;
  /** Whom to tell: written to the outbox in this transaction, delivered by the job runner (exactly once per key). */
  notices?: readonly Notice[];
};

/**
 * An open transaction to run inside, with the calendar read before it opened (see `within` below), and the
 * announcements to send once it commits (made by `inOneTransaction`).
 */
export type Within = { tx: Tx; calendar: WorkingCalendar; announce: BusMessage[] };

/**
 * Several transitions that commit together (merge, link): the calendar is read before the transaction opens, and the
 * `order.changed` announcements go out only after the commit, so nobody hears of a change that was rolled back.
 */
export async function inOneTransaction<T>(deps: OrderDeps, fn: (within: Within) => Promise<T>): Promise<T> {
  const calendar = await deps.calendar.current();
  const announce: BusMessage[] = [];
  const result = await deps.db.transaction((tx) => fn({ tx, calendar, announce }));
  for (const m of announce) await deps.bus.publish(m);
  return result;
}

function changed(row: OrderRow, action: string, fromState: string, at: Date): BusMessage {
  return {
    topic: 'order.changed',
    orderId: row.id,
    number: row.number,
    version: row.version,
    action,
    fromState,
    toState: row.state,
    visibleTo: row.visibleTo,
    at: at.toISOString(),
  };
}

/**
 * Every change to an order goes through here: one transaction, the order locked, visibility (404), version (409),
 * the state machine (409 / 403), the change itself, the new version and one timeline event.
 * `version: null` is for additions that change no field of the order (a note, an attachment, a reveal): they are
 * checked and recorded the same way but do not bump the version, so a colleague's open copy stays current.
 * Inside `within` (an open transaction) it runs as a savepoint of it, so several orders change atomically (merge).
 * The caller then passes the calendar it read before opening that transaction: reading it here could need `db`
 * (the cache expires), and on PGlite's single connection that read would wait for the open transaction for ever.
 */
export async function runTransition(
  deps: OrderDeps,
  actor: Actor,
  orderId: string,
  version: number | null,
  action: OrderAction,
  apply: (c: TransitionCtx) => Promise<TransitionResult> | TransitionResult,
  within?: Within,
): Promise<OrderRow> {
  const calendar = within?.calendar ?? (await deps.calendar.current());
  let announcement: BusMessage | null = null;
  const row = await (within?.tx ?? deps.db).transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || !(await isVisible(tx, actor, orderId))) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    if (version !== null && order.version !== version) throw staleVersion('工单');
    const relations = await relationsOf(tx, actor, order);
    const facts = await machineFacts(tx, actor, order, relations);
    const decision = decide(order.state as OrderState, action, { role: actor.role, relations, facts });
    if (!decision.ok) {
      throw decision.kind === 'conflict' ? conflict(decision.code, decision.message) : new AppError('forbidden', decision.code, decision.message);
    }
    const now = deps.clock.now();
    const actorUnitName = (await unitsById(tx, [actor.unitId])).get(actor.unitId)?.name ?? '';
    const result = await apply({ tx, calendar, order, now, next: decision.next, relations, actorUnitName });
    const state = result.state ?? decision.next;
    // Whether a deadline now reaches into a provisional calendar year: decided here, for whatever the action set.
    const provisional = await provisionalFlag(tx, deps.limits, calendar, { ...order, ...result.set, state } as OrderRow);
    const set = provisional === order.deadlineProvisional ? result.set : { ...result.set, deadlineProvisional: provisional };
    const bump = version !== null || state !== order.state || set !== undefined;
    const [updated] = bump
      ? await tx
          .update(workOrders)
          .set({ ...set, state, version: order.version + 1, updatedAt: now })
          .where(eq(workOrders.id, orderId))
          .returning()
      : [order];
    await insertEvent(tx, {
      orderId,
      at: now,
      action: result.eventAction ?? action,
      fromState: order.state,
      toState: state,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName: actorUnitName,
      data: result.data ?? null,
      note: result.note ?? null,
    });
    if (updated!.sourcePartnerId && deps.exchange) await deps.exchange.orderChanged(tx, updated!, result.eventAction ?? action, now);
    if (result.notices?.length) {
      await outbox.enqueue(
        tx,
        result.notices.map((n) => noticeJob({ ...n, orderId: n.orderId ?? orderId }, now)),
        now,
      );
    }
    announcement = changed(updated!, result.eventAction ?? action, order.state, now);
    return updated!;
  });
  // Inside `within` the outer transaction has not committed yet: its owner announces after the commit.
  if (announcement) {
    if (within) within.announce.push(announcement);
    else await deps.bus.publish(announcement);
  }
  return row;
}
