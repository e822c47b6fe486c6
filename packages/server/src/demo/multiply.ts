import { dropCopiedFigures, planCopiedFigures } from '../analytics/copied-figures.js';
import { refreshMarked } from '../analytics/figures-refresh.js';
import { loadWorkingCalendar } from '../calendar/calendar.repo.js';
import type { Db } from '../platform/db/client.js';
import { indexMissingOrders } from '../search/order-index.js';
import { seedOrders, type SeedOrdersOptions, type SeedProgress } from './demo.seed.js';
import { copyRange, dropPlan, planCopies, plannedCopies, tokenCounts } from './multiply.repo.js';

/** Above this many orders the CLI multiplies (a demo installation's few hundred are generated one by one). */
export const multiplyAbove = 20_000;
/** Distinct orders generated in JavaScript before multiplying, unless told otherwise. */
export const defaultDistinct = 5_000;

export type MultiplyOptions = SeedOrdersOptions & {
  /** How many distinct orders the generator writes; the rest of `count` are copies of them. */
  distinct: number;
  /** Orders copied per statement (a batch of each table's rows). */
  copyBatch?: number;
  /** Open groups are copied only when they began this many days before `to` (multiply.repo.ts planCopies). */
  openDays?: number;
  onPhase?: (phase: 'generated' | 'indexed' | 'figured' | 'planned', p: SeedProgress) => void;
};

/**
 * Seeds `count` orders as `distinct` generated ones and copies of them written by the database itself
 * (docs/decisions/0012-intake-cpu-and-memory.md, Seeding): the generator's 1.2 ms of CPU per order bounded a
 * million to 10 minutes, a copy in SQL costs the database only its writes. Each copy is a whole, consistent order
 * (its template's story, its own ids and number, moved by whole weeks when closed, multiply.repo.ts). Each range of
 * copies writes in its own transaction what the triggers would derive, set-based (counters, unit pages, the figures
 * copied from the templates', refreshed first); the search words are the template's.
 * A failure leaves the orders written until then, each whole (a batch of copies is one transaction).
 */
export async function seedOrdersMultiplied(db: Db, opts: MultiplyOptions): Promise<SeedProgress> {
  const started = Date.now();
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
  opts.onPhase?.('generated', { ...progress });
  await indexMissingOrders(db);
  progress.seconds = (Date.now() - started) / 1000;
  opts.onPhase?.('indexed', { ...progress });
  if (opts.count <= distinct) return progress;
  // The templates' figures first: the copies' are copied from them (analytics/copied-figures.ts), on the calendar the
  // figures are counted on.
  const cal = await loadWorkingCalendar(db, opts.to).catch(() => null);
  await refreshMarked(db, cal);
  progress.seconds = (Date.now() - started) / 1000;
  opts.onPhase?.('figured', { ...progress });
  const plan = await db.transaction((tx) =>
    planCopies(tx, { ids, copies: opts.count - distinct, from: opts.from, to: opts.to, province: opts.province, openDays: opts.openDays }),
  );
  try {
    await planCopiedFigures(db, plannedCopies(), cal);
    const tokens = await tokenCounts(db);
    progress.seconds = (Date.now() - started) / 1000;
    opts.onPhase?.('planned', { ...progress });
    const step = Math.max(1, Math.floor((opts.copyBatch ?? 50_000) / plan.templates));
    const ranges: [number, number][] = [];
    for (let c = 1; c <= plan.maxCopy; c += step) ranges.push([c, Math.min(plan.maxCopy, c + step - 1)]);
    // Copy ranges side by side on PostgreSQL (each its own transaction: a failure keeps the ranges written, as the
    // generator's batches do); PGlite's one connection takes them in turn.
    let copied = 0;
    const worker = async () => {
      for (let r = ranges.shift(); r; r = ranges.shift()) {
        const [first, last] = r;
        const rows = await db.transaction((tx) => copyRange(tx, first, last, tokens));
        progress.rows += rows;
        copied += Math.min(plan.copies, last * plan.templates) - Math.min(plan.copies, (first - 1) * plan.templates);
        progress.orders = distinct + Math.min(plan.copies, copied);
        progress.seconds = (Date.now() - started) / 1000;
        opts.onProgress?.({ ...progress });
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
    progress.orders = distinct + plan.copies;
  } finally {
    await dropPlan(db);
    await dropCopiedFigures(db);
  }
  progress.seconds = (Date.now() - started) / 1000;
  return progress;
}
