/**
 * Replays a realistic day of calls against a running server, as the telephony system would post them: signed
 * batches, events out of order and some delivered twice (calls/simulate-day.ts). Then it compares the day's figures
 * it expects (from how it decided each call would go, by kpis.md's definitions) with the server's: they must be equal.
 *
 *   npm run calls:simulate -- [--url http://localhost:3000] [--calls 3000] [--date 2026-11-30] [--secret …] [--seed 7]
 *                             [--user supervisor --password Demo12351]
 */
import { localDateOf } from '../calendar/domain/working-time.js';
import { simulateCallDay } from '../calls/simulate-day.js';
import { demoTelephonySecret } from '../platform/config/config.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const calls = Number(arg('calls', '3000'));
const r = await simulateCallDay({
  url: arg('url', 'http://localhost:3000').replace(/\/$/, ''),
  calls,
  date: arg('date', localDateOf(new Date())),
  secret: arg('secret', process.env.HOTLINE_TELEPHONY_SECRET ?? demoTelephonySecret),
  seed: Number(arg('seed', '7')),
  user: arg('user', 'supervisor'),
  password: arg('password', 'Demo12351'),
});
console.log(`sent ${r.events} events of ${calls} calls (${r.twice} twice, shuffled) in ${r.seconds.toFixed(1)} s: ${Math.round(r.sent / r.seconds)} events/s`);
for (const k of r.keys) console.log(`${k.padEnd(20)} simulator ${String(r.mine[k]).padEnd(22)} server ${r.server[k]}`);
// The server holds whatever else was sent that day (an earlier run): equal means equal on a day used once.
console.log(r.equal ? 'the server’s figures equal the simulator’s' : 'DIFFERENT: was this day already used by another run?');
process.exit(r.equal ? 0 : 1);
