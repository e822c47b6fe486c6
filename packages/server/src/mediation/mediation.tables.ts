import { sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Instalment } from './domain/performance.js';

export type Party = {
  name: string;
  representative?: string | undefined;
  phone?: string | undefined;
  idNumber?: string | undefined;
  address?: string | undefined;
};

/** A mediation case (调解案件) opened from an order, mediated by the studio or a unit. */
export const mediationCases = pgTable(
  'mediation_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    /** The mediating unit (the lawyers' studio or a union); the case is read by those who see the order. */
    unitId: uuid('unit_id').notNull(),
    workerParty: jsonb('worker_party').$type<Party>().notNull(),
    employerParty: jsonb('employer_party').$type<Party>().notNull(),
    mediators: text('mediators').array().notNull(),
    matter: text('matter').notNull(),
    /** open → agreed (agreement signed) | failed (no agreement) ; agreed → performed | breached by the follow-up. */
    state: text('state').notNull().default('open'),
    openedBy: uuid('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('mediation_cases_order_idx').on(t.orderId),
    // One open case per order, also when two people open one at the same moment (each read none open).
    uniqueIndex('mediation_cases_one_open_uq').on(t.orderId).where(sql`state = 'open'`),
  ],
);

export const mediationSessions = pgTable(
  'mediation_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => mediationCases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    attendees: text('attendees').notNull(),
    notes: text('notes').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mediation_sessions_case_idx').on(t.caseId, t.at)],
);

/** The agreement (调解协议书): one per case, its schedule followed until performed. */
export const mediationAgreements = pgTable('mediation_agreements', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => mediationCases.id),
  terms: text('terms').notNull(),
  amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
  workersCovered: integer('workers_covered').notNull(),
  paymentSchedule: jsonb('payment_schedule').$type<Instalment[]>().notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by').notNull(),
});
