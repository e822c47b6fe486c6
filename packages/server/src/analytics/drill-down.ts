import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { analyticsContributions } from './analytics.tables.js';

/**
 * The figures a card can drill down from: those where an order counts at most once, so the count on the card equals
 * the order list's total (volume of callers, hops and sums of amounts or days have no such list).
 */
export const drillableMetrics = [
  'ordersCreated',
  'invalidOrders',
  'closedAtIntake',
  'ordersDispatched',
  'due',
  'completedOnTime',
  'completedLate',
  'extended',
  'extendedRepeat',
  'completed',
  'callbacksOfCompleted',
  'callbacks',
  'handlingDissatisfied',
  'callDissatisfied',
] as const;
export type DrillableMetric = (typeof drillableMetrics)[number];

/**
 * The order list's condition for "the orders behind a figure": the order contributed to `metric` in the period within
 * the unit subtree. The list adds its own access rule and filters on top, exactly as for any other list.
 */
export function figureCondition(orderId: AnyPgColumn, f: { metric: DrillableMetric; from: string; to: string; unitPath: string }): SQL {
  const c = analyticsContributions;
  return sql`exists (select 1 from ${c} where ${c.orderId} = ${orderId} and ${c.metric} = ${f.metric} and ${c.day} between ${f.from} and ${f.to} and ${c.unitPath} like ${`${f.unitPath}%`})`;
}
