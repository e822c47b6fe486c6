import { sql } from 'drizzle-orm';
import { openStateLiterals } from '../orders/open-states.js';
import { bigserial, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The figures' store (docs/decisions/0004-figures-from-order-contributions.md): per order, its contributions to the
 * KPIs (domain/contributions.ts), dated and placed by unit. A figure is an indexed sum over these rows.
 */
export const analyticsContributions = pgTable(
  'analytics_contributions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    metric: text('metric').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    typeCode: text('type_code').notNull(),
    subjectCode: text('subject_code').notNull(),
    detail: text('detail'),
    value: numeric('value', { precision: 16, scale: 2, mode: 'number' }).notNull(),
  },
  (t) => [
    index('analytics_contributions_day_idx').on(t.day, t.metric),
    index('analytics_contributions_unit_day_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.day),
    index('analytics_contributions_order_idx').on(t.orderId),
  ],
);

/**
 * The contributions summed per day, unit and metric (issue 13, docs/decisions/0004 "The roll-up"): kept by triggers on
 * analytics_contributions in the transaction of every change (drizzle/0034_analytics_daily.sql), so a province's
 * month reads at most days × units × metrics rows whatever the number of orders. `n` counts the contributions summed:
 * a row whose contributions are all gone stays with n = 0 and counts as absent.
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    unitPath: text('unit_path').notNull(),
    metric: text('metric').notNull(),
    value: numeric('value', { precision: 20, scale: 2, mode: 'number' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.unitPath, t.metric] }),
    index('analytics_daily_unit_day_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.day),
  ],
);

/**
 * One row per order with what the cockpit groups by now (state, place, subject, employer): the order flow, the hot
 * subjects and employers, the map and the campaigns read this instead of the order table.
 */
export const analyticsOrderFacts = pgTable(
  'analytics_order_facts',
  {
    orderId: uuid('order_id').primaryKey(),
    number: text('number').notNull(),
    state: text('state').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    typeCode: text('type_code').notNull(),
    subjectCode: text('subject_code').notNull(),
    priority: text('priority').notNull(),
    riskFlags: text('risk_flags').array().notNull(),
    divisionCode: text('division_code'),
    employerKey: text('employer_key'),
    employerName: text('employer_name'),
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdDay: date('created_day', { mode: 'string' }).notNull(),
    currentDueAt: timestamp('current_due_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    amountInvolved: numeric('amount_involved', { precision: 14, scale: 2, mode: 'number' }),
    amountRecovered: numeric('amount_recovered', { precision: 14, scale: 2, mode: 'number' }),
    workersInvolved: integer('workers_involved'),
    workersHelped: integer('workers_helped'),
    callerCount: integer('caller_count').notNull(),
  },
  (t) => [
    index('analytics_order_facts_state_idx').on(t.state, t.unitPath),
    index('analytics_order_facts_created_idx').on(t.createdDay),
    index('analytics_order_facts_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.createdDay),
    // The order flow's overdue orders (issue 13): open orders by deadline, whatever the closed history's size.
    index('analytics_order_facts_open_due_idx').on(t.currentDueAt).where(sql`${t.state} in (${openStateLiterals})`),
  ],
);

/**
 * Orders whose figures must be recomputed: a trigger marks them in the transaction that changes them (work_orders,
 * hops, callers, extensions), so no change is ever missed; the figures are brought up to date before every read.
 */
export const analyticsDirty = pgTable('analytics_dirty', {
  orderId: uuid('order_id').primaryKey(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** A generated report (日报/周报/月报/年报 or on demand): its figures and summary, and the xlsx and docx as generated. */
export const analyticsReports = pgTable(
  'analytics_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    unitName: text('unit_name').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    figures: jsonb('figures').notNull(),
    xlsx: bytea('xlsx').notNull(),
    docx: bytea('docx').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    generatedBy: uuid('generated_by'),
    /** 'schedule' or 'demand'. */
    origin: text('origin').notNull(),
  },
  (t) => [index('analytics_reports_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.generatedAt)],
);

export type CampaignRules = { subjectCodes: string[]; typeCodes: string[]; riskFlags: string[]; divisionPrefixes: string[]; keywords: string[] };

/** A campaign (专项行动): a date range and rules; the orders matching them are its orders. */
export const analyticsCampaigns = pgTable(
  'analytics_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    rules: jsonb('rules').$type<CampaignRules>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_campaigns_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`)],
);

/**
 * Which scheduled reports a unit wants (日报/周报/月报/年报), set by its leader or administrator. A unit without a row
 * gets none, except the province root, which gets all four until someone sets its row.
 */
export const analyticsReportSubscriptions = pgTable('analytics_report_subscriptions', {
  unitId: uuid('unit_id').primaryKey(),
  unitPath: text('unit_path').notNull(),
  kinds: text('kinds').array().notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A display token (大屏令牌): lets the command centre's wall show the big screen of a unit's subtree without a
 * person's login. Read-only, limited to the big screen's figures, revocable; only its hash is kept.
 */
export const analyticsDisplayTokens = pgTable(
  'analytics_display_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters, to tell tokens apart in the list. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('analytics_display_tokens_unit_idx').using('btree', sql`${t.unitPath} text_pattern_ops`)],
);
