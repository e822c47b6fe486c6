import { availableParallelism } from 'node:os';
import type { Db, Executor, Tx } from '../platform/db/client.js';
import { createCoalescer } from '../platform/concurrency/coalesce.js';
import { retryDeadlockVictim } from './deadlock-retry.js';
import { insertNewOrders, shapeKeyOf, type NewOrder, type WrittenOrder } from './new-order.repo.js';

/**
 * Group commit for intake. Each plain intake (one statement, no transaction of its own: intake.service.ts) is handed
 * here; while fewer than `inFlight` statements run, it is written at once, alone; when they are all busy, the intakes
 * that arrive meanwhile wait and the next free slot writes all of them (up to `maxBatch`) as one statement
 * (platform/concurrency/coalesce.ts). A quiet hotline therefore writes every order alone with no added wait, and under
 * a burst the database does the per-statement work (parsing, the counters' statement triggers, the commit and its WAL
 * flush) once per batch instead of once per order: measured in `npm run bench` (the "floor" lines), the database's
 * CPU per order fell about fivefold. Rows of one statement must give the same columns: a batch is one shape.
 * On PGlite (one connection running statements on this thread) one statement in flight, and each run waits a turn of
 * the event loop for the intakes being read meanwhile (`gather`): else no batch ever formed there (`npm run bench --
 * --only pglite`: 151 → 416 orders/s at 10 connections, 7.1 → 2.6 ms of CPU per order).
 * A batch is all or nothing in the database; if its statement fails for another reason than a deadlock (retried as
 * a whole), each of its orders is written again alone, so one bad order fails only its own request.
 */
/**
 * How many intake statements run at once before the next intakes wait to go together: 4, but no more than the cores
 * here (at least 2). Statements in flight beyond the cores that run them only split the batches: on this 2-core
 * machine, with the database beside the server, 2 in flight wrote 1,010–1,425 orders/s against 1,037–1,185 with 4
 * (`npm run bench:profile -- --no-profile`, five alternations; decision 0012, "Statements in flight").
 */
const statementsInFlight = Math.min(4, Math.max(2, availableParallelism()));

export function createIntakeBatcher(
  db: Executor,
  opts: { inFlight?: number; maxBatch?: number; gather?: boolean; write?: (ex: Executor, input: NewOrder[]) => Promise<WrittenOrder[]> } = {},
) {
  const write = opts.write ?? insertNewOrders;
  const batches = createCoalescer<NewOrder, WrittenOrder>({
    inFlight: opts.inFlight ?? statementsInFlight,
    maxBatch: opts.maxBatch ?? 50,
    groupOf: shapeKeyOf,
    alone: true,
    gather: opts.gather ?? false,
    run: (input) => retryDeadlockVictim(() => write(db, input)),
  });
  return {
    write: (input: NewOrder): Promise<WrittenOrder> => batches.submit(input),
    /** How the intakes were written so far (statements, orders, the largest batch): for tests and the bench. */
    stats: () => {
      const s = batches.stats();
      return { statements: s.runs, orders: s.items, largest: s.largest };
    },
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;

/** An intake written with something else in its transaction (an idempotency key, a status message to a partner, a source's record). */
export type IntakeWithin = { order: NewOrder; within: (tx: Tx, written: WrittenOrder) => Promise<void> };

/**
 * Group commit for the intakes that need a transaction: those that arrive together share one — one BEGIN and COMMIT,
 * the orders one statement (with the rows they write alongside: new-order.repo.ts), then each intake's own writes in
 * turn (`within`, in arrival order).
 * If the batch fails for another reason than a deadlock (retried as a whole) — typically one `within` refusing its
 * intake, a partner's duplicate external id or an idempotency key already taken — nothing of it is left, and each
 * intake runs again alone in a transaction of its own (`alone`), so only that one fails and the others are written as
 * if they had come by themselves. `within` must therefore write only in its transaction.
 */
export function createTransactionalIntakeBatcher(db: Db, opts: { inFlight?: number; maxBatch?: number; gather?: boolean } = {}) {
  const batches = createCoalescer<IntakeWithin, WrittenOrder>({
    inFlight: opts.inFlight ?? statementsInFlight,
    maxBatch: opts.maxBatch ?? 50,
    groupOf: (i) => shapeKeyOf(i.order),
    alone: true,
    gather: opts.gather ?? false,
    run: (items) =>
      retryDeadlockVictim(() =>
        db.transaction(async (tx) => {
          const written = await insertNewOrders(
            tx,
            items.map((i) => i.order),
          );
          for (const [k, i] of items.entries()) await i.within(tx, written[k]!);
          return written;
        }),
      ),
  });
  return {
    write: (input: IntakeWithin): Promise<WrittenOrder> => batches.submit(input),
    stats: () => {
      const s = batches.stats();
      return { batches: s.runs, orders: s.items, largest: s.largest };
    },
  };
}
