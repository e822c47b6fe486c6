import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.js';
import type { FieldMapping } from './domain/mapping.js';

/**
 * A platform the hotline exchanges orders with (a city's 12345, 民呼我为, the national 12351 platform, a government
 * department), registered by an administrator. The secret signs both directions; it is shown once, at creation.
 */
export const exchangePartners = pgTable(
  'exchange_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** What kind of platform: decides the channel of the orders it sends (national → upper_platform, 12345 → transfer_12345). */
    kind: text('kind').notNull(),
    direction: text('direction').notNull(),
    /** Where outbound messages go (status updates, transfers, the national upload); null for an inbound-only partner. */
    endpoint: text('endpoint'),
    /** The partner's own account data we must send (app key, platform code): never a secret of ours. */
    credentials: jsonb('credentials').$type<Record<string, string>>().notNull().default({}),
    signingMethod: text('signing_method').notNull(),
    /** HMAC: the shared secret; SM2: our private key. Encrypted at rest (platform/secrets), never listed. */
    signingSecret: text('signing_secret').notNull(),
    /** SM2 only: our public key, which the partner checks our signatures with (not secret, listed). */
    publicKey: text('public_key'),
    /** SM2 only: the partner's public key, which its requests are checked with. */
    partnerPublicKey: text('partner_public_key'),
    mapping: jsonb('mapping').$type<FieldMapping>().notNull(),
    receivingUnitId: uuid('receiving_unit_id')
      .notNull()
      .references(() => units.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exchange_partners_name_uq').on(t.name)],
);

/**
 * Every message exchanged with a partner, both directions: an order received (its receipt), a status sent back, a
 * transfer out and its answer, a national upload batch. Outbound ones are numbered per order (`seq`) and delivered
 * in that order by the job runner; `ack_count` > 1 records a partner that acknowledged twice.
 */
export const exchangeMessages = pgTable(
  'exchange_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    direction: text('direction').notNull(),
    kind: text('kind').notNull(),
    orderId: uuid('order_id'),
    /** The partner's id of the order (inbound orders, transfers); our message id is `id`. */
    externalId: text('external_id'),
    seq: integer('seq'),
    /** The national daily upload this message is a batch of (exchange_uploads). */
    uploadId: uuid('upload_id'),
    payload: jsonb('payload').notNull(),
    /** received | pending | delivered | failed */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Why the last attempt failed, as a kind the pages say in words (domain/failures.ts); `last_error` keeps the detail. */
    lastErrorKind: text('last_error_kind'),
    /** What the partner answered: its receipt number or acknowledgement. */
    partnerReceipt: text('partner_receipt'),
    ackCount: integer('ack_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  },
  (t) => [
    // The idempotency of what partners send: one order per (partner, external id), also under concurrency; one answer per transfer.
    uniqueIndex('exchange_messages_inbound_uq').on(t.partnerId, t.kind, t.externalId).where(sql`direction = 'in'`),
    uniqueIndex('exchange_messages_order_seq_uq').on(t.partnerId, t.orderId, t.seq),
    index('exchange_messages_partner_idx').on(t.partnerId, t.id),
    index('exchange_messages_order_idx').on(t.orderId),
    index('exchange_messages_state_idx').on(t.state, t.createdAt),
    // The exchange's figures (exchange.repo.ts figures), each an index range holding only what it counts: what came in
    // since the day's start, what was delivered since then, and what is delivered but not yet acknowledged (a set that
    // stays small while partners acknowledge). Failed and waiting are the state index's small states. Over the whole
    // table (a decade of every 12345 transfer and national upload) the figures read millions of messages per view.
    index('exchange_messages_in_created_idx').on(t.createdAt).where(sql`direction = 'in'`),
    index('exchange_messages_delivered_idx').on(t.deliveredAt).where(sql`direction = 'out' and state = 'delivered'`),
    index('exchange_messages_unacknowledged_idx').on(t.deliveredAt).where(sql`direction = 'out' and state = 'delivered' and ack_count = 0`),
    index('exchange_messages_upload_idx').on(t.uploadId).where(sql`upload_id is not null`),
  ],
);

/** Nonces of partners' signed requests in the last minutes: the same signed request twice is a replay. */
export const exchangeNonces = pgTable(
  'exchange_nonces',
  {
    partnerId: uuid('partner_id').notNull(),
    nonce: text('nonce').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.nonce] })],
);

/** A daily reconciliation of one partner: what we sent and received against what the partner acknowledged. */
export const exchangeReconciliations = pgTable(
  'exchange_reconciliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    day: text('day').notNull(),
    report: jsonb('report').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exchange_reconciliations_day_uq').on(t.partnerId, t.day)],
);

/**
 * One day's upload to the national platform (全总数据联通): made once per (partner, day) whichever instance runs the
 * daily job, its batches are outbound messages (`exchange_messages.upload_id`) delivered and retried one by one.
 */
export const exchangeUploads = pgTable(
  'exchange_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    day: text('day').notNull(),
    format: text('format').notNull(),
    orders: integer('orders').notNull(),
    batches: integer('batches').notNull(),
    figures: jsonb('figures').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exchange_uploads_day_uq').on(t.partnerId, t.day)],
);
