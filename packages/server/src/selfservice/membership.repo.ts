import { and, desc, eq, type SQL } from 'drizzle-orm';
import { withinScope } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Executor } from '../platform/db/client.js';
import { membershipApplications } from './selfservice.tables.js';

/** 入会申请: the applications table, read and written only here. */
export type NewMembership = typeof membershipApplications.$inferInsert;

export async function insertApplication(db: Executor, values: NewMembership) {
  const [row] = await db.insert(membershipApplications).values(values).returning();
  return row!;
}

/** The application with this number, if it was made from this phone (the worker follows it by both). */
export async function applicationFollowedBy(db: Executor, number: string, phone: string) {
  const [r] = await db
    .select()
    .from(membershipApplications)
    .where(and(eq(membershipApplications.number, number), eq(membershipApplications.phone, phone)))
    .limit(1);
  return r;
}

/** Applications received by unions within reach, newest first. */
export async function applicationsInReach(db: Executor, actor: Pick<Actor, 'scopePath'>, f: { state?: string | undefined; limit: number }) {
  const conds: SQL[] = [withinScope(actor, membershipApplications.unitPath)];
  if (f.state) conds.push(eq(membershipApplications.state, f.state));
  return db
    .select()
    .from(membershipApplications)
    .where(and(...conds))
    .orderBy(desc(membershipApplications.createdAt))
    .limit(f.limit);
}

/** The application, locked until the transaction ends. */
export async function lockApplication(tx: Executor, id: string) {
  const [r] = await tx.select().from(membershipApplications).where(eq(membershipApplications.id, id)).for('update');
  return r;
}

export async function updateApplication(tx: Executor, id: string, patch: Partial<NewMembership>) {
  const [u] = await tx.update(membershipApplications).set(patch).where(eq(membershipApplications.id, id)).returning();
  return u!;
}
