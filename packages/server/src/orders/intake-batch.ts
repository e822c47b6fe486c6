import type { Executor } from '../platform/db/client.js';
import { retryDeadlockVictim } from './deadlock-retry.js';
import { insertNewOrders, shapeKeyOf, type NewOrder, type WrittenOrder } from './new-order.repo.js';

type Waiting = { input: NewOrder; shape: string; resolve: (w: WrittenOrder) => void; reject: (e: unknown) => void };

/**
 * Group commit for intake. Each plain intake (one statement, no transaction of its own: intake.service.ts) is handed
 * here; while fewer than `inFlight` statements run, it is written at once, alone; when they are all busy, the intakes
 * that arrive meanwhile wait and the next free slot writes all of them (up to `maxBatch`) as one statement. A quiet
 * hotline therefore writes every order alone with no added wait, and under a burst the database does the per-statement
 * work (parsing, the counters' statement triggers, the commit and its WAL flush) once per batch instead of once per
 * order: measured in `npm run bench` (the "floor" lines), the database's CPU per order fell about fivefold.
 * A batch is all or nothing in the database; if its statement fails for another reason than a deadlock (retried as
 * a whole), each of its orders is written again alone, so one bad order fails only its own request.
 */
export function createIntakeBatcher(
  db: Executor,
  opts: { inFlight?: number; maxBatch?: number; write?: (ex: Executor, input: NewOrder[]) => Promise<WrittenOrder[]> } = {},
) {
  const inFlight = opts.inFlight ?? 4;
  const maxBatch = opts.maxBatch ?? 50;
  const write = opts.write ?? insertNewOrders;
  const queue: Waiting[] = [];
  let running = 0;
  const stats = { statements: 0, orders: 0, largest: 0 };

  function pump() {
    while (running < inFlight && queue.length) {
      // Rows of one statement must give the same columns: the batch is the first waiting intake's shape.
      const shape = queue[0]!.shape;
      const batch: Waiting[] = [];
      for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
        if (queue[i]!.shape === shape) batch.push(...queue.splice(i, 1));
        else i++;
      }
      running++;
      void run(batch).finally(() => {
        running--;
        pump();
      });
    }
  }

  async function run(batch: Waiting[]) {
    stats.statements++;
    stats.orders += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    try {
      const written = await retryDeadlockVictim(() =>
        write(
          db,
          batch.map((w) => w.input),
        ),
      );
      for (const [i, w] of batch.entries()) w.resolve(written[i]!);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One order's fault must not fail the others: each is written alone, and only the faulty one fails.
      await Promise.all(
        batch.map((w) =>
          retryDeadlockVictim(() => write(db, [w.input])).then(
            ([one]) => w.resolve(one!),
            (e) => w.reject(e),
          ),
        ),
      );
    }
  }

  return {
    write(input: NewOrder): Promise<WrittenOrder> {
      return new Promise((resolve, reject) => {
        queue.push({ input, shape: shapeKeyOf(input), resolve, reject });
        pump();
      });
    },
    /** How the intakes were written so far (statements, orders, the largest batch): for tests and the bench. */
    stats: () => ({ ...stats }),
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;
