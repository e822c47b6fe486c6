import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  serial,
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Citation } from './domain/legal-basis.js';
import type { RiskReason } from './domain/risk-assessment.js';

/**
 * Legal supervision letters to employers (提示函 / 意见书): draft → approved (numbered) → sent → responded → closed.
 * The number is given at approval from letter_sequences, so drafts that are dropped leave no gaps.
 */
export const supervisionLetters = pgTable(
  'supervision_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    kind: text('kind').notNull(),
    issuingUnitId: uuid('issuing_unit_id').notNull(),
    issuingUnitName: text('issuing_unit_name').notNull(),
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    employerName: text('employer_name').notNull(),
    facts: text('facts').notNull(),
    legalBasis: jsonb('legal_basis').$type<Citation[]>().notNull(),
    demands: text('demands').notNull(),
    replyBy: date('reply_by', { mode: 'string' }).notNull(),
    state: text('state').notNull().default('draft'),
    draftedBy: uuid('drafted_by').notNull(),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentVia: text('sent_via'),
    response: text('response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    visitAt: timestamp('visit_at', { withTimezone: true }),
    visitResult: text('visit_result'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('supervision_letters_order_idx').on(t.orderId), uniqueIndex('supervision_letters_number_uq').on(t.issuingUnitId, t.kind, t.year, t.seq)],
);

export const letterSequences = pgTable(
  'letter_sequences',
  {
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind, t.year] })],
);

/**
 * The register's rank of a level: high, medium, low (not the words' alphabetical order, which put low before
 * medium). The list is ordered by it, the index below is made on it: the two must stay the same expression.
 */
export const registerRankOf = (level: AnyPgColumn) => sql<number>`(case ${level} when 'high' then 0 when 'medium' then 1 else 2 end)`;

/** The risk-employer register (风险用人单位), keyed by the normalised employer name the orders carry. */
export const riskEmployers = pgTable(
  'risk_employers',
  {
    employerKey: text('employer_key').primaryKey(),
    employerName: text('employer_name').notNull(),
    creditCode: text('credit_code'),
    level: text('level').notNull(),
    reasons: jsonb('reasons').$type<RiskReason[]>().notNull(),
    ordersInWindow: integer('orders_in_window').notNull(),
    amountTotal: numeric('amount_total', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    workersMax: integer('workers_max').notNull(),
    /** The union of the place (the territorial unit of its latest order) that is told and visits. */
    territorialUnitId: uuid('territorial_unit_id'),
    territorialUnitPath: text('territorial_unit_path'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
    /** Left the register when no reason held any more at an evaluation; it re-enters (and is told again) later. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    // A territory is a path prefix (`like '…%'`): a plain index on text serves it only under the C collation.
    index('risk_employers_territory_idx').using('btree', sql`${t.territorialUnitPath} text_pattern_ops`),
    // The register's order (legal.repo.ts registerPage): rank, more orders in the window first, the key. All ascending
    // (the count negated), so that a page's keyset is one row comparison: the start of one range of this index.
    // Over the employers on the register only: those that left stay in the table for good and outnumber them in time.
    index('risk_employers_rank_idx').on(registerRankOf(t.level), sql`(-${t.ordersInWindow})`, t.employerKey).where(sql`${t.leftAt} is null`),
  ],
);

/** Planned "12351 + legal supervision" visits to a risk employer, with their results. */
export const riskEmployerVisits = pgTable(
  'risk_employer_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerKey: text('employer_key').notNull(),
    unitId: uuid('unit_id').notNull(),
    plannedFor: date('planned_for', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    plannedBy: uuid('planned_by').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }),
    result: text('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('risk_employer_visits_employer_idx').on(t.employerKey)],
);

/** "12351 + petitions": a hard case referred to the union's petition channel or legal-aid team, and its result. */
export const caseReferrals = pgTable(
  'case_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    channel: text('channel').notNull(), // 'petition' | 'legal_aid'
    reason: text('reason').notNull(),
    referredBy: uuid('referred_by').notNull(),
    referredByUnitId: uuid('referred_by_unit_id').notNull(),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull(),
    result: text('result'),
    resultAt: timestamp('result_at', { withTimezone: true }),
  },
  (t) => [index('case_referrals_order_idx').on(t.orderId)],
);

/**
 * Lawyer seats (律师座席): the volunteer lawyers of the hotline's roster, in rotation order. A lawyer with an account
 * (`username`, role lawyer) records the consultations transferred to them; one without is called by phone.
 */
export const lawyers = pgTable('lawyers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  firm: text('firm').notNull(),
  phone: text('phone').notNull(),
  username: text('username'),
  /** Place in the rotation (0 first); inactive lawyers keep their consultations but leave the rotation. */
  position: integer('position').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** The installation's one roster: how many lawyers a day and the working day the rotation counts from; versioned. */
export const lawyerRosters = pgTable('lawyer_rosters', {
  id: integer('id').primaryKey(),
  perDay: integer('per_day').notNull(),
  anchorDate: date('anchor_date', { mode: 'string' }).notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Two lawyers exchange a day each (legal/domain/lawyer-shifts.ts); each swap is also in the audit log. */
export const lawyerSwaps = pgTable('lawyer_swaps', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The order swaps were made in: each is applied on the shifts the ones before it left. */
  seq: serial('seq').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  lawyerId: uuid('lawyer_id').notNull(),
  withDate: date('with_date', { mode: 'string' }).notNull(),
  withLawyerId: uuid('with_lawyer_id').notNull(),
  reason: text('reason').notNull(),
  by: uuid('by').notNull(),
  byName: text('by_name').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

/** A call or an order an agent passed to the lawyer on duty, and (once) the lawyer's consultation on it. */
export const lawyerTransfers = pgTable(
  'lawyer_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lawyerId: uuid('lawyer_id').notNull(),
    orderId: uuid('order_id'),
    callId: text('call_id'),
    note: text('note').notNull(),
    by: uuid('by').notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lawyer_transfers_lawyer_idx').on(t.lawyerId, t.at), index('lawyer_transfers_order_idx').on(t.orderId)],
);

export const legalConsultations = pgTable(
  'legal_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    transferId: uuid('transfer_id').notNull(),
    lawyerId: uuid('lawyer_id').notNull(),
    orderId: uuid('order_id'),
    callId: text('call_id'),
    question: text('question').notNull(),
    advice: text('advice').notNull(),
    lawCited: jsonb('law_cited').$type<string[]>().notNull(),
    legalAidRecommended: boolean('legal_aid_recommended').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('legal_consultations_transfer_uq').on(t.transferId),
    index('legal_consultations_at_idx').on(t.recordedAt),
    index('legal_consultations_order_idx').on(t.orderId),
  ],
);
