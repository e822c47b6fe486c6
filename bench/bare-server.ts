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

// The same rows listOrders returns for a scope, by the same index, without anything around it.
app.get('/bare/orders', async (req) => {
  const q = req.query as { scope: string; limit?: string };
  const { rows } = await pool.query('select * from work_orders where visible_to @> array[$1]::uuid[] order by created_at desc, id desc limit $2', [
    q.scope,
    Number(q.limit ?? 20),
  ]);
  return { items: rows };
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`BARE_READY ${(app.server.address() as { port: number }).port}`);
