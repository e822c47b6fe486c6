import type { CallEvent, EndReason } from './call-events.js';

/**
 * A worked example of an adapter: FreeSWITCH's event socket (ESL) plain-text events, as `mod_event_socket` sends
 * them ("Header: value" lines, URL-encoded values), mapped to our call events. A call centre on FreeSWITCH with
 * mod_callcenter runs this in a small forwarder that signs and posts batches to `ingestCallEvents`.
 */
export function parseEslEvent(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(': ');
    if (i <= 0) continue;
    headers[line.slice(0, i)] = decodeURIComponent(line.slice(i + 2).replace(/\+/g, ' '));
  }
  return headers;
}

const hangupReasons: Record<string, EndReason> = {
  NORMAL_CLEARING: 'caller_hangup',
  ORIGINATOR_CANCEL: 'caller_hangup',
  NO_ANSWER: 'queue_timeout',
  ALLOTTED_TIMEOUT: 'queue_timeout',
  RECOVERY_ON_TIMER_EXPIRE: 'queue_timeout',
};

/** One ESL event → our call event, or null for events the hotline does not count (heartbeats, other channels). */
export function eslToCallEvent(h: Record<string, string>): CallEvent | null {
  const callId = h['variable_call_uuid'] ?? h['Unique-ID'];
  const micros = h['Event-Date-Timestamp'];
  if (!callId || !micros) return null;
  const at = new Date(Math.floor(Number(micros) / 1000)).toISOString();
  const eventId = `${h['Event-Sequence'] ?? micros}-${h['Event-Name']}-${h['CC-Action'] ?? ''}`;
  const base = { eventId, callId, at };
  switch (h['Event-Name']) {
    case 'CHANNEL_CREATE':
      return h['Call-Direction'] === 'inbound' ? { ...base, type: 'offered', from: h['Caller-Caller-ID-Number'], to: h['Caller-Destination-Number'] } : null;
    case 'CHANNEL_PARK':
      return { ...base, type: 'ivr' };
    case 'CUSTOM':
      if (h['Event-Subclass'] !== 'callcenter::info') return null;
      if (h['CC-Action'] === 'member-queue-start') return { ...base, type: 'queued', queue: h['CC-Queue'] };
      if (h['CC-Action'] === 'bridge-agent-start') return { ...base, type: 'answered', agent: h['CC-Agent'] };
      return null;
    case 'CHANNEL_HANGUP_COMPLETE': {
      const cause = h['Hangup-Cause'] ?? '';
      const byAgent = h['variable_sip_hangup_disposition'] === 'send_bye';
      return { ...base, type: 'ended', reason: byAgent ? 'agent_hangup' : (hangupReasons[cause] ?? 'system') };
    }
    case 'RECORD_STOP':
      return h['Record-File-Path'] ? { ...base, type: 'recording', recordingUrl: h['Record-File-Path'] } : null;
    default:
      return null;
  }
}
