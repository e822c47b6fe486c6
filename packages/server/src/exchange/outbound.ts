import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import type { SigningMethod } from '../platform/signing/hmac.js';
import { signedHeaders } from '../platform/signing/signed-request.js';
import type { OrderRow } from '../orders/orders.repo.js';
import { isReported, statusPayload, wireBody } from './domain/outbound.js';
import { behindEarlier, DeliveryFailure, failureOf, failureOfStatus, failureOfThrown, notSending } from './domain/failures.js';
import * as repo from './exchange.repo.js';
import { exchangeMessages } from './exchange.tables.js';

export const deliverKind = 'exchange.deliver';
/** Back-off doubles to one hour (platform/jobs/backoff.ts): 60 attempts keep trying for two days and more. */
export const deliveryAttempts = 60;

export const sendsTo = (p: repo.PartnerRow) => p.active && p.direction !== 'in' && !!p.endpoint;

/**
 * Outbound messages to partners (docs/decisions/0009-exchange-delivery.md): written with the change that causes them,
 * in its transaction (the outbox), numbered per order, and delivered by the job runner, which retries with back-off.
 * Delivering message n first delivers every earlier undelivered message of the same order, so a partner always
 * hears an order's changes in order, however the retries interleave.
 */
export function createOutbound(deps: { db: Db; clock: Clock; secrets: SecretBox; timeoutMs?: number }) {
  const { db } = deps;
  const timeoutMs = deps.timeoutMs ?? 10_000;

  /** A message to a partner, in the caller's transaction, with the job that delivers it. */
  async function enqueue(
    tx: Executor,
    partner: repo.PartnerRow,
    m: { kind: string; orderId: string | null; externalId: string | null; uploadId?: string | undefined; payload: Record<string, unknown> },
    now: Date,
  ): Promise<repo.MessageRow> {
    const seq = m.orderId ? await repo.nextSeq(tx, partner.id, m.orderId) : null;
    const row = await repo.insertMessage(tx, { partnerId: partner.id, direction: 'out', ...m, seq, state: 'pending', createdAt: now });
    await outbox.enqueue(
      tx,
      { kind: deliverKind, payload: { messageId: row.id }, key: `${deliverKind}:${row.id}`, runAt: now, maxAttempts: deliveryAttempts },
      now,
    );
    return row;
  }

  /** Again from now (an administrator's retry, the reconciliation's re-send): a fresh job for the same message. */
  async function requeue(tx: Executor, row: repo.MessageRow, now: Date): Promise<void> {
    await outbox.enqueue(
      tx,
      { kind: deliverKind, payload: { messageId: row.id }, key: `${deliverKind}:${row.id}@${now.toISOString()}`, runAt: now, maxAttempts: deliveryAttempts },
      now,
    );
  }

  /**
   * Called by every order change (orders/transition.ts) inside its transaction, for orders that came from a partner:
   * a state change becomes a status message to that partner.
   */
  async function orderChanged(tx: Executor, order: OrderRow, action: string, now: Date, data?: Record<string, unknown>): Promise<void> {
    if (!order.sourcePartnerId || !isReported(action)) return;
    const partner = await repo.findPartner(tx, order.sourcePartnerId);
    if (!partner || !sendsTo(partner)) return;
    const [inbound] = await tx
      .select({ externalId: exchangeMessages.externalId })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.orderId, order.id), eq(exchangeMessages.direction, 'in'), eq(exchangeMessages.kind, 'order')));
    const payload = statusPayload(partner.mapping, {
      externalId: inbound?.externalId ?? null,
      number: order.number,
      state: order.state,
      action,
      at: now,
      answer: action === 'review_accept' || action === 'return_reject' ? (order.outcome?.measures ?? null) : null,
      invalidCategory: action === 'invalidate' ? (data?.category as string | undefined) : undefined,
      invalidReason: order.invalidReason,
    });
    await enqueue(tx, partner, { kind: 'status', orderId: order.id, externalId: inbound?.externalId ?? null, payload }, now);
  }

  /**
   * One message on the wire: signed with the partner's secret; a 2xx is delivery, its `receipt` the partner's. A
   * failure is thrown as a DeliveryFailure: its kind (domain/failures.ts) is stored with the message, its detail is
   * the job's error.
   */
  async function send(partner: repo.PartnerRow, m: repo.MessageRow, now: Date): Promise<string | null> {
    const body = wireBody(m);
    const headers = signedHeaders(partner.signingMethod as SigningMethod, deps.secrets.open(partner.signingSecret), body, now, randomUUID());
    let res: Response;
    try {
      res = await fetch(partner.endpoint!, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new DeliveryFailure(failureOfThrown(err, timeoutMs));
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new DeliveryFailure(failureOfStatus(res.status, text));
    try {
      const j = JSON.parse(text) as { receipt?: unknown };
      return typeof j.receipt === 'string' ? j.receipt.slice(0, 200) : null;
    } catch {
      return null;
    }
  }

  function register(jobs: JobRunner) {
    jobs.register(deliverKind, async (job, ctx) => {
      const { messageId } = job.payload as { messageId: number };
      const msg = await repo.findMessage(ctx.db, messageId);
      if (!msg || msg.state === 'delivered') return;
      const partner = await repo.findPartner(ctx.db, msg.partnerId);
      if (!partner || !sendsTo(partner)) throw new DeliveryFailure(notSending);
      const queue = msg.orderId && msg.seq !== null ? await repo.undeliveredUpTo(ctx.db, partner.id, msg.orderId, msg.seq) : [msg];
      for (const m of queue) {
        try {
          const receipt = await send(partner, m, ctx.now);
          await repo.recordAttempt(ctx.db, m.id, ctx.now, { ok: true, receipt });
        } catch (err) {
          // An earlier message sent ahead of this one keeps its state: its own job decides when it has failed for good.
          const state = job.attempts >= job.maxAttempts ? 'failed' : 'pending';
          const failure = failureOf(err, timeoutMs);
          if (m.id !== msg.id) {
            await repo.recordAttempt(ctx.db, m.id, ctx.now, { ok: false, failure });
            // This message waits behind the earlier one: its attempt and the reason are visible on it too.
            await repo.recordAttempt(ctx.db, msg.id, ctx.now, { ok: false, failure: behindEarlier(m.id, failure), state });
          } else await repo.recordAttempt(ctx.db, m.id, ctx.now, { ok: false, failure, state });
          throw err;
        }
      }
    });
  }

  return { enqueue, requeue, orderChanged, register, send };
}

export type Outbound = ReturnType<typeof createOutbound>;
