import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCall, storedPrefix, type CallEvent } from './call-events.js';
import { callFigures } from './call-figures.js';
import { eslToCallEvent, parseEslEvent } from './esl.js';

const t0 = Date.parse('2026-11-30T01:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();
let n = 0;
const ev = (callId: string, type: CallEvent['type'], s: number, extra: Partial<CallEvent> = {}): CallEvent => ({
  eventId: `${callId}-${type}-${n++}`,
  callId,
  type,
  at: at(s),
  ...extra,
});

/** A call: offered at s, voice menu, queued `menu` seconds later, answered after `wait` (or abandoned), talk seconds. */
function call(
  id: string,
  s: number,
  o: { menu?: number; wait?: number; talk?: number; abandonAfter?: number; ivrOnly?: boolean; timeout?: number },
): CallEvent[] {
  const out = [ev(id, 'offered', s, { from: '13904710000', to: '12351' }), ev(id, 'ivr', s + 1)];
  if (o.ivrOnly) return [...out, ev(id, 'ended', s + 20, { reason: 'ivr_hangup' })];
  const q = s + (o.menu ?? 10);
  out.push(ev(id, 'queued', q, { queue: 'general' }));
  if (o.abandonAfter !== undefined) return [...out, ev(id, 'ended', q + o.abandonAfter, { reason: 'caller_hangup' })];
  if (o.timeout !== undefined) return [...out, ev(id, 'ended', q + o.timeout, { reason: 'queue_timeout' })];
  const a = q + (o.wait ?? 5);
  return [...out, ev(id, 'answered', a, { agent: 'agent' }), ev(id, 'ended', a + (o.talk ?? 120), { reason: 'agent_hangup' })];
}

describe('foldCall', () => {
  it('builds the record of an answered call with wait and talk time', () => {
    const r = foldCall('c1', call('c1', 0, { menu: 10, wait: 12, talk: 300 }));
    expect(r).toMatchObject({
      outcome: 'answered',
      caller: '13904710000',
      dialled: '12351',
      queue: 'general',
      agent: 'agent',
      waitSeconds: 12,
      talkSeconds: 300,
      endReason: 'agent_hangup',
    });
  });

  it('tells abandoned, timed-out, voice-menu-only and in-progress calls apart', () => {
    expect(foldCall('a', call('a', 0, { abandonAfter: 30 })).outcome).toBe('abandoned');
    expect(foldCall('b', call('b', 0, { timeout: 120 })).outcome).toBe('queue_timeout');
    expect(foldCall('c', call('c', 0, { ivrOnly: true })).outcome).toBe('ivr_only');
    expect(foldCall('d', call('d', 0, {}).slice(0, 4)).outcome).toBe('in_progress');
  });

  it('records transfers (lawyer seat, 12345) and the recording', () => {
    const evs = [
      ...call('t', 0, { wait: 3, talk: 600 }),
      ev('t', 'transferred', 100, { target: 'lawyer', targetName: '李律师', agent: 'lawyer' }),
      ev('t', 'recording', 700, { recordingUrl: 'https://rec.example/t.wav' }),
    ];
    const r = foldCall('t', evs);
    expect(r.transfers).toEqual([{ at: at(100), target: 'lawyer', name: '李律师', agent: 'lawyer' }]);
    expect(r.recordingUrl).toBe('https://rec.example/t.wav');
  });

  it('comes out the same whatever the order of the events and however often each came', () => {
    const base = [...call('p', 0, { wait: 7, talk: 90 }), ev('p', 'transferred', 50, { target: 'gov12345' })];
    const expected = foldCall('p', base);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
        fc.array(fc.integer({ min: 0, max: base.length - 1 }), { maxLength: 6 }),
        (shuffled, repeats) => {
          const withRepeats = [...shuffled, ...repeats.map((i) => base[i]!)];
          expect(foldCall('p', withRepeats)).toEqual(expected);
        },
      ),
    );
  });

  it('ignores events of other calls', () => {
    expect(foldCall('x', [...call('x', 0, { wait: 1 }), ...call('y', 0, { abandonAfter: 9 })]).outcome).toBe('answered');
  });
});

describe('storedPrefix: what a write may append to', () => {
  const base = [...call('s', 0, { wait: 7, talk: 90 }), ev('s', 'recording', 200, { recordingUrl: 'https://rec.example/s.wav' })];

  it('is the stored list whole when every new event sorts after it, and 0 when one sorts among it', () => {
    const stored = foldCall('s', base.slice(0, 3)).events;
    expect(storedPrefix(stored, foldCall('s', base).events)).toBe(3);
    expect(storedPrefix([], foldCall('s', base).events)).toBe(0);
    const late = foldCall('s', [...base.slice(1), base[0]!]).events; // the offer came last but sorts first
    expect(storedPrefix(foldCall('s', base.slice(1, 4)).events, late)).toBe(0);
  });

  it('stored events plus the appended rest is always the fold of all (any split, any order of arrival)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }), fc.integer({ min: 0, max: base.length }), (arrived, k) => {
        const stored = foldCall('s', arrived.slice(0, k)).events;
        const folded = foldCall('s', [...stored, ...arrived.slice(k)]).events;
        const after = storedPrefix(stored, folded);
        const written = after > 0 ? [...stored, ...folded.slice(after)] : folded;
        expect(written).toEqual(foldCall('s', base).events);
      }),
    );
  });
});

describe('callFigures (kpis.md), on a hand-computed day', () => {
  // 10 calls: 2 end in the voice menu; 8 ask for an agent: 5 answered (waits 3, 10, 15, 16, 40), 2 hang up in the
  // queue (after 4 s: not abandoned; after 30 s: abandoned), 1 times out.
  const day = [
    call('1', 0, { wait: 3, talk: 60 }),
    call('2', 100, { wait: 10, talk: 120 }),
    call('3', 200, { wait: 15, talk: 180 }),
    call('4', 300, { wait: 16, talk: 240 }),
    call('5', 400, { wait: 40, talk: 300 }),
    call('6', 500, { abandonAfter: 4 }),
    call('7', 600, { abandonAfter: 30 }),
    call('8', 700, { timeout: 120 }),
    call('9', 800, { ivrOnly: true }),
    call('10', 900, { ivrOnly: true }),
  ].map((evs, i) => foldCall(String(i + 1), evs));

  it('gives each figure as defined', () => {
    const f = callFigures(day);
    expect(f).toEqual({
      calls: 10,
      askedForAgent: 8,
      answered: 5,
      answerRate: 5 / 8,
      answeredWithin: 3, // 3, 10 and 15 s: within 15 s
      answerWithinRate: 3 / 5,
      abandoned: 1,
      abandonRate: 1 / 8,
      averageWaitSeconds: (3 + 10 + 15 + 16 + 40) / 5,
      averageTalkSeconds: (60 + 120 + 180 + 240 + 300) / 5,
    });
  });

  it('has no rates without calls, and the N of the N-second rate is configurable', () => {
    expect(callFigures([])).toMatchObject({ calls: 0, answerRate: null, answerWithinRate: null, abandonRate: null, averageWaitSeconds: null });
    expect(callFigures(day, { answerWithinSeconds: 20, abandonAfterSeconds: 5 }).answeredWithin).toBe(4);
  });
});

describe('the FreeSWITCH event socket adapter', () => {
  const esl = (lines: Record<string, string>) =>
    Object.entries(lines)
      .map(([k, v]) => `${k}: ${encodeURIComponent(v)}`)
      .join('\n');
  const stamp = String((t0 + 5000) * 1000);

  it('maps a call centre’s events to call events', () => {
    expect(
      eslToCallEvent(
        parseEslEvent(
          esl({
            'Event-Name': 'CHANNEL_CREATE',
            'Unique-ID': 'u1',
            'Call-Direction': 'inbound',
            'Caller-Caller-ID-Number': '13904719999',
            'Caller-Destination-Number': '12351',
            'Event-Date-Timestamp': stamp,
            'Event-Sequence': '11',
          }),
        ),
      ),
    ).toEqual({
      eventId: '11-CHANNEL_CREATE-',
      callId: 'u1',
      at: at(5),
      type: 'offered',
      from: '13904719999',
      to: '12351',
    });
    expect(
      eslToCallEvent(
        parseEslEvent(
          esl({
            'Event-Name': 'CUSTOM',
            'Event-Subclass': 'callcenter::info',
            'CC-Action': 'member-queue-start',
            'CC-Queue': '12351@default',
            'Unique-ID': 'u1',
            'Event-Date-Timestamp': stamp,
            'Event-Sequence': '12',
          }),
        ),
      ),
    ).toMatchObject({ type: 'queued', queue: '12351@default' });
    expect(
      eslToCallEvent(
        parseEslEvent(
          esl({
            'Event-Name': 'CUSTOM',
            'Event-Subclass': 'callcenter::info',
            'CC-Action': 'bridge-agent-start',
            'CC-Agent': '1001@default',
            'Unique-ID': 'u1',
            'Event-Date-Timestamp': stamp,
          }),
        ),
      ),
    ).toMatchObject({ type: 'answered', agent: '1001@default' });
    expect(
      eslToCallEvent(
        parseEslEvent(esl({ 'Event-Name': 'CHANNEL_HANGUP_COMPLETE', 'Hangup-Cause': 'ORIGINATOR_CANCEL', 'Unique-ID': 'u1', 'Event-Date-Timestamp': stamp })),
      ),
    ).toMatchObject({ type: 'ended', reason: 'caller_hangup' });
    expect(eslToCallEvent(parseEslEvent(esl({ 'Event-Name': 'HEARTBEAT', 'Unique-ID': 'u1', 'Event-Date-Timestamp': stamp })))).toBeNull();
    expect(
      eslToCallEvent(parseEslEvent(esl({ 'Event-Name': 'CHANNEL_CREATE', 'Call-Direction': 'outbound', 'Unique-ID': 'u2', 'Event-Date-Timestamp': stamp }))),
    ).toBeNull();
  });
});
