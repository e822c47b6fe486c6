import { and, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { units } from '../units/units.tables.js';
import type { Executor } from '../platform/db/client.js';
import { containing } from '../platform/db/like.js';
import { roleAssignments, users } from './users.tables.js';

/** Display names by user id, for lists of other capabilities (who inspected, who drafted). */
export async function userNames(db: Executor, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Display names by user name (the telephony system reports an agent by user name), keyed in lower case as it matches
 * them: a call record shows 王晓燕, not the login she types at the switch.
 */
export async function displayNamesByUsername(db: Executor, usernames: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(usernames.filter((x): x is string => !!x).map((x) => x.toLowerCase()))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, unique));
  return new Map(rows.map((r) => [r.username.toLowerCase(), r.name]));
}

/**
 * The hotline agents a telephony system names (it reports the agent's user name): user id and the path of the unit
 * they take calls for, so a call can be counted and inspected as that agent's work within a scope.
 */
export async function agentsByUsername(db: Executor, usernames: (string | null | undefined)[]): Promise<Map<string, { userId: string; unitPath: string }>> {
  const unique = [...new Set(usernames.filter((x): x is string => !!x).map((x) => x.toLowerCase()))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ username: users.username, userId: users.id, unitPath: units.path })
    .from(users)
    .innerJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, 'agent')))
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(inArray(sql`lower(${users.username})`, unique));
  return new Map(rows.map((r) => [r.username.toLowerCase(), { userId: r.userId, unitPath: r.unitPath }]));
}

/**
 * The agents a person means by what they typed in a call list's agent box: the login the telephony reports (any
 * case), or part of the name people know them by (王晓燕 for 王晓燕（接线员）). In lower case, as calls are matched;
 * at most 50. Holders of the agent role only: a call is answered by an agent.
 */
export async function agentLoginsMatching(db: Executor, text: string): Promise<string[]> {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(
      and(
        exists(
          db
            .select({ one: sql`1` })
            .from(roleAssignments)
            .where(and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, 'agent'))),
        ),
        or(eq(sql`lower(${users.username})`, text.toLowerCase()), ilike(users.displayName, containing(text))),
      ),
    )
    .limit(50);
  return rows.map((r) => r.username.toLowerCase());
}

/**
 * The logins of the agents who take calls at a unit within a reach (a city's hotline centre), in lower case: a
 * subquery of one column, composed into the calls capability's reach statement (calls/ivr.repo.ts `cityReachFacts`),
 * so a city's reach of calls stays one round trip.
 */
export const agentLoginsWithinSql = (scopePath: string): SQL =>
  sql`(select distinct lower(${users.username}) from ${users}
    join ${roleAssignments} on ${roleAssignments.userId} = ${users.id} and ${roleAssignments.role} = 'agent'
    join ${units} on ${units.id} = ${roleAssignments.unitId}
    where ${units.path} like ${scopePath + '%'})`;
