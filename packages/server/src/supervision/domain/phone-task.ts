import { isFinal, type OrderState } from '../../orders/domain/states.js';

/** An order as a phone task's caller finds it now: its state, its current step, where its holder sits (a path of ids). */
export type TaskOrderNow = { state: OrderState; step: string | null; holderPath: string | null };

/** What a task's line was about: the step whose deadline came near or passed (absent on lines written before it was kept). */
export type TaskLine = { step: string | null };

// Steps the holding unit itself must take: the call chases the holder. The review and the callback are the
// dispatching or intake unit's own (supervision/domain/notices.ts), whoever holds the order then.
const holderSteps = new Set(['dispatch', 'sign', 'reply']);

/**
 * Whether the call about an order is still to be made. A task is written when the order's step goes near due or
 * overdue; by the time someone calls, the order may have moved on — replied, called back, archived, returned and
 * sent elsewhere, merged — and the caller then skips it rather than chase a unit about work it no longer has. It is
 * still to chase while the order is at the same step and, for a step the holder takes, still held by the called unit
 * or a unit below it (to which it passed the order down). An order the caller cannot see now (`null`) stays on the
 * call: the task named it, and only the unit can say; a line that did not keep its step is chased until the order is
 * closed.
 */
export function stillToChase(now: TaskOrderNow | null, line: TaskLine, unitPath: string | null): boolean {
  if (!now) return true;
  if (isFinal(now.state)) return false;
  if (!line.step) return true;
  if (now.step !== line.step) return false;
  if (!holderSteps.has(line.step)) return true;
  return !unitPath || !now.holderPath || now.holderPath.startsWith(unitPath);
}
