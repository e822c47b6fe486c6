/**
 * Replays a realistic day of calls against a running server, as the telephony system would post them: signed
 * batches, events out of order within a batch and some delivered twice. Then it computes the day's figures itself
 * (the same pure functions over what it sent) and asks the server for them: the two must be equal.
 *
 *   npm run calls:simulate -- [--url http://localhost:3000] [--calls 3000] [--date 2026-11-30] [--secret …] [--seed 7]
 *                             [--user supervisor --password Demo12351]
 */
import { randomUUID } from 'node:crypto';
import { foldCall, type CallEvent } from '../calls/domain/call-events.js';
import { callFigures } from '../calls/domain/call-figures.js';
import { instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { demoTelephonySecret } from '../platform/config/config.js';
import { signRequest } from '../platform/signing/hmac.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const url = arg('url', 'http://localhost:3000').replace(/\/$/, '');
const count = Number(arg('calls', '3000'));
const date = arg('date', localDateOf(new Date()));
const secret = arg('secret', process.env.HOTLINE_TELEPHONY_SECRET ?? demoTelephonySecret);
let seed = Number(arg('seed', '7'));
const user = arg('user', 'supervisor');
const password = arg('password', 'Demo12351');

// mulberry32: a reproducible day for a seed.
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const exp = (mean: number) => -Math.log(1 - rand()) * mean;
// Calls by hour of the day (Beijing): a 24-hour line, busiest in office hours.
const hourly = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 9, 11, 10, 8, 5, 7, 9, 10, 9, 7, 5, 4, 3, 2, 2, 1];
const total = hourly.reduce((s, w) => s + w, 0);
const start = instantAt(date, 0).getTime();

function hourOf(): number {
  let x = rand() * total;
  for (let h = 0; h < 24; h++) if ((x -= hourly[h]!) < 0) return h;
  return 23;
}

const events: CallEvent[] = [];
for (let i = 0; i < count; i++) {
  const id = `sim-${date}-${String(i).padStart(5, '0')}-${randomUUID().slice(0, 8)}`;
  let s = (start + hourOf() * 3_600_000 + rand() * 3_600_000) / 1000;
  const at = (x: number) => new Date(Math.round(x * 1000)).toISOString();
  let k = 0;
  const ev = (type: CallEvent['type'], x: number, extra: Partial<CallEvent> = {}) =>
    events.push({ eventId: `${id}-${k++}`, callId: id, type, at: at(x), ...extra });
  ev('offered', s, { from: `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`, to: '12351' });
  ev('ivr', (s += 1));
  s += 5 + exp(15);
  if (rand() < 0.12) {
    ev('ended', s, { reason: 'ivr_hangup' }); // answered by the voice menu (policy recordings, office hours)
    continue;
  }
  ev('queued', s, { queue: rand() < 0.1 ? 'legal' : 'general' });
  const wait = exp(9);
  const patience = exp(120);
  if (patience < wait && patience < 180) {
    ev('ended', s + patience, { reason: 'caller_hangup' });
    continue;
  }
  if (wait > 180) {
    ev('ended', s + 180, { reason: 'queue_timeout' });
    continue;
  }
  const agent = `agent${1 + Math.floor(rand() * 8)}`;
  ev('answered', (s += wait), { agent });
  const talk = 30 + exp(200);
  if (rand() < 0.05) ev('transferred', s + talk / 2, { target: 'lawyer', targetName: '值班律师', agent: 'lawyer' });
  ev('ended', s + talk, { reason: rand() < 0.6 ? 'agent_hangup' : 'caller_hangup' });
  if (rand() < 0.9) ev('recording', s + talk + 2, { recordingUrl: `https://recordings.invalid/${id}.wav` });
}

// Delivery as a call centre does it: batches of 200 in a shuffled order, 5 % of events again in a later batch.
const shuffled = [...events].sort(() => rand() - 0.5);
const again = shuffled.filter(() => rand() < 0.05);
const stream = [...shuffled, ...again];
async function send(batch: CallEvent[]) {
  const body = JSON.stringify({ events: batch });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const res = await fetch(`${url}/api/calls/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hotline-timestamp': ts,
      'x-hotline-nonce': nonce,
      'x-hotline-signature': signRequest('hmac-sha256', secret, ts, nonce, body),
    },
    body,
  });
  if (!res.ok) throw new Error(`ingestCallEvents answered ${res.status}: ${await res.text()}`);
}
const began = Date.now();
for (let i = 0; i < stream.length; i += 200) await send(stream.slice(i, i + 200));
const seconds = (Date.now() - began) / 1000;

const byCall = new Map<string, CallEvent[]>();
for (const e of events) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
const mine = callFigures([...byCall.entries()].map(([id, evs]) => foldCall(id, evs)));

const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: url },
  body: JSON.stringify({ username: user, password }),
});
if (!login.ok) throw new Error(`login as ${user} failed: ${login.status} ${await login.text()}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const next = localDateOf(new Date(start + 36 * 3_600_000));
const res = await fetch(`${url}/api/calls/figures?from=${date}&to=${next}`, { headers: { cookie } });
if (!res.ok) throw new Error(`getCallFigures answered ${res.status}: ${await res.text()}`);
const server = ((await res.json()) as { overall: typeof mine }).overall;

console.log(
  `sent ${events.length} events of ${count} calls (${again.length} twice, shuffled) in ${seconds.toFixed(1)} s: ${Math.round(stream.length / seconds)} events/s`,
);
const rows = Object.keys(mine) as (keyof typeof mine)[];
for (const k of rows) console.log(`${k.padEnd(20)} simulator ${String(mine[k]).padEnd(22)} server ${server[k]}`);
// The server holds whatever else was sent that day (an earlier run): equal means equal on a day used once.
const equal = rows.every((k) => mine[k] === server[k] || (typeof mine[k] === 'number' && Math.abs((mine[k] as number) - (server[k] as number)) < 1e-9));
console.log(equal ? 'the server’s figures equal the simulator’s' : 'DIFFERENT: was this day already used by another run?');
process.exit(equal ? 0 : 1);
