import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Keys this installation makes for itself and never shows: one row per purpose (`search_fingerprint`: the HMAC key of
 * the fingerprints the audit log keeps of searched phone and ID numbers, platform/privacy/fingerprint.ts). Made at
 * first use, random, never changed and never returned by any route. Owned by platform/privacy.
 */
export const privacyKeys = pgTable('privacy_keys', {
  purpose: text('purpose').primaryKey(),
  /** 32 random bytes, base64. */
  key: text('key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
