import { getTableColumns, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { textArrayLiteral } from '../platform/db/array-literal.js';
import type { Executor } from '../platform/db/client.js';
import { compile, execute, hasExpressions, maxShapes, type Built } from '../platform/db/reusable.js';
import { upsertOrderWordsFrom } from '../search/order-index.js';
import { parseOrderEvent } from './domain/events.js';
import type { CallerRow, OrderEventInsert, OrderRow } from './orders.repo.js';
import { employerNamesOf, insertEmployerNamesFrom } from './employer-names.js';
import { orderCallers, orderEvents, workOrders } from './orders.tables.js';

type OrderInsert = typeof workOrders.$inferInsert;
type CallerInsert = typeof orderCallers.$inferInsert;
/**
 * A row another module writes with a new order, by the same statement (a partner's receipt message): `insertFrom` is
 * that module's insert of its rows from a json array (as `upsertOrderWordsFrom` is the search index's), `row` this
 * order's element of it. Orders of one statement share their `key` (it is part of the shape), and the first one's
 * `insertFrom` serves the key. A row the table refuses (a unique key) fails the statement: nothing of its order is
 * written, and the batch is written again order by order (intake-batch.ts), so only that intake fails.
 */
export type Alongside = { key: string; insertFrom: (json: SQLWrapper) => SQL; row: unknown };
/** `order` is taken over: once written it is the order returned (the columns the database decided set on it). */
export type NewOrder = { order: OrderInsert; callers: CallerInsert[]; event: OrderEventInsert; words: string; alongside?: Alongside };
export type WrittenOrder = { order: OrderRow; callers: CallerRow[] };

/**
 * New orders as one statement: the order rows, their callers, their first timeline events, their search words and
 * the employer names not seen before, written by data-modifying CTEs of one INSERT (issue 18: intake's time went to
 * round trips, and on the database to what each statement costs besides its rows: the counters' statement triggers,
 * the commit). The rows travel as five json parameters, so the statement's text is the same for one order or fifty
 * (intake-batch.ts gathers concurrent intakes into one): it is built once per shape (which columns the rows give) and
 * prepared once per connection.
 * A value reaches its column as it would as a bound parameter: its driver form (mapped by its column, as drizzle
 * does) given as a json string to the column type's input function; json columns take their json as it is.
 * The foreign keys from callers, events and words (and rows written alongside) to the orders are checked at the end of
 * the statement.
 * The orders come back in the order given: the values given and the columns the database decided (build); the callers
 * as json, mapped by their columns.
 */
export async function insertNewOrders(ex: Executor, input: NewOrder[]): Promise<WrittenOrder[]> {
  if (!input.length) return [];
  const orders = input.map((i) => i.order as Record<string, unknown>);
  const callers = input.flatMap((i) => i.callers as Record<string, unknown>[]);
  const events = input.map((i) => ({ ...i.event, data: parseOrderEvent({ action: i.event.action, data: i.event.data }).data }) as Record<string, unknown>);
  if ([orders, callers, events].some(hasExpressions)) throw new Error('insertNewOrders: rows must be values, not SQL expressions');
  const keys = [keySet(orders), keySet(callers), keySet(events)] as const;
  if (!keys[0].includes('id')) throw new Error('insertNewOrders: the order id is given by the caller');
  const alongside = input[0]!.alongside;
  if (input.some((i) => i.alongside?.key !== alongside?.key)) throw new Error('insertNewOrders: the orders of one statement write different rows alongside');
  const key = `${keys.map((k) => k.join(',')).join('|')}|${alongside?.key ?? ''}`;
  let built = cache.get(key);
  if (!built) {
    built = build(ex, ...keys, alongside);
    if (cache.size < maxShapes) cache.set(key, built);
    else built = { ...built, name: '' };
  }
  const values = {
    orders: jsonRows(workOrders, keys[0], orders),
    callers: jsonRows(orderCallers, keys[1], callers),
    events: jsonRows(orderEvents, keys[2], events),
    words: JSON.stringify(input.map((i) => ({ id: i.order.id, words: i.words, visibleTo: textArrayLiteral(i.order.visibleTo) }))),
    employers: JSON.stringify(employerNamesOf(orders)),
    ...(alongside ? { alongside: JSON.stringify(input.map((i) => i.alongside!.row)) } : {}),
  };
  const rows = (await execute(ex, built, values)) as (OrderRow & { [callersKey]: unknown })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return input.map((i) => {
    const { [callersKey]: callerJson, ...decided } = byId.get(i.order.id!)!;
    const json = (typeof callerJson === 'string' ? JSON.parse(callerJson) : callerJson) as Record<string, unknown>[];
    // The row given becomes the order written: the columns the database decided are set on it (its undefined ones
    // among them). Not `{ ...given, ...decided }`: copying ~60 columns into a new object was 11 KB per order.
    return { order: Object.assign(i.order, decided) as OrderRow, callers: json.map(callerFromJson) };
  });
}

/** One order (a transaction's intake: an idempotency key, a partner's receipt): the same statement. */
export async function insertNewOrder(ex: Executor, input: NewOrder): Promise<WrittenOrder> {
  return (await insertNewOrders(ex, [input]))[0]!;
}

/** The shape of a batch: the columns its rows give. Rows of one statement must agree (a column left out takes its default). */
export function shapeKeyOf(input: NewOrder): string {
  const columns = [[input.order], input.callers, [input.event]].map((rows) => keySet(rows as Record<string, unknown>[]).join(','));
  return `${columns.join('|')}|${input.alongside?.key ?? ''}`;
}

/** The columns the rows give (compared key by key: joining ~60 names per row and table was 7 % of intake's garbage). */
function keySet(rows: Record<string, unknown>[]): string[] {
  const first = rows.length ? givenKeys(rows[0]!) : [];
  for (let i = 1; i < rows.length; i++) {
    const k = givenKeys(rows[i]!);
    if (k.length !== first.length || k.some((x, j) => x !== first[j])) throw new Error('insertNewOrders: the rows of one table give different columns');
  }
  return first;
}

const givenKeys = (row: Record<string, unknown>) => Object.keys(row).filter((k) => row[k] !== undefined);

const callersKey = '__callers';

const cache = new Map<string, Built>();

/** `insert into t (cols) select cols from json_populate_recordset(null::t, $json)`: each row's columns by name. */
function insertFromJson(table: PgTable, keys: string[], param: string): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  const names = sql.join(
    keys.map((k) => sql.identifier(columns[k]!.name)),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${sql.placeholder(param)}::json)`;
}

function build(ex: Executor, orderKeys: string[], callerKeys: string[], eventKeys: string[], alongside: Alongside | undefined): Built {
  // The order comes back as what was given plus what the database decided: the columns the rows leave to their
  // defaults, and the id to match rows to orders. Returning all 60-odd columns cost the server more than the rest
  // of the statement (pg's row parsing and drizzle's mapping, `npm run bench:profile`); the work_orders table has no
  // BEFORE trigger or generated column, so a given value is stored as given.
  const given = new Set(orderKeys.filter((k) => k !== 'id'));
  const returning = (
    ex
      .insert(workOrders)
      .values({} as OrderInsert)
      .returning() as unknown as { config: { returning: { path: string[]; field: Column }[] } }
  ).config.returning.filter((f) => !given.has(f.path[0]!));
  const returned = sql.join(
    returning.map((f) => sql.identifier(f.field.name)),
    sql`, `,
  );
  const statement = sql`with o as (${insertFromJson(workOrders, orderKeys, 'orders')} returning ${returned}),
    c as (${insertFromJson(orderCallers, callerKeys, 'callers')} returning *),
    e as (${insertFromJson(orderEvents, eventKeys, 'events')} returning 1),
    s as (${upsertOrderWordsFrom(sql.placeholder('words'))} returning 1),
    n as (${insertEmployerNamesFrom(sql.placeholder('employers'))} returning 1)${
      alongside
        ? sql`,
    a as (${alongside.insertFrom(sql.placeholder('alongside'))} returning 1)`
        : sql``
    }
    select o.*, (select coalesce(json_agg(c), '[]'::json) from c where c.order_id = o.id) as callers_json from o`;
  const fields = [...returning, { path: [callersKey], field: sql`callers_json` }];
  return compile(ex, statement, fields, 'new_orders');
}

const jsonColumn = (c: Column) => c.columnType === 'PgJsonb' || c.columnType === 'PgJson';

/** The rows as one json array of objects keyed by column name, each value in its driver form (see above). */
function jsonRows(table: PgTable, keys: string[], rows: Record<string, unknown>[]): string {
  const columns = getTableColumns(table) as Record<string, Column>;
  const parts = keys.map((k) => [k, JSON.stringify(columns[k]!.name), columns[k]!] as const);
  return `[${rows
    .map(
      (r) =>
        `{${parts
          .map(([k, name, col]) => {
            const v = r[k];
            if (v === null) return `${name}:null`;
            const driver = col.mapToDriverValue(v);
            const value = jsonColumn(col) ? (typeof driver === 'string' ? driver : JSON.stringify(driver)) : JSON.stringify(driver);
            return `${name}:${value}`;
          })
          .join(',')}}`,
    )
    .join(',')}]`;
}

const callerColumns = Object.entries(getTableColumns(orderCallers)) as [string, Column][];

/** A caller row from its json (column names), each value mapped by its column as drizzle maps a row. */
function callerFromJson(j: Record<string, unknown>): CallerRow {
  return Object.fromEntries(
    callerColumns.map(([key, col]) => [key, j[col.name] === null || j[col.name] === undefined ? null : col.mapFromDriverValue(j[col.name])]),
  ) as CallerRow;
}
