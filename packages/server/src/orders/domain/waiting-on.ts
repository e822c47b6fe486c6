import type { Role } from '../../auth/roles.js';
import { decide, rolesThatMay, rules, type OrderAction, type Relation } from './state-machine.js';
import type { OrderState } from './states.js';

/**
 * What an open order waits for, by state: the moves that take it on (state-machine.ts). 督办 urges whoever may make
 * them, which is not always the unit holding the order: a returned order waits for the desk that dispatched the hop, a
 * reply for the dispatching unit's review, and after a dissatisfied callback the dispatching unit decides to reopen or
 * archive, while the county still holding the order may only add notes.
 */
const nextMoves: Partial<Record<OrderState, readonly OrderAction[]>> = {
  pending_dispatch: ['dispatch', 'handle_at_hotline'],
  pending_sign: ['sign'],
  returned: ['return_redispatch', 'return_reject'],
  handling: ['reply'],
  replied: ['review_accept', 'review_rework'],
  pending_callback: ['callback_satisfied', 'callback_dissatisfied', 'callback_unreachable'],
  callback_dissatisfied: ['reopen', 'archive'],
};

/** The units an order's relations name (the columns `relationsOf` reads them from). */
export type OrderUnits = { holderUnitId: string; hopDispatcherUnitId: string | null; dispatchUnitId: string | null; intakeUnitId: string };

const unitOf: Partial<Record<Relation, (o: OrderUnits) => string | null>> = {
  holder: (o) => o.holderUnitId,
  hotline_holder: (o) => o.holderUnitId,
  intake: (o) => o.intakeUnitId,
  hop_dispatcher: (o) => o.hopDispatcherUnitId,
  order_dispatcher: (o) => o.dispatchUnitId,
};
// Where the rules name several, the unit the order is at comes first: its holder, else the unit that took the call
// (the callback is the intake unit's agents' work: supervision/domain/notices.ts), else the deciding desks.
const preference: readonly Relation[] = ['holder', 'hotline_holder', 'intake', 'hop_dispatcher', 'order_dispatcher'];

/**
 * The unit whose move the order waits for, and the roles there that may make it (the rules of its next moves, asked of
 * `decide` with what that unit is to the order: a handler passes an order down but never makes its first dispatch, so
 * a pending dispatch waits for the desk's dispatchers only): the one the supervision board lists it under, urges and
 * tells, the timers' reminders too (supervision/domain/notices.ts). A final state waits for nobody: its holder, no roles.
 */
export function waitingOn(state: OrderState, o: OrderUnits): { unitId: string; roles: Role[] } {
  const moves = nextMoves[state];
  if (!moves) return { unitId: o.holderUnitId, roles: [] };
  const named = new Set(moves.flatMap((a) => rules[a].relations ?? []));
  for (const relation of preference) {
    const unitId = named.has(relation) ? unitOf[relation]?.(o) : null;
    if (!unitId) continue;
    // Everything the unit is to the order among the relations the moves name (the hotline centre holding an order
    // before dispatch is its holder, its hotline holder and its intake unit at once).
    const relations = new Set(preference.filter((r) => named.has(r) && unitOf[r]?.(o) === unitId));
    const roles = rolesThatMay(...moves).filter((role) => moves.some((a) => decide(state, a, { role, relations }).ok));
    if (roles.length) return { unitId, roles };
  }
  return { unitId: o.holderUnitId, roles: rolesThatMay(...moves) };
}
