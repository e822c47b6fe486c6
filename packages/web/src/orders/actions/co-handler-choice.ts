import type { OrderView, Unit } from '../../api/types.js';

/**
 * The units a co-handler picker does not offer, by the server's rule (dispatch/dispatch.service.ts `receivingUnit`,
 * orders/domain/effects.ts `invitations`): the unit holding the order, the unit it is being dispatched to with the
 * co-handlers (`receivingId`), a hotline centre, and a unit already co-handling it. Offered, each would only be
 * refused once the dialog was filled in.
 */
export function notOfferedAsCoHandler(order: Pick<OrderView, 'holderUnit' | 'coHandlers'>, receivingId?: string): (u: Pick<Unit, 'id' | 'type'>) => boolean {
  const taken = new Set(order.coHandlers.filter((c) => !c.removedAt).map((c) => c.unit.id));
  return (u) => u.id === order.holderUnit.id || u.id === receivingId || u.type === 'hotline_centre' || taken.has(u.id);
}
