import { http, ok } from './client.js';
import type { Answer } from './types.js';

/** Call records (话务) and the screen pop, typed from the OpenAPI document. */
export type CallView = Answer<'getCall'>;
export type Wallboard = Answer<'getWallboard'>;
export type MyAgentState = Answer<'getMyAgentState'>;
export type ChosenAgentState = MyAgentState['state'];
/** A call queue by name (the voice menu's configuration): its id as the call events give it, Chinese and English. */
export type CallQueue = Answer<'listCallQueues'>['items'][number];

/** What the notification stream's `call` event carries when an agent answers (see the server's calls.service). */
export type ScreenPop = {
  callId: string;
  caller: string | null;
  dialled: string | null;
  queue: string | null;
  answeredAt: string | null;
  earlierCalls: { callId: string; offeredAt: string | null; outcome: string; orderIds: string[] }[];
};

export const callsApi = {
  get: (callId: string) => ok(http.GET('/api/calls/{callId}', { params: { path: { callId } } })),
  wallboard: (signal?: AbortSignal) => ok(http.GET('/api/calls/wallboard', signal ? { signal } : {})),
  /** The wallboard's stream (`streamWallboard`): `ready`, then `calls` after call events or an agent state change. */
  wallboardStreamUrl: '/api/calls/wallboard/stream',
  myState: () => ok(http.GET('/api/calls/agents/me')),
  setState: (state: ChosenAgentState, version: number) => ok(http.PUT('/api/calls/agents/me', { body: { state, version } })),
  linkOrder: (callId: string, orderId: string) => ok(http.POST('/api/calls/{callId}/orders', { params: { path: { callId } }, body: { orderId } })),
  queues: () => ok(http.GET('/api/ivr/queues')),
};
