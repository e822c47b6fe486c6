import type { Actor } from '../auth/actor.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import { ioTurn } from '../platform/concurrency/io-turn.js';
import type { Db, Tx } from '../platform/db/client.js';
import { conflict, notFound } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import type { FieldMapping } from './domain/mapping.js';
import {
  batchesOf,
  batchPayload,
  dueDays,
  effectiveMapping,
  manifestPayload,
  nationalFormat,
  nationalRecord,
  uploadBatchSize,
  uploadHead,
  uploadState,
  type DayFigures,
  type UploadHead,
} from './domain/national-upload.js';
import * as repo from './exchange.repo.js';
import { sendsTo, type Outbound } from './outbound.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { requireExchangeDesk } from './exchange-desk.js';
import type { FailureKind } from './domain/failures.js';

/** Which partners get the daily upload: the national platform, when we send to it. */
const uploadsTo = (p: repo.PartnerRow) => p.kind === 'national' && sendsTo(p);

/** Where a day's upload goes as it is built: its row (undefined when the day is already made), then each message. */
export type UploadSink = {
  claim(counts: { orders: number; batches: number }): Promise<{ id: string } | undefined>;
  message(uploadId: string, batch: number, payload: Record<string, unknown>): Promise<void>;
};

/**
 * One day's upload built a batch at a time in the caller's transaction: the day's orders come from one cursor
 * (exchange.repo `eachUploadPage`), each batch mapped, handed to `sink` and let go before the next is read, so
 * memory holds one batch however many orders the day has. The protocol is already numbered parts (docs/
 * exchange-national.md: a manifest, batches 1…n, each its own message acknowledged by (day, batch)); what it needs
 * before the first batch, the number of batches every message carries, comes with the cursor's first page (its total,
 * counted in the same snapshot as the rows). The upload's row is claimed then, with the manifest: a day someone else
 * made is left at once. Returns false when it was.
 */
export async function streamDayUpload(
  tx: Tx,
  u: { mapping: FieldMapping; platformCode: string | null; day: string; figures: DayFigures; batchSize?: number | undefined },
  sink: UploadSink,
): Promise<boolean> {
  const size = u.batchSize ?? uploadBatchSize;
  let upload: string | null = null;
  let head: UploadHead | null = null;
  let batch = 0;
  /** The day's row and its manifest, once the number of orders is known; false when the day was already made. */
  const claim = async (orders: number) => {
    head = uploadHead({ day: u.day, platformCode: u.platformCode, batches: batchesOf(orders, size) });
    const row = await sink.claim({ orders, batches: head.batches + 1 });
    if (!row) return false;
    upload = row.id;
    await sink.message(upload, 0, manifestPayload(head, orders, u.figures));
    return true;
  };
  const from = instantAt(u.day, 0);
  const to = instantAt(addDaysToDate(u.day, 1), 0);
  let claimed: boolean | null = null;
  await repo.eachUploadPage(tx, from, to, size, async (orders, total) => {
    claimed ??= await claim(total);
    if (!claimed) return false;
    batch++;
    await sink.message(
      upload!,
      batch,
      batchPayload(
        head!,
        batch,
        orders.map((o) => nationalRecord(u.mapping, o)),
      ),
    );
    return true;
  });
  // A day without orders: its manifest alone.
  claimed ??= await claim(0);
  return claimed;
}

/**
 * The national data link (全总数据联通, docs/exchange-national.md): the daily job makes each due day's upload once
 * (one row per partner and day, whichever instance runs first), its batches go out as outbound messages retried by
 * the job runner; an administrator sees each upload's state and resumes one that gave up.
 */
export function createNationalUploadService(deps: {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  /** The cached unit directory: whose reach holds the province's hotline centre (exchange-desk.ts). */
  units: Pick<UnitDirectoryCache, 'current'>;
  batchSize?: number;
}) {
  const { db, clock, outbound } = deps;

  /**
   * Every due day of every national partner, oldest first, each day in a transaction of its own: the upload row, its
   * manifest and batches with their delivery jobs commit together or not at all, and the unique (partner, day) makes a
   * day once across instances and runs (a run that stopped half way is resumed by the next from the day after the
   * last one made, `dueDays`). Returns how many uploads it made.
   */
  async function run(now: Date): Promise<number> {
    const yesterday = addDaysToDate(localDateOf(now), -1);
    let made = 0;
    for (const partner of (await repo.listPartners(db)).filter(uploadsTo)) {
      for (const day of dueDays(await repo.lastUploadDay(db, partner.id), yesterday, addDaysToDate)) {
        if (await uploadDay(partner, day, now)) made++;
        // Between two days' transactions, a turn for the requests waiting (PGlite runs in this thread).
        await ioTurn();
      }
    }
    return made;
  }

  async function uploadDay(partner: repo.PartnerRow, day: string, now: Date): Promise<boolean> {
    const mapping = effectiveMapping(partner.mapping);
    const platformCode = partner.credentials.platformCode ?? null;
    // Two instances on one day: the second's claim waits for the first's commit and finds the day made.
    return db.transaction(async (tx) => {
      const figures = await repo.figuresOfDay(tx, instantAt(day, 0), instantAt(addDaysToDate(day, 1), 0));
      return streamDayUpload(
        tx,
        { mapping, platformCode, day, figures, batchSize: deps.batchSize },
        {
          claim: ({ orders, batches }) =>
            repo.insertUpload(tx, { partnerId: partner.id, day, format: nationalFormat, orders, batches, figures, createdAt: now }),
          message: async (uploadId, batch, payload) => {
            await outbound.enqueue(tx, partner, { kind: 'upload', orderId: null, externalId: `${day}#${batch}`, uploadId, payload }, now);
          },
        },
      );
    });
  }

  /**
   * Every order of the province's days, uploaded: the province centre's desk reads them (exchange-desk.ts). The last
   * error's detail is kept in Chinese and said in the reader's language (`lang`), as the messages page says it.
   */
  async function list(actor: Actor, q: { partnerId?: string | undefined; page: number; pageSize: number }, lang: 'zh' | 'en' = 'zh') {
    await requireExchangeDesk(deps.units, actor, 'administrator', 'dispatcher');
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
        lastError: i.lastError && lang === 'en' ? english(i.lastError) : i.lastError,
        lastErrorKind: i.lastErrorKind as FailureKind | null,
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
    await requireExchangeDesk(deps.units, actor, 'administrator');
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

  return { run, list, resume };
}

export type NationalUploadService = ReturnType<typeof createNationalUploadService>;
