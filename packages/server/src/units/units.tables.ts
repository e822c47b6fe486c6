import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export type UnitLeader = { name: string; title: string; phone?: string | undefined };

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    /** Materialised path of ids, '/root/…/self/': a subtree is one indexed prefix match. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    type: text('type').notNull(),
    divisionCode: text('division_code'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    leaders: jsonb('leaders').$type<UnitLeader[]>().notNull().default([]),
    contactPhone: text('contact_phone'),
    address: text('address'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_path_uq').on(t.path),
    index('units_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('units_parent_idx').on(t.parentId),
    // Imports are idempotent: one federation of a type per division.
    uniqueIndex('units_type_division_uq').on(t.type, t.divisionCode).where(sql`${t.divisionCode} is not null`),
  ],
);
