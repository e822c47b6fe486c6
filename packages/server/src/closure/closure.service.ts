import type { Actor } from '../auth/actor.js';
import { conflict, invalid } from '../platform/errors/app-error.js';
import { planStep } from '../orders/deadline-plan.js';
import type { Satisfaction } from '../orders/domain/states.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import type { OrderRow } from '../orders/orders.repo.js';
import { runTransition, type TransitionCtx } from '../orders/transition.js';

/** How many times a dissatisfied callback may reopen an order (workflow.md: once). */
export const maxReopens = 1;

export function createClosureService(deps: OrderDeps) {
  const { db, clock } = deps;
  const view = async (actor: Actor, row: OrderRow) => orderView(db, actor, row, clock.now());
  const selectorOf = (o: OrderRow) => ({ typeCode: o.typeCode, subjectCode: o.subjectCode, priority: o.priority, tier: o.tier });

  /** Back to the handling unit with the reply limit restarted (rework and reopen alike). */
  async function restartReply({ tx, calendar, order, now }: TransitionCtx) {
    const limit = order.replyLimit ?? (await deps.limits.limitFor(tx, 'reply', selectorOf(order)));
    const plan = planStep(calendar, limit, now);
    return {
      replyLimit: limit,
      replyStartedAt: now,
      replyDueAt: plan.dueAt,
      replyNearDueAt: plan.nearDueAt,
      repliedAt: null,
      currentStep: 'reply',
      currentStepStartedAt: now,
      currentDueAt: plan.dueAt,
      currentNearDueAt: plan.nearDueAt,
    };
  }

  async function review(actor: Actor, orderId: string, input: { version: number; decision: 'accept' | 'rework'; reason?: string | undefined }) {
    if (input.decision === 'rework' && !input.reason?.trim()) {
      throw invalid('VALIDATION_FAILED', '退回重办须说明理由', [{ field: 'body.reason', message: '请填写退回重办的理由' }]);
    }
    const action = input.decision === 'accept' ? 'review_accept' : 'review_rework';
    const row = await runTransition(deps, actor, orderId, input.version, action, async (c) => {
      const { tx, order, now, calendar } = c;
      if (input.decision === 'rework') {
        // The rejected reply is no longer the order's result: its figures stay only on the timeline (the reply event).
        return {
          set: { ...(await restartReply(c)), outcome: null, reworkCount: order.reworkCount + 1 },
          data: { decision: 'rework' },
          note: input.reason ?? null,
        };
      }
      const cb = planStep(calendar, await deps.limits.limitFor(tx, 'callback', selectorOf(order)), now);
      return {
        set: {
          acceptedAt: now,
          callbackDueAt: cb.dueAt,
          currentStep: 'callback',
          currentStepStartedAt: now,
          currentDueAt: cb.dueAt,
          currentNearDueAt: cb.nearDueAt,
        },
        data: { decision: 'accept', onTime: order.replyDueAt && order.repliedAt ? order.repliedAt <= order.replyDueAt : true },
        note: input.reason ?? null,
      };
    });
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
    const action =
      input.result === 'unreachable' ? 'callback_unreachable' : input.handlingSatisfaction === 'dissatisfied' ? 'callback_dissatisfied' : 'callback_satisfied';
    const row = await runTransition(deps, actor, orderId, input.version, action, ({ order, now }) => {
      if (input.result === 'unreachable') {
        return {
          set: { callbackAttempts: order.callbackAttempts + 1 },
          data: { result: 'unreachable', attempt: order.callbackAttempts + 1 },
          note: input.note ?? null,
        };
      }
      const archived = action === 'callback_satisfied';
      return {
        set: {
          callbackAttempts: order.callbackAttempts + 1,
          callbackAt: now,
          handlingSatisfaction: input.handlingSatisfaction!,
          callSatisfaction: input.callSatisfaction!,
          currentStep: archived ? null : 'callback',
          ...(archived ? { closedAt: now, currentDueAt: null, currentNearDueAt: null } : {}),
        },
        data: {
          result: 'reached',
          handlingSatisfaction: input.handlingSatisfaction,
          callSatisfaction: input.callSatisfaction,
          onTime: order.callbackDueAt ? now <= order.callbackDueAt : true,
          autoArchived: archived,
        },
        note: input.note ?? null,
      };
    });
    return view(actor, row);
  }

  async function reopen(actor: Actor, orderId: string, input: { version: number; reason: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reopen', async (c) => {
      const { order } = c;
      if (order.reopenCount >= maxReopens) throw conflict('ORDER_REOPEN_LIMIT', `回访不满意的工单最多重启 ${maxReopens} 次，请归档或转督办`);
      return {
        set: { ...(await restartReply(c)), reopenCount: order.reopenCount + 1, acceptedAt: null, callbackDueAt: null },
        data: { reopen: order.reopenCount + 1 },
        note: input.reason,
      };
    });
    return view(actor, row);
  }

  async function archive(actor: Actor, orderId: string, input: { version: number; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'archive', ({ order, now }) => ({
      set: { closedAt: now, currentStep: null, currentDueAt: null, currentNearDueAt: null },
      data: { callbackAttempts: order.callbackAttempts, withoutCallback: !order.callbackAt },
      note: input.note ?? null,
    }));
    return view(actor, row);
  }

  return { review, callback, reopen, archive };
}
