import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { emergencyMembers, unitPrincipalLeaders } from './supervision.tables.js';

/** The emergency mechanism's members and the units' principal leaders: supervision's tables, read and written here. */
export async function membersWhere(db: Executor, unitIds: SQL, userIds?: SQL) {
  return db
    .select({ unitId: emergencyMembers.unitId, userId: emergencyMembers.userId, duty: emergencyMembers.duty })
    .from(emergencyMembers)
    .where(and(inArray(emergencyMembers.unitId, unitIds), userIds ? inArray(emergencyMembers.userId, userIds) : undefined));
}

export async function principalsWhere(db: Executor, unitIds: SQL) {
  return db
    .select({ unitId: unitPrincipalLeaders.unitId, userId: unitPrincipalLeaders.userId })
    .from(unitPrincipalLeaders)
    .where(inArray(unitPrincipalLeaders.unitId, unitIds));
}

export async function clearPrincipal(db: Executor, unitId: string): Promise<void> {
  await db.delete(unitPrincipalLeaders).where(eq(unitPrincipalLeaders.unitId, unitId));
}

export async function setPrincipalLeader(db: Executor, unitId: string, userId: string, by: { name: string; at: Date }): Promise<void> {
  await db
    .insert(unitPrincipalLeaders)
    .values({ unitId, userId, setByName: by.name, setAt: by.at })
    .onConflictDoUpdate({ target: unitPrincipalLeaders.unitId, set: { userId, setByName: by.name, setAt: by.at } });
}

export async function replaceMembers(tx: Executor, unitId: string, members: { userId: string; duty: string }[], now: Date): Promise<void> {
  await tx.delete(emergencyMembers).where(eq(emergencyMembers.unitId, unitId));
  if (members.length) await tx.insert(emergencyMembers).values(members.map((m) => ({ unitId, userId: m.userId, duty: m.duty, createdAt: now })));
}
