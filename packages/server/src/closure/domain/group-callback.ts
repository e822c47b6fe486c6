import type { Satisfaction } from '../../orders/domain/states.js';

/** One caller of a group order, as the callback agent reached them (or did not). */
export type CallerCallback =
  | { callerId: string; result: 'unreachable' }
  | { callerId: string; result: 'reached'; handlingSatisfaction: Satisfaction; callSatisfaction: Satisfaction };

/** The order's own callback, as one result, from its callers' results. */
export type GroupCallbackOutcome =
  | { result: 'unreachable' }
  | { result: 'reached'; handlingSatisfaction: Satisfaction; callSatisfaction: Satisfaction; reached: number; of: number };

// Worst first: a tie goes to the worse level (a group half dissatisfied is not a satisfied group).
const worstFirst: Satisfaction[] = ['dissatisfied', 'basically_satisfied', 'satisfied'];

/** The level most of the reached callers gave; a tie is settled for the worse level. */
function mostGiven(levels: Satisfaction[]): Satisfaction {
  const count = (l: Satisfaction) => levels.filter((x) => x === l).length;
  return worstFirst.reduce((best, l) => (count(l) > count(best) ? l : best));
}

/**
 * A group order (合并或群体诉求) is called back caller by caller; the order counts once in the rates (kpis.md), so its
 * result is: reached when anyone was reached, and for each of the two satisfactions the level most reached callers
 * gave, a tie going to the worse level. Nobody reached: the order's attempt was unreachable.
 */
export function groupCallbackOutcome(callers: readonly CallerCallback[]): GroupCallbackOutcome {
  const reached = callers.filter((c): c is Extract<CallerCallback, { result: 'reached' }> => c.result === 'reached');
  if (!reached.length) return { result: 'unreachable' };
  return {
    result: 'reached',
    handlingSatisfaction: mostGiven(reached.map((c) => c.handlingSatisfaction)),
    callSatisfaction: mostGiven(reached.map((c) => c.callSatisfaction)),
    reached: reached.length,
    of: callers.length,
  };
}
