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
type Built = { query: Query; fields: unknown; name: string };

const internals = (ex: Executor) => ex as unknown as Internals;
let statements = 0;
const statementName = (name: string) => `hotline_${name}_${++statements}`;

const maxShapes = 64;

function run(ex: Executor, built: Built, values: Record<string, unknown>) {
  return internals(ex)
    .session.prepareQuery(built.query, built.fields, built.name || undefined, true)
    .execute(values);
}

/** A raw statement (a `sql` template whose values are `sql.placeholder(name)`); resolves to the driver's result. */
export function reusableSql(name: string, statement: SQL) {
  let built: Built | undefined;
  return (ex: Executor, values: Record<string, unknown>): Promise<unknown> => {
    built ??= { query: internals(ex).dialect.sqlToQuery(statement), fields: undefined, name: statementName(name) };
    return internals(ex).session.prepareQuery(built.query, undefined, built.name, false).execute(values);
  };
}

/**
 * INSERT … RETURNING of the table's rows (or of `returning`'s columns, whose own placeholders are filled from
 * `extra`), built once per shape: the number of rows and which columns each gives. A column left out (or undefined)
 * takes its default, as in a plain drizzle insert.
 */
export function reusableInsert<T extends PgTable>(table: T, name: string, returning?: Record<string, SQL>) {
  const shapes = new Map<string, Built>();
  const columns = getTableColumns(table) as Record<string, Column>;
  return async function insert(ex: Executor, rows: T['$inferInsert'][], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    // A value given as SQL (an expression) is part of the statement's text: such a call is built as usual.
    if (rows.some((r) => Object.values(r).some((v) => is(v, SQL)))) {
      const values = ex.insert(table).values(rows);
      return (await (returning ? values.returning(returning) : values.returning())) as Record<string, unknown>[];
    }
    const keys = rows.map((r) => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined));
    const shape = keys.map((k) => k.join(',')).join(';');
    let built = shapes.get(shape);
    if (!built) {
      // Raw placeholders (not column-bound ones): values are mapped below, nulls passed as they are, as drizzle does.
      const placeholders = keys.map((ks, i) => Object.fromEntries(ks.map((k) => [k, sql`${sql.placeholder(`${i}.${k}`)}`])));
      const values = ex.insert(table).values(placeholders as T['$inferInsert'][]);
      const builder = (returning ? values.returning(returning) : values.returning()) as unknown as { getSQL(): SQL; config: { returning: unknown } };
      built = { query: internals(ex).dialect.sqlToQuery(builder.getSQL()), fields: builder.config.returning, name: statementName(name) };
      // A bounded number of shapes is kept (callers come one to a few at a time); beyond it each runs unnamed.
      if (shapes.size < maxShapes) shapes.set(shape, built);
      else built = { ...built, name: '' };
    }
    const values: Record<string, unknown> = { ...extra };
    rows.forEach((r, i) => {
      for (const k of keys[i]!) {
        const v = (r as Record<string, unknown>)[k];
        values[`${i}.${k}`] = v === null ? null : columns[k]!.mapToDriverValue(v);
      }
    });
    return (await run(ex, built, values)) as Record<string, unknown>[];
  };
}
