import type { OrderView, Unit } from '../../api/types.js';

/**
 * Whom to ask for the lawyers' studio (劳模律师调解工作室) when the co-handler picker cannot offer it. A unit invites
 * co-handlers within its own reach and among the external collaborators (server: dispatch/dispatch.service.ts
 * `receivingUnit`). The studio is one of the bodies of the provincial (or a city's) federation (roles.md), which
 * sends orders to it for mediation (Shaanxi's 调单, workflow.md): a county whose order needs it asks the unit that
 * dispatched the order, which keeps the right to invite co-handlers while the order is handled (state-machine.ts
 * `invite_co_handler`, order_dispatcher), as the hotline does in the demo.
 *
 * Null while the units load or when a studio is among them (the picker offers it); else the dispatching unit's name,
 * or null as `ask` when the actor's unit dispatched the order itself (then it is the federation above).
 */
export function studioOutOfReach(
  units: readonly Pick<Unit, 'type' | 'active'>[] | null,
  order: Pick<OrderView, 'dispatchUnit' | 'relations'>,
): { ask: string | null } | null {
  if (!units || units.some((u) => u.type === 'lawyer_studio' && u.active)) return null;
  const dispatcher = order.relations.includes('order_dispatcher') ? null : order.dispatchUnit;
  return { ask: dispatcher?.name ?? null };
}
