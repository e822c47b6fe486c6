import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** person: logs in with a password; integration: an external platform, API tokens only. */
    kind: text('kind').notNull().default('person'),
    phone: text('phone'),
    /** 18-digit resident ID, for real-name staff records; stored whole, shown masked. */
    idNumber: text('id_number'),
    email: text('email'),
    /** The unit the person belongs to; it decides who may manage the account. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_unit_idx').on(t.unitId)],
);

/** A role held at a unit; its rights reach the unit's subtree. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /**
     * The page this person starts on in this role, chosen by themselves (设为首页): an agent who does callbacks all day
     * starts on the callback queue. Null: the role's own start page.
     */
    startPage: text('start_page'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_assignments_uq').on(t.userId, t.role, t.unitId), index('role_assignments_unit_idx').on(t.unitId)],
);
