import type { Actor } from '../auth/actor.js';
import { invalid } from '../platform/errors/app-error.js';
import {
  archiveEffect,
  callbackAction,
  callbackEffect,
  reopenEffect,
  reviewAcceptEffect,
  reviewReworkEffect,
  type CallbackInput,
} from '../orders/domain/effects.js';
import type { Satisfaction } from '../orders/domain/states.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import type { OrderRow } from '../orders/orders.repo.js';
import { runTransition } from '../orders/transition.js';

/** Review, callback, reopen, archive: input checks and the transition; what each does is its effect's (effects.ts). */
export function createClosureService(deps: OrderDeps) {
  const { clock } = deps;
  const view = async (actor: Actor, row: OrderRow) => orderView(deps, actor, row, clock.now());

  async function review(actor: Actor, orderId: string, input: { version: number; decision: 'accept' | 'rework'; reason?: string | undefined }) {
    if (input.decision === 'rework' && !input.reason?.trim()) {
      throw invalid('VALIDATION_FAILED', '退回重办须说明理由', [{ field: 'body.reason', message: '请填写退回重办的理由' }]);
    }
    const action = input.decision === 'accept' ? 'review_accept' : 'review_rework';
    const row = await runTransition(deps, actor, orderId, input.version, action, (c) =>
      input.decision === 'accept'
        ? reviewAcceptEffect(c.snapshot, { reason: input.reason ?? null }, c.effectCtx)
        : reviewReworkEffect(c.snapshot, { reason: input.reason! }, c.effectCtx),
    );
    return view(actor, row);
  }

  /** The callback (回访): reached and content → archived at once; dissatisfied → waits for reopen or archive; unreachable → try again. */
  async function callback(
    actor: Actor,
    orderId: string,
    input: {
      version: number;
      result: 'reached' | 'unreachable';
      handlingSatisfaction?: Satisfaction | undefined;
      callSatisfaction?: Satisfaction | undefined;
      note?: string | undefined;
    },
  ) {
    if (input.result === 'reached' && (!input.handlingSatisfaction || !input.callSatisfaction)) {
      const fields = [
        ...(!input.handlingSatisfaction ? [{ field: 'body.handlingSatisfaction', message: '请选择对办理结果的满意度' }] : []),
        ...(!input.callSatisfaction ? [{ field: 'body.callSatisfaction', message: '请选择对热线服务的满意度' }] : []),
      ];
      throw invalid('VALIDATION_FAILED', '接通回访须记录两项满意度', fields);
    }
    const call: CallbackInput =
      input.result === 'unreachable'
        ? { result: 'unreachable', note: input.note ?? null }
        : { result: 'reached', handlingSatisfaction: input.handlingSatisfaction!, callSatisfaction: input.callSatisfaction!, note: input.note ?? null };
    const row = await runTransition(deps, actor, orderId, input.version, callbackAction(call), (c) => callbackEffect(c.snapshot, call, c.effectCtx));
    return view(actor, row);
  }

  async function reopen(actor: Actor, orderId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reopen', (c) => reopenEffect(c.snapshot, { reason: input.reason }, c.effectCtx));
    return view(actor, row);
  }

  async function archive(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'archive', (c) =>
      archiveEffect(c.snapshot, { note: input.note ?? null }, c.effectCtx),
    );
    return view(actor, row);
  }

  return { review, callback, reopen, archive };
}
