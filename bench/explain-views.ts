/**
 * cd packages/server && DATABASE_URL=… npx tsx ../../bench/explain-views.ts   (a seeded PostgreSQL database, e.g. after npm run seed)
 *
 * The query plan of every saved view's first page and of the counts, for a county handler, a city dispatcher and the
 * province dispatcher (issue 18: "show the plans"): each person's lists are requested through an in-process app,
 * the statements it sends are caught at the driver with their parameters and run again under EXPLAIN ANALYZE.
 * Prints markdown: per person and view, the statements' execution times and plans; last, the tables' sizes.
 */
import pg from 'pg';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/platform/config/config.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { openDatabase } from '../packages/server/src/platform/db/client.js';
import { listQueryOf, viewsFor } from '../packages/server/src/orders/saved-views.js';
import type { Role } from '../packages/server/src/auth/roles.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: the seeded PostgreSQL database to explain');
const sent: { sql: string; params: unknown[] }[] = [];
const database = await openDatabase({ databaseUrl: url, poolSize: 2, onQuery: (q, params) => sent.push({ sql: q, params }) });
const config = loadConfig({ ...process.env, DATABASE_URL: url, HOTLINE_DEMO: 'true', HOTLINE_DEMO_ORDERS: '0' });
const app = await buildApp({ database, config, clock: systemClock });
await app.ready();
const client = new pg.Client({ connectionString: url });
await client.connect();

/** The web's default sort of each view (packages/web/src/orders/views.ts): queues by deadline, the rest newest first. */
const createdFirst = new Set(['my_intake', 'all']);
const queryString = (q: Record<string, unknown>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p.toString();
};
/** Statements that read orders or counts (not the session check or the unit cache). */
const relevant = (q: string) => /from "(work_orders|order_unit_pages|order_counts)"|count\(\*\)/.test(q);

const { rows: sizeRow } = await client.query('select count(*)::int as n from work_orders');
console.log(`# Plans of the saved views' first pages at ${(sizeRow[0] as { n: number }).n.toLocaleString()} orders\n`);
try {
  for (const [username, role] of [
    ['handler', 'handler'],
    ['city', 'dispatcher'],
    ['dispatcher', 'dispatcher'],
  ] as [string, Role][]) {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo12351' } });
    if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.body}`);
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const session = login.json() as { current: { unit: { id: string; name: string } } };
    const headers = { cookie: `${c.name}=${c.value}` };
    console.log(`## ${username} (${role}, ${session.current.unit.name})\n`);
    const targets = [
      ...viewsFor(role).map((v) => ({
        name: v.key,
        url: `/api/orders?limit=20&sort=${createdFirst.has(v.key) ? 'created_desc' : 'due_asc'}&${queryString(listQueryOf(v, session.current.unit.id))}`,
      })),
      { name: 'view-counts', url: '/api/orders/view-counts' },
    ];
    for (const target of targets) {
      await app.inject({ method: 'GET', url: target.url, headers }); // warm
      sent.length = 0;
      const res = await app.inject({ method: 'GET', url: target.url, headers });
      if (res.statusCode !== 200) throw new Error(`${target.url}: ${res.statusCode} ${res.body}`);
      console.log(`### ${target.name}\n\n\`GET ${target.url}\`\n`);
      for (const s of sent.filter((x) => relevant(x.sql))) {
        const { rows } = await client.query(`explain (analyze, costs off, timing off, summary on) ${s.sql}`, s.params as unknown[]);
        console.log('```');
        console.log(rows.map((r) => (r as { 'QUERY PLAN': string })['QUERY PLAN']).join('\n'));
        console.log('```\n');
      }
    }
  }
  const { rows } = await client.query(`select c.relname as table, pg_total_relation_size(c.oid) as total, pg_relation_size(c.oid) as heap
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by pg_total_relation_size(c.oid) desc limit 15`);
  console.log('## Sizes (pg_total_relation_size: heap, indexes, TOAST)\n\n| table | total MB | heap MB |\n|---|---|---|');
  for (const r of rows as { table: string; total: string; heap: string }[])
    console.log(`| ${r.table} | ${(Number(r.total) / 2 ** 20).toFixed(1)} | ${(Number(r.heap) / 2 ** 20).toFixed(1)} |`);
} finally {
  await client.end();
  await app.close();
  await database.close();
}
