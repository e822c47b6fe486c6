import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { addCopiedRollup, copiedFiguresPlanned, copyFigures, dropCopiedFigures } from '../analytics/copied-figures.js';
import { finalStates } from '../orders/domain/states.js';
import { addBulkCounts, addBulkUnitPages } from '../orders/order-counts.js';
import { orderCallers, orderCoHandlers, orderEvents, orderExtensions, orderHops, workOrders } from '../orders/orders.tables.js';
import { rowsOf, type Db, type Executor } from '../platform/db/client.js';
import { searchOrders } from '../search/search.tables.js';
import { eventSlots } from './event-slots.js';
import { rowCountOf, untimed, type Steps } from './seed-steps.js';

/**
 * The SQL side of multiplying generated orders (multiply.ts): plan tables (unlogged, dropped at the end; ordinary
 * tables so that two connections copy side by side) that say which copy of which template
 * goes where (`seed_copy`: its id, its shift in whole weeks, its number), then each table's rows copied with every id
 * an order carries rewritten for the copy and every instant shifted. A copy's row ids are the copy number and
 * md5(template id, copy) as uuids (copyId): every table derives the same id for the same row without a lookup (callers' source orders, merged-into,
 * the pending extension, ids inside event data).
 */
const WEEK = 604_800;
/**
 * The id of copy `c` of the row whose id is `id` (both SQL): the copy number in the first 8 hex digits, then an md5's,
 * with a version 4 uuid's version and variant bits. Led by the copy number, a range of copies appends to the right of
 * every index keyed by order or row id instead of scattering over it (at a million orders those indexes outgrow the
 * shared buffers, and random inserts into them were what slowed the copy down).
 */
const copyId = (id: SQL, c: SQL) =>
  sql`overlay(overlay(lpad(to_hex(${c}), 8, '0') || substr(md5(${id}::text || '/' || ${c}), 9) placing '4' from 13) placing '8' from 17)::uuid`;
const iso = (ts: SQL) => sql`to_char((${ts}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type CopyPlan = { templates: number; copies: number; maxCopy: number };

/**
 * Plans `copies` more orders from the templates `ids`: a merge group (a target and the orders merged into it) is
 * copied whole, with one shift. A group whose orders are all closed moves by whole weeks anywhere its whole story fits
 * in [from, to) (weekdays and local hours hold); an open one keeps its instants, since its state is only right for
 * its age, and is copied only when it began in the last `openDays` (default 60) before `to`: a hotline's backlog is a few weeks
 * of intake. Copying every open group at its own date made the backlog grow with the copies (at a million orders
 * 12–15 % open, most of them years overdue; docs/decisions/0004, "The bench's backlog"); the generator's own stalled
 * orders stay where it put them. Numbers continue each local day's sequence after those used. One transaction;
 * `dropPlan` after copying.
 */
export const openDays = 60;
export async function planCopies(
  tx: Executor,
  opts: { ids: readonly string[]; copies: number; from: Date; to: Date; province: string; openDays?: number | undefined },
): Promise<CopyPlan> {
  await dropPlan(tx);
  // The plan sorts a million copies by day to number them: in memory, not in batches on disk.
  await tx.execute(sql`select set_config('work_mem', '256MB', true)`);
  const ids = sql`${`{${opts.ids.join(',')}}`}::uuid[]`;
  await tx.execute(sql`create unlogged table seed_tpl as
    select o.id, o.number, o.state, o.created_at, coalesce(o.merged_into_id, o.id) as grp,
      greatest(o.updated_at, (select max(e.at) from order_events e where e.order_id = o.id)) as last
    from work_orders o where o.id = any(${ids})`);
  await tx.execute(sql`create index on seed_tpl (number)`);
  // A merge's event names its source by number and id: looked up per copied event (a scan of the templates each, before).
  await tx.execute(sql`create index on seed_tpl (id)`);
  await tx.execute(sql`create unlogged table seed_grp as
    select grp, count(*)::int as size, min(created_at) as first, max(last) as last,
      bool_and(state = any(${`{${finalStates.join(',')}}`}::text[])) as settled, row_number() over (order by grp) as rk
    from seed_tpl group by grp`);
  // (Infinity: every open group, as before issue 13; the bench's `--open-days all` measures that data too.)
  if (Number.isFinite(opts.openDays ?? openDays))
    await tx.execute(
      sql`delete from seed_grp where not settled and first < ${opts.to.toISOString()}::timestamptz - ${`${opts.openDays ?? openDays} days`}::interval`,
    );
  const [{ n, groups } = { n: 0, groups: 0 }] = rowsOf<{ n: number; groups: number }>(
    await tx.execute(sql`select coalesce(sum(size), 0)::int as n, count(*)::int as groups from seed_grp`),
  );
  if (!n || !groups) throw new Error('multiply: no template orders');
  const rounds = Math.ceil(opts.copies / n) + 1;
  // Whole groups in (copy, group) order while they fit; the few orders left are single orders of the next round.
  await tx.execute(sql`create unlogged table seed_pairs as
    select g.grp, c, g.size, g.settled, g.first, g.last, sum(g.size) over (order by c, g.rk rows unbounded preceding) as cum, g.rk
    from seed_grp g cross join generate_series(1, ${rounds}::int) c`);
  const [{ fit } = { fit: 0 }] = rowsOf<{ fit: number }>(
    await tx.execute(sql`select coalesce(max(cum), 0)::int as fit from seed_pairs where cum <= ${opts.copies}`),
  );
  await tx.execute(sql`create unlogged table seed_pick as
    select * from seed_pairs where cum <= ${opts.copies}
    union all (select * from seed_pairs where cum > ${opts.copies} and size = 1 order by c, rk limit ${opts.copies - fit})`);
  const from = sql`${opts.from.toISOString()}::timestamptz`;
  const to = sql`${opts.to.toISOString()}::timestamptz`;
  const lo = sql`ceil(extract(epoch from ${from} - p.first) / ${WEEK})::int`;
  const hi = sql`floor((extract(epoch from ${to} - p.last) - 0.001) / ${WEEK})::int`;
  // Logged, as seed_done: a seeder killed after some ranges leaves what the next one needs to settle them (settleCopies).
  await tx.execute(sql`create table seed_copy as
    with s as (
      select t.id as src, p.c, ${copyId(sql`t.id`, sql`p.c`)} as id, t.created_at,
        (case when p.settled and ${hi} >= ${lo} then ${lo} + abs(hashtext(p.grp::text || '/' || p.c)) % (${hi} - ${lo} + 1) else 0 end)
          * interval '7 days' as shift
      from seed_pick p join seed_tpl t on t.grp = p.grp
    ), d as (select s.*, to_char((s.created_at + s.shift + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD') as day from s),
    n as (
      select d.src, d.c, d.id, d.shift, d.day,
        coalesce(q.last, 0) + row_number() over (partition by d.day order by d.created_at + d.shift, d.id) as seq
      from d left join order_sequences q on q.province = ${opts.province} and q.day = d.day
    )
    select n.*, '12351-' || ${opts.province} || '-' || replace(n.day, '-', '') || '-' ||
      case when n.seq < 10000 then lpad(n.seq::text, 4, '0') else n.seq::text end as number
    from n`);
  await tx.execute(sql`create index on seed_copy (src, c)`);
  await tx.execute(sql`create index on seed_copy (c)`);
  await tx.execute(sql`analyze seed_copy`);
  // The ranges of copies written, each in the transaction that wrote it (copyRange).
  await tx.execute(sql`create table seed_done (first int not null, last int not null)`);
  await tx.execute(sql`insert into order_sequences (province, day, last)
    select ${opts.province}, day, max(seq)::int from seed_copy group by day
    on conflict (province, day) do update set last = greatest(order_sequences.last, excluded.last)`);
  const [{ copies, maxCopy } = { copies: 0, maxCopy: 0 }] = rowsOf<{ copies: number; maxCopy: number }>(
    await tx.execute(sql`select count(*)::int as copies, coalesce(max(c), 0)::int as "maxCopy" from seed_copy`),
  );
  await planEventTokens(tx);
  return { templates: n, copies, maxCopy };
}

const planTables = ['seed_tpl', 'seed_grp', 'seed_pairs', 'seed_pick', 'seed_copy', 'seed_ids', 'seed_ev', 'seed_done'];

/**
 * What the copies written owe once, set-based, at the end (not per range): their roll-up (analytics/copied-figures.ts
 * addCopiedRollup, one row per template and shift), then the plan is dropped — in one transaction, so the roll-up
 * is added exactly once whether the copy finished, failed, or was killed and a later seed settles it. Returns the
 * roll-up rows written, or null when there was no plan.
 */
export async function settleCopies(db: Db, steps: Steps = untimed): Promise<number | null> {
  const [plan] = rowsOf<{ copies: string | null; done: string | null }>(
    await db.execute(sql`select to_regclass('seed_copy')::text as copies, to_regclass('seed_done')::text as done`),
  );
  return db.transaction(async (tx) => {
    let rows: number | null = null;
    // One aggregate of a few million rows: in memory, not in batches on disk.
    await tx.execute(sql`select set_config('work_mem', '256MB', true)`);
    if (plan?.copies && plan.done && (await copiedFiguresPlanned(tx)))
      rows = await steps.time('roll-up (once)', () =>
        addCopiedRollup(
          tx,
          sql`select s.src, s.shift, count(*)::int as n from seed_copy s where exists (select 1 from seed_done d where s.c between d.first and d.last)
            group by s.src, s.shift`,
        ),
      );
    await dropPlan(tx);
    await dropCopiedFigures(tx);
    return rows;
  });
}

export async function dropPlan(db: Executor): Promise<void> {
  for (const name of planTables) await db.execute(sql`drop table if exists ${sql.identifier(name)}`);
}

/**
 * What inside each template event's data names a template's row (ids) or an instant: the text cut at those once
 * (event-slots.ts), so that each copy joins the pieces with its own values; and, for a merge, the order it names by
 * number. Only events with something to rewrite get a row.
 */
async function planEventTokens(tx: Executor): Promise<void> {
  await tx.execute(sql`create unlogged table seed_ids as
    select id from seed_tpl union select id from order_callers where order_id in (select id from seed_tpl)
    union select id from order_hops where order_id in (select id from seed_tpl)
    union select id from order_co_handlers where order_id in (select id from seed_tpl)
    union select id from order_extensions where order_id in (select id from seed_tpl)`);
  const copied = new Set(rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from seed_ids`)).map((r) => r.id));
  await tx.execute(sql`create unlogged table seed_ev (id bigint not null, parts text[] not null, d timestamptz[] not null, i uuid[] not null,
    idn int not null, numbered uuid)`);
  // A page of template events at a time (the templates may be many: `--distinct`), each page one insert.
  for (let after = '0'; ; ) {
    const events = rowsOf<{ id: string; data: string }>(
      await tx.execute(sql`select e.id::text as id, e.data::text as data from order_events e
        where e.order_id in (select id from seed_tpl) and e.data is not null and e.id > ${after}::bigint order by e.id limit 5000`),
    );
    if (!events.length) break;
    after = events.at(-1)!.id;
    const rows = events.flatMap(({ id, data }) => {
      const s = eventSlots(data, copied);
      const number = /12351-\d{6}-\d{8}-\d{4,}/.exec(data)?.[0] ?? null;
      return s.dates.length || number ? [{ id, parts: s.parts, d: s.dates, i: s.ids, idn: s.ids.filter(Boolean).length, number }] : [];
    });
    await tx.execute(sql`insert into seed_ev (id, parts, d, i, idn, numbered)
      select r.id, array(select x from jsonb_array_elements_text(r.parts) with ordinality a(x, n) order by n),
        array(select x::timestamptz from jsonb_array_elements_text(r.d) with ordinality a(x, n) order by n),
        array(select x::uuid from jsonb_array_elements_text(r.i) with ordinality a(x, n) order by n), r.idn,
        (select t.id from seed_tpl t where t.number = r.number)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id bigint, parts jsonb, d jsonb, i jsonb, idn int, number text)`);
  }
  await tx.execute(sql`create index on seed_ev (id)`);
  await tx.execute(sql`analyze seed_ev`);
}

/** How many slots the longest event data holds: the join of pieces is that long. */
export async function eventSlotCount(tx: Executor): Promise<{ slots: number }> {
  const [r] = rowsOf<{ slots: number }>(await tx.execute(sql`select coalesce(max(cardinality(d)), 0)::int as slots from seed_ev`));
  return r ?? { slots: 0 };
}

/** The expression a column of a copied row gets: ids of rows orders own derived for the copy, instants shifted. */
function columnExpr(table: PgTable, column: PgColumn): SQL {
  const col = sql`t.${sql.identifier(column.name)}`;
  const own = ['id', 'order_id', 'merged_into_id', 'source_order_id'];
  if (table === workOrders && column.name === 'number') return sql`s.number`;
  if (own.includes(column.name)) return sql`case when ${col} is null then null else ${copyId(col, sql`s.c`)} end`;
  if (column.getSQLType() === 'timestamp with time zone') return sql`${col} + s.shift`;
  if (table === workOrders && column.name === 'pending_extension')
    return sql`case when ${col} is null then null else ${col} || jsonb_build_object('id', ${copyId(sql`(${col}->>'id')`, sql`s.c`)},
      'requestedAt', ${iso(sql`(${col}->>'requestedAt')::timestamptz + s.shift`)}, 'requestedDueAt', ${iso(sql`(${col}->>'requestedDueAt')::timestamptz + s.shift`)}) end`;
  return col;
}

/**
 * Event data with every instant shifted and every template row's id (and order number) replaced by the copy's: the
 * template's pieces joined with each slot's value (a slot is an instant or an id, seed_ev), parsed once as jsonb.
 */
function eventDataExpr(k: { slots: number }): SQL {
  let text = sql`v.parts[1]`;
  for (let i = 1; i <= k.slots; i++) {
    const n = sql.raw(String(i));
    const value = sql`coalesce(${iso(sql`v.d[${n}] + s.shift`)}, ${copyId(sql`v.i[${n}]`, sql`s.c`)}::text, '')`;
    text = sql`${text} || ${value} || coalesce(v.parts[${sql.raw(String(i + 1))}], '')`;
  }
  // Only merge_in names another order's number: looked up for those events alone.
  const numbered = sql`replace(${text}, (select number from seed_tpl where id = v.numbered),
    (select number from seed_copy where src = v.numbered and c = s.c))`;
  return sql`case when v.id is null then t.data when v.numbered is not null then (${numbered})::jsonb
    when v.idn = 0 and s.shift = interval '0' then t.data else (${text})::jsonb end`;
}

/**
 * `t`, the template rows of copy `s`, looked up by the template's id for each copy: a join the planner may not turn
 * around (`offset 0` keeps the subquery apart). `order`: the rows of each copy in that order, one copy after the
 * other (the events: each copy's timeline gets its ids in its template's order, without sorting the range's half a
 * million events, wide with their data, on disk). Joined plainly, it merged the range's copies with a whole scan of the
 * table's order index — every copied event and figure the table already held, again for every range (at a million
 * orders the events' and the figures' inserts took half of each range's time).
 */
const templateRows = (table: PgTable, key: 'id' | 'order_id', order?: SQL) =>
  sql`lateral (select * from ${table} t0 where t0.${sql.identifier(key)} = s.src ${order ? sql`order by ${order}` : sql``} offset 0) t`;

const copied = [workOrders, orderCallers, orderHops, orderCoHandlers, orderExtensions, orderEvents] as const;

/** The copies planned (src, id, shift, number), all or those of `c` in [first, last]: what the derived tables take. */
export const plannedCopies = (range?: [number, number]) =>
  sql`select src, id, shift, number from seed_copy ${range ? sql`where c between ${range[0]} and ${range[1]}` : sql``}`;

/**
 * Copies `c` in [first, last] of every template row into the tables, parents first, and writes what the triggers
 * would derive from them set-based in the same transaction (`hotline.bulk`, drizzle/0033_bulk_copies.sql): the
 * counters once per template (a copy's counted columns are its template's), the unit pages, the figures from the
 * templates' (analytics/copied-figures.ts). Rows of the order tables written.
 */
export async function copyRange(tx: Executor, first: number, last: number, k: { slots: number }, steps: Steps = untimed): Promise<number> {
  // The seed's own transactions do not wait for their WAL flush (a crash loses whole ranges, never part of one).
  // The unit pages sorted in memory (addBulkUnitPages). Each copy's template rows by an index scan: a bitmap scan's rescan asks the kernel for the table's size per copy
  // (an lseek per row looked up: 6 % of the copy's database time).
  await tx.execute(sql`select set_config('hotline.bulk', 'on', true), set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true),
    set_config('enable_bitmapscan', 'off', true), set_config('work_mem', '64MB', true)`);
  let rows = 0;
  for (const table of copied) {
    const columns = Object.values(getTableColumns(table) as Record<string, PgColumn>).filter((c) => !(table === orderEvents && c.name === 'id'));
    const names = sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const exprs = sql.join(
      columns.map((c) => (table === orderEvents && c.name === 'data' ? eventDataExpr(k) : columnExpr(table, c))),
      sql`, `,
    );
    const key = table === workOrders ? 'id' : 'order_id';
    const events = table === orderEvents;
    rows += await steps.time(`copy ${getTableName(table)}`, async () =>
      rowCountOf(
        await tx.execute(sql`insert into ${table} (${names}) select ${exprs} from seed_copy s
      join ${templateRows(table, key, events ? sql`t0.id` : undefined)} on true ${events ? sql`left join lateral (select * from seed_ev v0 where v0.id = t.id offset 0) v on true` : sql``}
      where s.c between ${first} and ${last}`),
      ),
    );
  }
  const range = sql`s.c between ${first} and ${last}`;
  await steps.time('unit pages', () =>
    addBulkUnitPages(
      tx,
      sql`select s.id, t.created_at + s.shift as created_at, t.visible_to from seed_copy s join ${templateRows(workOrders, 'id')} on true where ${range}`,
    ),
  );
  // Search words: a copy says what its template says and is seen by whom its template is (its visible_to is the
  // template's); a new order: no conflict to resolve, a row there fails the range.
  await steps.time('search words', async () =>
    rowCountOf(
      await tx.execute(sql`insert into search_orders (order_id, words, visible_to) select s.id, t.words, t.visible_to from seed_copy s
    join ${templateRows(searchOrders, 'order_id')} on true where ${range}`),
    ),
  );
  await copyFigures(tx, plannedCopies([first, last]), steps.time);
  // The counters last: they are the rows the two connections share (a unit's counts), each range under its own
  // shard, so a range waits for the other's commit only if their ranges' shards meet, and then only for its tail.
  await steps.time('counters', () =>
    addBulkCounts(
      tx,
      sql`select t.visible_to, t.holder_unit_id, t.holder_unit_path, t.intake_unit_id, t.priority, t.risk_flags, t.type_code,
    t.state, s.n from (select s.src, count(*)::int as n from seed_copy s where ${range} group by s.src) s join ${templateRows(workOrders, 'id')} on true`,
      first,
    ),
  );
  await tx.execute(sql`insert into seed_done (first, last) values (${first}, ${last})`);
  return rows;
}

/** The orders in the database (the seeder weighs the copies to come against them). */
export async function orderCount(db: Executor): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from work_orders`));
  return r?.n ?? 0;
}
