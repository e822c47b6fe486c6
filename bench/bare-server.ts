/**
 * The baseline: a bare Fastify with a pg pool and nothing of ours — no auth, no validation, no state machine,
 * no timeline — doing the one SQL statement each benchmark needs. Ratios to it show what our code costs.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL by default; with PGLITE_DIR the embedded database the product runs on by default, in this process as
 * the product has it (one connection, queries one after another), for the PGlite intake ratio.
 */
const pool: { query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } = process.env.PGLITE_DIR
  ? await PGlite.create(process.env.PGLITE_DIR)
  : new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify();

await pool.query(`create table if not exists bare_orders (
  id uuid primary key default gen_random_uuid(), number text not null, narrative text not null,
  employer_name text, created_at timestamptz not null default now(), callers jsonb not null)`);

await pool.query(`create table if not exists bare_call_events (
  event_id text primary key, call_id text not null, type text not null, at timestamptz not null, body jsonb not null)`);

let seq = 0;
app.post('/bare/orders', async (req) => {
  const b = req.body as { narrative: string; employer?: { name?: string }; callers: unknown[] };
  const { rows } = await pool.query('insert into bare_orders (number, narrative, employer_name, callers) values ($1, $2, $3, $4) returning id', [
    `bare-${process.pid}-${++seq}`,
    b.narrative,
    b.employer?.name ?? null,
    JSON.stringify(b.callers),
  ]);
  return rows[0];
});

// The same batch of call events the telephony system posts, kept as one multi-row INSERT: no signature, no fold.
app.post('/bare/call-events', async (req) => {
  const b = req.body as { events: { eventId: string; callId: string; type: string; at: string }[] };
  await pool.query(
    `insert into bare_call_events (event_id, call_id, type, at, body)
     select e->>'eventId', e->>'callId', e->>'type', (e->>'at')::timestamptz, e from jsonb_array_elements($1::jsonb) e
     on conflict do nothing`,
    [JSON.stringify(b.events)],
  );
  return { accepted: b.events.length };
});

// The same rows listOrders returns for a scope, by the same index, without anything around it: the unit's newest
// orders by its keyset side table (order_unit_pages, as order-list.ts reads the views without a state). It was the GIN
// test on visible_to, listOrders' read before the side table: at 1,000,000 orders that sorted a county's ~90,000
// visible orders for every request (p95 226–233 ms), so the county's and city's ratios at that size compared ours
// with a slow read and said nothing (0.03–0.08).
app.get('/bare/orders', async (req) => {
  const q = req.query as { scope: string; limit?: string };
  const { rows } = await pool.query(
    `select o.* from order_unit_pages p join work_orders o on o.id = p.order_id
     where p.unit_id = $1 order by p.created_at desc, p.order_id desc limit $2`,
    [q.scope, Number(q.limit ?? 20)],
  );
  return { items: rows };
});

/*
 * The database's floor for our intake: the rows one of our orders writes (the order, its callers, its first event,
 * its search words; the same tables, indexes, triggers and foreign keys), copied from the newest order the product
 * wrote, with new ids, by one statement — no session, no validation, no state machine, no view. What this endpoint
 * reaches is the most any server code could reach for an order that writes what ours writes.
 * `/bare/floor` writes one order per request; `/bare/floor-batched` gathers the requests that arrive while a
 * statement runs into the next one (at most 2 in flight, 64 orders each): what batching intake could win.
 */
type Template = { order: Record<string, unknown>; callers: Record<string, unknown>[]; event: Record<string, unknown>; words: string };
let template: Promise<Template> | null = null;
const loadTemplate = async (): Promise<Template> => {
  const { rows } = await pool.query(`select row_to_json(o) as o,
      (select json_agg(c) from order_callers c where c.order_id = o.id) as c,
      (select row_to_json(e) from order_events e where e.order_id = o.id order by e.id limit 1) as e,
      (select words::text from search_orders s where s.order_id = o.id) as w
    from work_orders o where o.created_by_role = 'agent' order by o.created_at desc limit 1`);
  const r = rows[0] as { o: Record<string, unknown>; c: Record<string, unknown>[]; e: Record<string, unknown>; w: string } | undefined;
  if (!r) throw new Error('floor: no order written by an agent yet');
  return { order: r.o, callers: r.c, event: r.e, words: r.w };
};
const floorSql = `with input as (select $1::json as j),
  o as (insert into work_orders select r.* from input, json_populate_recordset(null::work_orders, j->'orders') r returning *),
  c as (insert into order_callers select r.* from input, json_populate_recordset(null::order_callers, j->'callers') r returning *),
  e as (insert into order_events (order_id, at, action, from_state, to_state, actor_user_id, actor_name, actor_role, unit_id, unit_name, data, note)
        select r.order_id, r.at, r.action, r.from_state, r.to_state, r.actor_user_id, r.actor_name, r.actor_role, r.unit_id, r.unit_name, r.data, r.note
        from input, json_populate_recordset(null::order_events, j->'events') r returning id),
  s as (insert into search_orders (order_id, words) select (w->>'id')::uuid, (w->>'words')::tsvector from input, json_array_elements(j->'words') w
        on conflict (order_id) do update set words = excluded.words returning 1)
  select o.*, (select coalesce(json_agg(c), '[]'::json) from c where c.order_id = o.id) as callers_json from o`;
let floorSeq = 0;
async function floorRows(n: number) {
  const t = await (template ??= loadTemplate());
  const now = new Date().toISOString();
  const out = { orders: [] as unknown[], callers: [] as unknown[], events: [] as unknown[], words: [] as unknown[] };
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    out.orders.push({ ...t.order, id, number: `floor-${process.pid}-${++floorSeq}`, created_at: now, version: 1 });
    for (const c of t.callers) out.callers.push({ ...c, id: crypto.randomUUID(), order_id: id });
    out.events.push({ ...t.event, order_id: id, at: now });
    out.words.push({ id, words: t.words });
  }
  return out;
}
app.post('/bare/floor', async () => {
  const { rows } = await pool.query(floorSql, [JSON.stringify(await floorRows(1))]);
  return { id: rows[0]!.id };
});
const waiting: { resolve: (id: unknown) => void; reject: (e: unknown) => void }[] = [];
let inFlight = 0;
function flush() {
  while (inFlight < 2 && waiting.length) {
    const batch = waiting.splice(0, 64);
    inFlight++;
    floorRows(batch.length)
      .then((input) => pool.query(floorSql, [JSON.stringify(input)]))
      .then(
        ({ rows }) => batch.forEach((w, i) => w.resolve(rows[i]?.id)),
        (e) => batch.forEach((w) => w.reject(e)),
      )
      .finally(() => {
        inFlight--;
        flush();
      });
  }
}
app.post('/bare/floor-batched', async () => {
  const id = await new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    flush();
  });
  return { id };
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`BARE_READY ${(app.server.address() as { port: number }).port}`);
