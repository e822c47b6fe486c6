import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { compile, execute, hasExpressions, maxShapes, placeholderRows, shapeOf, type Built } from '../platform/db/reusable.js';
import { upsertOrderWords } from '../search/order-index.js';
import { parseOrderEvent } from './domain/events.js';
import type { CallerRow, OrderEventInsert, OrderRow } from './orders.repo.js';
import { orderCallers, orderEvents, workOrders } from './orders.tables.js';

type OrderInsert = typeof workOrders.$inferInsert;
type CallerInsert = typeof orderCallers.$inferInsert;

/**
 * A new order as one statement: the order row, its callers, its first timeline event and its search words, written by data-modifying CTEs of one INSERT instead of four
 * round trips (issue 18: intake's time went to round trips and to drizzle rebuilding each statement). The foreign
 * keys from callers, event and words to the order are checked at the end of the statement, when the order is there.
 * Built once per shape (which columns the rows give, how many callers) and reused (platform/db/reusable.ts).
 * The order comes back as drizzle maps it; the callers as json, mapped by their columns.
 */
export async function insertNewOrder(
  tx: Executor,
  input: { order: OrderInsert; callers: CallerInsert[]; event: OrderEventInsert; words: string },
): Promise<{ order: OrderRow; callers: CallerRow[] }> {
  const event = { ...input.event, data: parseOrderEvent({ action: input.event.action, data: input.event.data }).data };
  const parts = [[input.order], input.callers, [event]] as Record<string, unknown>[][];
  if (parts.some(hasExpressions)) throw new Error('insertNewOrder: rows must be values, not SQL expressions');
  const shapes = parts.map(shapeOf);
  const key = shapes.map((x) => x.shape).join('|');
  let entry = cache.get(key);
  if (!entry) {
    entry = build(tx, shapes[0]!.keys, shapes[1]!.keys, shapes[2]!.keys);
    if (cache.size < maxShapes) cache.set(key, entry);
    else entry = { ...entry, built: { ...entry.built, name: '' } };
  }
  const values: Record<string, unknown> = { words: input.words, orderId: input.order.id };
  entry.fillOrder(values, parts[0]!);
  entry.fillCallers(values, parts[1]!);
  entry.fillEvent(values, parts[2]!);
  const [row] = (await execute(tx, entry.built, values)) as (OrderRow & { [callersKey]: unknown })[];
  const { [callersKey]: callerJson, ...order } = row!;
  const callers = (typeof callerJson === 'string' ? JSON.parse(callerJson) : callerJson) as Record<string, unknown>[];
  return { order: order as OrderRow, callers: callers.map(callerFromJson) };
}

const callersKey = '__callers';
type Fill = ReturnType<typeof placeholderRows>['fill'];
const cache = new Map<string, { built: Built; fillOrder: Fill; fillCallers: Fill; fillEvent: Fill }>();

function build(ex: Executor, orderKeys: string[][], callerKeys: string[][], eventKeys: string[][]) {
  if (orderKeys[0]!.indexOf('id') < 0) throw new Error('insertNewOrder: the order id is given by the caller');
  const o = placeholderRows(workOrders, orderKeys, 'o');
  const c = placeholderRows(orderCallers, callerKeys, 'c');
  const e = placeholderRows(orderEvents, eventKeys, 'e');
  const orderInsert = ex.insert(workOrders).values(o.rows).returning() as unknown as { getSQL(): SQL; config: { returning: unknown[] } };
  const callerInsert = ex.insert(orderCallers).values(c.rows).returning() as unknown as { getSQL(): SQL };
  const eventInsert = ex
    .insert(orderEvents)
    .values(e.rows)
    .returning({ r: sql`${orderEvents.id}` }) as unknown as { getSQL(): SQL };
  const statement = sql`with o as (${orderInsert.getSQL()}),
    c as (${callerInsert.getSQL()}),
    e as (${eventInsert.getSQL()}),
    s as (${upsertOrderWords(sql.placeholder('orderId'), sql.placeholder('words'))} returning 1)
    select o.*, (select coalesce(json_agg(c), '[]'::json) from c) as callers_json from o`;
  // The order's columns as drizzle returns them (its RETURNING list, in order), then the callers' json.
  const fields = [...orderInsert.config.returning, { path: [callersKey], field: sql`callers_json` }];
  return { built: compile(ex, statement, fields, 'new_order'), fillOrder: o.fill, fillCallers: c.fill, fillEvent: e.fill };
}

const callerColumns = Object.entries(getTableColumns(orderCallers)) as [string, Column][];

/** A caller row from its json (column names), each value mapped by its column as drizzle maps a row. */
function callerFromJson(j: Record<string, unknown>): CallerRow {
  return Object.fromEntries(
    callerColumns.map(([key, col]) => [key, j[col.name] === null || j[col.name] === undefined ? null : col.mapFromDriverValue(j[col.name])]),
  ) as CallerRow;
}
