import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { rowsOf } from '../platform/db/client.js';
import { provinceRoots } from './divisions/province-tree.js';
import { provinceRootOf, provincialLevels } from './domain/province-root.js';

/** The installation's province root unit (the rule: units/domain/province-root.ts), read from the database. */
export async function findProvinceRoot(db: Executor, province: string) {
  return provinceRootOf(await provinceRoots(db), province, (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.path.localeCompare(b.path));
}

/** `isProvincialUnit` (units/domain/province-root.ts) spelt in SQL over a `units` row aliased `alias`. */
const provincialRowText = (alias: string) => `(${provincialLevels.map((l) => `(${alias}.depth = ${l.depth} and ${alias}.type = '${l.type}')`).join(' or ')})`;

/**
 * Whether the unit with this id (an SQL expression: a column of the caller's statement) is of the province level, as
 * one boolean expression: another capability's statement asks it without reading the units table itself.
 */
export const provincialUnitText = (unitIdExpr: string) => `exists (select 1 from units pu where pu.id = ${unitIdExpr} and ${provincialRowText('pu')})`;
export const provincialUnitSql = (unitId: SQL) => sql`exists (select 1 from units pu where pu.id = ${unitId} and ${sql.raw(provincialRowText('pu'))})`;

export async function isProvincialUnit(db: Executor, unitId: string): Promise<boolean> {
  const result = await db.execute(sql`select 1 from units u where u.id = ${unitId}::uuid and ${sql.raw(provincialRowText('u'))}`);
  return rowsOf(result).length > 0;
}
