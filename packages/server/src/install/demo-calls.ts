import { createCallsService } from '../calls/calls.service.js';
import { putAgentState } from '../calls/calls.repo.js';
import type { CallEvent } from '../calls/domain/call-events.js';
import { instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { createInProcessBus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { exponential, mulberry32 } from '../platform/random.js';

/**
 * Today's calls so far for the demo, so the call records and the wallboard show a working day on first start: a
 * reproducible day (the same mulberry32 walk for a date) through the real ingestion path, two calls still going
 * (one answered by the demo agent, one caller waiting) and the two demo agents' states.
 */
export async function seedDemoCalls(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const start = instantAt(localDateOf(now), 0).getTime();
  const rand = mulberry32(12351);
  const exp = (mean: number) => exponential(rand, mean);
  const agents = ['agent', 'callback'];
  const events: CallEvent[] = [];
  const at = (ms: number) => new Date(Math.round(ms)).toISOString();
  // About 12 calls an hour, up to ten minutes ago.
  const until = now.getTime() - 600_000;
  for (let i = 0, s = start + exp(300_000); s < until; i++, s += exp(300_000)) {
    const id = `demo-${localDateOf(now)}-${String(i).padStart(4, '0')}`;
    let k = 0;
    const ev = (type: CallEvent['type'], ms: number, extra: Partial<CallEvent> = {}) =>
      events.push({ eventId: `${id}-${k++}`, callId: id, type, at: at(ms), ...extra });
    ev('offered', s, { from: `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`, to: '12351' });
    const queued = s + 8_000 + exp(10_000);
    if (rand() < 0.1) {
      ev('ended', queued, { reason: 'ivr_hangup' });
      continue;
    }
    ev('queued', queued, { queue: rand() < 0.1 ? 'legal' : 'general' });
    const wait = exp(9_000);
    if (rand() < 0.06) {
      ev('ended', queued + 6_000 + wait, { reason: 'caller_hangup' });
      continue;
    }
    ev('answered', queued + wait, { agent: agents[Math.floor(rand() * agents.length)]! });
    ev('ended', queued + wait + 30_000 + exp(200_000), { reason: 'agent_hangup' });
  }
  const live = (id: string, caller: string) => ({
    eventId: `${id}-0`,
    callId: id,
    type: 'offered' as const,
    at: at(now.getTime() - 120_000),
    from: caller,
    to: '12351',
  });
  events.push(
    live('demo-live-talking', '13904710001'),
    { eventId: 'demo-live-talking-1', callId: 'demo-live-talking', type: 'queued', at: at(now.getTime() - 110_000), queue: 'general' },
    { eventId: 'demo-live-talking-2', callId: 'demo-live-talking', type: 'answered', at: at(now.getTime() - 100_000), agent: 'agent' },
    live('demo-live-waiting', '13904710002'),
    { eventId: 'demo-live-waiting-1', callId: 'demo-live-waiting', type: 'queued', at: at(now.getTime() - 40_000), queue: 'general' },
  );
  const calls = createCallsService({ db, clock, bus: createInProcessBus() });
  for (let i = 0; i < events.length; i += 500) await calls.ingest(`demo-${now.getTime()}-${i}`, events.slice(i, i + 500));
  await putAgentState(db, { username: 'agent', state: 'ready', since: new Date(start + 8 * 3_600_000), version: 1 });
  await putAgentState(db, { username: 'callback', state: 'after_call_work', since: new Date(now.getTime() - 60_000), version: 1 });
}
