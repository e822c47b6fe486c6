import { ioTurn } from './io-turn.js';

/**
 * Requests that arrive together share one statement (group commit for writes, one lookup for many reads).
 *
 * Each item handed to `submit` runs at once, alone, while fewer than `inFlight` runs are under way: a quiet server
 * adds no wait to anything. When every slot is busy, the items that arrive meanwhile queue, and the next free slot
 * takes all of them (up to `maxBatch`) in one run. Under a burst, what each statement costs besides its rows (a round
 * trip, parsing, statement triggers, a commit) is then paid once per batch instead of once per item.
 *
 * `groupOf`: items of one run must agree on it (e.g. the columns an insert's rows give); a run takes the first
 * waiting item's group and leaves the others queued, in their order, for the next.
 * `gather: true` (PGlite): a run waits one turn of the event loop (io-turn.ts) before it starts, even with a slot free.
 * PGlite runs every statement synchronously in this thread, so a run started at once is over before any other
 * request gets as far as `submit`: batches never form and every intake paid a statement of its own. Waiting one
 * turn lets the requests already read from the sockets reach `submit` and share the run; statements in flight beyond
 * one only queue on its single connection, so PGlite's callers also pass `inFlight: 1`.
 * `run` answers its items in the order given. If it fails, `alone: true` runs each item of a batch again by itself so
 * that one bad item fails only its own caller (a write whose batch is all or nothing); otherwise every item of the
 * batch gets the error (a read: what failed one would fail all).
 */
export function createCoalescer<I, O>(opts: {
  inFlight: number;
  maxBatch: number;
  run: (items: I[]) => Promise<O[]>;
  groupOf?: (item: I) => string;
  alone?: boolean;
  gather?: boolean;
}) {
  type Waiting = { item: I; group: string; resolve: (o: O) => void; reject: (e: unknown) => void };
  const { inFlight, maxBatch, run, groupOf, alone = false, gather = false } = opts;
  const queue: Waiting[] = [];
  let running = 0;
  /** `gather`: a pump is due at the next turn of the event loop. */
  let gathering = false;
  const stats = { runs: 0, items: 0, largest: 0 };

  function pump() {
    while (running < inFlight && queue.length) {
      const group = queue[0]!.group;
      const batch: Waiting[] = [];
      for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
        if (queue[i]!.group === group) batch.push(...queue.splice(i, 1));
        else i++;
      }
      running++;
      void runBatch(batch).finally(() => {
        running--;
        pump();
      });
    }
  }

  async function runBatch(batch: Waiting[]) {
    stats.runs++;
    stats.items += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    let out: O[];
    try {
      out = await run(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error(`coalesce: ${batch.length} items answered by ${out.length} results`);
    } catch (err) {
      if (!alone || batch.length === 1) {
        for (const w of batch) w.reject(err);
        return;
      }
      await Promise.all(
        batch.map((w) =>
          run([w.item]).then(
            ([one]) => w.resolve(one as O),
            (e) => w.reject(e),
          ),
        ),
      );
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(out[i] as O);
  }

  return {
    submit(item: I): Promise<O> {
      return new Promise((resolve, reject) => {
        queue.push({ item, group: groupOf ? groupOf(item) : '', resolve, reject });
        if (!gather) pump();
        else if (!gathering) {
          gathering = true;
          void ioTurn().then(() => {
            gathering = false;
            pump();
          });
        }
      });
    },
    /** How the items went so far (runs, items, the largest run): for tests and the bench. */
    stats: () => ({ ...stats }),
  };
}
