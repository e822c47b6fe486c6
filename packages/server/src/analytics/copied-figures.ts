import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import { rowsOf, type Db, type Executor } from '../platform/db/client.js';
import { loadOrdersForFigures } from '../orders/orders-for-figures.js';
import { analyticsContributions, analyticsOrderFacts } from './analytics.tables.js';
import { calendarMetrics, contributionsOf, movedBy } from './domain/contributions.js';
import { factsOf } from './figures-refresh.js';

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
  // An ordinary unlogged table: every connection copying reads it.
  await db.execute(sql`create unlogged table ${plan} (src uuid not null, shift_ms bigint not null, metric text not null, day date not null,
    unit_id uuid not null, unit_path text not null, detail text, value numeric(16, 2) not null)`);
  const [bad] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${copies}) c where ${shiftMs(sql`c.shift`)} % 86400000 <> 0`));
  if (bad?.n) throw new Error('copied figures: a copy moved by a part of a day');
  // Only completed orders count handling days.
  const pairs = rowsOf<{ src: string; ms: string }>(
    await db.execute(sql`select distinct c.src, ${shiftMs(sql`c.shift`)} as ms from (${copies}) c
      join ${analyticsOrderFacts} f on f.order_id = c.src where f.accepted_at is not null order by 1, 2`),
  );
  const shifts = new Map<string, number[]>();
  for (const p of pairs) shifts.set(p.src, [...(shifts.get(p.src) ?? []), Number(p.ms)]);
  const ids = [...shifts.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows: Record<string, unknown>[] = [];
    for (const o of await loadOrdersForFigures(db, ids.slice(i, i + 500))) {
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
  await db.execute(sql`create index on ${plan} (src, shift_ms)`);
  await db.execute(sql`analyze ${plan}`);
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

/** Writes the figures of `copies` (planned by `planCopiedFigures`): inside the transaction that writes the copies. */
export async function copyFigures(tx: Executor, copies: SQL): Promise<void> {
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
    await tx.execute(sql`insert into ${table} (${names}) select ${exprs} from (${copies}) c
      join lateral (select * from ${table} t0 where t0.order_id = c.src offset 0) t on true ${notCopied}`);
  }
  await tx.execute(sql`insert into ${analyticsContributions} (order_id, metric, day, unit_id, unit_path, type_code, subject_code, detail, value)
    select c.id, p.metric, p.day, p.unit_id, p.unit_path, f.type_code, f.subject_code, p.detail, p.value
    from (${copies}) c join lateral (select * from ${plan} p0 where p0.src = c.src and p0.shift_ms = ${shiftMs(sql`c.shift`)} offset 0) p on true
    join lateral (select type_code, subject_code from ${analyticsOrderFacts} f0 where f0.order_id = c.src offset 0) f on true`);
}
