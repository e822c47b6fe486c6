import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { AppError, invalid, notFound, type FieldError } from '../platform/errors/app-error.js';
import { english } from '../platform/i18n/english.js';
import type { SystemActor } from '../platform/jobs/system-actor.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import type { SigningMethod } from '../platform/signing/hmac.js';
import { verifySignedRequest, type SignedHeaders } from '../platform/signing/signed-request.js';
import { createOrderBody } from '../orders/orders.schemas.js';
import type { createIntakeService } from '../orders/intake.service.js';
import { recordOrderFact } from '../orders/order-facts.js';
import { lockOrder } from '../orders/orders.repo.js';
import { isUniqueViolation } from '../platform/db/unique-violation.js';
import { channelOf, mapInbound, theirField, type PartnerKind } from './domain/mapping.js';
import { maskedInboundOrder } from './domain/payload-privacy.js';
import * as repo from './exchange.repo.js';
import { createCoalescer } from '../platform/concurrency/coalesce.js';
import type { PartnerDirectory } from './partner-directory.js';
import type { Outbound } from './outbound.js';
import { sendsTo } from './outbound.js';

/** The order fields a partner may send: createOrder's, with the channel ours to set and nothing closed on the spot. */
const partnerOrder = createOrderBody.omit({ channel: true, answeredOnSpot: true });

/**
 * What partners send us, each request signed with the partner's secret and its nonce used once: orders
 * (receiveExternalOrder, idempotent per (partner, external id)), acknowledgements of what we sent, and the answers
 * to orders we transferred to them.
 */
export function createInboundService(deps: {
  db: Db;
  clock: Clock;
  intake: ReturnType<typeof createIntakeService>;
  outbound: Outbound;
  system: () => Promise<SystemActor>;
  secrets: SecretBox;
  partners: PartnerDirectory;
  /** PGlite: coalesced claims wait a turn of the event loop, one in flight (platform/concurrency/coalesce.ts `gather`). */
  inProcessDatabase?: boolean;
}) {
  const { db, clock } = deps;
  // What the receipts that arrive together each ask of the database is one statement for all of them (coalesce.ts).
  const together = <I, O>(run: (items: I[]) => Promise<O[]>) =>
    createCoalescer<I, O>({ inFlight: deps.inProcessDatabase ? 1 : 2, gather: deps.inProcessDatabase ?? false, maxBatch: 100, run });
  // Their nonces one INSERT (alone, each was a statement and a commit, a WAL flush, before the order was even begun) …
  const nonces = together((claims: { partnerId: string; nonce: string; at: Date }[]) => repo.claimNonces(db, claims));
  // … and their duplicate checks one read.
  const received = together((keys: { partnerId: string; externalId: string }[]) => repo.findInboundOrders(db, keys));

  /** The partner named in the body, and the request's signature with its secret: anything wrong is 401, nothing stored. */
  async function authenticate(partnerId: string, h: SignedHeaders, rawBody: string, accepts: 'orders' | 'messages') {
    const partner = await deps.partners.find(partnerId);
    if (!partner || !partner.active || (accepts === 'orders' && partner.direction === 'out')) {
      throw new AppError('unauthenticated', 'EXCHANGE_PARTNER_UNKNOWN', '对接平台不存在、已停用或不向本平台发送工单');
    }
    const now = clock.now();
    await verifySignedRequest(h, rawBody, {
      method: partner.signingMethod as SigningMethod,
      // SM2: the partner signs with its private key, checked with its public key; HMAC: the shared secret.
      secret: partner.signingMethod === 'sm2' ? (partner.partnerPublicKey ?? '') : deps.secrets.open(partner.signingSecret),
      now,
      claimNonce: (nonce) => nonces.submit({ partnerId: partner.id, nonce, at: now }),
    });
    return partner;
  }

  const receipt = (m: repo.InboundOrder, number: string, duplicate: boolean) => ({
    orderId: m.orderId,
    number,
    duplicate,
    receivedAt: m.createdAt.toISOString(),
  });

  async function existing(partnerId: string, externalId: string) {
    const m = await received.submit({ partnerId, externalId });
    if (!m) return null;
    return receipt(m, m.payload.number ?? '', true);
  }

  /** Field errors in the partner's own terms: `order.<their field>`. */
  function theirErrors(partner: repo.PartnerRow, fields: FieldError[], prefix: string): FieldError[] {
    return fields.map((f) => ({
      field: `order.${theirField(partner.mapping, f.field.startsWith(prefix) ? f.field.slice(prefix.length) : f.field)}`,
      message: f.message,
    }));
  }

  async function receiveOrder(h: SignedHeaders, rawBody: string, body: { partnerId: string; externalId: string; order: Record<string, unknown> }) {
    const partner = await authenticate(body.partnerId, h, rawBody, 'orders');
    const known = await existing(partner.id, body.externalId);
    if (known) return known;
    const ours = mapInbound(partner.mapping, body.order);
    const parsed = partnerOrder.safeParse(ours);
    if (!parsed.success) {
      const fields = theirErrors(
        partner,
        parsed.error.issues.map((i) => ({
          field: [...i.path, ...((i as { keys?: string[] }).keys ?? [])].join('.'),
          message: i.message,
        })),
        '',
      );
      // Each field with its problem; the English says each problem by the English table.
      const zh = fields.map((f) => `${f.field} ${f.message}`).join('；');
      const en = fields.map((f) => `${f.field} ${english(f.message)}`).join('; ');
      throw invalid('EXCHANGE_ORDER_INVALID', `工单内容不符合要求：${zh}`, fields, `The order does not meet the requirements: ${en}`);
    }
    const system = await deps.system();
    const now = clock.now();
    try {
      const order = await deps.intake.receiveExternal(
        {
          userId: system.userId,
          displayName: system.displayName,
          role: 'system',
          unitId: partner.receivingUnitId,
          sourcePartnerId: partner.id,
          partnerName: partner.name,
          externalId: body.externalId,
        },
        { ...parsed.data, channel: channelOf(partner.kind as PartnerKind) },
        // The receipt's message, written by the order's own statement. Refused when another request with the same
        // external id committed first: this order must not exist.
        (o) =>
          repo.inboundAlongside({
            partnerId: partner.id,
            kind: 'order',
            orderId: o.id,
            externalId: body.externalId,
            // Kept with its callers' numbers masked (hidden when confidential), as every reader is shown it
            // (domain/payload-privacy.ts): nothing reads the partner's whole order once ours is made. A repeat is
            // answered by the order's number beside it, the order holds the caller (whole behind reveal_contact).
            payload: { number: o.number, order: maskedInboundOrder(partner.mapping, body.order, ours) },
            createdAt: now,
          }),
        // A partner that takes status messages hears of the order from the same transaction.
        sendsTo(partner) ? (tx, o) => deps.outbound.orderChanged(tx, o, 'create', now) : undefined,
      );
      return { orderId: order.id, number: order.number, duplicate: false, receivedAt: now.toISOString() };
    } catch (err) {
      if (isUniqueViolation(err, 'exchange_messages_inbound_uq')) {
        const dup = await existing(partner.id, body.externalId);
        if (dup) return dup;
      }
      if (err instanceof AppError && err.kind === 'invalid' && err.details?.fields) {
        throw invalid(err.code, err.message, theirErrors(partner, err.details.fields, 'body.'), err.english);
      }
      throw err;
    }
  }

  /**
   * A partner's messages about what we sent: acknowledgements (a message acknowledged twice is counted, not
   * re-applied), and the answer to an order we transferred to it, which goes onto the order's timeline once.
   */
  async function receiveMessage(
    h: SignedHeaders,
    rawBody: string,
    body:
      | { partnerId: string; type: 'ack'; acks: { messageId: string; receipt?: string | undefined }[] }
      | { partnerId: string; type: 'answer'; messageId: string; answer: string; handledBy?: string | undefined },
  ) {
    const partner = await authenticate(body.partnerId, h, rawBody, 'messages');
    const now = clock.now();
    if (body.type === 'ack') {
      const unknown: string[] = [];
      let acknowledged = 0;
      await db.transaction(async (tx) => {
        for (const a of body.acks) {
          const id = Number(a.messageId);
          const row = Number.isSafeInteger(id) && id > 0 ? await repo.acknowledge(tx, partner.id, id, a.receipt ?? null, now) : undefined;
          if (row) acknowledged++;
          else unknown.push(a.messageId);
        }
      });
      return { acknowledged, unknown };
    }
    const transferId = Number(body.messageId);
    const transfer = Number.isSafeInteger(transferId) && transferId > 0 ? await repo.findMessage(db, transferId) : undefined;
    if (!transfer || transfer.partnerId !== partner.id || transfer.kind !== 'transfer' || !transfer.orderId) {
      throw notFound('EXCHANGE_TRANSFER_NOT_FOUND', '没有这条转办消息');
    }
    const system = await deps.system();
    const recorded = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, transfer.orderId!);
      const written = await repo.insertInbound(tx, {
        partnerId: partner.id,
        kind: 'answer',
        orderId: transfer.orderId!,
        externalId: String(transfer.id),
        payload: { answer: body.answer, handledBy: body.handledBy ?? null },
        createdAt: now,
      });
      if (!written || !order) return false;
      await recordOrderFact(tx, {
        orderId: order.id,
        state: order.state,
        at: now,
        action: 'transfer_answered',
        actor: system,
        unitName: partner.name,
        data: { partner: { id: partner.id, name: partner.name }, messageId: String(transfer.id), handledBy: body.handledBy ?? null },
        note: body.answer,
      });
      return true;
    });
    return { acknowledged: recorded ? 1 : 0, unknown: [] as string[], duplicate: !recorded };
  }

  return { receiveOrder, receiveMessage };
}

export type InboundService = ReturnType<typeof createInboundService>;
