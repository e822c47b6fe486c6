import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ItemScores, ScoreItem } from './domain/score-sheet.js';

/** Score sheets as data; a sheet in use is never edited in place: a new version is a new row (inspections keep theirs). */
export const qaScoreSheets = pgTable('qa_score_sheets', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  items: jsonb('items').$type<ScoreItem[]>().notNull(),
  passMark: numeric('pass_mark', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * One inspected order, or one call that made no order (a consultation answered on the spot), of a day's sample or
 * added by hand. States: pending → scored → (appealed →
 * decided). The agent inspected may appeal once; another inspector decides.
 */
export const qaInspections = pgTable(
  'qa_inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The sample day (Asia/Shanghai) the order belongs to. */
    day: date('day', { mode: 'string' }).notNull(),
    orderId: uuid('order_id'),
    /** The telephony call id, for a call inspected on its own (calls that made an order are inspected with it). */
    callId: text('call_id'),
    /** The hotline centre's scope the sample was drawn for: inspections are read within it. */
    scopePath: text('scope_path').notNull(),
    agentUserId: uuid('agent_user_id').notNull(),
    drawnBy: text('drawn_by').notNull(), // 'system' | 'manual'
    reasons: text('reasons').array().notNull(),
    state: text('state').notNull().default('pending'),
    sheetId: uuid('sheet_id').notNull(),
    inspectorUserId: uuid('inspector_user_id'),
    scores: jsonb('scores').$type<ItemScores>(),
    total: numeric('total', { precision: 6, scale: 1, mode: 'number' }),
    passed: boolean('passed'),
    comments: text('comments'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    appealReason: text('appeal_reason'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    appealDeciderUserId: uuid('appeal_decider_user_id'),
    appealDecision: text('appeal_decision'), // 'upheld' | 'revised'
    appealNote: text('appeal_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('qa_inspections_day_order_uq').on(t.day, t.orderId),
    uniqueIndex('qa_inspections_day_call_uq').on(t.day, t.callId),
    check('qa_inspections_one_subject', sql`(${t.orderId} is null) <> (${t.callId} is null)`),
    index('qa_inspections_agent_idx').on(t.agentUserId, t.day),
    // A scope is a path prefix (`like '…%'`): only a pattern index serves it under a collation that is not C.
    index('qa_inspections_scope_day_idx').using('btree', sql`${t.scopePath} text_pattern_ops`, t.day),
  ],
);

/** A failed item becomes a rectification (整改) with an owner and a due date; closed on time or late. */
export const qaRectifications = pgTable(
  'qa_rectifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => qaInspections.id),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedNote: text('closed_note'),
    /** Withdrawn when an appeal revises the score and the item is no longer failed. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('qa_rectifications_owner_idx').on(t.ownerUserId),
    index('qa_rectifications_due_idx').on(t.dueAt),
    index('qa_rectifications_inspection_idx').on(t.inspectionId),
  ],
);
