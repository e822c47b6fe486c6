import type { PartnerCounts } from './domain/figures.js';
import type { Failure } from './domain/failures.js';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { countUpTo } from '../platform/db/capped-count.js';
import { rowsOf, type Executor, type Tx } from '../platform/db/client.js';
import { reusableSql } from '../platform/db/reusable.js';
import type { Alongside } from '../orders/new-order.repo.js';
import { eachPageOfOrdersChangedBetween, orderFiguresOfDay } from '../orders/orders-for-exchange.js';
import type { DayFigures, UploadOrder } from './domain/national-upload.js';
import { exchangeMessages, exchangeNonces, exchangePartners, exchangeReconciliations, exchangeUploads } from './exchange.tables.js';

export type PartnerRow = typeof exchangePartners.$inferSelect;
export type MessageRow = typeof exchangeMessages.$inferSelect;
export type NewMessage = typeof exchangeMessages.$inferInsert;

export async function listPartners(db: Executor): Promise<PartnerRow[]> {
  return db.select().from(exchangePartners).orderBy(asc(exchangePartners.createdAt), asc(exchangePartners.name));
}

export async function findPartner(db: Executor, id: string): Promise<PartnerRow | undefined> {
  const [row] = await db.select().from(exchangePartners).where(eq(exchangePartners.id, id));
  return row;
}

export async function partnersById(db: Executor, ids: string[]): Promise<Map<string, PartnerRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(exchangePartners)
    .where(inArray(exchangePartners.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertPartner(tx: Executor, row: typeof exchangePartners.$inferInsert): Promise<PartnerRow> {
  const [r] = await tx.insert(exchangePartners).values(row).returning();
  return r!;
}

export async function updatePartner(
  tx: Executor,
  id: string,
  version: number,
  set: Partial<typeof exchangePartners.$inferInsert>,
): Promise<PartnerRow | undefined> {
  const [r] = await tx
    .update(exchangePartners)
    .set({ ...set, version: version + 1 })
    .where(and(eq(exchangePartners.id, id), eq(exchangePartners.version, version)))
    .returning();
  return r;
}

/**
 * Signed requests' nonces, each taken once, several in one statement (the receipts that arrive together,
 * inbound.service.ts): for each claim, in order, true when it took its nonce, false for a replay. A pair named twice
 * in one call is taken by its first claim only (the INSERT skips the second row, and both would find the pair among
 * the rows it returned).
 */
const nonceClaims = reusableSql(
  'exchange_claim_nonces',
  sql`insert into ${exchangeNonces} (partner_id, nonce, at)
    select c.p, c.n, c.at from json_to_recordset(${sql.placeholder('claims')}::json) as c(p uuid, n text, at timestamptz)
    on conflict do nothing
    returning partner_id, nonce`,
);

export async function claimNonces(db: Executor, claims: { partnerId: string; nonce: string; at: Date }[]): Promise<boolean[]> {
  if (!claims.length) return [];
  const key = (partnerId: string, nonce: string) => `${partnerId} ${nonce}`;
  const rows = rowsOf<{ partner_id: string; nonce: string }>(
    await nonceClaims(db, { claims: JSON.stringify(claims.map((c) => ({ p: c.partnerId, n: c.nonce, at: c.at.toISOString() }))) }),
  );
  const taken = new Set(rows.map((r) => key(r.partner_id, r.nonce)));
  const seen = new Set<string>();
  return claims.map((c) => {
    const k = key(c.partnerId, c.nonce);
    const first = !seen.has(k);
    seen.add(k);
    return first && taken.has(k);
  });
}

export async function purgeNonces(tx: Executor, before: Date): Promise<void> {
  await tx.delete(exchangeNonces).where(lt(exchangeNonces.at, before));
}

/** The inbound messages given as a json array of `inboundRow`s, in their order. */
const insertInboundRows = (json: SQLWrapper): SQL =>
  sql`insert into ${exchangeMessages} (partner_id, direction, kind, order_id, external_id, payload, state, created_at)
    select r.p, 'in', r.k, r.o, r.e, r.payload, 'received', r.at
    from json_to_recordset(${json}::json) as r(i int, p uuid, k text, o uuid, e text, payload jsonb, at timestamptz)
    order by r.i`;

const inboundInserts = reusableSql('exchange_inbound', sql`${insertInboundRows(sql.placeholder('rows'))} on conflict do nothing returning order_id`);

export type InboundMessage = { partnerId: string; kind: 'order' | 'answer'; orderId: string; externalId: string; payload: unknown; createdAt: Date };

const inboundRow = (m: InboundMessage, i = 0) => ({
  i,
  p: m.partnerId,
  k: m.kind,
  o: m.orderId,
  e: m.externalId,
  payload: m.payload,
  at: m.createdAt.toISOString(),
});

/**
 * A partner's order received, written by the new order's own statement (orders/new-order.repo.ts `Alongside`): no
 * transaction of its own. A duplicate (partner, external id) fails that statement on `exchange_messages_inbound_uq`,
 * so the order is not written either and its receipt answers with the order received first (inbound.service.ts).
 */
export const inboundAlongside = (m: InboundMessage): Alongside => ({ key: 'exchange_inbound', insertFrom: insertInboundRows, row: inboundRow(m) });

/**
 * What partners sent us (orders, answers), received, in one statement: for each row in order, false when a row with
 * the same inbound key exists (a duplicate; of two rows of one key here, the first is written). Each row names an
 * order of its own (the transfer answered), so the order ids returned say which were written. (A new order's message
 * is written by the order's statement: `inboundAlongside`.)
 */
export async function insertInbounds(tx: Executor, messages: InboundMessage[]): Promise<boolean[]> {
  if (!messages.length) return [];
  const rows = messages.map(inboundRow);
  const written = new Set(rowsOf<{ order_id: string }>(await inboundInserts(tx, { rows: JSON.stringify(rows) })).map((r) => r.order_id));
  return messages.map((m) => written.has(m.orderId));
}

export async function insertInbound(tx: Executor, m: InboundMessage): Promise<boolean> {
  return (await insertInbounds(tx, [m]))[0]!;
}

export async function insertMessage(tx: Executor, m: NewMessage): Promise<MessageRow> {
  const [r] = await tx.insert(exchangeMessages).values(m).returning();
  return r!;
}

/**
 * The orders already received under these (partner, external id) pairs, in the order asked (undefined: none), in one
 * statement: the duplicate checks of the receipts that arrive together (inbound.service.ts).
 */
const inboundOrders = reusableSql(
  'exchange_inbound_orders',
  sql`select m.partner_id, m.external_id, m.order_id, m.payload, m.created_at
    from json_to_recordset(${sql.placeholder('asked')}::json) as k(p uuid, e text)
    join lateral (
      select * from ${exchangeMessages} m
      where m.direction = 'in' and m.kind = 'order' and m.partner_id = k.p and m.external_id = k.e
      offset 0) m on true`,
);

/**
 * Each key looked up by itself in the inbound key's unique index (`offset 0` keeps the lookup a parameterised index
 * scan per key). As `(partner, external id) in (…)`, on a table younger than its first ANALYZE the planner believed
 * one inbound order there and read all of them for every run of receipts: 1.3–2.9 ms with 1,698 received orders, and
 * growing with the table; per key, 0.05 ms however many there are.
 */
/** An order a partner sent us before, as a duplicate's receipt needs it. */
export type InboundOrder = { partnerId: string; externalId: string; orderId: string; payload: { number?: string }; createdAt: Date };

export async function findInboundOrders(db: Executor, keys: { partnerId: string; externalId: string }[]): Promise<(InboundOrder | undefined)[]> {
  if (!keys.length) return [];
  const rows = rowsOf<{ partner_id: string; external_id: string; order_id: string; payload: unknown; created_at: Date | string }>(
    await inboundOrders(db, { asked: JSON.stringify(keys.map((k) => ({ p: k.partnerId, e: k.externalId }))) }),
  );
  const found = new Map(
    rows.map((r) => [
      `${r.partner_id} ${r.external_id}`,
      {
        partnerId: r.partner_id,
        externalId: r.external_id,
        orderId: r.order_id,
        payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as InboundOrder['payload'],
        createdAt: new Date(r.created_at),
      },
    ]),
  );
  return keys.map((k) => found.get(`${k.partnerId} ${k.externalId}`));
}

export async function findMessage(db: Executor, id: number): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(exchangeMessages).where(eq(exchangeMessages.id, id));
  return r;
}

/** The next number of an outbound message of this order to this partner (the order is locked by the caller). */
export async function nextSeq(tx: Executor, partnerId: string, orderId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(${exchangeMessages.seq}), 0)::int` })
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.partnerId, partnerId), eq(exchangeMessages.orderId, orderId), eq(exchangeMessages.direction, 'out')));
  return (r?.n ?? 0) + 1;
}

/** Outbound messages of one order to one partner not yet delivered, up to `seq`, in order: what must go first. */
export async function undeliveredUpTo(db: Executor, partnerId: string, orderId: string, seq: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(exchangeMessages)
    .where(
      and(
        eq(exchangeMessages.partnerId, partnerId),
        eq(exchangeMessages.orderId, orderId),
        eq(exchangeMessages.direction, 'out'),
        sql`${exchangeMessages.seq} <= ${seq}`,
        inArray(exchangeMessages.state, ['pending', 'failed']),
      ),
    )
    .orderBy(asc(exchangeMessages.seq));
}

export async function recordAttempt(
  db: Executor,
  id: number,
  at: Date,
  outcome: { ok: true; receipt: string | null } | { ok: false; failure: Failure; state?: 'pending' | 'failed' | undefined },
): Promise<void> {
  await db
    .update(exchangeMessages)
    .set(
      outcome.ok
        ? {
            state: 'delivered',
            deliveredAt: at,
            lastAttemptAt: at,
            attempts: sql`${exchangeMessages.attempts} + 1`,
            lastError: null,
            lastErrorKind: null,
            partnerReceipt: outcome.receipt,
            ackCount: sql`${exchangeMessages.ackCount} + ${outcome.receipt === null ? 0 : 1}`,
          }
        : {
            ...(outcome.state ? { state: outcome.state } : {}),
            lastAttemptAt: at,
            attempts: sql`${exchangeMessages.attempts} + 1`,
            lastError: outcome.failure.detail.slice(0, 1000),
            lastErrorKind: outcome.failure.kind,
          },
    )
    .where(eq(exchangeMessages.id, id));
}

/** A partner's acknowledgement of messages we sent: counted (twice is recorded), the receipt kept. */
export async function acknowledge(tx: Executor, partnerId: string, id: number, receipt: string | null, at: Date): Promise<MessageRow | undefined> {
  const [r] = await tx
    .update(exchangeMessages)
    .set({
      ackCount: sql`${exchangeMessages.ackCount} + 1`,
      partnerReceipt: sql`coalesce(${receipt}, ${exchangeMessages.partnerReceipt})`,
      state: 'delivered',
      deliveredAt: sql`coalesce(${exchangeMessages.deliveredAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(exchangeMessages.id, id), eq(exchangeMessages.partnerId, partnerId), eq(exchangeMessages.direction, 'out')))
    .returning();
  return r;
}

export async function resetForRetry(tx: Executor, id: number): Promise<MessageRow | undefined> {
  const [r] = await tx
    .update(exchangeMessages)
    .set({ state: 'pending', lastError: null, lastErrorKind: null })
    .where(and(eq(exchangeMessages.id, id), eq(exchangeMessages.direction, 'out'), inArray(exchangeMessages.state, ['failed', 'pending', 'delivered'])))
    .returning();
  return r;
}

export type MessageFilter = {
  partnerId?: string | undefined;
  direction?: string | undefined;
  state?: string | undefined;
  orderId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

const where = (f: MessageFilter): SQL | undefined =>
  and(
    f.partnerId ? eq(exchangeMessages.partnerId, f.partnerId) : undefined,
    f.direction ? eq(exchangeMessages.direction, f.direction) : undefined,
    f.state ? eq(exchangeMessages.state, f.state) : undefined,
    f.orderId ? eq(exchangeMessages.orderId, f.orderId) : undefined,
    f.from ? gte(exchangeMessages.createdAt, f.from) : undefined,
    f.to ? lt(exchangeMessages.createdAt, f.to) : undefined,
  );

/**
 * A page of messages, newest first, before the message `before` (keyset on the id: never OFFSET; a partner's by
 * exchange_messages_partner_idx (partner_id, id)). The count is capped (platform/db/capped-count.ts): the traffic of
 * a decade is millions of messages, and a page says how many there are only up to the cap.
 */
export async function messagesPage(db: Executor, f: MessageFilter, limit: number, before?: number) {
  return db
    .select()
    .from(exchangeMessages)
    .where(and(where(f), before === undefined ? undefined : lt(exchangeMessages.id, before)))
    .orderBy(desc(exchangeMessages.id))
    .limit(limit);
}

export const countMessages = (db: Executor, f: MessageFilter, cap: number) => countUpTo(db, exchangeMessages, where(f), cap);

export async function messagesOf(db: Executor, f: MessageFilter): Promise<MessageRow[]> {
  return db.select().from(exchangeMessages).where(where(f)).orderBy(asc(exchangeMessages.id));
}

/**
 * Per partner: received, sent (delivered), failed, waiting, acknowledgements overdue (delivered before `ackDueBefore`
 * with no acknowledgement: a 202 the partner never confirmed), the oldest waiting message's time (the lag) and the
 * oldest failed one's. Each age is of the set its count counts: a failed message (given up, until an administrator
 * sends it again) is no "waiting" one, and its age next to "waiting 0" read as a backlog that was not there. A
 * partner with none of these has no row.
 *
 * Each figure is its own index range holding only what it counts (exchange.tables.ts): inbound messages since `since`
 * (exchange_messages_in_created_idx), outbound ones delivered since then (exchange_messages_delivered_idx), the
 * waiting and failed ones (the state index's small states), and the delivered ones not acknowledged, delivered before
 * the due instant (exchange_messages_unacknowledged_idx). As one `GROUP BY` over the table with a filter per figure
 * it read every message of the decade at each view of the exchange page. The literals stay literals: a partial
 * index's predicate is proved from them, never from a bound value.
 */
export function figuresStatement(since: Date, ackDueBefore: Date): SQL {
  const m = exchangeMessages;
  const from = sql`${since.toISOString()}::timestamptz`;
  const due = sql`${ackDueBefore.toISOString()}::timestamptz`;
  return sql`select partner_id, sum(received)::int as received, sum(sent)::int as sent, sum(failed)::int as failed, sum(waiting)::int as waiting,
      sum(unacknowledged)::int as unacknowledged, min(oldest_waiting) as oldest_waiting, min(oldest_failed) as oldest_failed
    from (
      select ${m.partnerId} as partner_id, count(*) as received, 0 as sent, 0 as failed, 0 as waiting, 0 as unacknowledged,
          null::timestamptz as oldest_waiting, null::timestamptz as oldest_failed
        from ${m} where ${m.direction} = 'in' and ${m.createdAt} >= ${from} group by 1
      union all
      select ${m.partnerId}, 0, count(*), 0, 0, 0, null, null
        from ${m} where ${m.direction} = 'out' and ${m.state} = 'delivered' and ${m.deliveredAt} >= ${from} group by 1
      union all
      select ${m.partnerId}, 0, 0, count(*) filter (where ${m.state} = 'failed'), count(*) filter (where ${m.state} = 'pending'), 0,
          min(${m.createdAt}) filter (where ${m.state} = 'pending'), min(${m.createdAt}) filter (where ${m.state} = 'failed')
        from ${m} where ${m.direction} = 'out' and ${m.state} in ('pending', 'failed') group by 1
      union all
      select ${m.partnerId}, 0, 0, 0, 0, count(*), null, null
        from ${m} where ${m.direction} = 'out' and ${m.state} = 'delivered' and ${m.ackCount} = 0 and ${m.deliveredAt} < ${due} group by 1
    ) f
    group by partner_id`;
}

export async function figures(db: Executor, since: Date, ackDueBefore: Date): Promise<PartnerCounts[]> {
  const rows = rowsOf<{
    partner_id: string;
    received: number;
    sent: number;
    failed: number;
    waiting: number;
    unacknowledged: number;
    oldest_waiting: string | Date | null;
    oldest_failed: string | Date | null;
  }>(await db.execute(figuresStatement(since, ackDueBefore)));
  const instant = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v.toISOString() : v);
  return rows.map((r) => ({
    partnerId: r.partner_id,
    received: r.received,
    sent: r.sent,
    failed: r.failed,
    waiting: r.waiting,
    unacknowledged: r.unacknowledged,
    oldestWaiting: instant(r.oldest_waiting),
    oldestFailed: instant(r.oldest_failed),
  }));
}

export async function saveReconciliation(tx: Executor, partnerId: string, day: string, report: unknown, now: Date) {
  const [r] = await tx
    .insert(exchangeReconciliations)
    .values({ partnerId, day, report: report as object, createdAt: now })
    .onConflictDoUpdate({ target: [exchangeReconciliations.partnerId, exchangeReconciliations.day], set: { report: report as object, createdAt: now } })
    .returning();
  return r!;
}

export async function findReconciliation(db: Executor, partnerId: string, day: string) {
  const [r] = await db
    .select()
    .from(exchangeReconciliations)
    .where(and(eq(exchangeReconciliations.partnerId, partnerId), eq(exchangeReconciliations.day, day)));
  return r;
}

export type UploadRow = typeof exchangeUploads.$inferSelect;

/** The last day uploaded to this partner (uploads are made in day order). */
export async function lastUploadDay(db: Executor, partnerId: string): Promise<string | null> {
  const [r] = await db
    .select({ day: sql<string | null>`max(${exchangeUploads.day})` })
    .from(exchangeUploads)
    .where(eq(exchangeUploads.partnerId, partnerId));
  return r?.day ?? null;
}

/** Written once per (partner, day): undefined when another instance made it first. */
export async function insertUpload(tx: Executor, u: typeof exchangeUploads.$inferInsert): Promise<UploadRow | undefined> {
  const [r] = await tx.insert(exchangeUploads).values(u).onConflictDoNothing().returning();
  return r;
}

/**
 * The orders the day's upload carries (received that day or changed that day, their state as it is now), handed to
 * `page` a batch at a time from one cursor in the caller's transaction (orders/orders-for-exchange.ts), each with the
 * partner's own id of an order that came from one (the national platform matches its orders by it): one statement
 * per batch for those, none when no order of the batch came from a partner. Returns how many orders there are.
 */
export async function eachUploadPage(
  tx: Tx,
  from: Date,
  to: Date,
  size: number,
  page: (orders: UploadOrder[], total: number) => Promise<boolean>,
): Promise<number> {
  return eachPageOfOrdersChangedBetween(tx, from, to, size, async (rows, total) => {
    const received = rows.filter((r) => r.sourcePartnerId !== null).map((r) => r.id);
    const external = new Map<string, string>();
    if (received.length) {
      const found = await tx
        .select({ orderId: exchangeMessages.orderId, externalId: exchangeMessages.externalId })
        .from(exchangeMessages)
        .where(and(inArray(exchangeMessages.orderId, received), eq(exchangeMessages.direction, 'in'), eq(exchangeMessages.kind, 'order')));
      for (const f of found) if (f.orderId && f.externalId) external.set(f.orderId, f.externalId);
    }
    return page(
      rows.map(({ id, sourcePartnerId: _, ...r }) => Object.assign(r, { externalId: external.get(id) ?? null })),
      total,
    );
  });
}

/** The day's figures for the manifest, in one statement (orders/orders-for-exchange.ts). */
export const figuresOfDay = (db: Executor, from: Date, to: Date): Promise<DayFigures> => orderFiguresOfDay(db, from, to);

/** Uploads, newest day first, each with its batches' delivery counts and the last error among them. */
export async function listUploads(db: Executor, f: { partnerId?: string | undefined; limit: number; offset: number }) {
  const where = f.partnerId ? eq(exchangeUploads.partnerId, f.partnerId) : undefined;
  const [uploads, [total]] = await Promise.all([
    db.select().from(exchangeUploads).where(where).orderBy(desc(exchangeUploads.day), asc(exchangeUploads.createdAt)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(exchangeUploads).where(where),
  ]);
  const m = exchangeMessages;
  const stats = uploads.length
    ? await db
        .select({
          uploadId: m.uploadId,
          total: sql<number>`count(*)::int`,
          delivered: sql<number>`(count(*) filter (where ${m.state} = 'delivered'))::int`,
          failed: sql<number>`(count(*) filter (where ${m.state} = 'failed'))::int`,
          attempts: sql<number>`coalesce(sum(${m.attempts}), 0)::int`,
          lastError: sql<
            string | null
          >`(array_agg(${m.lastError} order by ${m.lastAttemptAt} desc nulls last, ${m.id}) filter (where ${m.state} <> 'delivered' and ${m.lastError} is not null))[1]`,
          // The same message's kind (the same order and filter): the words the page says it in.
          lastErrorKind: sql<
            string | null
          >`(array_agg(${m.lastErrorKind} order by ${m.lastAttemptAt} desc nulls last, ${m.id}) filter (where ${m.state} <> 'delivered' and ${m.lastError} is not null))[1]`,
          completedAt: sql<string | null>`case when bool_and(${m.state} = 'delivered') then max(${m.deliveredAt}) end`,
        })
        .from(m)
        .where(
          inArray(
            m.uploadId,
            uploads.map((u) => u.id),
          ),
        )
        .groupBy(m.uploadId)
    : [];
  const byId = new Map(stats.map((x) => [x.uploadId, x]));
  const items = uploads.map((upload) => {
    const x = byId.get(upload.id);
    return {
      upload,
      total: x?.total ?? 0,
      delivered: x?.delivered ?? 0,
      failed: x?.failed ?? 0,
      attempts: x?.attempts ?? 0,
      lastError: x?.lastError ?? null,
      lastErrorKind: x?.lastErrorKind ?? null,
      completedAt: x?.completedAt ?? null,
    };
  });
  return { items, total: total?.n ?? 0 };
}

export async function findUpload(db: Executor, id: string): Promise<UploadRow | undefined> {
  const [r] = await db.select().from(exchangeUploads).where(eq(exchangeUploads.id, id));
  return r;
}

/** The batches of an upload not yet delivered: what resuming it sends. */
export async function undeliveredOfUpload(db: Executor, uploadId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.uploadId, uploadId), inArray(exchangeMessages.state, ['pending', 'failed'])))
    .orderBy(asc(exchangeMessages.id));
}
