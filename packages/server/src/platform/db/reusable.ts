import { getTableColumns, is, SQL, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

/**
 * Statements that run for every order (intake's inserts, its employer count), built by drizzle once and then reused
 * on whatever they run on — the database or an open transaction. Drizzle otherwise rebuilds the SQL text and its
 * parameter list on every call: for the 50-column order row that was the largest share of the server's CPU per
 * createOrder (issue 18). Every value is a placeholder, filled (and mapped to the driver's form by its column, as
 * drizzle always does) at each run; on PostgreSQL the statement is also a named prepared statement, parsed once per
 * connection.
 *
 * This reaches into two members drizzle marks internal (`dialect.sqlToQuery` and `session.prepareQuery`, the calls its
 * own `.prepare()` makes); a drizzle upgrade that renames them fails every intake test at once.
 */
type Query = { sql: string; params: unknown[] };
type Prepared = { execute(values: Record<string, unknown>): Promise<unknown> };
type Internals = {
  dialect: { sqlToQuery(s: SQL): Query };
  session: { prepareQuery(q: Query, fields: unknown, name: string | undefined, arrayMode: boolean): Prepared };
};
export type Built = { query: Query; fields: unknown; name: string };

const internals = (ex: Executor) => ex as unknown as Internals;
let statements = 0;
const statementName = (name: string) => `hotline_${name}_${++statements}`;

export const maxShapes = 64;

function run(ex: Executor, built: Built, values: Record<string, unknown>) {
  return internals(ex)
    .session.prepareQuery(built.query, built.fields, built.name || undefined, true)
    .execute(values);
}

/**
 * A raw statement (a `sql` template whose values are `sql.placeholder(name)`); resolves to the driver's result.
 * `named: false` for a query whose best plan depends on its values (PostgreSQL would settle on one generic plan for
 * a named statement after five runs): it is then built once but planned at every run.
 */
export function reusableSql(name: string, statement: SQL, opts: { named?: boolean } = {}) {
  let built: Built | undefined;
  return (ex: Executor, values: Record<string, unknown>): Promise<unknown> => {
    built ??= { query: internals(ex).dialect.sqlToQuery(statement), fields: undefined, name: opts.named === false ? '' : statementName(name) };
    return internals(ex)
      .session.prepareQuery(built.query, undefined, built.name || undefined, false)
      .execute(values);
  };
}

/** The columns each row gives (undefined means the column's default), and the shape they make together. */
export function shapeOf(rows: Record<string, unknown>[]) {
  const keys = rows.map((r) => Object.keys(r).filter((k) => r[k] !== undefined));
  return { keys, shape: keys.map((k) => k.join(',')).join(';') };
}

/** A value given as SQL (an expression) is part of the statement's text: such rows cannot be reused. */
export const hasExpressions = (rows: Record<string, unknown>[]) => rows.some((r) => Object.values(r).some(isExpression));

// Only an object can be SQL: drizzle's `is` walks the prototype chain, and every column of every intake's rows
// passes here (~60 calls an order, 2–3 % of intake's CPU in `npm run bench:profile`).
const isExpression = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof Date) && !Array.isArray(v) && is(v, SQL);

/**
 * Rows of placeholders named `${prefix}${i}.${column}` for an insert's `values`, and the filler of those placeholders
 * from real rows. Raw placeholders (not column-bound ones): values are mapped to the driver's form here by their
 * column, nulls passed as they are, as drizzle does for a plain insert.
 */
export function placeholderRows<T extends PgTable>(table: T, keys: string[][], prefix: string) {
  const columns = getTableColumns(table) as Record<string, Column>;
  const rows = keys.map((ks, i) => Object.fromEntries(ks.map((k) => [k, sql`${sql.placeholder(`${prefix}${i}.${k}`)}`]))) as T['$inferInsert'][];
  const fill = (values: Record<string, unknown>, real: Record<string, unknown>[]) => {
    real.forEach((r, i) => {
      for (const k of keys[i]!) {
        const v = r[k];
        values[`${prefix}${i}.${k}`] = v === null ? null : columns[k]!.mapToDriverValue(v);
      }
    });
  };
  return { rows, fill };
}

/** Builds a statement once: its text, its parameters (placeholders) and how its rows map to results. */
export function compile(ex: Executor, statement: SQL, fields: unknown, name: string): Built {
  return { query: internals(ex).dialect.sqlToQuery(statement), fields, name: statementName(name) };
}

/** Runs a compiled statement on the database or an open transaction. */
export function execute(ex: Executor, built: Built, values: Record<string, unknown>): Promise<unknown> {
  return run(ex, built, values);
}

/**
 * INSERT … RETURNING of the table's rows (or of `returning`'s columns, whose own placeholders are filled from
 * `extra`), built once per shape: the number of rows and which columns each gives. A column left out (or undefined)
 * takes its default, as in a plain drizzle insert.
 */
export function reusableInsert<T extends PgTable>(table: T, name: string, returning?: Record<string, SQL>) {
  const shapes = new Map<string, { built: Built; fill: ReturnType<typeof placeholderRows>['fill'] }>();
  return async function insert(ex: Executor, rows: T['$inferInsert'][], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const real = rows as Record<string, unknown>[];
    if (hasExpressions(real)) {
      const values = ex.insert(table).values(rows);
      return (await (returning ? values.returning(returning) : values.returning())) as Record<string, unknown>[];
    }
    const { keys, shape } = shapeOf(real);
    let entry = shapes.get(shape);
    if (!entry) {
      const p = placeholderRows(table, keys, 'r');
      const values = ex.insert(table).values(p.rows);
      const builder = (returning ? values.returning(returning) : values.returning()) as unknown as { getSQL(): SQL; config: { returning: unknown } };
      entry = { built: compile(ex, builder.getSQL(), builder.config.returning, name), fill: p.fill };
      // A bounded number of shapes is kept (callers come one to a few at a time); beyond it each runs unnamed.
      if (shapes.size < maxShapes) shapes.set(shape, entry);
      else entry = { ...entry, built: { ...entry.built, name: '' } };
    }
    const values: Record<string, unknown> = { ...extra };
    entry.fill(values, real);
    return (await run(ex, entry.built, values)) as Record<string, unknown>[];
  };
}
