import type { Actor } from '../auth/actor.js';
import { isExternalType } from '../units/domain/unit-types.js';
import type { UnitBrief } from '../units/unit-directory.js';
import type { Relation } from './domain/state-machine.js';
import type { OrderState } from './domain/states.js';
import type { OrderRow } from './orders.repo.js';

/** The units as relationsOf reads them: the unit directory (or the demo's copy of the tree). */
type Units = { get(id: string): Pick<UnitBrief, 'type' | 'path'> | undefined };
type OrderUnits = Pick<OrderRow, 'holderUnitId' | 'holderUnitPath' | 'hopDispatcherUnitId' | 'dispatchUnitId' | 'intakeUnitId'>;

/**
 * What the actor's unit is to the order (see Relation in the state machine), from what is already loaded: the order,
 * its co-handlers still taking part and the unit directory. No query of its own.
 */
export function relationsOf(
  actor: Pick<Actor, 'unitId' | 'scopePath'>,
  order: OrderUnits,
  coHandlers: readonly { unitId: string; removedAt?: Date | null }[],
  units: Units,
): Set<Relation> {
  const r = new Set<Relation>();
  if (order.holderUnitId === actor.unitId) {
    r.add('holder');
    if (units.get(actor.unitId)?.type === 'hotline_centre') r.add('hotline_holder');
  }
  if (actor.scopePath && reachesHolder(actor.scopePath, order, units)) r.add('reaches_holder');
  if (order.hopDispatcherUnitId === actor.unitId) r.add('hop_dispatcher');
  if (order.dispatchUnitId === actor.unitId) r.add('order_dispatcher');
  if (order.intakeUnitId === actor.unitId) r.add('intake');
  if (coHandlers.some((c) => !c.removedAt && c.unitId === actor.unitId)) r.add('co_handler');
  return r;
}

/**
 * The holder in the actor's reach (access/scope.ts: a hotline centre reaches its federation's subtree). An external
 * collaborator (labour inspection, arbitration, a court…) stands beside the union tree, in no union's reach: an order
 * sent out to one is followed from the unit that sent it there (the current hop's dispatcher), as if that unit still
 * held it. Else the province's leader and hotline, and a city above the sender, could not urge it or write on it.
 */
function reachesHolder(scopePath: string, order: OrderUnits, units: Units): boolean {
  if (order.holderUnitPath.startsWith(scopePath)) return true;
  const holder = units.get(order.holderUnitId);
  if (!holder || !isExternalType(holder.type) || !order.hopDispatcherUnitId) return false;
  return units.get(order.hopDispatcherUnitId)?.path.startsWith(scopePath) ?? false;
}

/** The order a merged order went into, as read with it: its state, its units and its co-handlers still taking part. */
export type MergeTargetRow = OrderUnits & { state: OrderState; coHandlers: { unitId: string }[] };

/**
 * What the unmerge rule reads of the surviving order (state-machine.ts `OrderFacts.mergeTarget`): its state and what
 * the actor's unit is to it, by the same rule as the order the actor acts on. The view that offers the unmerge and
 * the change that makes it both take it from here.
 */
export function mergeTargetFacts(
  actor: Pick<Actor, 'unitId' | 'scopePath'>,
  target: MergeTargetRow | null,
  units: Units,
): { state: OrderState; relations: Set<Relation> } | null {
  return target ? { state: target.state, relations: relationsOf(actor, target, target.coHandlers, units) } : null;
}
