import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { riskFlagCodes } from '../catalog/domain/catalog.js';

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
