import { and, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { rowCountOf, type Executor } from '../platform/db/client.js';
import { notifications, type NotificationRow } from './notifications.tables.js';

export type NewNotification = Omit<typeof notifications.$inferInsert, 'id' | 'readAt'>;

export async function insertNotifications(tx: Executor, rows: NewNotification[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(notifications).values(rows.slice(i, i + 500));
}

export type NotificationFilter = { unread?: boolean | undefined; before?: { at: Date; id: string } | undefined; limit: number };

/** A person's notifications, newest first; `before` is the last item of the previous page. */
export async function listOf(db: Executor, userId: string, f: NotificationFilter): Promise<NotificationRow[]> {
  const conds = [eq(notifications.userId, userId)];
  if (f.unread) conds.push(isNull(notifications.readAt));
  if (f.before) conds.push(or(lt(notifications.createdAt, f.before.at), and(eq(notifications.createdAt, f.before.at), lt(notifications.id, f.before.id)))!);
  return db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit);
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the person's own notifications read (all of them, or the ids given); another person's ids change nothing. */
export async function markRead(tx: Executor, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== 'all') conds.push(inArray(notifications.id, ids));
  return rowCountOf(
    await tx
      .update(notifications)
      .set({ readAt: at })
      .where(and(...conds)),
  );
}

export async function byId(db: Executor, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}

export const notificationCountSql = sql`count(*)`;
