import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { instantAt, localDateOf } from '../../calendar/domain/working-time.js';
import type { Executor } from '../../platform/db/client.js';
import type { JobRunner } from '../../platform/jobs/runner.js';
import { forEachAtMost } from '../../platform/concurrency/pool.js';
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
 * Whether the hotline phones a unit about its late orders. Not its own centre: the centre's dispatchers and agents
 * are the people who make the calls, and their late dispatches and callbacks are in their own queues and notices
 * (a phone task "call 12351 热线服务中心" sat on the supervisors' list every day).
 */
export type PhonedUnit = (unitId: string) => boolean | Promise<boolean>;
export const phonedUnitOf =
  (units: { get(id: string): { type: string } | undefined }): PhonedUnit =>
  (unitId) =>
    units.get(unitId)?.type !== 'hotline_centre';

/**
 * What delivered notices imply beyond the in-app centre, written in the delivery's own transaction: a webhook
 * delivery (every notice), an SMS to each person reached with a phone (urgent notices), and for a near-due or overdue
 * order a line on today's phone task for its unit. Webhook and SMS deliveries become jobs (retried with back-off).
 * A batch of notices (notifications.service.ts) is planned together: one read of the people's phones, one INSERT of
 * the deliveries and one of their jobs for the whole batch. One a notice, an emergency wave (each intake about one
 * employer notifies three people by SMS) was three statements per notice (issue 18: the job runner's share of
 * intake's CPU on PGlite).
 */
export async function planOutbounds(
  tx: Executor,
  cfg: OutboundConfig,
  items: readonly { notice: Notice; people: string[] }[],
  at: Date,
  phoned: PhonedUnit = () => true,
): Promise<void> {
  const texted = cfg.sms ? [...new Set(items.flatMap((i) => (i.notice.level === 'urgent' ? i.people : [])))] : [];
  const phones = new Map(texted.length ? (await activePhonesOf(tx, texted)).map((p) => [p.id, p.phone!]) : []);
  const rows = items.flatMap(({ notice, people }) => deliveriesOf(cfg, notice, people, phones, at));
  const written: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    written.push(
      ...(await tx
        .insert(outboundDeliveries)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: outboundDeliveries.key })
        .returning({ id: outboundDeliveries.id })),
    );
  }
  await outbox.enqueue(
    tx,
    written.map((w) => ({ kind: outboundJobKind, payload: { deliveryId: w.id }, key: `outbound:${w.id}`, runAt: at, maxAttempts: 6 })),
    at,
  );
  for (const { notice } of items) {
    const unitAudience = notice.to.find((a): a is Extract<Notice['to'][number], { unitId: string }> => 'unitId' in a);
    if (phoneTaskKinds.has(notice.kind) && notice.orderId && unitAudience && (await phoned(unitAudience.unitId)))
      await addToPhoneTask(tx, unitAudience.unitId, notice, at);
  }
}

/** One notice's webhook and SMS deliveries: an SMS to each of its people with a phone (`phones`) when it is urgent. */
function deliveriesOf(
  cfg: OutboundConfig,
  notice: Notice,
  people: string[],
  phones: Map<string, string>,
  at: Date,
): (typeof outboundDeliveries.$inferInsert)[] {
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
  if (cfg.sms && notice.level === 'urgent') {
    for (const id of new Set(people)) {
      const phone = phones.get(id);
      if (phone)
        rows.push({ ...base, channel: 'sms', key: `sms:${key}:${id}`, target: phone, state: 'pending', payload: { text: `【12351】${notice.title}` } });
    }
  }
  return rows;
}

/** An order on a phone task as stored (read back by outbound.routes.ts); lines written before steps were kept have none. */
export type PhoneTaskLine = { id: string; number: string; title: string; signal: string | null; step?: string | null; dueAt: string | null };
/** A phone task's payload: its Beijing day and its orders, as they were when put on it. */
export type PhoneTaskPayload = { day: string; orders: PhoneTaskLine[] };

/**
 * Today's phone task for the unit, with the notice's orders added once each (a wave's: all it lists). One open task a
 * unit a day: the first under `phone:<unit>:<day>`; once someone has called and marked it done, orders that come
 * near due or overdue later that day open another (`…:2`, `…:3`), without the orders already called about that
 * day — before, a done task took nothing more, and an order overdue in the afternoon waited for tomorrow's call.
 * Two statements: today's tasks of the unit (a handful), then the insert or the update.
 */
async function addToPhoneTask(tx: Executor, unitId: string, notice: Notice, at: Date) {
  const day = localDateOf(at);
  const ids = (notice.data?.orderIds as string[] | undefined) ?? [notice.orderId];
  const numbers = (notice.data?.numbers as string[] | undefined) ?? [notice.data?.number as string];
  // A wave's notice gives each order's own deadline; a single order's, its one.
  const dueAts = notice.data?.dueAts as (string | null)[] | undefined;
  const lines: PhoneTaskLine[] = ids.map((id, i) => ({
    id: id!,
    number: numbers[i] ?? '',
    signal: (notice.data?.signal as string | undefined) ?? null,
    // The step the signal was about: the task's reader tells whether the order has moved on since (phone-task.ts).
    step: (notice.data?.step as string | undefined) ?? null,
    dueAt: (dueAts ? dueAts[i] : (notice.data?.dueAt as string | undefined)) ?? null,
    title: notice.title,
  }));
  const today = await tx
    .select({ id: outboundDeliveries.id, key: outboundDeliveries.key, state: outboundDeliveries.state, payload: outboundDeliveries.payload })
    .from(outboundDeliveries)
    .where(
      and(
        eq(outboundDeliveries.channel, 'phone'),
        eq(outboundDeliveries.targetUnitId, unitId),
        gte(outboundDeliveries.createdAt, instantAt(day, 0)),
        sql`${outboundDeliveries.payload} ->> 'day' = ${day}`,
      ),
    );
  const called = new Set(today.flatMap((t) => (t.payload as PhoneTaskPayload).orders.map((o) => o.id)));
  const fresh = lines.filter((l) => !called.has(l.id));
  if (!fresh.length) return;
  const open = today.find((t) => t.state === 'open' || t.state === 'failed');
  if (open) {
    // Appended in the statement (another notice of this transaction may have added lines since the read).
    await tx
      .update(outboundDeliveries)
      .set({
        payload: sql`jsonb_set(${outboundDeliveries.payload}, '{orders}', (${outboundDeliveries.payload} -> 'orders') || ${JSON.stringify(fresh)}::jsonb)`,
      })
      .where(eq(outboundDeliveries.id, open.id));
    return;
  }
  const base = `phone:${unitId}:${day}`;
  const keys = new Set(today.map((t) => t.key));
  let n = 1;
  while (keys.has(n === 1 ? base : `${base}:${n}`)) n++;
  await tx
    .insert(outboundDeliveries)
    .values({
      channel: 'phone',
      key: n === 1 ? base : `${base}:${n}`,
      noticeKind: 'supervision.phone_task',
      orderId: null,
      target: unitId,
      targetUnitId: unitId,
      state: 'open',
      payload: { day, orders: fresh },
      createdAt: at,
    })
    .onConflictDoNothing({ target: outboundDeliveries.key });
}

/** Messages of one batch sent at once: a gateway's or a webhook's answer is waited for in parallel, a few at a time. */
const sendingAtOnce = 8;

/**
 * The job that sends deliveries, a batch at a time: the batch's rows are read in one statement, each message sent
 * (a few at once), and the sent ones recorded in the batch's completing transaction — one statement for all of them
 * (one job a delivery was a read, a transaction and two updates each: an emergency wave's SMS on PGlite). A failure
 * is the delivery's alone: its attempt and error are recorded on it at once, and its job comes back after its
 * back-off (`ctx.failed`); after the last attempt the delivery stays `failed` for someone to look at. A delivery named
 * twice in a batch (its retry beside the original) is sent once.
 */
export function registerOutboundDelivery(jobs: JobRunner, cfg: OutboundConfig) {
  jobs.registerBatch(outboundJobKind, async (batch, ctx) => {
    const idOf = (job: (typeof batch)[number]) => (job.payload as { deliveryId: string }).deliveryId;
    const rows = await ctx.db
      .select()
      .from(outboundDeliveries)
      .where(inArray(outboundDeliveries.id, [...new Set(batch.map(idOf))]));
    const pending = new Map(rows.filter((d) => d.state === 'pending').map((d) => [d.id, d]));
    const sent: string[] = [];
    await forEachAtMost(batch, sendingAtOnce, async (job) => {
      const d = pending.get(idOf(job));
      if (!d) return;
      pending.delete(d.id);
      const channel = d.channel === 'webhook' ? cfg.webhook?.channel : d.channel === 'sms' ? cfg.sms : null;
      if (!channel) {
        await fail(ctx.db, d, '该渠道已停用（配置已移除）', ctx.now, true);
        return;
      }
      try {
        await channel.send({ deliveryId: d.id, target: d.target, body: d.payload as Record<string, unknown> }, ctx.now);
        sent.push(d.id);
      } catch (err) {
        await fail(ctx.db, d, (err as Error).message, ctx.now, job.attempts >= job.maxAttempts);
        ctx.failed(job, err);
      }
    });
    await ctx.complete(async (tx) => {
      if (!sent.length) return;
      await tx
        .update(outboundDeliveries)
        .set({ state: 'sent', attempts: sql`${outboundDeliveries.attempts} + 1`, lastAttemptAt: ctx.now, doneAt: ctx.now })
        .where(inArray(outboundDeliveries.id, sent));
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
