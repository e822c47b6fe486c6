import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import type { Relation } from './domain/state-machine.js';
import { activeCoHandlers, unitsById, type OrderRow } from './orders.repo.js';

/** What the actor's unit is to the order (see Relation in the state machine). */
export async function relationsOf(db: Executor, actor: Actor, order: OrderRow): Promise<Set<Relation>> {
  const r = new Set<Relation>();
  if (order.holderUnitId === actor.unitId) {
    r.add('holder');
    const unit = (await unitsById(db, [actor.unitId])).get(actor.unitId);
    if (unit?.type === 'hotline_centre') r.add('hotline_holder');
  }
  if (order.hopDispatcherUnitId === actor.unitId) r.add('hop_dispatcher');
  if (order.dispatchUnitId === actor.unitId) r.add('order_dispatcher');
  if (order.intakeUnitId === actor.unitId) r.add('intake');
  if ((await activeCoHandlers(db, order.id)).some((c) => c.unitId === actor.unitId)) r.add('co_handler');
  return r;
}
