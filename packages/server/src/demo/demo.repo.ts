import { and, eq, getTableColumns, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Role } from '../auth/roles.js';
import { loadEnteredCalendar } from '../calendar/calendar.repo.js';
import { timeLimitRules } from '../catalog/catalog.tables.js';
import { readThresholds } from '../catalog/catalog.repo.js';
import { orderCallers, orderCoHandlers, orderEvents, orderExtensions, orderHops, orderSequences, workOrders } from '../orders/orders.tables.js';
import type { Executor } from '../platform/db/client.js';
import { textArrayLiteral } from '../platform/db/array-literal.js';
import { recordEmployerNames } from '../orders/employer-names.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from '../users/users.tables.js';
import type { GeneratedOrder, SeedContext } from './generate.js';

/** Everything the generator reads: units, people and their roles, the calendar, time-limit rules, the day sequences already used. */
export async function loadSeedContext(db: Executor, province: string, days: { from: string; to: string }): Promise<SeedContext> {
  const [unitRows, people, calendar, rules, thresholds, sequences] = await Promise.all([
    db
      .select({
        id: units.id,
        name: units.name,
        type: units.type,
        path: units.path,
        parentId: units.parentId,
        divisionCode: units.divisionCode,
        active: units.active,
      })
      .from(units),
    db
      .select({ userId: users.id, name: users.displayName, role: roleAssignments.role, unitId: roleAssignments.unitId })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(eq(users.active, true))
      .orderBy(users.username),
    loadEnteredCalendar(db),
    db.select().from(timeLimitRules).where(eq(timeLimitRules.active, true)),
    readThresholds(db),
    db
      .select({ day: orderSequences.day, last: orderSequences.last })
      .from(orderSequences)
      .where(and(eq(orderSequences.province, province), gte(orderSequences.day, days.from), lte(orderSequences.day, days.to))),
  ]);
  return {
    province,
    units: unitRows,
    people: people.map((p) => ({ ...p, role: p.role as Role })),
    calendar,
    rules,
    thresholds,
    sequences: new Map(sequences.map((s) => [s.day, s.last])),
  };
}

function asText(value: unknown, column: PgColumn): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return textArrayLiteral(value.map((v) => (v === null ? null : String(v))));
  if (column.getSQLType() === 'jsonb') return JSON.stringify(value);
  return String(value);
}

/**
 * Many rows in one statement: each column travels as one text-array parameter and is cast back to its type
 * (`insert … select … from unnest(…)`). Building one parameter per column instead of one per value keeps a
 * million orders from spending their time in the query builder, and the statement has a handful of parameters
 * however many rows it carries.
 */
async function insertRows(tx: Executor, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const names = keys.map((k) => sql.identifier(columns[k]!.name));
  const arrays: SQL[] = keys.map((k) => sql`${textArrayLiteral(rows.map((r) => asText(r[k], columns[k]!)))}::text[]`);
  const casts: SQL[] = keys.map((k, i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(columns[k]!.getSQLType())}`);
  const aliases = keys.map((_, i) => sql.identifier(`c${i}`));
  await tx.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.join(aliases, sql`, `)})`,
  );
}

/**
 * Inserts one batch of generated orders with all their rows (multi-row INSERTs, parents first) and moves each
 * day's order sequence past the numbers used, so later intakes continue the numbering. Run inside a transaction.
 */
export async function insertGeneratedOrders(tx: Executor, province: string, batch: GeneratedOrder[], lastByDay: ReadonlyMap<string, number>): Promise<number> {
  const rows = {
    orders: batch.map((g) => g.order),
    callers: batch.flatMap((g) => g.callers),
    hops: batch.flatMap((g) => g.hops),
    coHandlers: batch.flatMap((g) => g.coHandlers),
    extensions: batch.flatMap((g) => g.extensions),
    events: batch.flatMap((g) => g.events),
  };
  await insertRows(tx, workOrders, rows.orders);
  await insertRows(tx, orderCallers, rows.callers);
  await insertRows(tx, orderHops, rows.hops);
  await insertRows(tx, orderCoHandlers, rows.coHandlers);
  await insertRows(tx, orderExtensions, rows.extensions);
  await insertRows(tx, orderEvents, rows.events);
  await recordEmployerNames(tx, rows.orders);
  if (lastByDay.size) {
    await tx
      .insert(orderSequences)
      .values([...lastByDay].map(([day, last]) => ({ province, day, last })))
      .onConflictDoUpdate({ target: [orderSequences.province, orderSequences.day], set: { last: sql`greatest(${orderSequences.last}, excluded.last)` } });
  }
  return Object.values(rows).reduce((n, r) => n + r.length, 0);
}
