import { exchangeFigures } from './domain/figures.js';
import { randomUUID } from 'node:crypto';
import { requireRole, type Actor } from '../auth/actor.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { isFinal, type OrderState } from '../orders/domain/states.js';
import { recordOrderFact } from '../orders/order-facts.js';
import { findVisibleOrder, lockOrder } from '../orders/orders.repo.js';
import { atProvinceRoot, orderVisibleTo } from '../access/scope.js';
import { unitsById } from '../units/units.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors/app-error.js';
import { decodeKeyset, encodeKeyset } from '../platform/http/keyset-cursor.js';
import { english } from '../platform/i18n/english.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import type { SigningMethod } from '../platform/signing/hmac.js';
import { signedHeaders } from '../platform/signing/signed-request.js';
import { mapOutbound } from './domain/outbound.js';
import { theirState } from './domain/mapping.js';
import { reconcile, type PartnerStatement, type ReconciliationItem, type ReconciliationReport } from './domain/reconcile.js';
import { failureOfStatus, failureOfThrown, type Failure, type FailureKind } from './domain/failures.js';
import * as repo from './exchange.repo.js';
import { sendsTo, type Outbound } from './outbound.js';
import { shownPayload } from './domain/payload-privacy.js';
import { requireExchangeDesk } from './exchange-desk.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';

/**
 * A message as every reader sees it: a partner's order with its callers' personal data masked (domain/payload-privacy.ts),
 * its last error's detail in the reader's language (`lang`: kept in Chinese, said by the English table, as a
 * reconciliation's items are).
 */
const messageView = (m: repo.MessageRow, partner: repo.PartnerRow | undefined, lang: 'zh' | 'en' = 'zh') => ({
  id: String(m.id),
  partner: { id: m.partnerId, name: partner?.name ?? '' },
  direction: m.direction as 'in' | 'out',
  kind: m.kind,
  orderId: m.orderId,
  externalId: m.externalId,
  seq: m.seq,
  state: m.state,
  attempts: m.attempts,
  lastError: m.lastError && lang === 'en' ? english(m.lastError) : m.lastError,
  lastErrorKind: m.lastErrorKind as FailureKind | null,
  partnerReceipt: m.partnerReceipt,
  ackCount: m.ackCount,
  payload: shownPayload(m, partner?.mapping),
  createdAt: m.createdAt.toISOString(),
  deliveredAt: m.deliveredAt?.toISOString() ?? null,
  lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
});

/** A message the partner answered with 202 is overdue for its acknowledgement after an hour. */
const ackDueMs = 3_600_000;

/** The message list's cursor: the last message's id (a bigserial). */
function decodeMessagesCursor(s: string): number {
  const v = decodeKeyset(s, [(x) => Number.isSafeInteger(x) && (x as number) > 0]);
  if (v) return v[0] as number;
  throw invalid('EXCHANGE_CURSOR_INVALID', '翻页游标无效，请从第一页重新查询', [{ field: 'querystring.cursor', message: '游标无效' }]);
}

/**
 * Who reads the exchange traffic: the administrators who run the links, and the hotline's dispatchers, at a reach that
 * holds the province's hotline centre (exchange-desk.ts).
 */
const readers = ['administrator', 'dispatcher'] as const;

export function createExchangeService(deps: {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  secrets: SecretBox;
  /** The cached unit directory: whose reach holds the province's hotline centre (exchange-desk.ts). */
  units: Pick<UnitDirectoryCache, 'current'>;
  timeoutMs?: number;
  /** How far the message list counts (HOTLINE_LIST_COUNT_CAP): past it "more than". */
  listCountCap?: number;
}) {
  const { db, clock, outbound } = deps;
  const countCap = deps.listCountCap ?? 1000;

  async function partnerOr404(id: string) {
    const p = await repo.findPartner(db, id);
    if (!p) throw notFound('EXCHANGE_PARTNER_NOT_FOUND', '对接平台不存在');
    return p;
  }

  async function listMessages(
    actor: Actor,
    q: {
      partnerId?: string | undefined;
      direction?: string | undefined;
      state?: string | undefined;
      orderId?: string | undefined;
      cursor?: string | undefined;
      pageSize: number;
    },
    lang: 'zh' | 'en' = 'zh',
  ) {
    await requireExchangeDesk(deps.units, actor, ...readers);
    const { cursor, pageSize, ...filter } = q;
    const before = cursor ? decodeMessagesCursor(cursor) : undefined;
    const [rows, counted] = await Promise.all([repo.messagesPage(db, filter, pageSize + 1, before), repo.countMessages(db, filter, countCap)]);
    const items = rows.slice(0, pageSize);
    const partners = await repo.partnersById(
      db,
      items.map((m) => m.partnerId),
    );
    const last = items.at(-1);
    return {
      items: items.map((m) => messageView(m, partners.get(m.partnerId), lang)),
      nextCursor: rows.length > pageSize && last ? encodeKeyset([last.id]) : null,
      total: counted.total,
      totalCapped: counted.capped,
      pageSize,
    };
  }

  /** An outbound message sent again from now (failed for good, or waiting in back-off): one more delivery job. */
  async function retry(actor: Actor, id: number, lang: 'zh' | 'en' = 'zh') {
    await requireExchangeDesk(deps.units, actor, 'administrator');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const m = await repo.findMessage(tx, id);
      if (!m) throw notFound('EXCHANGE_MESSAGE_NOT_FOUND', '消息不存在');
      if (m.direction !== 'out') throw conflict('EXCHANGE_MESSAGE_INBOUND', '收到的消息无需重发');
      const reset = await repo.resetForRetry(tx, id);
      await outbound.requeue(tx, reset!, now);
      return reset!;
    });
    const p = await partnerOr404(row.partnerId);
    return messageView(row, p, lang);
  }

  /**
   * 转办: the request goes to a partner (12345, a department) as a transfer message; its receipt and answer come back.
   *
   * Only the province hotline centre's desk transfers out (exchange-desk.ts), not a city's dispatcher who holds the
   * order: the partners are the province's links, registered, credentialed and watched by the centre, and a transfer
   * is a message on one of them. What follows a transfer is the centre's alone: the retries of a message that fails,
   * the reconciliation that finds one the partner never acknowledged, the re-send (the messages page, refused to a
   * city). A city's transfer that failed would wait where nobody who made it could see it or send it again; and
   * the city cannot even list the partners to choose one. A city that finds an order is not the union's returns it
   * (退单) to the desk that dispatched it, which decides the transfer.
   *
   * At the desk, the partner named must be one it can send to: unknown (400, not 404: the address is the order's, the
   * partner is a value of the body), switched off, or receiving nothing from us, each a 400 on the field.
   */
  async function transferOut(actor: Actor, orderId: string, input: { partnerId: string; reason: string }) {
    await requireExchangeDesk(deps.units, actor, 'dispatcher');
    const partner = await repo.findPartner(db, input.partnerId);
    if (!partner) throw invalid('EXCHANGE_PARTNER_UNKNOWN', '没有这个对接平台', [{ field: 'body.partnerId', message: '对接平台不存在' }]);
    if (!partner.active) throw invalid('EXCHANGE_PARTNER_INACTIVE', '该对接平台已停用，不能转办', [{ field: 'body.partnerId', message: '该平台已停用' }]);
    if (!sendsTo(partner))
      throw invalid('EXCHANGE_PARTNER_NOT_OUTBOUND', '该对接平台不接收本平台发出的工单', [{ field: 'body.partnerId', message: '该平台未配置为接收转办' }]);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order || !orderVisibleTo(actor, order)) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
      if (isFinal(order.state as OrderState)) throw conflict('ORDER_FINAL', '工单已办结或作废，不能转办');
      const fields = mapOutbound(partner.mapping, {
        narrative: order.narrative,
        title: order.title,
        typeCode: order.typeCode,
        subjectCode: order.subjectCode,
        place: { text: order.placeText, divisionCode: order.divisionCode },
        employer: { name: order.employerName, address: order.employerAddress },
      });
      const m = await outbound.enqueue(
        tx,
        partner,
        { kind: 'transfer', orderId, externalId: null, payload: { type: 'transfer', orderNumber: order.number, reason: input.reason, order: fields } },
        now,
      );
      const unitName = (await unitsById(tx, [actor.unitId])).get(actor.unitId)?.name ?? '';
      await recordOrderFact(tx, {
        orderId,
        state: order.state,
        at: now,
        action: 'transferred_out',
        actor,
        unitName,
        data: { partner: { id: partner.id, name: partner.name }, messageId: String(m.id), reason: input.reason },
        note: input.reason,
      });
      return messageView(m, partner);
    });
  }

  /** What the order detail shows: the partner it came from, its transfers out with receipts and answers. */
  async function orderExchange(actor: Actor, orderId: string) {
    const order = await findVisibleOrder(db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const messages = await repo.messagesOf(db, { orderId });
    const partners = await repo.partnersById(db, [...messages.map((m) => m.partnerId), ...(order.sourcePartnerId ? [order.sourcePartnerId] : [])]);
    const inbound = messages.find((m) => m.direction === 'in' && m.kind === 'order');
    const answers = new Map(messages.filter((m) => m.kind === 'answer').map((m) => [m.externalId, m]));
    const source = order.sourcePartnerId ? partners.get(order.sourcePartnerId) : undefined;
    return {
      source: source
        ? {
            partner: { id: source.id, name: source.name, kind: source.kind },
            externalId: inbound?.externalId ?? null,
            receivedAt: inbound?.createdAt.toISOString() ?? null,
          }
        : null,
      transfers: messages
        .filter((m) => m.kind === 'transfer')
        .map((m) => {
          const a = answers.get(String(m.id));
          const p = a?.payload as { answer?: string; handledBy?: string | null } | undefined;
          return {
            messageId: String(m.id),
            partner: { id: m.partnerId, name: partners.get(m.partnerId)?.name ?? '' },
            reason: String((m.payload as { reason?: string }).reason ?? ''),
            state: m.state,
            partnerReceipt: m.partnerReceipt,
            sentAt: m.createdAt.toISOString(),
            answer: p?.answer ?? null,
            answeredBy: p?.handledBy ?? null,
            answeredAt: a?.createdAt.toISOString() ?? null,
          };
        }),
      statusMessages: messages.filter((m) => m.kind === 'status').length,
      undelivered: messages.filter((m) => m.direction === 'out' && m.state !== 'delivered').length,
    };
  }

  /** Received, sent and failed messages, what waits and for how long: the exchange's figures for the cockpit. */
  async function figures(actor: Actor) {
    requireRole(actor, 'administrator', 'dispatcher', 'supervisor', 'leader');
    // The links are the province's: a unit below sees its own subtree's figures in the cockpit, not these.
    if (!atProvinceRoot(actor)) throw forbidden('EXCHANGE_FIGURES_PROVINCE_ONLY', '数据交换指标仅省级可查看');
    const now = clock.now();
    const since = instantAt(localDateOf(now), 0);
    const [rows, partners] = await Promise.all([repo.figures(db, since, new Date(now.getTime() - ackDueMs)), repo.listPartners(db)]);
    return exchangeFigures(localDateOf(now), now, partners, rows);
  }

  /**
   * The partner's own statement of the day, when it answers our signed request; null when it cannot, with why (its
   * kind is said in words on the report, the detail kept for the administrator: domain/failures.ts).
   */
  async function statementOf(partner: repo.PartnerRow, day: string, now: Date): Promise<{ statement: PartnerStatement | null; failure?: Failure }> {
    if (!sendsTo(partner)) return { statement: null };
    const body = JSON.stringify({ type: 'reconcile', day });
    const timeoutMs = deps.timeoutMs ?? 10_000;
    try {
      const res = await fetch(partner.endpoint!, {
        method: 'POST',
        body,
        headers: signedHeaders(partner.signingMethod as SigningMethod, deps.secrets.open(partner.signingSecret), body, now, randomUUID()),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) return { statement: null, failure: failureOfStatus(res.status, await res.text().catch(() => '')) };
      let j: Partial<PartnerStatement>;
      try {
        j = (await res.json()) as Partial<PartnerStatement>;
      } catch (err) {
        // A body that is no JSON is unreadable; the body's own timeout or a reset is what it is.
        if (err instanceof SyntaxError) return { statement: null, failure: { kind: 'unreadable', detail: '对方应答不是合法的 JSON' } };
        throw err;
      }
      if (!Array.isArray(j?.received) || !Array.isArray(j?.sent))
        return { statement: null, failure: { kind: 'unreadable', detail: '对方应答中没有对账数据（received、sent）' } };
      return {
        statement: {
          received: j.received.map((r) => ({ messageId: String(r.messageId), state: r.state ?? null })),
          sent: j.sent.map((s) => ({ externalId: String(s.externalId) })),
        },
      };
    } catch (err) {
      return { statement: null, failure: failureOfThrown(err, timeoutMs) };
    }
  }

  /** Reconciles one partner's day (Beijing time) and keeps the report: the daily job and an administrator both run it. */
  async function runReconciliation(partnerId: string, day: string): Promise<ReconciliationReport> {
    const partner = await partnerOr404(partnerId);
    const now = clock.now();
    const from = instantAt(day, 0);
    const to = instantAt(addDaysToDate(day, 1), 0);
    const messages = await repo.messagesOf(db, { partnerId, from, to });
    const out = messages.filter((m) => m.direction === 'out');
    const { statement, failure } = await statementOf(partner, day, now);
    const report = reconcile(
      out.map((m) => {
        const p = m.payload as { stateCode?: string };
        return {
          id: m.id,
          kind: m.kind,
          orderId: m.orderId,
          seq: m.seq,
          state: m.state,
          ackCount: m.ackCount,
          theirState: p.stateCode ? theirState(partner.mapping, p.stateCode) : null,
        };
      }),
      messages.filter((m) => m.direction === 'in').map((m) => ({ externalId: m.externalId ?? '', kind: m.kind })),
      statement,
    );
    const full = failure ? { ...report, statementError: failure.detail, statementErrorKind: failure.kind } : report;
    await repo.saveReconciliation(db, partnerId, day, full, now);
    return full;
  }

  /**
   * A partner's day reconciled, in the reader's language (`lang`): the report is kept as it was made, in Chinese, and
   * an English reader gets each item's 说明 and the statement's detail said by the English table.
   */
  async function getReconciliation(actor: Actor, q: { partnerId: string; day?: string | undefined; refresh?: boolean | undefined }, lang: 'zh' | 'en' = 'zh') {
    await requireExchangeDesk(deps.units, actor, 'administrator');
    const partner = await partnerOr404(q.partnerId);
    const day = q.day ?? addDaysToDate(localDateOf(clock.now()), -1);
    const kept = q.refresh ? undefined : await repo.findReconciliation(db, partner.id, day);
    const report = kept ? (kept.report as ReconciliationReport) : await runReconciliation(partner.id, day);
    const made = kept?.createdAt ?? clock.now();
    return { partner: { id: partner.id, name: partner.name }, day, madeAt: made.toISOString(), ...(lang === 'en' ? inEnglish(report) : report) };
  }

  /** The report's one action: every missing message we sent goes again (a fresh delivery job each). */
  async function resendMissing(actor: Actor, q: { partnerId: string; day: string }) {
    await requireExchangeDesk(deps.units, actor, 'administrator');
    const report = await getReconciliation(actor, { ...q, refresh: true });
    const ids = report.missing.filter((m) => m.messageId).map((m) => Number(m.messageId));
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const id of ids) {
        const row = await repo.resetForRetry(tx, id);
        if (row) await outbound.requeue(tx, row, now);
      }
    });
    return { resent: ids.length };
  }

  return { listMessages, retry, transferOut, orderExchange, figures, runReconciliation, getReconciliation, resendMissing };
}

/** A reconciliation report for an English reader: the items' problems and the statement's detail in English. */
function inEnglish(r: ReconciliationReport): ReconciliationReport {
  const say = (i: ReconciliationItem) => ({ ...i, problem: english(i.problem) });
  return {
    ...r,
    missing: r.missing.map(say),
    duplicated: r.duplicated.map(say),
    mismatched: r.mismatched.map(say),
    ...(r.statementError ? { statementError: english(r.statementError) } : {}),
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
