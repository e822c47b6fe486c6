import { eq, and } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { LimitUnit, WorkingCalendar } from '../calendar/domain/working-time.js';
import type { Step } from '../catalog/domain/catalog.js';
import type { Executor } from '../platform/db/client.js';
import { limitSelectorOf } from './domain/effective-priority.js';
import { parseOrderEvent } from './domain/events.js';
import { carriedDeadlines, deadlinesOnProvisionalDays, hasProvisionalDeadline } from './domain/provisional-deadlines.js';
import { insertEvent, type OrderRow } from './orders.repo.js';
import { unitsById } from '../units/units.repo.js';
import { orderHops, workOrders } from './orders.tables.js';
import type { TimeLimits } from './time-limits.js';

/** The unit of each step's limit for this order: the reply limit as stored with it, the others from the rules. */
async function unitsOf(tx: Executor, limits: TimeLimits, o: OrderRow): Promise<(step: Step) => LimitUnit> {
  const units = new Map<Step, LimitUnit>();
  for (const step of ['dispatch', 'sign', 'return', 'callback'] as const)
    units.set(step, (await limits.limitFor(tx, step, limitSelectorOf(o))).unit as LimitUnit);
  return (step) => (step === 'reply' && o.replyLimit ? (o.replyLimit.unit as LimitUnit) : units.get(step)!);
}

/**
 * Whether the order, as it is about to be written, has a deadline counted into a provisional year.
 * Only when some deadline lies on provisional days are the limits' units looked up (a clock limit is never provisional).
 */
export async function provisionalFlag(tx: Executor, limits: TimeLimits, cal: WorkingCalendar, o: OrderRow): Promise<boolean> {
  if (!cal.provisionalFrom || deadlinesOnProvisionalDays(o, cal).length === 0) return false;
  return hasProvisionalDeadline(o, cal, await unitsOf(tx, limits, o));
}

export const deadlinesRecomputedAction = 'deadlines_recomputed';

/**
 * The official year has replaced the provisional one: every open order whose deadlines were provisional gets them
 * counted again on the official calendar, in the caller's transaction, with one event on its timeline each (also
 * when nothing moved: the deadline is now confirmed). Returns how many orders were recomputed.
 */
export async function recomputeProvisionalDeadlines(
  tx: Executor,
  deps: { limits: TimeLimits },
  input: { actor: Actor; year: number; before: WorkingCalendar; after: WorkingCalendar; now: Date },
): Promise<number> {
  const { actor, year, before, after, now } = input;
  const rows = await tx.select().from(workOrders).where(eq(workOrders.deadlineProvisional, true)).orderBy(workOrders.id).for('update');
  if (!rows.length) return 0;
  const unitName = (await unitsById(tx, [actor.unitId])).get(actor.unitId)?.name ?? '';
  for (const o of rows) {
    const unitOf = await unitsOf(tx, deps.limits, o);
    const { set, changes } = carriedDeadlines(o, before, after, unitOf);
    const stillProvisional = hasProvisionalDeadline({ ...o, ...set }, after, unitOf);
    await tx
      .update(workOrders)
      .set({ ...set, deadlineProvisional: stillProvisional, version: o.version + 1, updatedAt: now })
      .where(eq(workOrders.id, o.id));
    if (o.currentStep === 'sign' && set.currentDueAt) {
      await tx
        .update(orderHops)
        .set({ signDueAt: set.currentDueAt })
        .where(and(eq(orderHops.orderId, o.id), eq(orderHops.toUnitId, o.holderUnitId), eq(orderHops.status, 'open')));
    }
    await insertEvent(tx, {
      orderId: o.id,
      at: now,
      action: deadlinesRecomputedAction,
      fromState: o.state,
      toState: o.state,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      unitId: actor.unitId,
      unitName,
      data: parseOrderEvent({ action: deadlinesRecomputedAction, data: { year, changes, stillProvisional } }).data,
      note: changes.length ? `已导入 ${year} 年节假日安排，按正式工作日历重算期限` : `已导入 ${year} 年节假日安排，期限按正式工作日历核对无变化`,
    });
  }
  return rows.length;
}
