import type { Executor } from '../platform/db/client.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { agentLoginsWithin } from '../users/user-names.js';

/** Which calls a reach has: every call, the calls these agents answered (lower-case logins), or none. */
export type CallReach = { all: true } | { agents: string[] } | null;

/**
 * Calls are the hotline's (access/scope.ts hotlineWithin). A reach that holds the province's hotline centre has every
 * call; one that holds only a city's centre has the calls its own agents answered (a call names no centre: the agent
 * who answered it says whose it was, and one nobody answered was in the province's queues); a reach without a
 * centre (a county) has none. The one rule for the call records, their recordings, and the call figures of the
 * cockpit and reports. From the cached unit directory, plus one statement for a city's agents.
 */
export async function callReachOf(db: Executor, units: Pick<UnitDirectory, 'holdsHotline' | 'hotlineCentre'>, scopePath: string): Promise<CallReach> {
  if (!units.holdsHotline(scopePath)) return null;
  const centre = units.hotlineCentre();
  if (!centre || centre.path.startsWith(scopePath)) return { all: true };
  return { agents: await agentLoginsWithin(db, scopePath) };
}

/** A reach's calls as a filter of calls.repo.ts: nothing for every call, else the agents whose calls it has. */
export const reachFilter = (reach: CallReach & {}): { reachAgents?: string[] } => ('agents' in reach ? { reachAgents: reach.agents } : {});

/** Whether one call is in a reach. */
export const callInReach = (reach: CallReach, call: { agent: string | null }) =>
  !!reach && ('all' in reach || (!!call.agent && reach.agents.includes(call.agent.toLowerCase())));
