/**
 * npx tsx bench/search.ts [--orders 100000] [--articles 1000] [--samples 200] [--postgres]
 *
 * Search on the embedded database (PGlite, in memory), or with `--postgres` on a scratch database of the PostgreSQL
 * server (BENCH_DATABASE_URL, default the local one; dropped at the end): N generated orders (demo generator, their search words
 * indexed) and M published articles (the starter set and variants of it). Reports p50 / p95 of
 *  - article search (searchArticles: plan + ranked query + snippets), the five suggestions for a narrative,
 *  - the order list's word filter (the words' GIN lookup, listOrders q=, first page of 20 by creation),
 * each as a ratio to a bare GIN lookup of one word (`select order_id from search_orders where words @@ 'x' limit 20`)
 * measured in the same run, interleaved, because the machine is shared and noisy; and the suggestions end to end: the
 * intake console's request (GET /api/knowledge/suggestions over real HTTP, with an agent's session cookie) through
 * the whole server (session, validation, search, serialisation).
 */
import { parseArgs } from 'node:util';
import { count, sql } from 'drizzle-orm';
import pg from 'pg';
import { seedOrders } from '../packages/server/src/demo/demo.seed.js';
import { defaultDistinct, multiplyAbove, seedOrdersMultiplied } from '../packages/server/src/demo/multiply.js';
import { bootstrap } from '../packages/server/src/install/bootstrap.js';
import { kbArticles } from '../packages/server/src/knowledge/knowledge.tables.js';
import { loadConfig } from '../packages/server/src/platform/config/config.js';
import { fixedClock } from '../packages/server/src/platform/clock.js';
import { migrateDatabase, openDatabase } from '../packages/server/src/platform/db/client.js';
import { indexArticle } from '../packages/server/src/search/article-index.js';
import { indexMissingOrders, orderIdsMatchingText } from '../packages/server/src/search/order-index.js';
import { createSearchService } from '../packages/server/src/search/search.service.js';
import { searchArticles } from '../packages/server/src/search/search.tables.js';
import { loadSynonymGroups } from '../packages/server/src/search/synonyms.js';
import type { Actor } from '../packages/server/src/auth/actor.js';
import { buildApp } from '../packages/server/src/app.js';
import { demoPassword } from '../packages/server/src/install/demo.js';

const { values } = parseArgs({
  options: { orders: { type: 'string' }, articles: { type: 'string' }, samples: { type: 'string' }, postgres: { type: 'boolean' } },
});
const orders = Number(values.orders ?? 100_000);
const articles = Number(values.articles ?? 1_000);
const samples = Number(values.samples ?? 200);

const clock = fixedClock('2026-11-25T02:00:00Z');
const config = { ...loadConfig({ HOTLINE_DEMO: 'true', HOTLINE_DEMO_ORDERS: '0', HOTLINE_ADMIN_PASSWORD: 'Admin12345' }), dataDir: '/tmp' };
const scratch = values.postgres ? await scratchDatabase() : null;
const database = await openDatabase(scratch ? { databaseUrl: scratch.url, poolSize: 10 } : {});
await migrateDatabase(database);
const db = database.db;
let t0 = Date.now();
await bootstrap(db, config, clock);
// Above 20,000 orders the seed's own way: distinct orders generated, the rest copied by the database (demo/multiply.ts).
const seeding = {
  province: config.province,
  count: orders,
  from: new Date('2026-08-25T00:00:00Z'),
  to: clock.now(),
  seed: 42,
  batchSize: 2000,
  concurrency: scratch ? 2 : 1,
};
await (orders > multiplyAbove ? seedOrdersMultiplied(db, { ...seeding, distinct: defaultDistinct }) : seedOrders(db, seeding));
const indexed = await indexMissingOrders(db);
console.log(`seeded ${orders.toLocaleString()} orders (${indexed.toLocaleString()} indexed) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

// Articles: the starter set, then copies with a number in the title until there are M published ones.
t0 = Date.now();
const starter = await db.select().from(kbArticles);
for (let i = starter.length; i < articles; i++) {
  const a = starter[i % starter.length]!;
  await indexArticle(
    db,
    { ...a, articleId: crypto.randomUUID(), version: 1, title: `${a.title}（${i}）`, kind: a.kind, expiresOn: null, reviewBy: null },
    clock.now(),
  );
}
const [{ n: articleRows } = { n: 0 }] = await db.select({ n: count() }).from(searchArticles);
console.log(`${articleRows} articles indexed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

const search = createSearchService({ db, clock, homeRegion: async () => '150000' });
const agent = { userId: '00000000-0000-4000-8000-000000000001', role: 'agent' } as Actor;
const phrases = ['老板拖欠工资三个月不给', '工资拖欠', '干活摔伤了算不算工伤', '公司不给交社保', '被辞退有没有补偿', '外卖骑手受伤谁管', '加班费怎么算'];
const narrative = '来电人称在工地干活时从脚手架上摔下来，腿骨折了，老板不给报工伤，也不给发工资，问怎么办';
const groups = await loadSynonymGroups(db);

// The whole server on the same database, listening on a port: the suggestions as the intake console asks for them.
const app = await buildApp({ database, config, clock });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: demoPassword } });
const session = login.cookies.find((c) => c.name === 'hotline_session')!;
const suggestUrl = `${address}/api/knowledge/suggestions?text=${encodeURIComponent(narrative)}`;
const suggestOverHttp = async () => {
  const res = await fetch(suggestUrl, { headers: { cookie: `${session.name}=${session.value}` } });
  if (res.status !== 200) throw new Error(`suggestions: ${res.status} ${await res.text()}`);
  return res.json();
};

const timed = async (f: () => Promise<unknown>) => {
  const s = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const cases: Record<string, (i: number) => Promise<unknown>> = {
  bareGin: () => db.execute(sql`select order_id from search_orders where words @@ to_tsquery('simple', ${"'工资'"}) limit 20`),
  searchArticles: (i) => search.search(agent, { q: phrases[i % phrases.length]!, limit: 10 }),
  suggestArticles: () => search.suggest(agent, { text: narrative }),
  suggestHttp: suggestOverHttp,
  orderWords: (i) =>
    db.execute(
      sql`select o.id from work_orders o where o.id in (${orderIdsMatchingText(groups, phrases[i % phrases.length]!)!}) order by o.created_at desc limit 20`,
    ),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < 10; i++) for (const f of Object.values(cases)) await f(i); // warm up
for (let i = 0; i < samples; i++) for (const [k, f] of Object.entries(cases)) times[k]!.push(await timed(() => f(i)));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const bare = { p50: pct(times.bareGin!, 50), p95: pct(times.bareGin!, 95) };
console.log(
  `\n${orders.toLocaleString()} orders, ${articleRows} articles, ${scratch ? 'PostgreSQL' : 'PGlite'}, ${samples} samples each (ms; ratio to the bare GIN lookup)`,
);
for (const [k, xs] of Object.entries(times)) {
  const p50 = pct(xs, 50);
  const p95 = pct(xs, 95);
  console.log(
    `  ${k.padEnd(16)} p50 ${p50.toFixed(2).padStart(8)}  p95 ${p95.toFixed(2).padStart(8)}   ×${(p50 / bare.p50).toFixed(1)} / ×${(p95 / bare.p95).toFixed(1)}`,
  );
}
await app.close();
await database.close();
await scratch?.drop();

/** A new database on the PostgreSQL server for this run. */
async function scratchDatabase() {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `hotline_search_bench_${Date.now()}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
