import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { seedOrders, type SeedProgress } from '../demo/demo.seed.js';
import { defaultDistinct, multiplyAbove, seedOrdersMultiplied } from '../demo/multiply.js';
import { steps as newSteps } from '../demo/seed-steps.js';
import { indexMissingOrders } from '../search/order-index.js';
import { bootstrap, isInstalled } from '../install/bootstrap.js';
import { loadConfig } from '../platform/config/config.js';
import { systemClock } from '../platform/clock.js';
import { migrateDatabase, openDatabase } from '../platform/db/client.js';

/**
 * npm run seed -- --orders N [--days 90] [--seed 42] [--batch 1000] [--distinct 5000]
 * Adds N generated orders created over the last `days` days up to now, with their whole loop, to the database the
 * server uses (same settings). Above 20,000 orders, `distinct` of them are generated and the rest are copies the
 * database writes from them (demo/multiply.ts): a million in minutes instead of a quarter of an hour; `--distinct N`
 * with N ≥ the count generates every one. An empty database is installed first with the demo (its people act on the orders).
 * Numbers continue each day's sequence; do not run it while the server takes calls. Copying into a database with fewer
 * orders than the copies, it drops the scattered indexes and the order tables' foreign keys and makes them again after
 * (`--keep-indexes`: keeps them). With the embedded database
 * (PGlite), stop the server first: only one process may open its data folder.
 */
const usage = '用法 / usage: npm run seed -- --orders 100000 [--days 90] [--seed 42] [--batch 1000] [--distinct 5000] [--keep-indexes]';

let args;
try {
  args = parseArgs({
    options: {
      orders: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      distinct: { type: 'string' },
      'keep-indexes': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const whole = (name: string, value: string | undefined, fallback: number, max: number) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} 应为 1 到 ${max} 之间的整数：${value}\n${usage}`);
    process.exit(2);
  }
  return n;
};
if (args.orders === undefined) {
  console.error(`请用 --orders 指定工单数量\n${usage}`);
  process.exit(2);
}
const count = whole('orders', args.orders, 0, 10_000_000);
const days = whole('days', args.days, 90, 3650);
const seed = whole('seed', args.seed, 42, 2 ** 31 - 1);
const batchSize = whole('batch', args.batch, 1_000, 10_000);
const distinct = whole('distinct', args.distinct, count > multiplyAbove ? defaultDistinct : count, 10_000_000);

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const fresh = !(await isInstalled(database.db));
  // An empty database gets the whole demo, with the demo's own settings: its exchange partners' and groups' secrets
  // are sealed with the demo key ring, which an installation without HOTLINE_DEMO does not have (it refused with
  // "未配置加密密钥"). Run the server on it with HOTLINE_DEMO=true as well.
  const installing = fresh && !config.demo ? { ...loadConfig({ ...process.env, HOTLINE_DEMO: 'true' }), dataDir: config.dataDir } : config;
  const installed = await bootstrap(database.db, installing, systemClock);
  if (fresh) {
    console.log(`新建演示安装：${installed.units} 个单位（行政区划 ${config.province}）/ installed the demo`);
    if (installed.admin?.password) console.log(`  管理员 / admin: 用户名 admin，初始密码 ${installed.admin.password}（只显示这一次）`);
    if (!config.demo) console.log('  这是演示安装：启动服务时请设 HOTLINE_DEMO=true / a demo installation: start the server with HOTLINE_DEMO=true');
  }

  const to = systemClock.now();
  const from = new Date(to.getTime() - days * 86_400_000);
  console.log(
    `生成 ${count.toLocaleString()} 张工单（近 ${days} 天，种子 ${seed}）/ generating ${count.toLocaleString()} orders over ${days} days, seed ${seed}`,
  );
  let shown = 0;
  const options = {
    province: config.province,
    count,
    from,
    to,
    seed,
    batchSize,
    concurrency: database.kind === 'postgresql' ? 2 : 1,
    onProgress: (p: SeedProgress) => {
      // A line every ~5 % (and the last), so a million orders print twenty lines, not a thousand.
      if (p.orders < p.total && p.orders - shown < Math.max(batchSize, p.total / 20)) return;
      shown = p.orders;
      const rate = Math.round(p.orders / Math.max(p.seconds, 0.001));
      console.log(
        `  ${p.orders.toLocaleString().padStart(11)} / ${p.total.toLocaleString()}  ${p.seconds.toFixed(1).padStart(7)} s  ${rate.toLocaleString()} 单/s  ${p.rows.toLocaleString()} 行`,
      );
    },
  };
  const multiplied = distinct < count;
  if (multiplied) console.log(`  其中 ${distinct.toLocaleString()} 张逐张生成，其余由数据库复制 / ${distinct.toLocaleString()} generated, the rest copied`);
  const steps = newSteps();
  let ordersBefore = 0;
  const result = multiplied
    ? await seedOrdersMultiplied(database.db, {
        ...options,
        distinct,
        steps,
        ...(args['keep-indexes'] ? { deferIndexes: false } : {}),
        // Each phase's own wall time (and its orders per second where it writes orders), then the total so far.
        onPhase: (phase, p) => {
          const written = p.orders - ordersBefore;
          ordersBefore = p.orders;
          const rate = written > 0 ? `，${Math.round(written / Math.max(p.phaseSeconds, 0.001)).toLocaleString()} 单/s` : '';
          console.log(`  ${phase}: ${p.phaseSeconds.toFixed(1)} s${rate}（累计 ${p.orders.toLocaleString()} 张工单，${p.seconds.toFixed(1)} s）`);
        },
      })
    : await seedOrders(database.db, options);
  // Where the multiplication's time went, step by step (summed over the connections that copy side by side).
  for (const s of steps.list())
    console.log(
      `    ${s.step.padEnd(32)} ${s.seconds.toFixed(1).padStart(7)} s${s.rows ? `  ${s.rows.toLocaleString().padStart(11)} 行  ${Math.round(s.rows / Math.max(s.seconds, 0.001)).toLocaleString()} 行/s` : ''}`,
    );
  const rate = Math.round(result.orders / Math.max(result.seconds, 0.001));
  console.log(
    `完成 / done: ${result.orders.toLocaleString()} 张工单，${result.rows.toLocaleString()} 行，${result.seconds.toFixed(1)} s（${rate.toLocaleString()} 单/s）`,
  );
  // The search words of the new orders (the seed writes rows directly, not through intake).
  const indexStart = Date.now();
  const indexed = await indexMissingOrders(database.db);
  console.log(`检索索引 / search index: ${indexed.toLocaleString()} 张工单，${((Date.now() - indexStart) / 1000).toFixed(1)} s`);
  // The planner's statistics of what was just written: until autovacuum's first ANALYZE (a minute or more after a
  // bulk copy) the tables look as they were before it — a million orders as none — and statements prepared meanwhile
  // keep plans made for that (the deadline count read all of work_orders for its 3,087 open orders: 50 ms, 12 ms after).
  const analyzeStart = Date.now();
  await database.db.execute(sql`analyze`);
  console.log(`统计信息 / statistics (ANALYZE): ${((Date.now() - analyzeStart) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`生成失败 / seeding failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
