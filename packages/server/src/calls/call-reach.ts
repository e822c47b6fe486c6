import type { Executor } from '../platform/db/client.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { agentLoginsWithinSql } from '../users/user-names.js';
import { cityReachFacts } from './ivr.repo.js';

/**
 * Which calls a reach has: every call; or the calls these agents answered (lower-case logins) and the calls that
 * waited in these queues (answered or not); or none.
 */
export type CallReach = { all: true } | { agents: string[]; queues: string[] } | null;

/**
 * Calls are the hotline's (access/scope.ts hotlineWithin). A reach that holds the province's hotline centre has every
 * call: the province's centre supervises the whole province, a city centre's calls included. One that holds only a
 * city's centre (decision 0002) has the calls its own agents answered, and the calls that waited in a queue the voice
 * menu gives to a centre within the reach (domain/ivr.ts `centreId`), answered or not: abandoned in the queue,
 * overflowed. A call that waited in no such queue (the province's queues, a hang-up in the voice menu) and that none
 * of its agents answered is the province's only. A reach without a centre (a county) has none. The one rule for the
 * call records, their recordings, and the call figures of the cockpit and reports. From the cached unit directory,
 * plus one statement for a city (its agents and the menu's queues, together).
 */
export async function callReachOf(
  db: Executor,
  units: Pick<UnitDirectory, 'holdsHotline' | 'holdsProvinceHotline' | 'get'>,
  scopePath: string,
): Promise<CallReach> {
  if (!units.holdsHotline(scopePath)) return null;
  // Every call is the province centre's (the voice menu's rule too); while the province has none, the whole tree's:
  // a city's centre is never "all" for lack of the province's.
  if (units.holdsProvinceHotline(scopePath)) return { all: true };
  const facts = await cityReachFacts(db, agentLoginsWithinSql(scopePath));
  return { agents: facts.agents, queues: queuesWithin(facts.queues, (id) => units.get(id), scopePath) };
}

/**
 * The queues whose centre is an active hotline centre within the reach. A queue whose centre was deactivated or
 * removed since the menu was saved is the province's again, as a queue that names none.
 */
export function queuesWithin(
  queues: readonly { id: string; centreId: string }[],
  unitOf: (id: string) => { type: string; active: boolean; path: string } | undefined,
  scopePath: string,
): string[] {
  return queues.flatMap((q) => {
    const u = unitOf(q.centreId);
    return u && u.type === 'hotline_centre' && u.active && u.path.startsWith(scopePath) ? [q.id] : [];
  });
}

/** A reach's calls as a filter of calls.repo.ts: nothing for every call, else its agents' and its queues' calls. */
export const reachFilter = (reach: CallReach & {}): { reach?: { agents: string[]; queues: string[] } } =>
  'all' in reach ? {} : { reach: { agents: reach.agents, queues: reach.queues } };

/** Whether one call is in a reach (the same rule as the filter, for one call read by id). */
export const callInReach = (reach: CallReach, call: { agent: string | null; queue: string | null }) =>
  !!reach && ('all' in reach || (!!call.agent && reach.agents.includes(call.agent.toLowerCase())) || (!!call.queue && reach.queues.includes(call.queue)));

/**
 * Whether an agent (a telephony login, any case) is one of a reach's own: every agent for the province's centre, the
 * agents within a city's reach for its centre (the wallboard's agents: a province agent who answered one of the city's
 * queue's calls is the province's).
 */
export const agentInReach = (reach: CallReach, agent: string) => !!reach && ('all' in reach || reach.agents.includes(agent.toLowerCase()));
