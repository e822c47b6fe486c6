import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import { forEachAtMost } from '../platform/concurrency/pool.js';
import { rowCountOf, rowsOf, type Db, type Executor } from '../platform/db/client.js';
import { loadOrdersForFigures } from '../orders/orders-for-figures.js';
import { analyticsContributions, analyticsOrderFacts } from './analytics.tables.js';
import { calendarMetrics, contributionsOf, movedBy } from './domain/contributions.js';
import { factsOf } from './figures-refresh.js';
import { groupBy } from '../platform/collections/group-by.js';

/**
 * The figures of copied orders (demo/multiply.ts) written from their templates' figures, in the transaction that
 * writes the copies, instead of a refresh per copy (1.5 ms each: 25 minutes for a million).
 *
 * `copies` selects (src, id, shift, number): order `id` is a copy of order `src` whose figures are up to date — the
 * same order rows (work_orders, callers, hops, extensions) with every instant moved by `shift`, a whole number of days,
 * and its own ids and number; nothing else of the template is copied (the worker's own rating, selfservice's, is not,
 * so a copy has no self-rating figures). Then every contribution of the copy is the template's on its day moved as
 * far (domain/contributions.ts `calendarMetrics`, kpis.test.ts), except handling in working days: those are computed
 * once per (template, shift) by `contributionsOf` itself into a plan table. The fact row is the template's with the
 * copy's id, number and moved instants. The multiplication test compares the result with a refresh from scratch.
 */
const plan = sql.identifier('analytics_copy_plan');
const excluded = [...calendarMetrics, 'selfRatings', 'selfRatingsDissatisfied'];
const shiftMs = (shift: SQL) => sql`(extract(epoch from ${shift}) * 1000)::bigint`;

/** Plans the calendar's figures of `copies` (one statement's worth of all copies to come); `dropCopiedFigures` after. */
export async function planCopiedFigures(db: Db, copies: SQL, cal: WorkingCalendar | null): Promise<void> {
  await dropCopiedFigures(db);
  // An ordinary table: every connection copying reads it, and logged: a seeder killed after some ranges leaves what
  // the next one needs to add those ranges' roll-up (addCopiedRollup, demo/multiply.ts).
  await db.execute(sql`create table ${plan} (src uuid not null, shift_ms bigint not null, metric text not null, day date not null,
    unit_id uuid not null, unit_path text not null, detail text, value numeric(16, 2) not null)`);
  const [bad] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${copies}) c where ${shiftMs(sql`c.shift`)} % 86400000 <> 0`));
  if (bad?.n) throw new Error('copied figures: a copy moved by a part of a day');
  // Only completed orders count handling days.
  const pairs = rowsOf<{ src: string; ms: string }>(
    await db.execute(sql`select distinct c.src, ${shiftMs(sql`c.shift`)} as ms from (${copies}) c
      join ${analyticsOrderFacts} f on f.order_id = c.src where f.accepted_at is not null order by 1, 2`),
  );
  const shifts = new Map([...groupBy(pairs, (p) => p.src)].map(([src, ps]) => [src, ps.map((p) => Number(p.ms))]));
  const ids = [...shifts.keys()];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) batches.push(ids.slice(i, i + 500));
  // Two batches in flight: while one is computed here, the other's orders load or its rows are written (at a million
  // orders this step is ~15 s, the database idle while JavaScript computes). PGlite's one connection takes them in turn.
  // After a failure neither takes another batch, and both have stopped before the error goes up (the caller drops the table).
  await forEachAtMost(batches, 2, (batch) => planBatch(db, batch, shifts, cal));
  await db.execute(sql`create index on ${plan} (src, shift_ms)`);
  await db.execute(sql`analyze ${plan}`);
}

/** One batch of templates' calendar figures, for each shift its copies move by, into the plan table. */
async function planBatch(db: Db, ids: string[], shifts: Map<string, number[]>, cal: WorkingCalendar | null): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const o of await loadOrdersForFigures(db, ids)) {
    const facts = factsOf(o);
    for (const ms of shifts.get(o.row.id) ?? [])
      for (const c of contributionsOf(movedBy(facts, ms), cal))
        if ((calendarMetrics as readonly string[]).includes(c.metric))
          rows.push({
            src: o.row.id,
            shift_ms: ms,
            metric: c.metric,
            day: c.day,
            unit_id: c.unitId,
            unit_path: c.unitPath,
            detail: c.detail ?? null,
            value: c.value,
          });
  }
  if (rows.length)
    await db.execute(sql`insert into ${plan} select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(src uuid, shift_ms bigint, metric text, day date, unit_id uuid, unit_path text, detail text, value numeric(16, 2))`);
}

export async function dropCopiedFigures(db: Executor): Promise<void> {
  await db.execute(sql`drop table if exists ${plan}`);
}

/** A column of a copied figure row: the copy's id and number, instants and days moved, the rest the template's. */
function copiedColumn(table: PgTable, column: PgColumn): SQL {
  const col = sql`t.${sql.identifier(column.name)}`;
  if (column.name === 'order_id') return sql`c.id`;
  if (table === analyticsOrderFacts && column.name === 'number') return sql`c.number`;
  if (column.getSQLType() === 'timestamp with time zone') return sql`${col} + c.shift`;
  if (column.getSQLType() === 'date') return sql`${col} + (${shiftMs(sql`c.shift`)} / 86400000)::int`;
  return col;
}

/** Runs a step of the copy, timing it if the caller asks (demo/seed-steps.ts). */
type Time = <T>(step: string, fn: () => Promise<T>) => Promise<T>;

/** Writes the figures of `copies` (planned by `planCopiedFigures`): inside the transaction that writes the copies. */
export async function copyFigures(tx: Executor, copies: SQL, time: Time = (_step, fn) => fn()): Promise<void> {
  for (const table of [analyticsOrderFacts, analyticsContributions]) {
    const columns = Object.values(getTableColumns(table) as Record<string, PgColumn>).filter((c) => !(table === analyticsContributions && c.name === 'id'));
    const names = sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const exprs = sql.join(
      columns.map((c) => copiedColumn(table, c)),
      sql`, `,
    );
    const notCopied = table === analyticsContributions ? sql`where t.metric <> all(${`{${excluded.join(',')}}`}::text[])` : sql``;
    // Looked up per copy (`offset 0`: the planner may not turn it into a merge with a scan of the whole table).
    await time(`figures: ${getTableName(table)}`, async () =>
      rowCountOf(
        await tx.execute(sql`insert into ${table} (${names}) select ${exprs} from (${copies}) c
      join lateral (select * from ${table} t0 where t0.order_id = c.src offset 0) t on true ${notCopied}`),
      ),
    );
  }
  await time('figures: handling days', async () =>
    rowCountOf(
      await tx.execute(sql`insert into ${analyticsContributions} (order_id, metric, day, unit_id, unit_path, type_code, subject_code, detail, value)
    select c.id, p.metric, p.day, p.unit_id, p.unit_path, f.type_code, f.subject_code, p.detail, p.value
    from (${copies}) c join lateral (select * from ${plan} p0 where p0.src = c.src and p0.shift_ms = ${shiftMs(sql`c.shift`)} offset 0) p on true
    join lateral (select type_code, subject_code from ${analyticsOrderFacts} f0 where f0.order_id = c.src offset 0) f on true`),
    ),
  );
}

/** The roll-up's writers' lock (drizzle/0034_analytics_daily.sql): only its holder holds or waits for roll-up rows. */
const rollupLock = 1235100013;

/**
 * Adds the copies' contributions to the roll-up (analytics_daily), which their bulk inserts skipped (drizzle/0035):
 * `pairs` selects (src, shift, n), n copies of template `src` moved by `shift` whose figures copyFigures wrote. A
 * copy's contributions are its template's moved by the shift (but for the calendar's metrics, the plan's rows for
 * that template and shift), so the pair's rows are summed once and counted n times: at a million orders about
 * 200,000 pairs instead of the copies' ten million rows, and every roll-up row written once, where the per-range
 * trigger upserted it once per range. The templates' rows are looked up per template (`offset 0`: with the pairs'
 * count unknown the planner read all ten million contributions). Under the roll-up's lock, in key order, as the
 * trigger writes; the multiplication test compares the result with a GROUP BY of the contributions.
 */
export async function addCopiedRollup(tx: Executor, pairs: SQL): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${rollupLock})`);
  const result = await tx.execute(sql`with p as materialized (${pairs}),
    t as materialized (select s.src as order_id, t0.metric, t0.day, t0.unit_path, t0.value from (select distinct src from p) s
      join lateral (select * from ${analyticsContributions} t1 where t1.order_id = s.src offset 0) t0 on true
      where t0.metric <> all(${`{${excluded.join(',')}}`}::text[]))
    insert into analytics_daily as d (day, unit_path, metric, value, n)
    select day, unit_path, metric, sum(value), sum(n)::int from (
      select t.day + (${shiftMs(sql`p.shift`)} / 86400000)::int as day, t.unit_path, t.metric, t.value * p.n as value, p.n
        from p join t on t.order_id = p.src
      union all
      select c.day, c.unit_path, c.metric, c.value * p.n, p.n from p join ${plan} c on c.src = p.src and c.shift_ms = ${shiftMs(sql`p.shift`)}
    ) x group by 1, 2, 3 order by 1, 2, 3
    on conflict (day, unit_path, metric) do update set value = d.value + excluded.value, n = d.n + excluded.n`);
  return rowCountOf(result);
}

/** Whether a seeder left copies' figures planned (a run killed before it settled them: demo/multiply.ts). */
export async function copiedFiguresPlanned(db: Executor): Promise<boolean> {
  const [r] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('analytics_copy_plan')::text as t`));
  return !!r?.t;
}
