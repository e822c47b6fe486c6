import { notCountedStateLiterals } from './open-states.js';
import type { ReplyDoubt } from '../handling/domain/reply-plausibility.js';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.js';
import { users } from '../users/users.tables.js';
import { riskFlagCodes } from '../catalog/domain/catalog.js';

/**
 * `doubts`: what looked implausible in the reply when it was given (handling/domain/reply-plausibility.ts);
 * `confirmedDoubts`: those about the figures, which the handler confirmed before the reply was taken.
 */
export type OrderOutcome = {
  resolved: boolean;
  measures: string;
  amountRecovered: number;
  workersHelped: number;
  doubts?: ReplyDoubt[];
  confirmedDoubts?: ReplyDoubt[];
};
export type LimitSnapshot = { amount: number | null; unit: string; countFrom: string; ruleId: string | null };
/** `amount` and `unit` (the reply limit's) are recorded since the typed events; older rows lack them. */
export type PendingExtension = { id: string; requestedAt: string; requestedDueAt: string; reason: string; amount?: number; unit?: string };

/** The work order (工单). Deadlines of the current step are stored with their near-due instant so lists filter in SQL. */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    channel: text('channel').notNull(),
    typeCode: text('type_code').notNull(),
    subjectCode: text('subject_code').notNull(),
    priority: text('priority').notNull(),
    tier: text('tier').notNull(),
    riskFlags: text('risk_flags').array().notNull().default(sql`'{}'::text[]`),
    title: text('title').notNull(),
    narrative: text('narrative').notNull(),
    /** The answer given on the spot, for an order closed at intake. */
    answer: text('answer'),
    employerName: text('employer_name'),
    employerKey: text('employer_key'),
    employerCreditCode: text('employer_credit_code'),
    employerAddress: text('employer_address'),
    placeText: text('place_text'),
    divisionCode: text('division_code'),
    workersInvolved: integer('workers_involved'),
    amountInvolved: numeric('amount_involved', { precision: 14, scale: 2, mode: 'number' }),
    confidential: boolean('confidential').notNull().default(false),
    isGroup: boolean('is_group').notNull().default(false),
    callerCount: integer('caller_count').notNull().default(1),
    intakeUnitId: uuid('intake_unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdByRole: text('created_by_role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The unit that has the order now: the intake unit before dispatch, the receiving unit after. */
    holderUnitId: uuid('holder_unit_id')
      .notNull()
      .references(() => units.id),
    holderUnitPath: text('holder_unit_path').notNull(),
    hopDispatcherUnitId: uuid('hop_dispatcher_unit_id').references(() => units.id),
    dispatchUnitId: uuid('dispatch_unit_id').references(() => units.id),
    /** Every unit whose subtree holds a unit involved (intake, each hop, co-handlers): the access rule in one indexed array. */
    visibleTo: uuid('visible_to').array().notNull(),
    firstDispatchedAt: timestamp('first_dispatched_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    currentStep: text('current_step'),
    currentStepStartedAt: timestamp('current_step_started_at', { withTimezone: true }),
    currentDueAt: timestamp('current_due_at', { withTimezone: true }),
    currentNearDueAt: timestamp('current_near_due_at', { withTimezone: true }),
    replyStartedAt: timestamp('reply_started_at', { withTimezone: true }),
    replyDueAt: timestamp('reply_due_at', { withTimezone: true }),
    replyNearDueAt: timestamp('reply_near_due_at', { withTimezone: true }),
    replyLimit: jsonb('reply_limit').$type<LimitSnapshot>(),
    returnDueAt: timestamp('return_due_at', { withTimezone: true }),
    callbackDueAt: timestamp('callback_due_at', { withTimezone: true }),
    /** An open deadline was counted into a provisional calendar year; recomputed when the official year is entered. */
    deadlineProvisional: boolean('deadline_provisional').notNull().default(false),
    /**
     * The first provisional day of the calendar those deadlines were counted on (null when none is provisional): an
     * order whose date is before the current calendar's was counted before an official year replaced the provisional
     * one, and is carried to it by the year's recompute or by its next change, whichever comes first
     * (provisional-deadlines.ts).
     */
    deadlineProvisionalFrom: date('deadline_provisional_from', { mode: 'string' }),
    pendingExtension: jsonb('pending_extension').$type<PendingExtension>(),
    extensionCount: integer('extension_count').notNull().default(0),
    returnCount: integer('return_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    callbackAttempts: integer('callback_attempts').notNull().default(0),
    outcome: jsonb('outcome').$type<OrderOutcome>(),
    handlingSatisfaction: text('handling_satisfaction'),
    callSatisfaction: text('call_satisfaction'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    invalidReason: text('invalid_reason'),
    /** The exchange partner the order came from (exchange/): its status changes are sent back there. */
    sourcePartnerId: uuid('source_partner_id'),
    /** Came in without an agent (self-service page, WeChat group): an agent checks it before it can be dispatched. */
    awaitingCheck: boolean('awaiting_check').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    index('work_orders_visible_to_idx').using('gin', t.visibleTo),
    index('work_orders_created_idx').on(t.createdAt, t.id),
    index('work_orders_state_created_idx').on(t.state, t.createdAt),
    index('work_orders_holder_path_idx').using('btree', sql`${t.holderUnitPath} text_pattern_ops`),
    index('work_orders_employer_key_idx').on(t.employerKey, t.createdAt),
    // The intake's "same employer in 30 days" count (orders.repo.ts requestsAboutEmployersAtIntake) stops at its cap
    // of counted orders; through the index above it read every invalid order of the employer first: after a wave of
    // 180,000 orders about one employer was marked 无效, its next intakes fell from ~1,000 to ~100 a second.
    index('work_orders_employer_counted_idx').on(t.employerKey, t.createdAt).where(sql`${t.state} not in (${notCountedStateLiterals})`),
    index('work_orders_due_idx').on(t.currentDueAt),
    // The orders with provisional deadlines, few among all, in the order the year's recompute walks them.
    index('work_orders_provisional_idx').on(t.id).where(sql`${t.deadlineProvisional}`),
    check('work_orders_provisional_from', sql`${t.deadlineProvisional} = (${t.deadlineProvisionalFrom} is not null)`),
    // The work queues' order (order-list.ts, due_asc): open orders by deadline, then the closed ones, walked from the start.
    index('work_orders_due_order_idx').on(sql`coalesce(${t.currentDueAt}, 'infinity'::timestamptz)`, t.id),
    // A queue of one state (待审核, 待回访, 办理中…) in that order: its first page is the start of one range.
    index('work_orders_state_due_idx').on(t.state, sql`coalesce(${t.currentDueAt}, 'infinity'::timestamptz)`, t.id),
    // A unit's own queues (待签收: one state, in that order; 我的待办: two states, the unit's few rows sorted): without it
    // the page walked every open order of the province by deadline, or of the state, and kept the unit's (a county at
    // 1,000,000 orders: 12,185 rows read for 21, 63 ms; 待签收 1,966 for 21, 13 ms).
    index('work_orders_holder_state_due_idx').on(t.holderUnitId, t.state, sql`coalesce(${t.currentDueAt}, 'infinity'::timestamptz)`, t.id),
    // The national upload's day figures (orders-for-exchange.ts orderFiguresOfDay): the orders closed in a day are a
    // range of the closing time; the orders open at a day's end are those still open now (a null closing time, at
    // infinity: the backlog) with those closed since, created before it: one range from the day's end, short for a
    // recent day. A day's callbacks are a range of theirs.
    index('work_orders_closed_created_idx').on(sql`coalesce(${t.closedAt}, 'infinity'::timestamptz)`, t.createdAt),
    index('work_orders_callback_idx').on(t.callbackAt).where(sql`${t.callbackAt} is not null`),
    // The list's filters (order-list.ts conditions), each value's orders newest first: a page of a rare subject, type,
    // channel, priority or tier reads its own rows in the page's order, and its total (counted up to the cap) reads a
    // bounded number of them. Through the creation order a rare value walked the history, and its count scanned all of
    // it: at 1,000,000 orders a county's 心理关爱 308 ms, the province's 重大 80 ms (bench: lists' filters).
    index('work_orders_subject_created_idx').on(t.subjectCode, t.createdAt, t.id),
    index('work_orders_type_created_idx').on(t.typeCode, t.createdAt, t.id),
    index('work_orders_channel_created_idx').on(t.channel, t.createdAt, t.id),
    index('work_orders_priority_created_idx').on(t.priority, t.createdAt, t.id),
    index('work_orders_tier_created_idx').on(t.tier, t.createdAt, t.id),
    index('work_orders_confidential_created_idx').on(t.createdAt, t.id).where(sql`${t.confidential}`),
    // A risk flag (危众多大隐) the same way, one partial index per flag: a GIN over the flags read every order with the
    // flag and sorted them (the province's 隐 at 1,000,000 orders: 233 ms, 18 at 100,000).
    ...riskFlagCodes.map((flag) =>
      index(`work_orders_flag_${flag}_created_idx`)
        .on(t.createdAt, t.id)
        .where(sql`${t.riskFlags} @> array[${sql.raw(`'${flag}'`)}]::text[]`),
    ),
  ],
);

/** Callers of an order: a group order has several; a merged order's callers move to the surviving one. */
export const orderCallers = pgTable(
  'order_callers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    name: text('name').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    relation: text('relation').notNull().default('self'),
    isPrimary: boolean('is_primary').notNull().default(false),
    channel: text('channel').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    /** The order this caller came from when orders were merged. */
    sourceOrderId: uuid('source_order_id'),
    /**
     * The caller asked to stay unknown to the handling unit. It belongs to the caller, not only to the order: merged
     * into an ordinary order, a confidential caller stays hidden there too (order-view.ts, contactAccessFor).
     */
    confidential: boolean('confidential').notNull().default(false),
    addedBy: uuid('added_by').references(() => users.id),
  },
  (t) => [index('order_callers_order_idx').on(t.orderId), index('order_callers_phone_idx').on(t.phone)],
);

/** The timeline: append-only, written in the transaction of the change it records. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    unitId: uuid('unit_id'),
    unitName: text('unit_name'),
    data: jsonb('data'),
    note: text('note'),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.id),
    // The emergency rule's daily progress check reads the notes written since a day began (supervision.repo.ts
    // scanCandidateIds): without it, a parallel scan of the whole timeline at every pass (230 ms of a 100,000-open scan).
    index('order_events_notes_idx').on(t.at, t.orderId).where(sql`${t.action} = 'add_note'`),
  ],
);

/** Each dispatch hop down the tree (派单 / 下派), with how it ended. */
export const orderHops = pgTable(
  'order_hops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    seq: integer('seq').notNull(),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id),
    toUnitId: uuid('to_unit_id')
      .notNull()
      .references(() => units.id),
    dispatchedBy: uuid('dispatched_by')
      .notNull()
      .references(() => users.id),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull(),
    note: text('note'),
    signDueAt: timestamp('sign_due_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    /** open, signed, returned, redispatched (passed further down), withdrawn (return accepted and sent elsewhere). */
    status: text('status').notNull().default('open'),
  },
  (t) => [uniqueIndex('order_hops_seq_uq').on(t.orderId, t.seq)],
);

export const orderCoHandlers = pgTable(
  'order_co_handlers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    invitedByUnitId: uuid('invited_by_unit_id')
      .notNull()
      .references(() => units.id),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    task: text('task'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    partReply: text('part_reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    repliedBy: uuid('replied_by').references(() => users.id),
  },
  (t) => [index('order_co_handlers_order_idx').on(t.orderId), index('order_co_handlers_unit_idx').on(t.unitId).where(sql`${t.removedAt} is null`)],
);

export const orderExtensions = pgTable(
  'order_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedByUnitId: uuid('requested_by_unit_id')
      .notNull()
      .references(() => units.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    previousDueAt: timestamp('previous_due_at', { withTimezone: true }).notNull(),
    requestedDueAt: timestamp('requested_due_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    approved: boolean('approved'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('order_extensions_order_idx').on(t.orderId)],
);

export const orderAttachments = pgTable(
  'order_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    kind: text('kind').notNull().default('other'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedByUnitId: uuid('uploaded_by_unit_id')
      .notNull()
      .references(() => units.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_attachments_order_idx').on(t.orderId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Attachment bytes on a PostgreSQL server (shared by every instance); the embedded default keeps files under DATA_DIR. */
export const attachmentBlobs = pgTable('attachment_blobs', {
  storageKey: text('storage_key').primaryKey(),
  bytes: bytea('bytes').notNull(),
});

export const orderLinks = pgTable(
  'order_links',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => workOrders.id),
    linkedOrderId: uuid('linked_order_id')
      .notNull()
      .references(() => workOrders.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.linkedOrderId] })],
);

/** Daily order-number sequences per province: one atomic upsert hands out the next number. */
export const orderSequences = pgTable(
  'order_sequences',
  {
    province: text('province').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.province, t.day] })],
);

/**
 * Every employer name the orders have given (用人单位), once, with its normalised key (orders/domain/employer.ts):
 * the list's employer filter finds the names containing what was typed here — a province's few tens of thousands of
 * names, not its million orders — and then the orders of their keys by work_orders_employer_key_idx. `grams` are the
 * one- and two-character pieces of the key and of the lower-cased name (employer_grams, drizzle/0045), so a name
 * containing 恒昌 is found through the GIN index whatever the table's size; a piece is indexed once per name, at the
 * first order that gives the name (intake writes it in the new orders' statement: new-order.repo.ts).
 */
export const orderEmployerNames = pgTable(
  'order_employer_names',
  {
    name: text('name').primaryKey(),
    key: text('key').notNull(),
    grams: text('grams').array().notNull().generatedAlwaysAs(sql`array_cat(employer_grams(key), employer_grams(lower(name)))`),
  },
  // Without the pending list: a new name's pieces go straight into the index (a few dozen entries), never a
  // list of thousands merged by whichever intake fills it (autovacuum may be off, as on this bench's server).
  (t) => [index('order_employer_names_grams_idx').using('gin', t.grams).with({ fastupdate: false })],
);
