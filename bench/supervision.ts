/**
 * npx tsx bench/supervision.ts [--open 100000] [--samples 10]     (also `npm run bench -- --only supervision`)
 *
 * One supervision scan (supervision.scan.ts `scanOnce`: the candidates query with its anti-joins, the pure timers,
 * the signals, events and notices it writes, 500 candidates per transaction) over a database holding `--open` open orders, on PostgreSQL
 * (BENCH_DATABASE_URL, default the local server), as a ratio to a bare indexed scan of those open rows' deadline
 * columns in the same run (target ≤ 3×). The scan that runs every few minutes finds most signals already written: that
 * steady scan is the measure; the first scan, which writes every signal due, is reported beside it. Orders are
 * generated over the last days so that most are still open, topped up until there are enough.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createCalendarService } from '../packages/server/src/calendar/calendar.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../packages/server/src/calendar/domain/working-time.js';
import { seedOrders } from '../packages/server/src/demo/demo.seed.js';
import { bootstrap } from '../packages/server/src/install/bootstrap.js';
import { systemActorSource } from '../packages/server/src/install/system-actor.js';
import { fixedClock } from '../packages/server/src/platform/clock.js';
import { loadConfig } from '../packages/server/src/platform/config/config.js';
import { migrateDatabase, openDatabase } from '../packages/server/src/platform/db/client.js';
import { scanOnce } from '../packages/server/src/supervision/supervision.scan.js';

const openStates = `('pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied')`;
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1)]!;

export type ScanBench = {
  open: number;
  firstScanMs: number;
  firstSignals: number;
  scanP50: number;
  bareP50: number;
  scanP95: number;
  bareP95: number;
  ratio: number;
};

/** Measures on the database at `dbUrl` (installed, or empty: it is migrated and installed first). */
export async function supervisionScanBench(dbUrl: string, opts: { open: number; samples: number }): Promise<ScanBench> {
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 10 });
  try {
    await migrateDatabase(database);
    const db = database.db;
    const now = new Date();
    const clock = fixedClock(now.toISOString());
    const config = loadConfig({ HOTLINE_ADMIN_PASSWORD: 'Bench12345', HOTLINE_DEMO: 'true', HOTLINE_DEMO_ORDERS: '0' });
    await bootstrap(db, config, clock);
    const count = async () =>
      Number(
        ((await db.execute(sql.raw(`select count(*)::int as n from work_orders where state in ${openStates}`))) as unknown as { rows: { n: number }[] })
          .rows[0]!.n,
      );
    const today = localDateOf(now);
    let open = await count();
    for (let round = 0; open < opts.open && round < 20; round++) {
      const t = performance.now();
      // Orders of the last twelve days: most are still open, in every open state, near due, overdue, some emergency.
      await seedOrders(db, {
        province: config.province,
        count: Math.ceil((opts.open - open) / 0.65),
        from: instantAt(addDaysToDate(today, -12), 0),
        to: now,
        seed: 1100 + round,
        batchSize: 2000,
        concurrency: 4,
      });
      open = await count();
      console.log(`seeded: ${open.toLocaleString()} open orders (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    await db.execute(sql`analyze`);
    const cal = await createCalendarService({ db, clock }).current();
    const system = await systemActorSource(db, clock, config.province)();
    const scan = async () => {
      const t = performance.now();
      const r = await scanOnce(db, cal, now, system);
      return { ms: performance.now() - t, signals: r.signals, candidates: r.candidates, skipped: r.skipped, transactions: r.transactions };
    };
    // The bare scan: the open rows' deadline columns through the state index, nothing joined.
    const bare = async () => {
      const t = performance.now();
      await db.execute(sql.raw(`select id, state, current_due_at, current_near_due_at, holder_unit_id from work_orders where state in ${openStates}`));
      return performance.now() - t;
    };
    const first = await scan();
    await db.execute(sql`analyze`);
    await bare();
    const again = await scan();
    console.log(`a steady scan reads ${again.candidates} candidates (${again.skipped} skipped by the timers) and writes ${again.signals} signals`);
    if (process.argv.includes('--explain')) {
      const { scanWindows } = await import('../packages/server/src/supervision/domain/timers.js');
      const { scanCandidateIds } = await import('../packages/server/src/supervision/supervision.repo.js');
      const t = performance.now();
      await scanCandidateIds(db, now, scanWindows(cal, now), false);
      console.log(`candidates query alone: ${(performance.now() - t).toFixed(0)} ms`);
      const orig = db.execute.bind(db);
      let captured: Parameters<typeof db.execute>[0] | null = null;
      (db as unknown as { execute: typeof db.execute }).execute = ((q: Parameters<typeof db.execute>[0]) => {
        captured = q;
        return orig(q);
      }) as typeof db.execute;
      await scanCandidateIds(db, now, scanWindows(cal, now), false);
      (db as unknown as { execute: typeof db.execute }).execute = orig;
      const plan = (await orig(sql`explain (analyze, costs off) ${captured!}`)) as unknown as { rows: Record<string, string>[] };
      console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
    }
    const scans: number[] = [];
    const bares: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      bares.push(await bare());
      scans.push((await scan()).ms);
    }
    const result = {
      open,
      firstScanMs: first.ms,
      firstSignals: first.signals,
      scanP50: p(scans, 0.5),
      bareP50: p(bares, 0.5),
      scanP95: p(scans, 0.95),
      bareP95: p(bares, 0.95),
      ratio: p(scans, 0.5) / p(bares, 0.5),
    };
    console.log(
      `at ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} Beijing time (timers depend on the hour: before work begins, or after it ends, other rules apply)\n` +
        `first scan over ${open.toLocaleString()} open orders: ${first.ms.toFixed(0)} ms, ${first.signals.toLocaleString()} signals written in ${first.transactions} transactions`,
    );
    console.log(
      `steady scan p50 ${result.scanP50.toFixed(0)} ms (p95 ${result.scanP95.toFixed(0)}) / bare indexed scan p50 ${result.bareP50.toFixed(0)} ms (p95 ${result.bareP95.toFixed(0)})`,
    );
    console.log(`supervision scan ratio to bare: ${result.ratio.toFixed(2)} (target ≤ 3.0) ${result.ratio <= 3 ? 'met' : 'MISSED'}`);
    return result;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `hotline_bench_supervision_${Date.now()}`;
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  try {
    await supervisionScanBench(url.toString(), { open: Number(option('open', '100000')), samples: Number(option('samples', '10')) });
  } finally {
    if (args.includes('--keep')) console.log(`kept database ${dbName}`);
    else await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
