import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workOrders } from '../orders/orders.tables.js';
import { units } from '../units/units.tables.js';
import { users } from '../users/users.tables.js';

/**
 * The union's WeChat service groups (Taiyuan's 工好运): an enterprise-WeChat group with the union's bot in it, the
 * union it belongs to and the chair told when a message looks like a grievance.
 */
export const serviceGroups = pgTable('service_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The group's id in enterprise WeChat (chatid), as the bot sends it. */
  chatId: text('chat_id').notNull().unique(),
  name: text('name').notNull(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  chairUserId: uuid('chair_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Each message the bot posted, once (group, message id): what the intelligence module read in it and, for a likely
 * grievance, the draft request waiting for the chair: draft → confirmed (an order waiting for an agent's check) or
 * dismissed. Other messages are kept as `read` (nothing to do).
 */
export const groupMessages = pgTable(
  'group_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => serviceGroups.id),
    messageId: text('message_id').notNull(),
    senderId: text('sender_id').notNull(),
    senderName: text('sender_name').notNull(),
    text: text('text').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    reading: jsonb('reading').$type<{ typeCode: string; subjectCode: string; confidence: number; riskFlags: string[]; why: string[] }>().notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    orderId: uuid('order_id').references(() => workOrders.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    dismissReason: text('dismiss_reason'),
  },
  (t) => [uniqueIndex('group_messages_message_uq').on(t.groupId, t.messageId), index('group_messages_state_idx').on(t.state, t.receivedAt)],
);
export type GroupMessageRow = typeof groupMessages.$inferSelect;

/** Nonces of the bot relay's signed requests in the last minutes: the same signed request twice is a replay. */
export const groupRequestNonces = pgTable('group_request_nonces', {
  nonce: text('nonce').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
