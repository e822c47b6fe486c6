import type { OrderView } from '../../api/types.js';

/**
 * The co-handlers still taking part whose part was never reported (协办反馈): a reply given without them is shown to
 * the reviewer, who decides whether to accept it or send it back (workflow.md: the dispatching unit reviews).
 */
export function coHandlersWithoutFeedback(order: Pick<OrderView, 'coHandlers'>): string[] {
  return order.coHandlers.filter((c) => !c.removedAt && !c.repliedAt).map((c) => c.unit.name);
}

/** The names of the units the order's co-handler rows name (removed ones too: the timeline names them by id). */
export function coHandlerUnitNames(order: Pick<OrderView, 'coHandlers'>): Map<string, string> {
  return new Map(order.coHandlers.map((c) => [c.unit.id, c.unit.name]));
}
