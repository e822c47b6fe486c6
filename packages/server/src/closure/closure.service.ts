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
import { callersOf } from '../orders/orders.repo.js';
import { groupCallbackOutcome, type CallerCallback } from './domain/group-callback.js';

/** Review, callback, reopen, archive: input checks and the transition; what each does is its effect's (effects.ts). */
export function createClosureService(deps: OrderDeps) {
  const { clock } = deps;
  const view = async (actor: Actor, row: OrderRow) => orderView(deps, actor, row, clock.now());

  /** The route's schema (closure.routes.ts) has refused a rework without a reason, an invisible one too. */
  async function review(actor: Actor, orderId: string, input: { version: number; decision: 'accept' | 'rework'; reason?: string | undefined }) {
    const action = input.decision === 'accept' ? 'review_accept' : 'review_rework';
    const row = await runTransition(deps, actor, orderId, input.version, action, (c) =>
      input.decision === 'accept'
        ? reviewAcceptEffect(c.snapshot, { reason: input.reason ?? null }, c.effectCtx)
        : reviewReworkEffect(c.snapshot, { reason: input.reason! }, c.effectCtx),
    );
    return view(actor, row);
  }

  /**
   * The callback (回访): reached and content → archived at once; dissatisfied → waits for reopen or archive; unreachable →
   * try again. A group order may be called back caller by caller (`callers`): the order's result is then theirs
   * (closure/domain/group-callback.ts) and each caller's is kept on the timeline.
   */
  async function callback(
    actor: Actor,
    orderId: string,
    input: {
      version: number;
      result?: 'reached' | 'unreachable' | undefined;
      handlingSatisfaction?: Satisfaction | undefined;
      callSatisfaction?: Satisfaction | undefined;
      callers?: PerCallerInput[] | undefined;
      note?: string | undefined;
    },
  ) {
    const call = input.callers ? perCallerCall(input, input.callers) : wholeOrderCall(input);
    const row = await runTransition(deps, actor, orderId, input.version, callbackAction(call), async (c) => {
      if (call.callers) {
        const known = new Set((await callersOf(c.tx, orderId)).map((x) => x.id));
        const unknown = call.callers.flatMap((x, i) => (known.has(x.callerId) ? [] : [{ field: `body.callers.${i}.callerId`, message: '不是本工单的来电人' }]));
        if (unknown.length) throw invalid('CALLBACK_CALLER_UNKNOWN', '回访的来电人不属于本工单', unknown);
      }
      return callbackEffect(c.snapshot, call, c.effectCtx);
    });
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

type PerCallerInput = {
  callerId: string;
  result: 'reached' | 'unreachable';
  handlingSatisfaction?: Satisfaction | undefined;
  callSatisfaction?: Satisfaction | undefined;
};

/** One result for the whole order: both satisfactions when reached. */
function wholeOrderCall(input: {
  result?: 'reached' | 'unreachable' | undefined;
  handlingSatisfaction?: Satisfaction | undefined;
  callSatisfaction?: Satisfaction | undefined;
  note?: string | undefined;
}): CallbackInput {
  if (!input.result) throw invalid('VALIDATION_FAILED', '请选择回访结果', [{ field: 'body.result', message: '请选择回访结果（已接通或未接通），或逐人记录' }]);
  if (input.result === 'reached' && (!input.handlingSatisfaction || !input.callSatisfaction)) {
    const fields = [
      ...(!input.handlingSatisfaction ? [{ field: 'body.handlingSatisfaction', message: '请选择对办理结果的满意度' }] : []),
      ...(!input.callSatisfaction ? [{ field: 'body.callSatisfaction', message: '请选择对热线服务的满意度' }] : []),
    ];
    throw invalid('VALIDATION_FAILED', '接通回访须记录两项满意度', fields);
  }
  return input.result === 'unreachable'
    ? { result: 'unreachable', note: input.note ?? null }
    : { result: 'reached', handlingSatisfaction: input.handlingSatisfaction!, callSatisfaction: input.callSatisfaction!, note: input.note ?? null };
}

/** Caller by caller: each reached caller with both satisfactions, each caller once; the order's result follows from theirs. */
function perCallerCall(
  input: { result?: unknown; handlingSatisfaction?: unknown; callSatisfaction?: unknown; note?: string | undefined },
  callers: PerCallerInput[],
): CallbackInput {
  if (input.result !== undefined || input.handlingSatisfaction !== undefined || input.callSatisfaction !== undefined) {
    throw invalid('CALLBACK_PER_CALLER_EXCLUSIVE', '逐人回访时，工单的回访结果由各来电人的结果得出，不再单独填写', [
      { field: 'body.result', message: '逐人回访时不填写整单结果' },
    ]);
  }
  const fields = callers.flatMap((c, i) => [
    ...(callers.findIndex((x) => x.callerId === c.callerId) !== i ? [{ field: `body.callers.${i}.callerId`, message: '同一来电人只能记录一次' }] : []),
    ...(c.result === 'reached' && !c.handlingSatisfaction ? [{ field: `body.callers.${i}.handlingSatisfaction`, message: '请选择对办理结果的满意度' }] : []),
    ...(c.result === 'reached' && !c.callSatisfaction ? [{ field: `body.callers.${i}.callSatisfaction`, message: '请选择对热线服务的满意度' }] : []),
  ]);
  if (fields.length) throw invalid('VALIDATION_FAILED', '逐人回访记录不完整', fields);
  const each: CallerCallback[] = callers.map((c) =>
    c.result === 'reached'
      ? { callerId: c.callerId, result: 'reached', handlingSatisfaction: c.handlingSatisfaction!, callSatisfaction: c.callSatisfaction! }
      : { callerId: c.callerId, result: 'unreachable' },
  );
  const out = groupCallbackOutcome(each);
  const note = input.note ?? null;
  return out.result === 'unreachable'
    ? { result: 'unreachable', note, callers: each }
    : { result: 'reached', handlingSatisfaction: out.handlingSatisfaction, callSatisfaction: out.callSatisfaction, note, callers: each };
}
