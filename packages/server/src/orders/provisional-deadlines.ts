import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { asProvisionalFrom, provisionalBasis } from '../calendar/domain/provisional-year.js';
import { addDaysToDate, type LimitUnit, type WorkingCalendar } from '../calendar/domain/working-time.js';
import type { Step } from '../catalog/domain/catalog.js';
import { ioTurn } from '../platform/concurrency/io-turn.js';
import type { Db, Executor } from '../platform/db/client.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { limitSelectorOf } from './domain/effective-priority.js';
import { parseOrderEvent } from './domain/events.js';
import { carriedDeadlines, deadlinesOnProvisionalDays, hasProvisionalDeadline } from './domain/provisional-deadlines.js';
import { insertEvent, type OrderRow } from './orders.repo.js';
import { unitsById } from '../units/units.repo.js';
import { orderHops, workOrders } from './orders.tables.js';
import { retryDeadlockVictim } from './deadlock-retry.js';
import type { TimeLimits } from './time-limits.js';

/** The unit of each step's limit for this order: the reply limit as stored with it, the others from the rules. */
async function unitsOf(tx: Executor, limits: TimeLimits, o: OrderRow): Promise<(step: Step) => LimitUnit> {
  const units = new Map<Step, LimitUnit>();
  for (const step of ['dispatch', 'sign', 'return', 'callback'] as const)
    units.set(step, (await limits.limitFor(tx, step, limitSelectorOf(o))).unit as LimitUnit);
  return (step) => (step === 'reply' && o.replyLimit ? (o.replyLimit.unit as LimitUnit) : units.get(step)!);
}

/**
 * Whether the order, as it is about to be written, has a deadline counted into a provisional year, and the first
 * provisional day of the calendar it was counted on (`deadlineProvisionalFrom`; null when none is provisional).
 * Only when some deadline lies on provisional days are the limits' units looked up (a clock limit is never provisional).
 */
export async function provisionalFlag(tx: Executor, limits: TimeLimits, cal: WorkingCalendar, o: OrderRow): Promise<string | null> {
  if (!cal.provisionalFrom || deadlinesOnProvisionalDays(o, cal).length === 0) return null;
  return hasProvisionalDeadline(o, cal, await unitsOf(tx, limits, o)) ? cal.provisionalFrom : null;
}

export const deadlinesRecomputedAction = 'deadlines_recomputed';

/**
 * Whether the order's provisional deadlines were counted on an older calendar than `cal`: an official year has
 * replaced the provisional one since, and the year's recompute has not reached this order yet. `stale`: the other
 * way round, `cal` is older than what the order was counted on (a copy read before the import committed).
 */
export function provisionalBasisOf(o: Pick<OrderRow, 'deadlineProvisionalFrom'>, cal: WorkingCalendar): 'current' | 'older' | 'stale' {
  const basis = provisionalBasis(cal);
  if (!o.deadlineProvisionalFrom || !basis || o.deadlineProvisionalFrom === basis) return 'current';
  return o.deadlineProvisionalFrom < basis ? 'older' : 'stale';
}

/** Who recomputes, as the timeline names them: the administrator who entered the year, the system's job, or whoever changed the order first. */
export type RecomputedBy = { userId: string; displayName: string; role: string; unitId: string; unitName: string };

/**
 * One order's provisional deadlines counted again on `after`, from the calendar they were counted on (rebuilt from
 * `after`: calendar/domain/provisional-year.ts `asProvisionalFrom`), written as every change is: the fields with
 * `version + 1` (only over the version read: the caller holds the row locked), the open hop's sign deadline with
 * it, and one `deadlines_recomputed` event (also when nothing moved: the deadline is now confirmed). Returns the row
 * as written.
 */
export async function carryOrder(tx: Executor, limits: TimeLimits, o: OrderRow, after: WorkingCalendar, by: RecomputedBy, now: Date): Promise<OrderRow> {
  const before = asProvisionalFrom(after, o.deadlineProvisionalFrom!);
  const unitOf = await unitsOf(tx, limits, o);
  const { set, changes } = carriedDeadlines(o, before, after, unitOf);
  const stillProvisional = hasProvisionalDeadline({ ...o, ...set }, after, unitOf);
  const [row] = await tx
    .update(workOrders)
    .set({
      ...set,
      deadlineProvisional: stillProvisional,
      deadlineProvisionalFrom: stillProvisional ? after.provisionalFrom! : null,
      version: o.version + 1,
      updatedAt: now,
    })
    .where(and(eq(workOrders.id, o.id), eq(workOrders.version, o.version)))
    .returning();
  if (!row) throw new Error(`order ${o.id}: changed while locked for its deadlines' recompute`);
  if (o.currentStep === 'sign' && set.currentDueAt) {
    await tx
      .update(orderHops)
      .set({ signDueAt: set.currentDueAt })
      .where(and(eq(orderHops.orderId, o.id), eq(orderHops.toUnitId, o.holderUnitId), eq(orderHops.status, 'open')));
  }
  // The official year the deadlines were counted again on: the last entered one (normally the year just imported).
  const year = Number(addDaysToDate(provisionalBasis(after)!, -1).slice(0, 4));
  await insertEvent(tx, {
    orderId: o.id,
    at: now,
    action: deadlinesRecomputedAction,
    fromState: o.state,
    toState: o.state,
    actorUserId: by.userId,
    actorName: by.displayName,
    actorRole: by.role,
    unitId: by.unitId,
    unitName: by.unitName,
    data: parseOrderEvent({ action: deadlinesRecomputedAction, data: { year, changes, stillProvisional } }).data,
    note: changes.length ? `已导入 ${year} 年节假日安排，按正式工作日历重算期限` : `已导入 ${year} 年节假日安排，期限按正式工作日历核对无变化`,
  });
  return row;
}

/** Orders recomputed per transaction: what the recompute holds and locks at a time. */
export const provisionalBatchSize = 200;
/** Walks over the orders left (rows another transaction held) before a run leaves them to its job. */
const passes = 3;

/**
 * The official year has replaced the provisional one: every order whose provisional deadlines were counted on an
 * older calendar than `after` is carried to it, `batchSize` orders per transaction. Each batch takes the next orders
 * by id (the partial index of provisional orders) locked `FOR UPDATE SKIP LOCKED`, and only those still counted on an
 * older calendar: an order a transition holds is passed over and taken on the next walk (by then the transition
 * has carried it itself: transition.ts), an order already carried is not found again, so a run stopped half way is
 * finished by the next without a second event. Orders still held after `passes` walks are left to the job
 * (`requestCarry`). Returns how many orders it carried and whether any are left.
 */
export async function carryProvisionalDeadlines(
  db: Db,
  limits: TimeLimits,
  input: { after: WorkingCalendar; by: RecomputedBy; now: Date; batchSize?: number | undefined; onBatch?: (carried: number) => void },
): Promise<{ carried: number; left: boolean }> {
  const { after, by, now } = input;
  const basis = provisionalBasis(after);
  if (!basis) return { carried: 0, left: false };
  const size = input.batchSize ?? provisionalBatchSize;
  const olderThanAfter = and(eq(workOrders.deadlineProvisional, true), lt(workOrders.deadlineProvisionalFrom, basis));
  let carried = 0;
  for (let pass = 0; pass < passes; pass++) {
    let last: string | null = null;
    for (;;) {
      const from: string | null = last;
      await limits.warm(db);
      const batch: { n: number; last: string | null } = await retryDeadlockVictim(() =>
        db.transaction(async (tx) => {
          const rows: OrderRow[] = await tx
            .select()
            .from(workOrders)
            .where(from ? and(olderThanAfter, gt(workOrders.id, from)) : olderThanAfter)
            .orderBy(asc(workOrders.id))
            .limit(size)
            .for('update', { skipLocked: true });
          for (const o of rows) await carryOrder(tx, limits, o, after, by, now);
          return { n: rows.length, last: rows.at(-1)?.id ?? null };
        }),
      );
      carried += batch.n;
      input.onBatch?.(batch.n);
      // Fewer than asked: the walk is at its end (rows held elsewhere are not counted against the limit).
      if (batch.n < size) break;
      last = batch.last;
      await ioTurn();
    }
    const [left] = await db.select({ id: workOrders.id }).from(workOrders).where(olderThanAfter).limit(1);
    if (!left) return { carried, left: false };
    // Held by a transaction that has not finished: a moment for it to end before the next walk.
    if (pass < passes - 1) await new Promise((resolve) => setTimeout(resolve, 50 * (pass + 1)));
  }
  return { carried, left: true };
}

export const carryJobKind = 'orders.carry_provisional_deadlines';
/** How long after an import its job looks again (the import's own run has normally finished everything by then). */
export const carryJobDelayMs = 5 * 60_000;

/**
 * Written in the transaction that enters an official year: a job that finishes the year's recompute if the import's
 * own run (after its commit) did not, because the process stopped or orders stayed held. One per year.
 */
export async function requestCarry(tx: Executor, year: number, now: Date): Promise<void> {
  await outbox.enqueue(
    tx,
    { kind: carryJobKind, payload: { year }, key: `${carryJobKind}:${year}`, runAt: new Date(now.getTime() + carryJobDelayMs), maxAttempts: 20 },
    now,
  );
}

/**
 * What entering an official year does to the orders (calendar.service.ts `YearEnteredHook`): the job written with the
 * year, then the recompute run at once after the commit. The year is entered whatever happens to the run: a failure
 * is logged and what it did not reach is left to the job (and to each order's next change), and the import answers
 * with the orders it did recompute.
 */
export function provisionalYearHook(deps: { db: Db; limits: TimeLimits; batchSize?: number | undefined; log: (err: unknown) => void }) {
  return {
    inTransaction: (tx: Executor, input: { year: number; now: Date }) => requestCarry(tx, input.year, input.now),
    async afterCommit(input: { actor: Omit<RecomputedBy, 'unitName'>; after: WorkingCalendar; now: Date }): Promise<number> {
      let carried = 0;
      try {
        const by = await recomputedBy(deps.db, input.actor);
        await carryProvisionalDeadlines(deps.db, deps.limits, {
          after: input.after,
          by,
          now: input.now,
          batchSize: deps.batchSize,
          onBatch: (n) => {
            carried += n;
          },
        });
      } catch (err) {
        deps.log(err);
      }
      return carried;
    },
  };
}

/** The name of the actor's unit for the timeline, read once per run. */
export async function recomputedBy(db: Executor, actor: Omit<RecomputedBy, 'unitName'>): Promise<RecomputedBy> {
  const unitName = (await unitsById(db, [actor.unitId])).get(actor.unitId)?.name ?? '';
  return { userId: actor.userId, displayName: actor.displayName, role: actor.role, unitId: actor.unitId, unitName };
}

/**
 * The job: the calendar read from the database (not a process's copy, which may still be the one before the
 * import), every order still counted on an older one carried by the system; failing while some are left, so the
 * runner tries again with its back-off.
 */
export function registerProvisionalCarry(jobs: JobRunner, deps: { limits: TimeLimits; calendar: () => Promise<WorkingCalendar>; batchSize?: number }) {
  jobs.register(carryJobKind, async (_job, ctx) => {
    const by = await recomputedBy(ctx.db, ctx.system);
    const { left } = await carryProvisionalDeadlines(ctx.db, deps.limits, { after: await deps.calendar(), by, now: ctx.now, batchSize: deps.batchSize });
    if (left) throw new Error('仍有工单被其他事务占用，期限待重算');
    await ctx.complete();
  });
}
