import { boolean, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  workday: boolean('workday').notNull(),
  holidayName: text('holiday_name'),
  /** 调休上班: a weekend day that is a working day. */
  makeup: boolean('makeup').notNull().default(false),
  /** package (chinese-days), admin (overridden day by day) or import (a year entered by an administrator). */
  source: text('source').notNull(),
  note: text('note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
