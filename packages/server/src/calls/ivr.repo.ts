import { desc, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { ivrConfigs } from './calls.tables.js';

/** The voice menu's versions: the table is read and written only here. */
export async function latestIvr(ex: Executor) {
  const [row] = await ex.select().from(ivrConfigs).orderBy(desc(ivrConfigs.version)).limit(1);
  return row;
}

export async function ivrHistory(db: Executor, limit: number) {
  return db
    .select({ version: ivrConfigs.version, savedAt: ivrConfigs.savedAt, savedByName: ivrConfigs.savedByName, note: ivrConfigs.note })
    .from(ivrConfigs)
    .orderBy(desc(ivrConfigs.version))
    .limit(limit);
}

/** The next version once: false when another editor saved that version first (its key collides). */
export async function insertIvrVersion(tx: Executor, values: typeof ivrConfigs.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(ivrConfigs).values(values).onConflictDoNothing().returning({ version: ivrConfigs.version });
  return inserted.length > 0;
}

const jsonOf = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * What a city's reach of calls is made of (calls/call-reach.ts), in one statement: the logins of its agents (the
 * users' subquery `agents`) and the current menu's queues that name a hotline centre. A menu never saved is the
 * starter, which names none.
 */
export async function cityReachFacts(db: Executor, agents: SQL): Promise<{ agents: string[]; queues: { id: string; centreId: string }[] }> {
  type Row = { agents: string[] | string; queues: { id: string; centreId: string }[] | string };
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select
        coalesce((select json_agg(a.login) from ${agents} as a(login)), '[]'::json) as agents,
        coalesce((
          select json_agg(json_build_object('id', q->>'id', 'centreId', q->>'centreId'))
          from (select ${ivrConfigs.config} as config from ${ivrConfigs} order by ${ivrConfigs.version} desc limit 1) c,
            jsonb_array_elements(coalesce(c.config->'queues', '[]'::jsonb)) q
          where q->>'centreId' is not null
        ), '[]'::json) as queues`),
  );
  return { agents: row ? jsonOf(row.agents) : [], queues: row ? jsonOf(row.queues) : [] };
}
