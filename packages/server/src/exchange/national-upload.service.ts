import { requireRole, type Actor } from '../auth/actor.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor, Tx } from '../platform/db/client.js';
import { conflict, notFound } from '../platform/errors/app-error.js';
import { dueDays, effectiveMapping, nationalFormat, uploadMessages, uploadState, type DayFigures, type UploadOrder } from './domain/national-upload.js';
import * as repo from './exchange.repo.js';
import { sendsTo, type Outbound } from './outbound.js';

type Plan = { partner: repo.PartnerRow; day: string; orders: UploadOrder[]; figures: DayFigures };

/** Which partners get the daily upload: the national platform, when we send to it. */
const uploadsTo = (p: repo.PartnerRow) => p.kind === 'national' && sendsTo(p);

/**
 * The national data link (全总数据联通, docs/exchange-national.md): the daily job makes each due day's upload once
 * (one row per partner and day, whichever instance runs first), its batches go out as outbound messages retried by
 * the job runner; an administrator sees each upload's state and resumes one that gave up.
 */
export function createNationalUploadService(deps: { db: Db; clock: Clock; outbound: Outbound }) {
  const { db, clock, outbound } = deps;

  /** Read before the transaction (PGlite has one connection): every due day's orders and figures, per partner. */
  async function plan(now: Date): Promise<Plan[]> {
    const yesterday = addDaysToDate(localDateOf(now), -1);
    const plans: Plan[] = [];
    for (const partner of (await repo.listPartners(db)).filter(uploadsTo)) {
      for (const day of dueDays(await repo.lastUploadDay(db, partner.id), yesterday, addDaysToDate)) {
        const from = instantAt(day, 0);
        const to = instantAt(addDaysToDate(day, 1), 0);
        const [orders, figures] = [await repo.ordersOfDay(db, from, to), await repo.figuresOfDay(db, from, to)];
        plans.push({ partner, day, orders, figures });
      }
    }
    return plans;
  }

  /** Writes the planned uploads and their batches' delivery jobs, in the job's completing transaction. */
  async function write(tx: Tx | Executor, plans: Plan[], now: Date): Promise<number> {
    let made = 0;
    for (const p of plans) {
      const messages = uploadMessages(effectiveMapping(p.partner.mapping), {
        day: p.day,
        platformCode: p.partner.credentials.platformCode ?? null,
        orders: p.orders,
        figures: p.figures,
      });
      const upload = await repo.insertUpload(tx, {
        partnerId: p.partner.id,
        day: p.day,
        format: nationalFormat,
        orders: p.orders.length,
        batches: messages.length,
        figures: p.figures,
        createdAt: now,
      });
      if (!upload) continue;
      for (const m of messages)
        await outbound.enqueue(
          tx,
          p.partner,
          { kind: 'upload', orderId: null, externalId: `${p.day}#${m.batch}`, uploadId: upload.id, payload: m.payload },
          now,
        );
      made++;
    }
    return made;
  }

  async function list(actor: Actor, q: { partnerId?: string | undefined; page: number; pageSize: number }) {
    requireRole(actor, 'administrator', 'dispatcher');
    const r = await repo.listUploads(db, { partnerId: q.partnerId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const partners = await repo.partnersById(
      db,
      r.items.map((i) => i.upload.partnerId),
    );
    return {
      items: r.items.map((i) => ({
        id: i.upload.id,
        partner: { id: i.upload.partnerId, name: partners.get(i.upload.partnerId)?.name ?? '' },
        day: i.upload.day,
        format: i.upload.format,
        orders: i.upload.orders,
        batches: i.total,
        delivered: i.delivered,
        failed: i.failed,
        attempts: i.attempts,
        state: uploadState({ total: i.total, delivered: i.delivered, failed: i.failed }),
        lastError: i.lastError,
        figures: i.upload.figures as DayFigures,
        createdAt: i.upload.createdAt.toISOString(),
        completedAt: i.completedAt ? new Date(i.completedAt).toISOString() : null,
      })),
      total: r.total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Sends again what is missing of an upload (batches that gave up or wait in back-off); delivered ones never again. */
  async function resume(actor: Actor, id: string) {
    requireRole(actor, 'administrator');
    const now = clock.now();
    const upload = await repo.findUpload(db, id);
    if (!upload) throw notFound('EXCHANGE_UPLOAD_NOT_FOUND', '上报批次不存在');
    const resent = await db.transaction(async (tx) => {
      const rows = await repo.undeliveredOfUpload(tx, id);
      for (const m of rows) {
        const reset = await repo.resetForRetry(tx, m.id);
        if (reset) await outbound.requeue(tx, reset, now);
      }
      return rows.length;
    });
    if (!resent) throw conflict('EXCHANGE_UPLOAD_COMPLETE', '该日数据已全部上报，无需续传');
    return { resent };
  }

  return { plan, write, list, resume };
}

export type NationalUploadService = ReturnType<typeof createNationalUploadService>;
