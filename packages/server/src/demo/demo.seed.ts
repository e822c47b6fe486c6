import { coveredRange } from '../calendar/calendar.repo.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Db } from '../platform/db/client.js';
import { insertGeneratedOrders, loadSeedContext } from './demo.repo.js';
import { generateOrders, type GeneratedOrder } from './generate.js';

export type SeedOrdersOptions = {
  province: string;
  count: number;
  /** Orders are created in [from, to). */
  from: Date;
  to: Date;
  seed: number;
  /** Orders per transaction; each table is written with multi-row INSERTs inside it. */
  batchSize?: number;
  /**
   * Transactions in flight at once, so the next batch is generated while the database writes the last one.
   * PostgreSQL only: PGlite has one connection, whose transactions must not interleave (the default, 1).
   */
  concurrency?: number;
  newId?: () => string;
  onProgress?: (p: SeedProgress) => void;
  /** Told the ids of each batch's orders once they are written (the multiplier's templates, multiply.ts). */
  onInserted?: (ids: string[]) => void;
};
export type SeedProgress = { orders: number; total: number; rows: number; seconds: number };

/**
 * Generates `count` orders and inserts them batch by batch, each batch one transaction: memory holds one batch
 * (and one day's creation instants), whatever the count. Order numbers continue each day's sequence.
 */
export async function seedOrders(db: Db, opts: SeedOrdersOptions): Promise<SeedProgress> {
  const started = Date.now();
  const ctx = await loadSeedContext(db, opts.province, { from: localDateOf(opts.from), to: localDateOf(opts.to) });
  const stream = generateOrders(ctx, { count: opts.count, from: opts.from, to: opts.to, seed: opts.seed, newId: opts.newId ?? (() => crypto.randomUUID()) });
  const size = opts.batchSize ?? 1_000;
  const concurrency = opts.concurrency ?? 1;
  const progress: SeedProgress = { orders: 0, total: opts.count, rows: 0, seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const insert = async (batch: GeneratedOrder[]) => {
    const lastByDay = new Map<string, number>();
    for (const { order } of batch) {
      const day = localDateOf(order.createdAt);
      lastByDay.set(day, Math.max(lastByDay.get(day) ?? 0, Number(order.number.split('-')[3])));
    }
    const rows = await db.transaction((tx) => insertGeneratedOrders(tx, opts.province, batch, lastByDay));
    opts.onInserted?.(batch.map((g) => g.order.id));
    progress.orders += batch.length;
    progress.rows += rows;
    progress.seconds = (Date.now() - started) / 1000;
    opts.onProgress?.({ ...progress });
  };
  const start = (batch: GeneratedOrder[]) => {
    const p: Promise<void> = insert(batch).catch((e: unknown) => {
      failure ??= e;
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let batch: GeneratedOrder[] = [];
  for (const g of stream) {
    batch.push(g);
    // Generating is synchronous: let the batch in flight send its next statement now and then.
    if (concurrency > 1 && batch.length % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (batch.length < size) continue;
    start(batch);
    batch = [];
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
  }
  if (batch.length && !failure) start(batch);
  await Promise.all(inFlight);
  if (failure) throw failure;
  progress.seconds = (Date.now() - started) / 1000;
  return progress;
}

/** The demo installation's history: a few hundred orders over the last 90 days, the same on every installation. */
export const demoHistory = { count: 300, days: 90, seed: 12351 };

/**
 * Seeds the demo's orders up to the start of today (local time): today's numbering then starts at 0001 with the
 * first real intake, as the stories and a first-day demonstration expect. The window stays inside the working
 * calendar's data, so an installation started after its last year still starts (with an older history).
 */
export async function seedDemoOrders(db: Db, province: string, now: Date, count = demoHistory.count): Promise<SeedProgress | null> {
  if (count <= 0) return null;
  const { firstDay, lastDay } = await coveredRange(db);
  if (!firstDay || !lastDay) return null;
  const today = localDateOf(now);
  const end = today <= lastDay ? today : addDaysToDate(lastDay, 1);
  const start = [addDaysToDate(end, -demoHistory.days), firstDay].sort().at(-1)!;
  if (start >= end) return null;
  return seedOrders(db, { province, count, from: instantAt(start, 0), to: instantAt(end, 0), seed: demoHistory.seed });
}
