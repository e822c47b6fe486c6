import { and, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { riskFlagCodes } from '../catalog/domain/catalog.js';
import { openStates } from './domain/states.js';

/**
 * domain/effective-priority.ts `isEmergency` as a condition on the orders' columns (priority major, or any risk flag
 * of 危众多大隐): the list's emergency filter and the supervision queries. The counters' own copy is in SQL
 * (drizzle/0031_emergency_counts.sql); test/orders/order-counts.test.ts holds them equal.
 */
export const emergencyCondition = (priority: SQLWrapper, riskFlags: SQLWrapper): SQL =>
  sql`(${priority} = 'major' or ${riskFlags} && array[${sql.join(
    riskFlagCodes.map((f) => sql`${f}`),
    sql`, `,
  )}]::text[])`;

/**
 * 应急工单在办: the orders in the emergency mechanism that are still open (every state but the final ones: archived,
 * closed at intake, merged, invalid). One rule for the three places that show them — the banner above every list
 * (supervision/instructions.service.ts `emergencyOrders`), the supervision board and the 重大（应急） saved view
 * (saved-views.ts `emergencyView`, a list query of exactly these conditions) — each over the orders the person may
 * see (access/scope.ts orderVisibility): for a role at a hotline centre, its federation's orders, the ones it
 * dispatched to other units included. test/orders/emergency-view.test.ts holds the three equal.
 */
export const emergencyOpenStates = openStates;

export const openEmergencyCondition = (o: { priority: SQLWrapper; riskFlags: SQLWrapper; state: AnyPgColumn }): SQL =>
  and(emergencyCondition(o.priority, o.riskFlags), inArray(o.state, [...emergencyOpenStates]))!;
