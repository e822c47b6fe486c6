import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only: a trigger in the migration refuses UPDATE and DELETE, so not even a bug in the API can rewrite it. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    actorUnitId: uuid('actor_unit_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull().default('success'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The unit whose subtree the event belongs to; an auditor sees the events of their scope. */
    scopeUnitId: uuid('scope_unit_id'),
    scopePath: text('scope_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    detail: text('detail'),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_action_idx').on(t.action, t.at)],
);
