import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { groupMessages, groupRequestNonces, serviceGroups, type GroupMessageRow } from './service-groups.tables.js';

/** The service groups, their messages and the bot's nonces: this capability's tables, read and written only here. */
export type NewGroupMessage = typeof groupMessages.$inferInsert;

/** False when the nonce was used before (a replayed request). */
export async function claimNonce(tx: Executor, nonce: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(groupRequestNonces).values({ nonce, at }).onConflictDoNothing().returning({ nonce: groupRequestNonces.nonce });
  return rows.length === 1;
}

/** Nonces matter only inside the 5-minute window. */
export async function purgeNonces(tx: Executor, before: Date): Promise<void> {
  await tx.delete(groupRequestNonces).where(lt(groupRequestNonces.at, before));
}

export async function groupByChat(db: Executor, chatId: string) {
  const [group] = await db.select().from(serviceGroups).where(eq(serviceGroups.chatId, chatId));
  return group;
}

/** The message once per (group, message id): undefined when it was stored before. */
export async function insertMessage(tx: Executor, values: NewGroupMessage): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .insert(groupMessages)
    .values(values)
    .onConflictDoNothing({ target: [groupMessages.groupId, groupMessages.messageId] })
    .returning({ id: groupMessages.id });
  return row;
}

/** Messages of groups held by `unitIds` (a subquery of the units in reach: units.repo), newest first, with their group. */
export async function messagesOfUnits(db: Executor, unitIds: SQL, states: string[], limit: number) {
  return db
    .select({ m: groupMessages, name: serviceGroups.name, unitId: serviceGroups.unitId })
    .from(groupMessages)
    .innerJoin(serviceGroups, eq(serviceGroups.id, groupMessages.groupId))
    .where(and(inArray(serviceGroups.unitId, unitIds), inArray(groupMessages.state, states)))
    .orderBy(desc(groupMessages.receivedAt), desc(groupMessages.id))
    .limit(limit);
}

export async function findMessage(db: Executor, id: string): Promise<GroupMessageRow | undefined> {
  const [m] = await db.select().from(groupMessages).where(eq(groupMessages.id, id));
  return m;
}

/** The message and its group, the message locked until the transaction ends. */
export async function lockMessage(tx: Executor, id: string) {
  const [r] = await tx
    .select({ m: groupMessages, name: serviceGroups.name, unitId: serviceGroups.unitId })
    .from(groupMessages)
    .innerJoin(serviceGroups, eq(serviceGroups.id, groupMessages.groupId))
    .where(eq(groupMessages.id, id))
    .for('update', { of: groupMessages });
  return r;
}

export async function updateMessage(tx: Executor, id: string, patch: Partial<NewGroupMessage>): Promise<GroupMessageRow | undefined> {
  const [u] = await tx.update(groupMessages).set(patch).where(eq(groupMessages.id, id)).returning();
  return u;
}
