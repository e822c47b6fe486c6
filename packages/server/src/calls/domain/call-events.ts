/**
 * Call events as the telephony system (a FreeSWITCH- or Asterisk-based call centre, or a vendor's) reports them.
 * Events of one call may arrive out of order or twice; `foldCall` gives the same record whatever the order and
 * however often each event came, because it sorts by the instant and the step of the call and drops repeats by id.
 */
export const callEventTypes = ['offered', 'ivr', 'queued', 'answered', 'transferred', 'ended', 'recording'] as const;
export type CallEventType = (typeof callEventTypes)[number];
export type TransferTarget = 'lawyer' | 'gov12345' | 'three_way' | 'agent';
export type EndReason = 'caller_hangup' | 'agent_hangup' | 'queue_timeout' | 'ivr_hangup' | 'system';

export type CallEvent = {
  /** The telephony system's id of this event: a repeat of an id is the same event delivered twice. */
  eventId: string;
  callId: string;
  type: CallEventType;
  at: string; // ISO instant
  from?: string | undefined; // caller number (offered)
  to?: string | undefined; // the hotline number dialled (offered)
  queue?: string | undefined; // queued
  agent?: string | undefined; // answered / transferred: the agent's user name or extension
  target?: TransferTarget | undefined; // transferred
  targetName?: string | undefined;
  reason?: EndReason | undefined; // ended
  recordingUrl?: string | undefined; // recording
};

export type CallOutcome = 'answered' | 'abandoned' | 'queue_timeout' | 'ivr_only' | 'in_progress';

export type CallRecord = {
  callId: string;
  caller: string | null;
  dialled: string | null;
  offeredAt: string | null;
  queuedAt: string | null;
  queue: string | null;
  answeredAt: string | null;
  agent: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  outcome: CallOutcome;
  waitSeconds: number | null;
  talkSeconds: number | null;
  transfers: { at: string; target: TransferTarget; name: string | null; agent: string | null }[];
  recordingUrl: string | null;
  events: CallEvent[];
};

// Within one instant, the steps of a call happen in this order.
const stepRank: Record<CallEventType, number> = { offered: 0, ivr: 1, queued: 2, answered: 3, transferred: 4, recording: 5, ended: 6 };

const seconds = (from: string | null, to: string | null) => (from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : null);

export function foldCall(callId: string, events: readonly CallEvent[]): CallRecord {
  const unique = new Map<string, CallEvent>();
  for (const e of events) if (e.callId === callId && !unique.has(e.eventId)) unique.set(e.eventId, e);
  const sorted = [...unique.values()].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || stepRank[a.type] - stepRank[b.type] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const r: CallRecord = {
    callId,
    caller: null,
    dialled: null,
    offeredAt: null,
    queuedAt: null,
    queue: null,
    answeredAt: null,
    agent: null,
    endedAt: null,
    endReason: null,
    outcome: 'in_progress',
    waitSeconds: null,
    talkSeconds: null,
    transfers: [],
    recordingUrl: null,
    events: sorted,
  };
  for (const e of sorted) {
    switch (e.type) {
      case 'offered':
        r.offeredAt ??= e.at;
        r.caller ??= e.from ?? null;
        r.dialled ??= e.to ?? null;
        break;
      case 'ivr':
        r.offeredAt ??= e.at;
        break;
      case 'queued':
        r.queuedAt ??= e.at;
        r.queue ??= e.queue ?? null;
        break;
      case 'answered':
        // The first agent who answered is the call's agent; a transfer names who took it next.
        r.answeredAt ??= e.at;
        r.agent ??= e.agent ?? null;
        break;
      case 'transferred':
        r.transfers.push({ at: e.at, target: e.target ?? 'agent', name: e.targetName ?? null, agent: e.agent ?? null });
        break;
      case 'recording':
        r.recordingUrl = e.recordingUrl ?? r.recordingUrl;
        break;
      case 'ended':
        r.endedAt ??= e.at;
        r.endReason ??= e.reason ?? null;
        break;
    }
  }
  r.offeredAt ??= r.queuedAt ?? r.answeredAt;
  if (r.answeredAt) r.outcome = r.endedAt ? 'answered' : 'in_progress';
  else if (r.endedAt) r.outcome = r.queuedAt ? (r.endReason === 'queue_timeout' ? 'queue_timeout' : 'abandoned') : 'ivr_only';
  r.waitSeconds = r.queuedAt ? seconds(r.queuedAt, r.answeredAt ?? r.endedAt) : null;
  r.talkSeconds = r.answeredAt ? seconds(r.answeredAt, r.endedAt) : null;
  return r;
}

/**
 * How many of a call's folded events the stored row holds already, in the same places: all of them when the new
 * events sort after the stored ones (the usual case, events posted as they happen), so the write appends only the new
 * ones; 0 when a late event sorts among them and the whole list is written again.
 */
export function storedPrefix(stored: readonly CallEvent[], folded: readonly CallEvent[]): number {
  if (stored.length > folded.length) return 0;
  for (let i = 0; i < stored.length; i++) if (stored[i]!.eventId !== folded[i]!.eventId) return 0;
  return stored.length;
}
