import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys (`Idempotency-Key` header): per account and operation, the key a client sent, a fingerprint of the
 * request body and what the first request made. Written in the same transaction as that first change, so a key is
 * never stored for a change that did not commit, nor a change committed without its key. Owned by platform/idempotency.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id').notNull(),
    /** The operation the key belongs to (`createOrder`): one key may be used once per operation. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** sha256 of the canonical JSON body: the same key with another body is refused, never replayed. */
    requestHash: text('request_hash').notNull(),
    /** What the first request created (an order id): a replay answers with it. */
    resourceId: text('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
