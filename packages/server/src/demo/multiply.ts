import type { Db } from '../platform/db/client.js';
import { indexMissingOrders } from '../search/order-index.js';
import { seedOrders, type SeedOrdersOptions, type SeedProgress } from './demo.seed.js';
import { copyRange, planCopies, tokenCounts } from './multiply.repo.js';

/** Above this many orders the CLI multiplies (a demo installation's few hundred are generated one by one). */
export const multiplyAbove = 20_000;
/** Distinct orders generated in JavaScript before multiplying, unless told otherwise. */
export const defaultDistinct = 5_000;

export type MultiplyOptions = SeedOrdersOptions & {
  /** How many distinct orders the generator writes; the rest of `count` are copies of them. */
  distinct: number;
  /** Orders copied per statement (a batch of each table's rows). */
  copyBatch?: number;
  onPhase?: (phase: 'generated' | 'indexed' | 'planned', p: SeedProgress) => void;
};

/**
 * Seeds `count` orders as `distinct` generated ones and copies of them written by the database itself
 * (docs/decisions/0012-intake-cpu-and-memory.md, Seeding): the generator's 1.2 ms of CPU per order bounded a
 * million to 10 minutes, a copy in SQL costs the database only its writes. Each copy is a whole, consistent order
 * (its template's story, its own ids and number, moved by whole weeks when closed, multiply.repo.ts); the triggers
 * keep the counters, unit pages and analytics marks as for any insert, and the search words are the template's.
 * The copies are one transaction: a failure leaves the generated orders only.
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
  await db.transaction(async (tx) => {
    const plan = await planCopies(tx, { ids, copies: opts.count - distinct, from: opts.from, to: opts.to, province: opts.province });
    const tokens = await tokenCounts(tx);
    progress.seconds = (Date.now() - started) / 1000;
    opts.onPhase?.('planned', { ...progress });
    const step = Math.max(1, Math.floor((opts.copyBatch ?? 50_000) / plan.templates));
    for (let c = 1; c <= plan.maxCopy; c += step) {
      const last = Math.min(plan.maxCopy, c + step - 1);
      progress.rows += await copyRange(tx, c, last, tokens);
      progress.orders = distinct + Math.min(plan.copies, last * plan.templates);
      progress.seconds = (Date.now() - started) / 1000;
      opts.onProgress?.({ ...progress });
    }
    progress.orders = distinct + plan.copies;
  });
  progress.seconds = (Date.now() - started) / 1000;
  return progress;
}
