import { orderVisibleTo, scopePathOf } from '../access/scope.js';
import { rolesThatMay } from '../orders/domain/state-machine.js';
import { visibilityOf } from '../orders/orders.repo.js';
import type { Executor } from '../platform/db/client.js';
import { unitsById, type UnitBrief } from '../units/units.repo.js';

/**
 * Who at an owner unit is told of a weekly review's follow-up (when the meeting names it, on its due day, past it):
 * whoever the rules let handle an order there (state-machine.ts `rolesThatMay`: handlers and dispatchers, the lawyers'
 * studio's lawyer and mediator), not a list of its own: told its handlers and dispatchers, a unit acting in other
 * roles heard nothing and the unit above it was told instead. The leader hears of it with them where it is assigned
 * or overdue (reviews.service.ts, supervision.scan.ts).
 */
export const followUpRoles = rolesThatMay('reply');

/**
 * Whether each owner unit of a weekly review's follow-up reads each order, by the access rule (access/scope.ts) for
 * the people told of a follow-up (its leaders and `followUpRoles`: each reads by the unit's reach, a hotline
 * centre's being its federation's; the one above it told when nobody holds those roles there reads all it reads).
 * Asked when a meeting names the owners (reviews.service.ts) and when the scan reminds them (supervision.scan.ts).
 */
export async function ownersRead(db: Executor, ownerIds: string[], orderIds: string[]): Promise<(ownerId: string, orderId: string) => boolean> {
  const [owners, orders] = await Promise.all([unitsById(db, ownerIds), visibilityOf(db, orderIds)]);
  const centres = [...owners.values()].filter((u) => u.type === 'hotline_centre' && u.parentId);
  const parents = await unitsById(
    db,
    centres.map((u) => u.parentId!),
  );
  const readerOf = (u: UnitBrief) => ({ scopePath: scopePathOf(u, (u.parentId && parents.get(u.parentId)) || null), role: 'leader' as const, userId: '' });
  return (ownerId: string, orderId: string) => {
    const owner = owners.get(ownerId);
    const order = orders.get(orderId);
    return !!owner && !!order && orderVisibleTo(readerOf(owner), order);
  };
}
