import type { Db, Executor, Tx } from '../platform/db/client.js';
import { createCoalescer } from '../platform/concurrency/coalesce.js';
import { groupBy } from '../platform/collections/group-by.js';
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
export function createIntakeBatcher(
  db: Executor,
  opts: { inFlight?: number; maxBatch?: number; gather?: boolean; write?: (ex: Executor, input: NewOrder[]) => Promise<WrittenOrder[]> } = {},
) {
  const write = opts.write ?? insertNewOrders;
  const batches = createCoalescer<NewOrder, WrittenOrder>({
    inFlight: opts.inFlight ?? 4,
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

/**
 * A row an intake writes with its order that the intakes sharing a transaction write together, by one statement of
 * the module that owns the table (a partner's receipt message): `write` answers, for each row in order, whether it
 * was written; a row refused (a duplicate) fails the batch with `refused()`, and each intake is run again alone.
 */
export type WrittenTogether<R = unknown> = {
  key: string;
  row: (written: WrittenOrder) => R;
  write: (tx: Tx, rows: R[]) => Promise<boolean[]>;
  refused: () => Error;
};

/** An intake written with something else in its transaction (an idempotency key, a partner's receipt, a source's record). */
export type IntakeWithin = { order: NewOrder; within: (tx: Tx, written: WrittenOrder) => Promise<void>; together?: WrittenTogether };

/**
 * Group commit for the intakes that need a transaction: those that arrive together share one — one BEGIN and COMMIT,
 * the orders one statement, then each intake's own writes in turn (`within`, in arrival order). A receipt from a
 * partner was four round trips of its own (BEGIN, the order, its receipt, COMMIT); in a batch of n it is 4/n (the
 * receipts' messages are written together: `WrittenTogether`).
 * If the batch fails for another reason than a deadlock (retried as a whole) — typically one `within` refusing its
 * intake, a partner's duplicate external id or an idempotency key already taken — nothing of it is left, and each
 * intake runs again alone in a transaction of its own (`alone`), so only that one fails and the others are written as
 * if they had come by themselves. `within` must therefore write only in its transaction.
 */
export function createTransactionalIntakeBatcher(db: Db, opts: { inFlight?: number; maxBatch?: number; gather?: boolean } = {}) {
  const batches = createCoalescer<IntakeWithin, WrittenOrder>({
    inFlight: opts.inFlight ?? 4,
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
          // The rows written together first, one statement for each kind; then each intake's own writes in turn.
          const together = items.flatMap((i, k) => (i.together ? [k] : []));
          for (const ks of groupBy(together, (k) => items[k]!.together!.key).values()) {
            const first = items[ks[0]!]!.together!;
            const done = await first.write(
              tx,
              ks.map((k) => items[k]!.together!.row(written[k]!)),
            );
            const refused = ks.find((_, n) => !done[n]);
            if (refused !== undefined) throw items[refused]!.together!.refused();
          }
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
