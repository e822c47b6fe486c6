import type { Actor } from '../auth/actor.js';
import { pathInScope } from '../access/scope.js';
import { invalid, type FieldError } from '../platform/errors/app-error.js';
import { isExternalType } from '../units/domain/unit-types.js';
import type { UnitBrief, UnitDirectory } from '../units/unit-directory.js';
import {
  checkRequestEffect,
  dispatchEffect,
  handleAtHotlineEffect,
  inviteCoHandlerEffect,
  removeCoHandlerEffect,
  returnEffect,
  returnRedispatchEffect,
  returnRejectEffect,
  signEffect,
} from '../orders/domain/effects.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import type { OrderRow } from '../orders/orders.repo.js';
import { runTransition } from '../orders/transition.js';

type CoHandlerInput = { unitId: string; task?: string | undefined };

/**
 * What the unit is asked to be: the unit that receives the order (派单, 下派, 改派) or a co-handler (邀请协办). The
 * refusals say which, in the words of that act (a co-handler is invited, not dispatched to). A co-handler is neither
 * the unit that handles the order once the change is made (`holderId`: the one holding it when inviting, the one it
 * goes to with a dispatch) nor the unit holding it before a dispatch (the one passing it on, or that returned it).
 */
type Receiving = { as: 'holder' } | { as: 'co_handler'; holderId: string };

const refusals = {
  holder: {
    unknown: '接收单位不存在或不在本单位管辖范围内',
    retired: (name: string) => `${name}已撤销，不能接收工单`,
    self: '不能派给当前持单单位自己',
    hotline: '热线中心办单请使用“热线办单”',
  },
  co_handler: {
    unknown: '协办单位不存在或不在本单位管辖范围内',
    retired: (name: string) => `${name}已撤销，不能协办`,
    self: '承办单位不能同时作为协办单位',
    holding: '当前持单单位不能同时作为协办单位',
    hotline: '热线中心不能作为协办单位',
  },
};

/**
 * Who may receive an order from the actor, or co-handle it: an active unit of the actor's subtree below the holder,
 * or an external collaborator. What receiving does to the order is the effect's (orders/domain/effects.ts); this only
 * loads and checks.
 */
function receivingUnit(
  units: UnitDirectory,
  actor: Actor,
  order: OrderRow,
  unitId: string,
  field: string,
  receiving: Receiving = { as: 'holder' },
): UnitBrief & { external: boolean } {
  const unit = units.get(unitId);
  const bad = (message: string) => invalid('DISPATCH_TARGET_INVALID', message, [{ field, message }]);
  const said = receiving.as === 'holder' ? refusals.holder : refusals.co_handler;
  if (!unit || (!isExternalType(unit.type) && !pathInScope(actor, unit.path))) throw bad(said.unknown);
  if (!unit.active) throw bad(said.retired(unit.name));
  if (receiving.as === 'holder' && unit.id === order.holderUnitId) throw bad(refusals.holder.self);
  if (receiving.as === 'co_handler' && unit.id === receiving.holderId) throw bad(refusals.co_handler.self);
  if (receiving.as === 'co_handler' && unit.id === order.holderUnitId) throw bad(refusals.co_handler.holding);
  if (unit.type === 'hotline_centre') throw bad(said.hotline);
  return { ...unit, external: isExternalType(unit.type) };
}

export function createDispatchService(deps: OrderDeps) {
  const { clock } = deps;
  const view = (actor: Actor, row: OrderRow) => orderView(deps, actor, row, clock.now());
  /** Co-handlers invited with a dispatch: `holderId` is the unit the order goes to, from the unit holding it now. */
  const coHandlersOf = (units: UnitDirectory, actor: Actor, order: OrderRow, holderId: string, list: CoHandlerInput[]) =>
    list.map((h, i) => ({
      unit: receivingUnit(units, actor, order, h.unitId, `body.coHandlers.${i}.unitId`, { as: 'co_handler', holderId }),
      task: h.task ?? null,
    }));

  async function dispatch(
    actor: Actor,
    orderId: string,
    input: { version: number; unitId: string; note?: string | undefined; coHandlers?: CoHandlerInput[] | undefined },
  ) {
    const row = await runTransition(deps, actor, orderId, input.version, 'dispatch', (c) =>
      dispatchEffect(
        c.snapshot,
        {
          target: receivingUnit(c.units, actor, c.order, input.unitId, 'body.unitId'),
          note: input.note ?? null,
          coHandlers: coHandlersOf(c.units, actor, c.order, input.unitId, input.coHandlers ?? []),
        },
        c.effectCtx,
      ),
    );
    return view(actor, row);
  }

  async function handleAtHotline(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'handle_at_hotline', (c) =>
      handleAtHotlineEffect(c.snapshot, { note: input.note ?? null }, c.effectCtx),
    );
    return view(actor, row);
  }

  /** 核实: the agent keeps or corrects the suggested type and subject of a request that came in without an agent. */
  async function checkRequest(actor: Actor, orderId: string, input: { version: number; typeCode: string; subjectCode: string; note?: string | undefined }) {
    (await deps.reference.current()).checkCodes({ typeCode: input.typeCode, subjectCode: input.subjectCode });
    const row = await runTransition(deps, actor, orderId, input.version, 'check_request', (c) =>
      checkRequestEffect(c.snapshot, { typeCode: input.typeCode, subjectCode: input.subjectCode, note: input.note ?? null }, c.effectCtx),
    );
    return view(actor, row);
  }

  async function sign(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'sign', (c) => signEffect(c.snapshot, { note: input.note ?? null }, c.effectCtx));
    return view(actor, row);
  }

  async function returnOrder(actor: Actor, orderId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'return', (c) => returnEffect(c.snapshot, { reason: input.reason }, c.effectCtx));
    return view(actor, row);
  }

  async function decideReturn(
    actor: Actor,
    orderId: string,
    input: {
      version: number;
      decision: 'redispatch' | 'reject';
      unitId?: string | undefined;
      reason: string;
      coHandlers?: CoHandlerInput[] | undefined;
      place?: { text?: string | undefined; divisionCode?: string | undefined } | undefined;
    },
  ) {
    if (input.decision === 'redispatch' && !input.unitId)
      throw invalid('VALIDATION_FAILED', '改派须选择接收单位', [{ field: 'body.unitId', message: '请选择接收单位' }]);
    if (input.decision === 'reject') {
      // Upholding the dispatch leaves the order with its unit: a receiving unit, co-handlers or a corrected place
      // belong to a re-dispatch and are refused rather than silently dropped.
      const fields: FieldError[] = [];
      if (input.unitId) fields.push({ field: 'body.unitId', message: '只有改派才选择接收单位' });
      if (input.coHandlers?.length) fields.push({ field: 'body.coHandlers', message: '只有改派才邀请协办单位' });
      if (input.place) fields.push({ field: 'body.place', message: '更正地点请选择改派' });
      if (fields.length) throw invalid('VALIDATION_FAILED', '驳回退单时不改派，也不更正地点', fields);
    }
    if (input.place && !input.place.text && !input.place.divisionCode)
      throw invalid('VALIDATION_FAILED', '请填写更正后的地点', [{ field: 'body.place', message: '请填写地点或选择行政区划' }]);
    const action = input.decision === 'redispatch' ? 'return_redispatch' : 'return_reject';
    const row = await runTransition(deps, actor, orderId, input.version, action, (c) =>
      input.decision === 'redispatch'
        ? returnRedispatchEffect(
            c.snapshot,
            {
              target: receivingUnit(c.units, actor, c.order, input.unitId!, 'body.unitId'),
              reason: input.reason,
              coHandlers: coHandlersOf(c.units, actor, c.order, input.unitId!, input.coHandlers ?? []),
              ...(input.place ? { place: { text: input.place.text ?? null, divisionCode: input.place.divisionCode ?? null } } : {}),
            },
            c.effectCtx,
          )
        : returnRejectEffect(c.snapshot, { reason: input.reason }, c.effectCtx),
    );
    return view(actor, row);
  }

  async function inviteCoHandler(actor: Actor, orderId: string, input: { version: number; unitId: string; task?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'invite_co_handler', (c) =>
      inviteCoHandlerEffect(
        c.snapshot,
        {
          unit: receivingUnit(c.units, actor, c.order, input.unitId, 'body.unitId', { as: 'co_handler', holderId: c.order.holderUnitId }),
          task: input.task ?? null,
        },
        c.effectCtx,
      ),
    );
    return view(actor, row);
  }

  async function removeCoHandler(actor: Actor, orderId: string, coHandlerId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'remove_co_handler', (c) =>
      removeCoHandlerEffect(c.snapshot, { coHandlerId, reason: input.reason }, c.effectCtx),
    );
    return view(actor, row);
  }

  return { dispatch, handleAtHotline, checkRequest, sign, returnOrder, decideReturn, inviteCoHandler, removeCoHandler };
}
