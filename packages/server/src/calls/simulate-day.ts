import { randomUUID } from 'node:crypto';
import { instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { signRequest } from '../platform/signing/hmac.js';
import type { CallEvent } from './domain/call-events.js';
import type { CallFigures } from './domain/call-figures.js';
import { exponential, mulberry32 } from '../platform/random.js';

/**
 * A realistic day of calls as the telephony system posts them to a running server (`npm run calls:simulate`, and the
 * simulator's test): signed batches of 200, the day's events shuffled and 5 % of them sent again in a later batch.
 * It computes the day's figures itself from how it decided each call would go (kpis.md's definitions, not the
 * product's code) and reads the server's (getCallFigures): equal means the server folded every call right whatever
 * the order and the repeats, and counted it as kpis.md says.
 */
export type DayOptions = {
  url: string;
  calls: number;
  /** The Beijing day the calls fall on. */
  date: string;
  secret: string;
  seed: number;
  user: string;
  password: string;
  /** The signing clock (the server's, in a test with an injected clock). */
  now?: () => Date;
};

// Calls by hour of the day (Beijing): a 24-hour line, busiest in office hours.
const hourly = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 9, 11, 10, 8, 5, 7, 9, 10, 9, 7, 5, 4, 3, 2, 2, 1];

/** The day's events, reproducible for a seed (mulberry32). */
export function generateDay(o: { calls: number; date: string; seed: number }) {
  const rand = mulberry32(o.seed);
  const exp = (mean: number) => exponential(rand, mean);
  const total = hourly.reduce((s, w) => s + w, 0);
  const start = instantAt(o.date, 0).getTime();
  const hourOf = () => {
    let x = rand() * total;
    for (let h = 0; h < 24; h++) {
      x -= hourly[h]!;
      if (x < 0) return h;
    }
    return 23;
  };
  const events: CallEvent[] = [];
  const truth: Truth[] = [];
  const run = randomUUID().slice(0, 8);
  for (let i = 0; i < o.calls; i++) {
    const id = `sim-${o.date}-${String(i).padStart(5, '0')}-${run}`;
    let s = (start + hourOf() * 3_600_000 + rand() * 3_600_000) / 1000;
    const ms = (x: number) => Math.round(x * 1000);
    const at = (x: number) => new Date(ms(x)).toISOString();
    const secs = (from: number, to: number) => Math.max(0, Math.round((ms(to) - ms(from)) / 1000));
    let k = 0;
    const ev = (type: CallEvent['type'], x: number, extra: Partial<CallEvent> = {}) =>
      events.push({ eventId: `${id}-${k++}`, callId: id, type, at: at(x), ...extra });
    ev('offered', s, { from: `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`, to: '12351' });
    s += 1;
    ev('ivr', s);
    s += 5 + exp(15);
    if (rand() < 0.12) {
      ev('ended', s, { reason: 'ivr_hangup' }); // answered by the voice menu (policy recordings, office hours)
      truth.push({ queued: false });
      continue;
    }
    ev('queued', s, { queue: rand() < 0.1 ? 'legal' : 'general' });
    const wait = exp(9);
    const patience = exp(120);
    if (patience < wait && patience < 180) {
      ev('ended', s + patience, { reason: 'caller_hangup' });
      truth.push({ queued: true, hungUpAfter: secs(s, s + patience) });
      continue;
    }
    if (wait > 180) {
      ev('ended', s + 180, { reason: 'queue_timeout' });
      truth.push({ queued: true });
      continue;
    }
    const agent = `agent${1 + Math.floor(rand() * 8)}`;
    const queuedAt = s;
    s += wait;
    ev('answered', s, { agent });
    const talk = 30 + exp(200);
    truth.push({ queued: true, wait: secs(queuedAt, s), talk: secs(s, s + talk) });
    if (rand() < 0.05) ev('transferred', s + talk / 2, { target: 'lawyer', targetName: '值班律师', agent: 'lawyer' });
    ev('ended', s + talk, { reason: rand() < 0.6 ? 'agent_hangup' : 'caller_hangup' });
    if (rand() < 0.9) ev('recording', s + talk + 2, { recordingUrl: `https://recordings.invalid/${id}.wav` });
  }
  // Delivery as a call centre does it: shuffled, 5 % of the events again in a later batch.
  const shuffled = [...events].sort(() => rand() - 0.5);
  const again = shuffled.filter(() => rand() < 0.05);
  return { events, truth, stream: [...shuffled, ...again], again: again.length };
}

/** How each generated call went, as the generator decided it (seconds as the events' instants give them). */
type Truth = { queued: boolean; wait?: number; talk?: number; hungUpAfter?: number };

/**
 * The day's figures by kpis.md's definitions straight from what the generator decided, not through the product's
 * fold: answer rate = answered ÷ queued; abandon = hung up in the queue after more than 5 s; waits and talks over
 * answered calls; answered within 15 s ÷ answered.
 */
export function expectedFigures(truth: readonly Truth[]) {
  const asked = truth.filter((c) => c.queued);
  const answered = asked.filter((c) => c.wait !== undefined);
  const abandoned = asked.filter((c) => (c.hungUpAfter ?? 0) > 5).length;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);
  const rate = (n: number, d: number) => (d ? n / d : null);
  const within = answered.filter((c) => c.wait! <= 15).length;
  return {
    calls: truth.length,
    askedForAgent: asked.length,
    answered: answered.length,
    answerRate: rate(answered.length, asked.length),
    answeredWithin: within,
    answerWithinRate: rate(within, answered.length),
    abandoned,
    abandonRate: rate(abandoned, asked.length),
    averageWaitSeconds: mean(answered.map((c) => c.wait!)),
    averageTalkSeconds: mean(answered.map((c) => c.talk!)),
  } satisfies CallFigures;
}

export async function simulateCallDay(o: DayOptions) {
  const now = o.now ?? (() => new Date());
  const day = generateDay(o);
  const send = async (batch: CallEvent[]) => {
    const body = JSON.stringify({ events: batch });
    const ts = String(Math.floor(now().getTime() / 1000));
    const nonce = randomUUID();
    const res = await fetch(`${o.url}/api/calls/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': nonce,
        'x-hotline-signature': signRequest('hmac-sha256', o.secret, ts, nonce, body),
      },
      body,
    });
    if (!res.ok) throw new Error(`ingestCallEvents answered ${res.status}: ${await res.text()}`);
  };
  const began = performance.now();
  for (let i = 0; i < day.stream.length; i += 200) await send(day.stream.slice(i, i + 200));
  const seconds = (performance.now() - began) / 1000;

  const login = await fetch(`${o.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: o.url },
    body: JSON.stringify({ username: o.user, password: o.password }),
  });
  if (!login.ok) throw new Error(`login as ${o.user} failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const next = localDateOf(new Date(instantAt(o.date, 0).getTime() + 36 * 3_600_000));
  const res = await fetch(`${o.url}/api/calls/figures?from=${o.date}&to=${next}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`getCallFigures answered ${res.status}: ${await res.text()}`);
  const server = ((await res.json()) as { overall: CallFigures }).overall;
  const mine = expectedFigures(day.truth);
  const keys = Object.keys(mine) as (keyof CallFigures)[];
  const same = (a: number | null, b: number | null) => a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);
  return {
    events: day.events.length,
    sent: day.stream.length,
    twice: day.again,
    seconds,
    mine,
    server,
    keys,
    equal: keys.every((k) => same(mine[k], server[k])),
  };
}
