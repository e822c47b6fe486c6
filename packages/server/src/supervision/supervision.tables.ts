import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * What supervision did to an order: each timer signal (near due, overdue, escalated, progress missing, callback due
 * or retry) and each urge by hand. A timer signal has a unique `key`, so it exists once whatever the number of
 * instances and restarts; the row outlives the job that delivered its notice. Urges are counted per unit from here.
 */
export const supervisionSignals = pgTable(
  'supervision_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    /** near_due, overdue, escalated, progress_missing, callback_due, callback_retry, urge */
    kind: text('kind').notNull(),
    key: text('key'),
    step: text('step'),
    /** The deadline the signal is about (a new deadline after an extension makes new signals). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** For an overdue signal: when the step is overdue by a second full limit (the escalation). */
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    /** The unit that held the order (the one urged). */
    unitId: uuid('unit_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byUserId: uuid('by_user_id').notNull(),
    byRole: text('by_role').notNull(),
    message: text('message'),
    /** An urge by hand may ask for an answer by this instant. */
    answerDueAt: timestamp('answer_due_at', { withTimezone: true }),
    attempt: integer('attempt'),
  },
  (t) => [
    uniqueIndex('supervision_signals_key_uq').on(t.key),
    index('supervision_signals_order_idx').on(t.orderId, t.kind),
    index('supervision_signals_unit_idx').on(t.unitId, t.kind, t.at),
    index('supervision_signals_escalate_idx').on(t.escalateAt).where(sql`kind = 'overdue'`),
  ],
);

export type SignalRow = typeof supervisionSignals.$inferSelect;

/**
 * 领导批示: a leader's written instruction on an order, shown at the top of it, acknowledged by the unit holding it.
 * `provincial` is fixed when written (the leader's unit is the province's federation or its hotline centre): Shaanxi's
 * rule (orders/domain/instruction-rule.ts) asks for a provincial one before dispatch, a receiving unit's before reply.
 */
export const orderInstructions = pgTable(
  'order_instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    text: text('text').notNull(),
    provincial: boolean('provincial').notNull(),
    /** Written by the unit's principal leader (主要领导, `unitPrincipalLeaders`) as designated when it was written. */
    principal: boolean('principal').notNull().default(false),
    byUserId: uuid('by_user_id').notNull(),
    byName: text('by_name').notNull(),
    byUnitId: uuid('by_unit_id').notNull(),
    byUnitName: text('by_unit_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgedByUnitName: text('acknowledged_by_unit_name'),
    acknowledgeNote: text('acknowledge_note'),
  },
  (t) => [index('order_instructions_order_idx').on(t.orderId, t.at)],
);
export type InstructionRow = typeof orderInstructions.$inferSelect;

/** 应急机制的成员: who, at a unit, is told at once when an emergency order reaches that unit or the level below it. */
export const emergencyMembers = pgTable(
  'emergency_members',
  {
    unitId: uuid('unit_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** Their part in the mechanism, e.g. 组长, 联络员. */
    duty: text('duty').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] })],
);

/**
 * 主要领导: the one leader of a unit whose instruction Shaanxi's rule asks for before a province-dispatched order is
 * replied (the other leaders' instructions are shown, but do not release the order). Designated per unit by its
 * administrator or leader; a unit without one accepts any of its leaders (an installation not configured yet).
 */
export const unitPrincipalLeaders = pgTable('unit_principal_leaders', {
  unitId: uuid('unit_id').primaryKey(),
  userId: uuid('user_id').notNull(),
  setByName: text('set_by_name').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull(),
});

/** 应急处置方式: the way chosen for an emergency order (dispatch, handle at the hotline, mediate), one row per choice. */
export const emergencyWays = pgTable(
  'emergency_ways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    way: text('way').notNull(),
    note: text('note'),
    byName: text('by_name').notNull(),
    byUnitName: text('by_unit_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_ways_order_idx').on(t.orderId, t.at)],
);

/** 周例会 (Shaanxi's Thursday review): the meeting held over last week's difficult and poorly handled orders. */
export const reviewMeetings = pgTable(
  'review_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeUnitId: uuid('scope_unit_id').notNull(),
    /** The day it was held (Beijing date) and the Monday of the week it reviewed. */
    heldOn: text('held_on').notNull(),
    weekStart: text('week_start').notNull(),
    title: text('title').notNull(),
    attendees: text('attendees').notNull().default(''),
    summary: text('summary').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_meetings_scope_idx').on(t.scopeUnitId, t.heldOn)],
);

/** A meeting's decision on one order: a follow-up owned by a unit, due on a date, supervised until done. */
export const reviewItems = pgTable(
  'review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    orderId: uuid('order_id').notNull(),
    reasons: text('reasons').array().notNull(),
    decision: text('decision').notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull(),
    dueOn: text('due_on').notNull(),
    /** The instant the follow-up is due (end of its due day's working time): the scan reminds and marks it overdue. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    state: text('state').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('review_items_meeting_idx').on(t.meetingId), index('review_items_open_idx').on(t.dueAt).where(sql`state = 'open'`)],
);

/**
 * 月度研判: a problem found in a month's orders → the rectification measures → the evaluation of their effect, with an
 * owner, a due date and a status; an item not yet evaluated is carried into every later month's list.
 */
export const analysisItems = pgTable(
  'analysis_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeUnitId: uuid('scope_unit_id').notNull(),
    month: text('month').notNull(),
    problem: text('problem').notNull(),
    measures: text('measures').notNull().default(''),
    evaluation: text('evaluation').notNull().default(''),
    ownerUnitId: uuid('owner_unit_id').notNull(),
    dueOn: text('due_on').notNull(),
    /** open → rectifying (measures set) → evaluated (closed). */
    state: text('state').notNull().default('open'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analysis_items_scope_idx').on(t.scopeUnitId, t.month)],
);

/** 通报: a month's circulated notice of units' overdue, returned and dissatisfied orders; generated, reviewed, published. */
export const circulars = pgTable(
  'circulars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeUnitId: uuid('scope_unit_id').notNull(),
    month: text('month').notNull(),
    /** draft → published */
    state: text('state').notNull().default('draft'),
    rows: jsonb('rows').notNull(),
    remarks: text('remarks').notNull().default(''),
    version: integer('version').notNull().default(1),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByName: text('published_by_name'),
  },
  (t) => [uniqueIndex('circulars_scope_month_uq').on(t.scopeUnitId, t.month)],
);
