import { sql } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * The two database roles of a PostgreSQL installation. The owner (the role in DATABASE_URL while migrating) owns every
 * table and runs the migrations. The server runs as a runtime role that owns nothing: it may read and write rows, but
 * not TRUNCATE, ALTER (disable the append-only triggers), DROP or change privileges, and it may not even try to UPDATE
 * or DELETE the append-only tables. Run after every migration (grants cover the tables that exist).
 */
export const appendOnlyTables = ['audit_events', 'order_events'] as const;

export async function grantRuntimeRole(db: Executor, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`invalid role name: ${role}`);
  const r = sql.identifier(role);
  await db.execute(sql`grant usage on schema public to ${r}`);
  await db.execute(sql`grant select, insert, update, delete on all tables in schema public to ${r}`);
  await db.execute(sql`grant usage, select on all sequences in schema public to ${r}`);
  for (const table of appendOnlyTables) await db.execute(sql`revoke update, delete, truncate on ${sql.identifier(table)} from ${r}`);
  // Health reads which migrations ran; nothing more of the migrator's schema.
  await db.execute(sql`grant usage on schema drizzle to ${r}`);
  await db.execute(sql`grant select on all tables in schema drizzle to ${r}`);
}
