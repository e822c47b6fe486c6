import type { Actor } from '../auth/actor.js';
import type { UnitBrief } from '../units/unit-directory.js';
import type { Relation } from './domain/state-machine.js';
import type { OrderRow } from './orders.repo.js';

/**
 * What the actor's unit is to the order (see Relation in the state machine), from what is already loaded: the order,
 * its co-handlers still taking part and the actor's unit. No query of its own.
 */
export function relationsOf(
  actor: Pick<Actor, 'unitId' | 'scopePath'>,
  order: Pick<OrderRow, 'holderUnitId' | 'holderUnitPath' | 'hopDispatcherUnitId' | 'dispatchUnitId' | 'intakeUnitId'>,
  coHandlers: readonly { unitId: string; removedAt?: Date | null }[],
  actorUnit: Pick<UnitBrief, 'type'> | undefined,
): Set<Relation> {
  const r = new Set<Relation>();
  if (order.holderUnitId === actor.unitId) {
    r.add('holder');
    if (actorUnit?.type === 'hotline_centre') r.add('hotline_holder');
  }
  // The holder in the actor's reach (access/scope.ts: a hotline centre reaches its federation's subtree).
  if (actor.scopePath && order.holderUnitPath.startsWith(actor.scopePath)) r.add('reaches_holder');
  if (order.hopDispatcherUnitId === actor.unitId) r.add('hop_dispatcher');
  if (order.dispatchUnitId === actor.unitId) r.add('order_dispatcher');
  if (order.intakeUnitId === actor.unitId) r.add('intake');
  if (coHandlers.some((c) => !c.removedAt && c.unitId === actor.unitId)) r.add('co_handler');
  return r;
}
