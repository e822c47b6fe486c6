/**
 * Agents' states on the wallboard. An agent chooses ready, after-call work (话后处理), break or offline; the telephony
 * system's calls decide "busy": an agent with a call answered and not ended is busy, whatever they chose, and since
 * the call was answered. Pure: the wallboard's adapter gives it the rows and the calls in progress.
 */
export const chosenAgentStates = ['ready', 'after_call_work', 'break', 'offline'] as const;
export type ChosenAgentState = (typeof chosenAgentStates)[number];
export type AgentState = ChosenAgentState | 'busy';

export type AgentOnBoard = { agent: string; state: AgentState; since: string; callId: string | null; answeredToday: number };

export function agentsOnBoard(
  chosen: readonly { username: string; state: ChosenAgentState; since: string }[],
  talking: readonly { agent: string; callId: string; answeredAt: string }[],
  answeredToday: ReadonlyMap<string, number>,
): AgentOnBoard[] {
  // One agent, one row: the telephony's case does not matter (the calls' rule), the board names the login (lower case).
  const login = (agent: string) => agent.toLowerCase();
  const answered = new Map<string, number>();
  for (const [agent, n] of answeredToday) answered.set(login(agent), (answered.get(login(agent)) ?? 0) + n);
  const board = new Map<string, AgentOnBoard>();
  for (const c of chosen) {
    const agent = login(c.username);
    board.set(agent, { agent, state: c.state, since: c.since, callId: null, answeredToday: answered.get(agent) ?? 0 });
  }
  // The earliest call in progress of an agent decides (a transfer may leave two open for a moment).
  for (const t of [...talking].sort((a, b) => (a.answeredAt < b.answeredAt ? -1 : 1))) {
    const agent = login(t.agent);
    const row = board.get(agent);
    if (row?.state === 'busy') continue;
    board.set(agent, { agent, state: 'busy', since: t.answeredAt, callId: t.callId, answeredToday: answered.get(agent) ?? 0 });
  }
  // Who answered today but never chose a state still shows (offline unless on a call).
  for (const [agent, n] of answered) if (!board.has(agent)) board.set(agent, { agent, state: 'offline', since: '', callId: null, answeredToday: n });
  const order: Record<AgentState, number> = { busy: 0, ready: 1, after_call_work: 2, break: 3, offline: 4 };
  return [...board.values()].sort((a, b) => order[a.state] - order[b.state] || (a.agent < b.agent ? -1 : 1));
}

/** The live queue: callers waiting now and the longest wait, in seconds at `now`. */
export function queueNow(waiting: readonly { queuedAt: string }[], now: Date) {
  const waits = waiting.map((w) => Math.max(0, Math.round((now.getTime() - Date.parse(w.queuedAt)) / 1000)));
  return { waiting: waits.length, longestWaitSeconds: waits.length ? Math.max(...waits) : 0 };
}
