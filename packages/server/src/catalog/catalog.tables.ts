import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const catalogTypes = pgTable('catalog_types', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull().default(''),
  defaultPath: text('default_path').notNull().default(''),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull().default(true),
});

export const catalogSubjects = pgTable('catalog_subjects', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull().default(''),
  usualTypes: jsonb('usual_types').$type<string[]>().notNull().default([]),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull().default(true),
});

export const riskFlags = pgTable('risk_flags', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull().default(true),
});

/** Small versioned key/value settings: catalog thresholds, working hours, the catalog's own version. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const timeLimitRules = pgTable(
  'time_limit_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    step: text('step').notNull(),
    typeCode: text('type_code'),
    subjectCode: text('subject_code'),
    priority: text('priority'),
    tier: text('tier'),
    /** null with unit 'none': the step has no deadline (a suggestion's callback). */
    amount: integer('amount'),
    unit: text('unit').notNull(),
    /** next_working_day (次日起算) or same_day (含本数). */
    countFrom: text('count_from').notNull().default('next_working_day'),
    note: text('note').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('time_limit_rules_selector_uq').on(t.step, t.typeCode, t.subjectCode, t.priority, t.tier).nullsNotDistinct()],
);
