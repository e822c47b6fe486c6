import { deferFigureIndexes } from '../analytics/bulk-indexes.js';
import { planCopiedFigures } from '../analytics/copied-figures.js';
import { deferOrderForeignKeys, deferOrderIndexes } from '../orders/bulk-indexes.js';
import { forEachAtMost } from '../platform/concurrency/pool.js';
import { restoreDeferredIndexes } from '../platform/db/deferred-indexes.js';
import { deferSearchIndexes } from '../search/bulk-indexes.js';
import { refreshMarked } from '../analytics/figures-refresh.js';
import { loadWorkingCalendar } from '../calendar/calendar.repo.js';
import type { Db } from '../platform/db/client.js';
import { indexMissingOrders } from '../search/order-index.js';
import { seedOrders, type SeedOrdersOptions, type SeedProgress } from './demo.seed.js';
import { copyRange, orderCount, planCopies, plannedCopies, settleCopies, eventSlotCount } from './multiply.repo.js';
import { steps as newSteps, type Steps } from './seed-steps.js';

/**
 * The indexes and keys dropped for the copy, built again, with 64 MB of sort memory a connection: measured on a
 * million orders (PostgreSQL 15), the contributions' two indexes built side by side took 28.9 s with 512 MB and
 * 19.3 s with 64 MB; alone, `(unit_path, day)` 24.3 against 15.4 s, the search words' GIN 11.9 against 10.8 s — an
 * external merge of small sorted runs stays in the CPU's caches, one large in-memory sort does not. The whole
 * rebuild at a million: 70.8 → 49.6 s.
 */
const restoreAfterCopy = (db: Db, connections: number) => restoreDeferredIndexes(db, { connections, maintenanceWorkMb: 64 });

/** Above this many orders the CLI multiplies (a demo installation's few hundred are generated one by one). */
export const multiplyAbove = 20_000;
/** Distinct orders generated in JavaScript before multiplying, unless told otherwise. */
export const defaultDistinct = 5_000;

type Phase = 'generated' | 'indexed' | 'figured' | 'planned' | 'indexes dropped' | 'copied' | 'rolled up' | 'indexes built';

export type MultiplyOptions = SeedOrdersOptions & {
  /** How many distinct orders the generator writes; the rest of `count` are copies of them. */
  distinct: number;
  /** Orders copied per statement (a batch of each table's rows). */
  copyBatch?: number;
  /** Open groups are copied only when they began this many days before `to` (multiply.repo.ts planCopies). */
  openDays?: number;
  onPhase?: (phase: Phase, p: SeedProgress & { phaseSeconds: number }) => void;
  /**
   * Drop the scattered indexes and the order tables' foreign keys for the copy and build them after it; by default
   * when the copies outnumber the orders there.
   */
  deferIndexes?: boolean;
  /** Collects each step's time and rows (seed-steps.ts); the CLI prints them. */
  steps?: Steps;
};

/**
 * Seeds `count` orders as `distinct` generated ones and copies of them written by the database itself
 * (docs/decisions/0012-intake-cpu-and-memory.md, Seeding): the generator's 1.2 ms of CPU per order bounded a
 * million to 10 minutes, a copy in SQL costs the database only its writes. Each copy is a whole, consistent order
 * (its template's story, its own ids and number, moved by whole weeks when closed, multiply.repo.ts). Each range of
 * copies writes in its own transaction what the triggers would derive, set-based (counters, unit pages, the figures
 * copied from the templates', refreshed first); the search words are the template's. The figures' roll-up is added
 * once at the end for every range written (settleCopies), and when the copies outnumber the orders already there,
 * the indexes their owners name and the order tables' foreign keys are dropped for the copy and made again after it,
 * as they were (platform/db/deferred-indexes.ts).
 * A failure leaves the orders written until then, each whole (a batch of copies is one transaction), with their
 * roll-up and the indexes built; a seeder killed outright leaves both to the next seed's start.
 */
export async function seedOrdersMultiplied(db: Db, opts: MultiplyOptions): Promise<SeedProgress> {
  const started = Date.now();
  const steps = opts.steps ?? newSteps();
  // What a killed seed left: its copies' roll-up, its dropped indexes.
  await settleCopies(db, steps);
  await restoreDeferredIndexes(db, { connections: opts.concurrency ?? 1 });
  const distinct = Math.min(opts.distinct, opts.count);
  const ids: string[] = [];
  const generated = await seedOrders(db, {
    ...opts,
    count: distinct,
    onInserted: (batch) => {
      ids.push(...batch);
      opts.onInserted?.(batch);
    },
  });
  const progress: SeedProgress = { ...generated, total: opts.count, seconds: (Date.now() - started) / 1000 };
  let phaseStart = started;
  const phase = (name: Phase) => {
    const now = Date.now();
    progress.seconds = (now - started) / 1000;
    opts.onPhase?.(name, { ...progress, phaseSeconds: (now - phaseStart) / 1000 });
    phaseStart = now;
  };
  phase('generated');
  await indexMissingOrders(db);
  phase('indexed');
  if (opts.count <= distinct) return progress;
  // The templates' figures first: the copies' are copied from them (analytics/copied-figures.ts), on the calendar the
  // figures are counted on.
  const cal = await loadWorkingCalendar(db, opts.to).catch(() => null);
  await refreshMarked(db, cal);
  phase('figured');
  const plan = await steps.time('plan: copies', () =>
    db.transaction((tx) =>
      planCopies(tx, { ids, copies: opts.count - distinct, from: opts.from, to: opts.to, province: opts.province, openDays: opts.openDays }),
    ),
  );
  // Set once everything in the try went through: after any failure (the copy's, the planning's, an index dropped) the
  // roll-up and the index builds still run, but they are not reported as steps reached.
  let copiedAll = false;
  try {
    await steps.time('plan: handling days (JS)', () => planCopiedFigures(db, plannedCopies(), cal));
    const slots = await eventSlotCount(db);
    phase('planned');
    // Into a (nearly) empty database, building the scattered indexes over every row afterwards costs less than
    // inserting more rows than they hold into them, and checking each foreign key once over the table less than
    // once per row.
    if (opts.deferIndexes ?? plan.copies > (await orderCount(db))) {
      await deferOrderIndexes(db);
      await deferFigureIndexes(db);
      await deferSearchIndexes(db);
      await deferOrderForeignKeys(db);
      phase('indexes dropped');
    }
    const step = Math.max(1, Math.floor((opts.copyBatch ?? 50_000) / plan.templates));
    const ranges: [number, number][] = [];
    for (let c = 1; c <= plan.maxCopy; c += step) ranges.push([c, Math.min(plan.maxCopy, c + step - 1)]);
    // Copy ranges side by side on PostgreSQL (each its own transaction: a failure keeps the ranges written, as the
    // generator's batches do); PGlite's one connection takes them in turn. After a failure the other connection
    // takes no new range, and the roll-up waits for both (it adds the ranges written).
    let copied = 0;
    await forEachAtMost(ranges, opts.concurrency ?? 1, async ([first, last]) => {
      progress.rows += await db.transaction((tx) => copyRange(tx, first, last, slots, steps));
      copied += Math.min(plan.copies, last * plan.templates) - Math.min(plan.copies, (first - 1) * plan.templates);
      progress.orders = distinct + Math.min(plan.copies, copied);
      progress.seconds = (Date.now() - started) / 1000;
      opts.onProgress?.({ ...progress });
    });
    progress.orders = distinct + plan.copies;
    phase('copied');
    copiedAll = true;
  } finally {
    // The roll-up first, on its own: beside the index builds (three sessions on two cores) it took 29 s instead of
    // 14 and slowed them as much as it saved (a million orders, 83.6 s against 84.8 s for both).
    await settleCopies(db, steps);
    if (copiedAll) phase('rolled up');
    const built = await restoreAfterCopy(db, opts.concurrency ?? 1);
    for (const b of built) steps.add(`${b.kind} ${b.name}`, b.seconds);
    if (built.length && copiedAll) phase('indexes built');
  }
  progress.seconds = (Date.now() - started) / 1000;
  return progress;
}
