import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workOrders } from '../orders/orders.tables.js';
import { units } from '../units/units.tables.js';
import { users } from '../users/users.tables.js';

/**
 * Verification codes sent to a worker's phone before the public page accepts a request or an application from it.
 * Only a hash of the code is kept; a code expires, is used once, and dies after a few wrong tries.
 */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('verification_codes_phone_idx').on(t.phone, t.createdAt)],
);

/** The worker's own rating of the handling (the self-rating channel of satisfaction, kpis.md): once per order. */
export const publicRatings = pgTable('public_ratings', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => workOrders.id),
  satisfaction: text('satisfaction').notNull(),
  comment: text('comment'),
  ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
});

/**
 * 入会申请: a worker's application to join the union, routed to the union of the employer's place, with its own
 * small loop: received → accepted → member card issued (or declined with a reason).
 */
export const membershipApplications = pgTable(
  'membership_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    employer: text('employer').notNull(),
    industry: text('industry').notNull(),
    placeText: text('place_text'),
    divisionCode: text('division_code'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitPath: text('unit_path').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    cardNumber: text('card_number'),
    declineReason: text('decline_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    cardIssuedAt: timestamp('card_issued_at', { withTimezone: true }),
    cardIssuedBy: uuid('card_issued_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('membership_applications_number_uq').on(t.number),
    index('membership_applications_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.createdAt),
  ],
);
export type MembershipRow = typeof membershipApplications.$inferSelect;
