import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { localDateOf } from '../../calendar/domain/working-time.js';
import type { Executor } from '../../platform/db/client.js';
import type { JobRunner } from '../../platform/jobs/runner.js';
import { outbox } from '../../platform/jobs/outbox.repo.js';
import { activePhonesOf } from '../../users/users.repo.js';
import type { Notice } from '../domain/notice.js';
import type { OutboundChannel } from './channels.js';
import { outboundDeliveries, type DeliveryRow } from './outbound.tables.js';

export const outboundJobKind = 'outbound.deliver';

/** Which channels an installation has: a webhook URL, an SMS channel (a gateway, or the demo's log), phone tasks always. */
export type OutboundConfig = { webhook: { url: string; channel: OutboundChannel } | null; sms: OutboundChannel | null };

/** Notices about an order near due or overdue make a phone task: someone at the hotline calls the unit (Zoucheng). */
const phoneTaskKinds = new Set(['supervision.near_due', 'supervision.overdue']);

/**
 * What a delivered notice implies beyond the in-app centre, written in the delivery's own transaction: a webhook
 * delivery (every notice), an SMS to each person reached with a phone (urgent notices), and for a near-due or overdue
 * order a line on today's phone task for its unit. Webhook and SMS deliveries become jobs (retried with back-off).
 */
export async function planOutbound(tx: Executor, cfg: OutboundConfig, notice: Notice, people: string[], at: Date): Promise<void> {
  const key = notice.key ?? `${notice.kind}:${notice.orderId ?? '-'}:${at.toISOString()}:${people.join(',').slice(0, 200)}`;
  const base = { noticeKind: notice.kind, orderId: notice.orderId ?? null, createdAt: at };
  const rows: (typeof outboundDeliveries.$inferInsert)[] = [];
  if (cfg.webhook) {
    rows.push({
      ...base,
      channel: 'webhook',
      key: `webhook:${key}`,
      target: cfg.webhook.url,
      state: 'pending',
      payload: {
        kind: notice.kind,
        level: notice.level ?? 'info',
        title: notice.title,
        body: notice.body ?? null,
        orderId: notice.orderId ?? null,
        data: notice.data ?? {},
        at: at.toISOString(),
      },
    });
  }
  if (cfg.sms && notice.level === 'urgent' && people.length) {
    const phones = await activePhonesOf(tx, people);
    for (const p of phones) {
      rows.push({ ...base, channel: 'sms', key: `sms:${key}:${p.id}`, target: p.phone!, state: 'pending', payload: { text: `【12351】${notice.title}` } });
    }
  }
  const written = rows.length
    ? await tx.insert(outboundDeliveries).values(rows).onConflictDoNothing({ target: outboundDeliveries.key }).returning({ id: outboundDeliveries.id })
    : [];
  await outbox.enqueue(
    tx,
    written.map((w) => ({ kind: outboundJobKind, payload: { deliveryId: w.id }, key: `outbound:${w.id}`, runAt: at, maxAttempts: 6 })),
    at,
  );
  const unitAudience = notice.to.find((a): a is Extract<Notice['to'][number], { unitId: string }> => 'unitId' in a);
  if (phoneTaskKinds.has(notice.kind) && notice.orderId && unitAudience) await addToPhoneTask(tx, unitAudience.unitId, notice, at);
}

/** Today's phone task for the unit (one a day per unit), with this order added once. */
async function addToPhoneTask(tx: Executor, unitId: string, notice: Notice, at: Date) {
  const day = localDateOf(at);
  const line = {
    id: notice.orderId,
    number: (notice.data?.number as string) ?? '',
    signal: notice.data?.signal ?? null,
    dueAt: notice.data?.dueAt ?? null,
    title: notice.title,
  };
  await tx
    .insert(outboundDeliveries)
    .values({
      channel: 'phone',
      key: `phone:${unitId}:${day}`,
      noticeKind: 'supervision.phone_task',
      orderId: null,
      target: unitId,
      targetUnitId: unitId,
      state: 'open',
      payload: { day, orders: [line] },
      createdAt: at,
    })
    .onConflictDoUpdate({
      target: outboundDeliveries.key,
      set: {
        payload: sql`jsonb_set(${outboundDeliveries.payload}, '{orders}', (${outboundDeliveries.payload} -> 'orders') || ${JSON.stringify([line])}::jsonb)`,
      },
      where: sql`${outboundDeliveries.state} in ('open', 'failed') and not ((${outboundDeliveries.payload} -> 'orders') @> ${JSON.stringify([{ id: line.id }])}::jsonb)`,
    });
}

/**
 * The job that sends one delivery. Success: sent, in the job's completing transaction. Failure: the attempt and its
 * error are recorded on the delivery at once (the job row only keeps its own), then the runner retries with back-off;
 * after the last attempt the delivery stays `failed` for someone to look at.
 */
export function registerOutboundDelivery(jobs: JobRunner, cfg: OutboundConfig) {
  jobs.register(outboundJobKind, async (job, ctx) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const [d] = await ctx.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.id, deliveryId));
    if (!d || d.state !== 'pending') return;
    const channel = d.channel === 'webhook' ? cfg.webhook?.channel : d.channel === 'sms' ? cfg.sms : null;
    if (!channel) {
      await fail(ctx.db, d, '该渠道已停用（配置已移除）', ctx.now, true);
      return;
    }
    try {
      await channel.send({ deliveryId: d.id, target: d.target, body: d.payload as Record<string, unknown> }, ctx.now);
    } catch (err) {
      await fail(ctx.db, d, (err as Error).message, ctx.now, job.attempts >= job.maxAttempts);
      throw err;
    }
    await ctx.complete(async (tx) => {
      await tx
        .update(outboundDeliveries)
        .set({ state: 'sent', attempts: sql`${outboundDeliveries.attempts} + 1`, lastAttemptAt: ctx.now, doneAt: ctx.now })
        .where(eq(outboundDeliveries.id, d.id));
    });
  });
}

async function fail(db: Executor, d: DeliveryRow, error: string, at: Date, last: boolean) {
  await db
    .update(outboundDeliveries)
    .set({ state: last ? 'failed' : 'pending', attempts: sql`${outboundDeliveries.attempts} + 1`, lastAttemptAt: at, lastError: error.slice(0, 500) })
    .where(eq(outboundDeliveries.id, d.id));
}

export type DeliveryFilter = {
  channel?: string | undefined;
  state?: string | undefined;
  before?: Date | undefined;
  unitPaths?: string | undefined;
  limit: number;
};

export async function listDeliveries(db: Executor, f: DeliveryFilter): Promise<DeliveryRow[]> {
  const conds = [];
  if (f.channel) conds.push(eq(outboundDeliveries.channel, f.channel));
  if (f.state) conds.push(eq(outboundDeliveries.state, f.state));
  if (f.before) conds.push(lt(outboundDeliveries.createdAt, f.before));
  return db
    .select()
    .from(outboundDeliveries)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(outboundDeliveries.createdAt), desc(outboundDeliveries.id))
    .limit(f.limit);
}
