import { describe, expect, it } from 'vitest';
import { agentsOnBoard, queueNow } from './agent-states.js';

describe('agents on the wallboard', () => {
  const chosen = [
    { username: 'a1', state: 'ready' as const, since: '2026-11-30T01:00:00.000Z' },
    { username: 'a2', state: 'break' as const, since: '2026-11-30T02:00:00.000Z' },
    { username: 'a3', state: 'after_call_work' as const, since: '2026-11-30T02:30:00.000Z' },
  ];
  it('a call in progress makes its agent busy since it was answered, whatever they chose', () => {
    const board = agentsOnBoard(chosen, [{ agent: 'a2', callId: 'c9', answeredAt: '2026-11-30T03:00:00.000Z' }], new Map([['a2', 4]]));
    expect(board.map((a) => [a.agent, a.state])).toEqual([
      ['a2', 'busy'],
      ['a1', 'ready'],
      ['a3', 'after_call_work'],
    ]);
    expect(board[0]).toEqual({ agent: 'a2', state: 'busy', since: '2026-11-30T03:00:00.000Z', callId: 'c9', answeredToday: 4 });
  });
  it('two open calls of one agent: the earlier one decides', () => {
    const board = agentsOnBoard(
      [],
      [
        { agent: 'a1', callId: 'late', answeredAt: '2026-11-30T03:05:00.000Z' },
        { agent: 'a1', callId: 'early', answeredAt: '2026-11-30T03:00:00.000Z' },
      ],
      new Map(),
    );
    expect(board).toEqual([{ agent: 'a1', state: 'busy', since: '2026-11-30T03:00:00.000Z', callId: 'early', answeredToday: 0 }]);
  });
  it('who answered today without choosing a state shows offline', () => {
    expect(agentsOnBoard([], [], new Map([['a9', 2]]))).toEqual([{ agent: 'a9', state: 'offline', since: '', callId: null, answeredToday: 2 }]);
  });
  it("one agent is one row whatever case the telephony spells the login in: its calls and today's count are the agent's", () => {
    const board = agentsOnBoard(
      [{ username: 'city-agent', state: 'ready', since: '2026-11-30T01:00:00.000Z' }],
      [{ agent: 'City-Agent', callId: 'c1', answeredAt: '2026-11-30T03:00:00.000Z' }],
      new Map([
        ['City-Agent', 2],
        ['city-agent', 1],
        ['OTHER', 3],
      ]),
    );
    expect(board).toEqual([
      { agent: 'city-agent', state: 'busy', since: '2026-11-30T03:00:00.000Z', callId: 'c1', answeredToday: 3 },
      { agent: 'other', state: 'offline', since: '', callId: null, answeredToday: 3 },
    ]);
  });
  it('the queue now: how many wait and the longest wait', () => {
    const now = new Date('2026-11-30T03:00:00Z');
    expect(queueNow([{ queuedAt: '2026-11-30T02:59:30Z' }, { queuedAt: '2026-11-30T02:58:00Z' }], now)).toEqual({ waiting: 2, longestWaitSeconds: 120 });
    expect(queueNow([], now)).toEqual({ waiting: 0, longestWaitSeconds: 0 });
  });
});
