import type { Actor } from '../auth/actor.js';
import { invalid } from '../platform/errors/app-error.js';
import type { ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { audienceUnits, resolveAudience, type AudienceUnits } from './audience.js';
import { listSubjects } from '../catalog/catalog.repo.js';
import { noticeJobKind, type Notice } from './domain/notice.js';
import { noticeEnglish, type NoticeNames } from './domain/notice-english.js';
import { insertNotifications, listOf, markRead, unreadCount } from './notifications.repo.js';
import type { NotificationRow } from './notifications.tables.js';

/** A NOTIFY payload holds at most 8000 bytes: past this many people the streams are told to re-read, not who. */
const maxIdsOnBus = 150;

/** Audiences already resolved in this delivery: a scan's hundred reminders to one county resolve its people once. */
export type AudienceCache = Map<string, Promise<string[]>>;

/** Who a notice reaches (its audience resolved once per delivery, on the units the batch names, read once). */
function audienceOf(tx: Executor, notice: Notice, cache: AudienceCache, units: AudienceUnits): Promise<string[]> {
  const key = JSON.stringify(notice.to);
  if (!cache.has(key)) cache.set(key, resolveAudience(tx, notice.to, units));
  return cache.get(key)!;
}

/** A notice's in-app notifications, one per person reached. */
const notificationRows = (notice: Notice, people: string[], at: Date) =>
  people.map((userId) => ({
    userId,
    kind: notice.kind,
    level: notice.level ?? 'info',
    title: notice.title,
    body: notice.body ?? null,
    orderId: notice.orderId ?? null,
    data: notice.data ?? null,
    createdAt: at,
  }));

export async function announceNotifications(bus: ChangeBus, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await bus.publish(userIds.length > maxIdsOnBus ? { topic: 'notifications.changed', userIds: [], all: true } : { topic: 'notifications.changed', userIds });
}

/**
 * The job that delivers notices from the outbox, a batch at a time: the notifications commit with the jobs'
 * completion (exactly once), then the people's open streams hear of it.
 */
export function registerNoticeDelivery(
  jobs: JobRunner,
  deps: { bus: ChangeBus; outbound?: (tx: Executor, delivered: readonly { notice: Notice; people: string[] }[], at: Date) => Promise<void> },
) {
  jobs.registerBatch(noticeJobKind, async (batch, ctx) => {
    const reached = new Set<string>();
    await ctx.complete(async (tx) => {
      const cache: AudienceCache = new Map();
      const notices = batch.map((job) => job.payload as Notice);
      const units = await audienceUnits(
        tx,
        notices.map((n) => n.to),
      );
      const delivered: { notice: Notice; people: string[] }[] = [];
      for (const notice of notices) delivered.push({ notice, people: await audienceOf(tx, notice, cache, units) });
      // The batch's notifications in one INSERT (up to 500 rows a statement), not one a notice: with an emergency
      // wave (every intake about one employer notifies its leaders) that was most of the job runner's statements.
      await insertNotifications(
        tx,
        delivered.flatMap((d) => notificationRows(d.notice, d.people, ctx.now)),
      );
      for (const { people } of delivered) for (const p of people) reached.add(p);
      await deps.outbound?.(tx, delivered, ctx.now);
    });
    await announceNotifications(deps.bus, [...reached]);
  });
}

export type NotificationView = {
  id: string;
  kind: string;
  level: string;
  title: string;
  body: string | null;
  orderId: string | null;
  data: unknown;
  createdAt: string;
  readAt: string | null;
};

const view = (r: NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  level: r.level,
  title: r.title,
  body: r.body,
  orderId: r.orderId,
  data: r.data ?? null,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/** The catalog's English subject names, by Chinese name and by code, for notifications read in English. */
async function englishNames(db: Executor): Promise<NoticeNames> {
  const subjects = await listSubjects(db);
  const byName = new Map(subjects.flatMap((s) => [[s.nameZh, s.nameEn] as const, [s.code, s.nameEn] as const]));
  return { subject: (s) => byName.get(s) || undefined };
}

/** A notification as its reader reads it: stored in Chinese, translated when the reader's interface is English. */
function inEnglish(v: NotificationView, names: NoticeNames): NotificationView {
  return { ...v, title: noticeEnglish(v.title, names), body: v.body === null ? null : noticeEnglish(v.body, names) };
}

/** The notification centre: each person reads and marks only their own notifications. */
export function createNotificationsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor, q: { unread?: boolean | undefined; cursor?: string | undefined; limit: number }, lang: 'zh' | 'en' = 'zh') {
      const before = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (q.cursor && !before) throw invalid('NOTIFICATION_CURSOR_INVALID', '翻页游标无效', [{ field: 'querystring.cursor', message: '翻页游标无效' }]);
      const rows = await listOf(db, actor.userId, { unread: q.unread, before, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const names = lang === 'en' && page.length ? await englishNames(db) : null;
      return {
        items: page.map((r) => (names ? inEnglish(view(r), names) : view(r))),
        unread: await unreadCount(db, actor.userId),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
      };
    },
    async markRead(actor: Actor, input: { ids?: string[] | undefined; all?: boolean | undefined }) {
      const marked = await markRead(db, actor.userId, input.all ? 'all' : (input.ids ?? []), clock.now());
      return { marked, unread: await unreadCount(db, actor.userId) };
    },
    unread: (userId: string) => unreadCount(db, userId),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

const encodeCursor = (r: NotificationRow) => Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(c: string): { at: Date; id: string } | undefined {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const d = new Date(at ?? '');
  if (!id || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { at: d, id };
}
