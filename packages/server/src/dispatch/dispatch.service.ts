import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { pathInScope, unitIdsOnPath } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { conflict, invalid } from '../platform/errors/app-error.js';
import { isExternalType } from '../units/domain/unit-types.js';
import { planStep } from '../orders/deadline-plan.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import { activeCoHandlers, unitsById, type OrderRow, type UnitBrief } from '../orders/orders.repo.js';
import { orderCoHandlers, orderHops, type workOrders } from '../orders/orders.tables.js';
import { runTransition, type TransitionCtx } from '../orders/transition.js';

type CoHandlerInput = { unitId: string; task?: string | undefined };

/** Who may receive an order from the actor: an active unit of the actor's subtree below the holder, or an external collaborator. */
async function receivingUnit(db: Executor, actor: Actor, order: OrderRow, unitId: string, field: string): Promise<UnitBrief> {
  const unit = (await unitsById(db, [unitId])).get(unitId);
  const bad = (message: string) => invalid('DISPATCH_TARGET_INVALID', message, [{ field, message }]);
  if (!unit || (!isExternalType(unit.type) && !pathInScope(actor, unit.path))) throw bad('接收单位不存在或不在本单位管辖范围内');
  if (!unit.active) throw bad(`${unit.name}已撤销，不能接收工单`);
  if (unit.id === order.holderUnitId) throw bad('不能派给当前持单单位自己');
  if (unit.type === 'hotline_centre') throw bad('热线中心办单请使用“热线办单”');
  return unit;
}

export function createDispatchService(deps: OrderDeps) {
  const { db, clock } = deps;
  const selectorOf = (o: OrderRow) => ({ typeCode: o.typeCode, subjectCode: o.subjectCode, priority: o.priority, tier: o.tier });

  async function addCoHandlers(c: TransitionCtx, actor: Actor, list: CoHandlerInput[]) {
    const existing = await activeCoHandlers(c.tx, c.order.id);
    const added: UnitBrief[] = [];
    for (const [i, h] of list.entries()) {
      const unit = await receivingUnit(c.tx, actor, c.order, h.unitId, `body.coHandlers.${i}.unitId`);
      if (existing.some((e) => e.unitId === unit.id) || added.some((a) => a.id === unit.id)) {
        throw conflict('ORDER_CO_HANDLER_EXISTS', `${unit.name}已是协办单位`);
      }
      await c.tx
        .insert(orderCoHandlers)
        .values({ orderId: c.order.id, unitId: unit.id, invitedByUnitId: actor.unitId, invitedBy: actor.userId, invitedAt: c.now, task: h.task ?? null });
      added.push(unit);
    }
    return added;
  }

  /** One hop down the tree: the receiving unit holds the order, the reply deadline of the whole order is kept. */
  async function hopTo(c: TransitionCtx, actor: Actor, target: UnitBrief, note: string | null) {
    const calendar = c.calendar;
    const sel = selectorOf(c.order);
    const sign = planStep(calendar, await deps.limits.limitFor(c.tx, 'sign', sel), c.now);
    const ret = planStep(calendar, await deps.limits.limitFor(c.tx, 'return', sel), c.now);
    let reply = { limit: c.order.replyLimit, dueAt: c.order.replyDueAt, nearDueAt: c.order.replyNearDueAt, startedAt: c.order.replyStartedAt };
    if (!c.order.replyDueAt) {
      const limit = await deps.limits.limitFor(c.tx, 'reply', sel);
      reply = { limit, ...planStep(calendar, limit, c.now), startedAt: c.now };
    }
    const [{ n } = { n: 0 }] = await c.tx.select({ n: sql<number>`count(*)::int` }).from(orderHops).where(eq(orderHops.orderId, c.order.id));
    // The hop that brought the order here is done: passed further down, or withdrawn after a return.
    await c.tx
      .update(orderHops)
      .set({ status: c.order.state === 'returned' ? 'withdrawn' : 'redispatched' })
      .where(and(eq(orderHops.orderId, c.order.id), eq(orderHops.toUnitId, c.order.holderUnitId), sql`${orderHops.status} in ('open', 'signed', 'returned')`));
    await c.tx.insert(orderHops).values({
      orderId: c.order.id,
      seq: n + 1,
      fromUnitId: actor.unitId,
      toUnitId: target.id,
      dispatchedBy: actor.userId,
      dispatchedAt: c.now,
      note,
      signDueAt: sign.dueAt,
    });
    return {
      holderUnitId: target.id,
      holderUnitPath: target.path,
      hopDispatcherUnitId: actor.unitId,
      dispatchUnitId: c.order.dispatchUnitId ?? actor.unitId,
      firstDispatchedAt: c.order.firstDispatchedAt ?? c.now,
      visibleTo: [...new Set([...c.order.visibleTo, ...unitIdsOnPath(target.path)])],
      currentStep: 'sign',
      currentStepStartedAt: c.now,
      currentDueAt: sign.dueAt,
      currentNearDueAt: sign.nearDueAt,
      returnDueAt: ret.dueAt,
      replyLimit: reply.limit,
      replyDueAt: reply.dueAt,
      replyNearDueAt: reply.nearDueAt,
      replyStartedAt: reply.startedAt,
    } satisfies Partial<typeof workOrders.$inferInsert>;
  }

  async function dispatch(
    actor: Actor,
    orderId: string,
    input: { version: number; unitId: string; note?: string | undefined; coHandlers?: CoHandlerInput[] | undefined },
  ) {
    const row = await runTransition(deps, actor, orderId, input.version, 'dispatch', async (c) => {
      const target = await receivingUnit(c.tx, actor, c.order, input.unitId, 'body.unitId');
      // Re-dispatch by the receiving unit goes down its own subtree only (下派).
      if (c.order.state !== 'pending_dispatch' && !isExternalType(target.type) && !target.path.startsWith(c.order.holderUnitPath)) {
        throw invalid('DISPATCH_TARGET_INVALID', '下派只能派往本单位下级单位或外部协作单位', [{ field: 'body.unitId', message: '下派只能派往本单位下级单位' }]);
      }
      const set = await hopTo(c, actor, target, input.note ?? null);
      const co = await addCoHandlers(c, actor, input.coHandlers ?? []);
      if (co.length) set.visibleTo = [...new Set([...set.visibleTo, ...co.flatMap((u) => unitIdsOnPath(u.path))])];
      return {
        set,
        data: {
          toUnit: { id: target.id, name: target.name },
          coHandlers: co.map((u) => ({ id: u.id, name: u.name })),
          redispatch: c.order.state !== 'pending_dispatch',
        },
        note: input.note ?? null,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function handleAtHotline(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'handle_at_hotline', async (c) => {
      const calendar = c.calendar;
      const limit = await deps.limits.limitFor(c.tx, 'reply', selectorOf(c.order));
      const reply = planStep(calendar, limit, c.now);
      return {
        set: {
          dispatchUnitId: actor.unitId,
          hopDispatcherUnitId: actor.unitId,
          firstDispatchedAt: c.now,
          signedAt: c.now,
          replyLimit: limit,
          replyStartedAt: c.now,
          replyDueAt: reply.dueAt,
          replyNearDueAt: reply.nearDueAt,
          currentStep: 'reply',
          currentStepStartedAt: c.now,
          currentDueAt: reply.dueAt,
          currentNearDueAt: reply.nearDueAt,
        },
        data: { handledBy: { id: actor.unitId, name: c.actorUnitName } },
        note: input.note ?? null,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function sign(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'sign', async (c) => {
      await c.tx
        .update(orderHops)
        .set({ signedAt: c.now, status: 'signed' })
        .where(and(eq(orderHops.orderId, orderId), eq(orderHops.toUnitId, actor.unitId), eq(orderHops.status, 'open')));
      return {
        set: {
          signedAt: c.order.signedAt ?? c.now,
          currentStep: 'reply',
          currentStepStartedAt: c.now,
          currentDueAt: c.order.replyDueAt,
          currentNearDueAt: c.order.replyNearDueAt,
        },
        data: { lateSign: c.order.currentDueAt ? c.now > c.order.currentDueAt : false },
        note: input.note ?? null,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function returnOrder(actor: Actor, orderId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'return', async (c) => {
      if (c.order.returnDueAt && c.now > c.order.returnDueAt) {
        throw conflict('ORDER_RETURN_TOO_LATE', `已超过退单时限（${c.order.returnDueAt.toISOString()}），请继续办理或申请延期`);
      }
      await c.tx
        .update(orderHops)
        .set({ returnedAt: c.now, returnReason: input.reason, status: 'returned' })
        .where(and(eq(orderHops.orderId, orderId), eq(orderHops.toUnitId, actor.unitId), sql`${orderHops.status} in ('open', 'signed')`));
      const calendar = c.calendar;
      const plan = planStep(calendar, await deps.limits.limitFor(c.tx, 'dispatch', selectorOf(c.order)), c.now);
      return {
        set: {
          returnCount: c.order.returnCount + 1,
          currentStep: 'dispatch',
          currentStepStartedAt: c.now,
          currentDueAt: plan.dueAt,
          currentNearDueAt: plan.nearDueAt,
        },
        data: { reason: input.reason, toUnit: { id: c.order.hopDispatcherUnitId } },
        note: input.reason,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function decideReturn(
    actor: Actor,
    orderId: string,
    input: { version: number; decision: 'redispatch' | 'reject'; unitId?: string | undefined; reason: string; coHandlers?: CoHandlerInput[] | undefined },
  ) {
    const action = input.decision === 'redispatch' ? 'return_redispatch' : 'return_reject';
    const row = await runTransition(deps, actor, orderId, input.version, action, async (c) => {
      if (input.decision === 'redispatch') {
        if (!input.unitId) throw invalid('VALIDATION_FAILED', '改派须选择接收单位', [{ field: 'body.unitId', message: '请选择接收单位' }]);
        const target = await receivingUnit(c.tx, actor, c.order, input.unitId, 'body.unitId');
        const set = await hopTo(c, actor, target, input.reason);
        const co = await addCoHandlers(c, actor, input.coHandlers ?? []);
        if (co.length) set.visibleTo = [...new Set([...set.visibleTo, ...co.flatMap((u) => unitIdsOnPath(u.path))])];
        return { set, data: { decision: 'redispatch', toUnit: { id: target.id, name: target.name } }, note: input.reason };
      }
      // Upheld: the return is refused and the same unit must sign again, with a fresh sign limit.
      const calendar = c.calendar;
      const sign = planStep(calendar, await deps.limits.limitFor(c.tx, 'sign', selectorOf(c.order)), c.now);
      await c.tx
        .update(orderHops)
        .set({ status: 'open', signDueAt: sign.dueAt })
        .where(and(eq(orderHops.orderId, orderId), eq(orderHops.toUnitId, c.order.holderUnitId), eq(orderHops.status, 'returned')));
      return {
        set: { currentStep: 'sign', currentStepStartedAt: c.now, currentDueAt: sign.dueAt, currentNearDueAt: sign.nearDueAt },
        data: { decision: 'reject' },
        note: input.reason,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function inviteCoHandler(actor: Actor, orderId: string, input: { version: number; unitId: string; task?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'invite_co_handler', async (c) => {
      const [unit] = await addCoHandlers(c, actor, [{ unitId: input.unitId, task: input.task }]).catch((e: unknown) => {
        // The single-invite form names the field plainly.
        if (e instanceof Error && 'details' in e)
          (e as { details?: { fields?: { field: string }[] } }).details?.fields?.forEach((f) => (f.field = 'body.unitId'));
        throw e;
      });
      return {
        set: { visibleTo: [...new Set([...c.order.visibleTo, ...unitIdsOnPath(unit!.path)])] },
        data: { coHandler: { id: unit!.id, name: unit!.name }, task: input.task ?? null },
        note: input.task ?? null,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  async function removeCoHandler(actor: Actor, orderId: string, coHandlerId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'remove_co_handler', async (c) => {
      const current = (await activeCoHandlers(c.tx, orderId)).find((h) => h.id === coHandlerId);
      if (!current)
        throw invalid('ORDER_CO_HANDLER_NOT_FOUND', '该协办单位不存在或已移除', [{ field: 'params.coHandlerId', message: '协办单位不存在或已移除' }]);
      await c.tx.update(orderCoHandlers).set({ removedAt: c.now }).where(eq(orderCoHandlers.id, coHandlerId));
      // The unit keeps seeing the order it worked on: visible_to is not narrowed (its history stays readable to it).
      return { data: { coHandlerUnitId: current.unitId }, note: input.reason };
    });
    return orderView(db, actor, row, clock.now());
  }

  return { dispatch, handleAtHotline, sign, returnOrder, decideReturn, inviteCoHandler, removeCoHandler };
}
