import type { CallPage } from '../api/lawyers.js';

type Call = CallPage['items'][number];

/** 话务 words for the telephony system's codes: how a call ended, its events, where it was transferred. */
export const outcomeLabels: Record<Call['outcome'], [string, string]> = {
  answered: ['已接通', 'green'],
  abandoned: ['放弃', 'red'],
  queue_timeout: ['排队超时', 'orange'],
  ivr_only: ['语音导航内结束', 'default'],
  in_progress: ['进行中', 'blue'],
};
export const eventLabels: Record<string, string> = {
  offered: '来电',
  ivr: '进入语音导航',
  queued: '排队',
  answered: '坐席接听',
  transferred: '转接',
  ended: '挂机',
  recording: '录音可用',
};
export const targetLabels: Record<string, string> = { lawyer: '值班律师', gov12345: '12345', three_way: '三方通话', agent: '其他坐席' };

/** An agent by the name people know them by, with the switch's login after it (what the 坐席 filter searches); — for none. */
export const agentLabel = (c: { agent: string | null; agentName?: string | null }) => (c.agent ? (c.agentName ? `${c.agentName} · ${c.agent}` : c.agent) : '—');
