/**
 * npx tsx bench/analytics.ts [--sizes 20000,100000] [--samples 40] [--open-days 60|all]
 *
 * The cockpit's figures at growing history on PostgreSQL (BENCH_DATABASE_URL, default the local server): for the
 * province and for one county, the p95 of one whole cockpit load (the five reads CockpitPage makes, through the
 * service as the routes call it: getKpis with its previous-period and last-year comparison, getOrderFlow, getTrend by
 * day, getHotTopics, getUnitRanking; last 30 days) as a ratio to a bare indexed count(*) of the same orders in the
 * same run; the growth of that ratio from the first size to the last (issue 13: at most 1.3x from 100k to 1M); and
 * the cost of keeping the figures (refresh of the marked orders, per order). Orders are spread over three years; above
 * 20,000 at a time they are seeded by multiplication (as `npm run seed`), whose copies come with their figures; open
 * orders are copied only from templates of the last 60 days (`--open-days`; `all`: every open one at its own date,
 * the backlog of the runs before issue 13, docs/decisions/0004).
 */
import { createUnitDirectory } from '../packages/server/src/units/unit-directory.js';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Actor } from '../packages/server/src/auth/actor.js';
import { createAnalyticsService } from '../packages/server/src/analytics/analytics.service.js';
import { createCalendarService } from '../packages/server/src/calendar/calendar.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../packages/server/src/calendar/domain/working-time.js';
import { seedOrders } from '../packages/server/src/demo/demo.seed.js';
import { defaultDistinct, multiplyAbove, seedOrdersMultiplied } from '../packages/server/src/demo/multiply.js';
import { bootstrap } from '../packages/server/src/install/bootstrap.js';
import { loadConfig } from '../packages/server/src/platform/config/config.js';
import { fixedClock } from '../packages/server/src/platform/clock.js';
import { migrateDatabase, openDatabase } from '../packages/server/src/platform/db/client.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = option('sizes', '20000,100000').split(',').map(Number);
const samples = Number(option('samples', '40'));
const openDays = option('open-days', '60') === 'all' ? Number.POSITIVE_INFINITY : Number(option('open-days', '60'));
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `hotline_bench_analytics_${Date.now()}`;
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
try {
  await migrateDatabase(database);
  const clock = fixedClock('2026-11-25T02:00:00Z');
  const config = { ...loadConfig({ HOTLINE_ADMIN_PASSWORD: 'Bench12345', HOTLINE_DEMO: 'true', HOTLINE_DEMO_ORDERS: '0' }) };
  await bootstrap(database.db, config, clock);
  const db = database.db;
  const calendar = createCalendarService({ db, clock });
  const analytics = createAnalyticsService({ db, clock, calendar, units: createUnitDirectory({ db, clock, province: config.province }) });
  const today = localDateOf(clock.now());
  const one = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
  const provincePath = String((await one(sql`select path from units where type = 'province_federation'`)).path);
  const countyPath = String((await one(sql`select path from units where type = 'county_federation' and division_code = '150102'`)).path);
  const period = { from: addDaysToDate(today, -29), to: today };
  /** A leader of the unit at `path`, as the session would make them (the service checks role and scope). */
  const leaderAt = (path: string): Actor => ({
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'bench',
    displayName: 'bench',
    assignmentId: 'bench',
    role: 'leader',
    unitId: path.split('/').filter(Boolean).at(-1)!,
    scopePath: path,
    via: 'session',
    sessionId: null,
    ip: null,
    userAgent: null,
  });
  const reads = {
    kpis: (actor: Actor) => analytics.getKpis(actor, period),
    flow: (actor: Actor) => analytics.getOrderFlow(actor, {}),
    trend: (actor: Actor) => analytics.getTrend(actor, { ...period, granularity: 'day' }),
    hot: (actor: Actor) => analytics.getHotTopics(actor, { ...period, limit: 10 }),
    ranking: (actor: Actor) => analytics.getUnitRanking(actor, { ...period, measure: 'onTimeRate' }),
  };
  const cockpitLoad = (actor: Actor) => Promise.all(Object.values(reads).map((read) => read(actor)));
  /** Each read alone, one after the other (which of the five grows with the table). */
  const eachRead = new Map<string, number[]>();
  const ratios = new Map<string, number[]>();
  const p95 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
  async function time(fn: () => Promise<unknown>) {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  }
  let seeded = 0;
  console.log('size\tscope\tcockpit p95 ms\tbare count p95 ms\tratio\trows in period\trefresh ms/order');
  for (const size of sizes) {
    const seedStart = performance.now();
    const seeding = {
      province: config.province,
      count: size - seeded,
      from: instantAt(addDaysToDate(today, -3 * 365), 0),
      to: instantAt(today, 0),
      seed: 7 + seeded,
      batchSize: 2000,
      concurrency: 2,
    };
    // Above 20,000 orders the seed's own way (demo/multiply.ts): distinct orders generated and refreshed, the rest
    // copied with their figures, so the refresh below has nothing left to do.
    const multiplied = seeding.count > multiplyAbove;
    await (multiplied ? seedOrdersMultiplied(db, { ...seeding, distinct: defaultDistinct, openDays }) : seedOrders(db, seeding));
    const seedMs = performance.now() - seedStart;
    seeded = size;
    const t = performance.now();
    const n = await analytics.refresh();
    const refreshMs = performance.now() - t;
    await db.execute(sql`analyze`);
    // The backlog the order flow reads: open orders, and those past their deadline at the bench's clock.
    const backlog = await one(
      sql`select count(*)::int as open, (count(*) filter (where current_due_at < ${clock.now().toISOString()}::timestamptz))::int as overdue from work_orders
        where state in ('pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied')`,
    );
    const rollupRows = await one(sql`select count(*)::int as n from analytics_daily`);
    console.log(`${size}\topen orders ${backlog.open} (overdue ${backlog.overdue}), roll-up rows ${rollupRows.n}`);
    for (const [name, path] of [
      ['province', provincePath],
      ['county', countyPath],
    ] as const) {
      const cockpit: number[] = [];
      const bare: number[] = [];
      let rows = 0;
      for (let i = 0; i < samples; i++) {
        cockpit.push(await time(() => cockpitLoad(leaderAt(path))));
        bare.push(
          await time(async () => {
            const r = await one(
              sql`select count(*)::int as n from work_orders where created_at >= ${instantAt(period.from, 0).toISOString()}::timestamptz and created_at < ${instantAt(addDaysToDate(period.to, 1), 0).toISOString()}::timestamptz and holder_unit_path like ${path + '%'}`,
            );
            rows = Number(r.n);
          }),
        );
      }
      for (let i = 0; i < samples; i++)
        for (const [read, fn] of Object.entries(reads)) {
          const ms = await time(() => fn(leaderAt(path)));
          eachRead.set(`${size}/${name}/${read}`, [...(eachRead.get(`${size}/${name}/${read}`) ?? []), ms]);
        }
      ratios.set(name, [...(ratios.get(name) ?? []), p95(cockpit) / p95(bare)]);
      console.log(
        `${size}\t${name}\t${p95(cockpit).toFixed(1)}\t${p95(bare).toFixed(1)}\t${(p95(cockpit) / p95(bare)).toFixed(2)}\t${rows}\t${n ? (refreshMs / n).toFixed(3) : '-'} (seed ${(seedMs / 1000).toFixed(0)} s${multiplied ? ' multiplied, figures copied' : ''}, refresh ${(refreshMs / 1000).toFixed(0)} s for ${n})`,
      );
    }
  }
  console.log(`\nsize\tscope\t${Object.keys(reads).join(' p95 ms\t')} p95 ms (each read alone)`);
  for (const size of sizes)
    for (const name of ['province', 'county'])
      console.log(
        `${size}\t${name}\t${Object.keys(reads)
          .map((r) => p95(eachRead.get(`${size}/${name}/${r}`) ?? [0]).toFixed(1))
          .join('\t')}`,
      );
  for (const [name, r] of ratios)
    if (r.length > 1)
      console.log(`growth of the ${name} ratio, ${sizes[0]} -> ${sizes.at(-1)} orders: ${(r.at(-1)! / r[0]!).toFixed(2)}x (issue 13: at most 1.3x)`);
} finally {
  await database.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
