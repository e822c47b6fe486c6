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
}) {
  type Waiting = { item: I; group: string; resolve: (o: O) => void; reject: (e: unknown) => void };
  const { inFlight, maxBatch, run, groupOf, alone = false } = opts;
  const queue: Waiting[] = [];
  let running = 0;
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
        pump();
      });
    },
    /** How the items went so far (runs, items, the largest run): for tests and the bench. */
    stats: () => ({ ...stats }),
  };
}
