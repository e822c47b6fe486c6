import { planStep } from '../deadline-plan.js';
import { effectivePriority } from './effective-priority.js';
import type { EffectCtx, HopChange, OrderFields, OrderRow } from './effects.js';
import type { LimitChange } from './events.js';

/**
 * A change of risk flags that moves the order into or out of the emergency mechanism changes the limits it runs on
 * (domain/effective-priority.ts): the current step's deadline is counted again from the step's start with the new
 * limits, in the same transition as the flags, and the change (priority and deadline from → to) goes on its event.
 * The reply limit runs from the first dispatch through the sign step, so it is counted again too — unless an
 * extension was asked for or granted: that deadline was decided by a person, not by the rules.
 * Nothing changes when the effective priority stays the same.
 */
export function retimeForFlags(o: OrderRow, flagsAfter: readonly string[], ctx: EffectCtx): { set: OrderFields; hops: HopChange[]; limits?: LimitChange } {
  const from = effectivePriority(o);
  const to = effectivePriority({ priority: o.priority, riskFlags: flagsAfter });
  if (from === to || o.closedAt) return { set: {}, hops: [] };
  const set: OrderFields = {};
  const hops: HopChange[] = [];
  const replyFixed = o.extensionCount > 0 || o.pendingExtension !== null;
  if (o.replyStartedAt && !o.repliedAt && !replyFixed) {
    const limit = ctx.limitFor('reply', to);
    const plan = planStep(ctx.calendar, limit, o.replyStartedAt);
    Object.assign(set, { replyLimit: limit, replyDueAt: plan.dueAt, replyNearDueAt: plan.nearDueAt });
  }
  const step = o.currentStep;
  const start = o.currentStepStartedAt;
  if (start && (step === 'dispatch' || step === 'sign' || step === 'callback')) {
    const plan = planStep(ctx.calendar, ctx.limitFor(step, to), start);
    Object.assign(set, { currentDueAt: plan.dueAt, currentNearDueAt: plan.nearDueAt });
    if (step === 'callback') set.callbackDueAt = plan.dueAt;
    if (step === 'sign') {
      // The return limit is counted from the same dispatch as the sign limit.
      set.returnDueAt = planStep(ctx.calendar, ctx.limitFor('return', to), start).dueAt;
      if (o.holderUnitId) hops.push({ op: 'update', toUnitId: o.holderUnitId, from: ['open'], set: { status: 'open', signDueAt: plan.dueAt } });
    }
  } else if (step === 'reply' && 'replyDueAt' in set) {
    Object.assign(set, { currentDueAt: set.replyDueAt, currentNearDueAt: set.replyNearDueAt });
  }
  const dueTo = 'currentDueAt' in set ? (set.currentDueAt ?? null) : o.currentDueAt;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  return { set, hops, limits: { priority: { from, to }, step: step as LimitChange['step'], dueAt: { from: iso(o.currentDueAt), to: iso(dueTo) } } };
}
