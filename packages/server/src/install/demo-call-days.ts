import type { CallEvent } from '../calls/domain/call-events.js';
import { instantAt } from '../calendar/domain/working-time.js';
import { exponential, mulberry32 } from '../platform/random.js';

/**
 * The demo's call history, one Beijing day at a time, as the telephony system would have reported it: pure (the
 * installation's clock and calendar come in as arguments), and the same day always draws the same calls, whenever it
 * is generated, so the demo's history does not change under a restart and a test can name what it expects.
 *
 * The shape is a provincial 12351 desk's: about 95 calls on a working day (Mondays more, Fridays fewer), a third of
 * that on a rest day; most calls in office hours, a 24-hour line; waits grow with the hour's load, so the answer rate
 * dips at the 10 o'clock and 15 o'clock peaks; a tenth of callers leave in the voice menu (policy recordings), a few
 * hang up in the queue, a rare one times out after 180 s; callers wait in the starter menu's queues (rights, consult,
 * general) and a tenth in the legal queue, some of whom the agent passes to the lawyer on duty.
 */

/** Calls by hour (Beijing) on a working day and on a rest day (evenings and late mornings carry more of it). */
const workdayHours = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 9, 11, 10, 8, 5, 7, 9, 10, 9, 7, 5, 4, 3, 2, 2, 1];
const restdayHours = [1, 1, 0.5, 0.5, 0.5, 0.5, 1, 2, 4, 6, 7, 6, 4, 4, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1];

/** Monday carries the weekend's problems; Friday afternoon is quieter (0 = Sunday, as Date's getUTCDay). */
const weekdayFactor = [1, 1.2, 1.05, 1, 1, 0.9, 1];

/** An order the demo took on the phone: its call came from the caller's number and was answered by the agent who saved it. */
export type PhoneOrder = { createdAt: Date; phone: string; agent: string };

export type DayInput = {
  /** The Beijing date. */
  date: string;
  workday: boolean;
  /** The desk's agents (user names), who answer the day's calls. */
  agents: readonly string[];
  /** Calls end before this instant (today: the clock); later calls of the day are not generated yet. */
  until?: Date | undefined;
  /** The phone orders saved that day. */
  phoneOrders?: readonly PhoneOrder[] | undefined;
};

/** A day's seed from its date alone: the same date draws the same calls. */
const seedOf = (date: string) => Math.imul(Number(date.replaceAll('-', '')), 0x9e3779b1) >>> 0;

/** Repeat callers: a fixed pool some calls come from (the same person calls again about the same matter). */
const regulars = (() => {
  const rand = mulberry32(12351);
  return Array.from({ length: 240 }, () => mobile(rand));
})();

function mobile(rand: () => number): string {
  const second = '3456789'[Math.floor(rand() * 7)]!;
  return `1${second}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
}

export function demoCallDay(d: DayInput): CallEvent[] {
  const rand = mulberry32(seedOf(d.date));
  const exp = (mean: number) => exponential(rand, mean);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const hours = d.workday ? workdayHours : restdayHours;
  const total = hours.reduce((s, w) => s + w, 0);
  const busiest = Math.max(...hours);
  const midnight = instantAt(d.date, 0).getTime();
  const weekday = new Date(midnight + 12 * 3_600_000).getUTCDay();
  const volume = Math.round((d.workday ? 95 : 32) * (d.workday ? weekdayFactor[weekday]! : 1) * (0.85 + 0.3 * rand()));
  const until = d.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const events: CallEvent[] = [];
  const hourOf = () => {
    let x = rand() * total;
    for (let h = 0; h < 24; h++) {
      x -= hours[h]!;
      if (x < 0) return h;
    }
    return 23;
  };
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

  type Draft = { id: string; events: CallEvent[]; last: number };
  const call = (id: string) => {
    const draft: Draft = { id, events: [], last: 0 };
    let k = 0;
    const ev = (type: CallEvent['type'], ms: number, extra: Partial<CallEvent> = {}) => {
      draft.events.push({ eventId: `${id}-${k++}`, callId: id, type, at: iso(ms), ...extra });
      draft.last = Math.max(draft.last, ms);
    };
    return { draft, ev };
  };
  // A call is kept only when it has ended by `until`: today's history stops at the clock, and no event is in the future.
  const keep = (draft: Draft) => {
    if (draft.last >= until) return false;
    events.push(...draft.events);
    return true;
  };

  // Every call of the day is drawn, kept or not, so today's calls so far are the same whenever the clock reads them.
  for (let i = 0; i < volume; i++) {
    const h = hourOf();
    const load = hours[h]! / busiest;
    const { draft, ev } = call(`demo-${d.date}-${String(i).padStart(4, '0')}`);
    let s = midnight + h * 3_600_000 + rand() * 3_600_000;
    ev('offered', s, { from: rand() < 0.15 ? pick(regulars) : mobile(rand), to: '12351' });
    ev('ivr', s + 1_000);
    // The voice menu: about 8 s of greeting and a choice; policy recordings answer a tenth of callers (more at night).
    s += 6_000 + exp(10_000);
    if (rand() < (h < 8 || h >= 20 ? 0.18 : 0.09)) {
      ev('ended', s, { reason: 'ivr_hangup' });
      keep(draft);
      continue;
    }
    // The queue the caller's choice leads to (the starter voice menu's): a tenth the legal desk (an agent's transfer
    // in the menu's terms), a third the rights desk (wages, contracts, injuries), some the consultation desk.
    const choice = rand();
    const legal = choice < 0.1;
    ev('queued', s, { queue: legal ? 'legal' : choice < 0.45 ? 'rights' : choice < 0.6 ? 'consult' : 'general' });
    // The wait grows with the hour's load (the same desk, more callers), and now and then several callers ring at once
    // (a burst: every agent on a call); patience is the caller's.
    const wait = exp(4_000 + 15_000 * load * load) * (rand() < 0.04 ? 8 : 1);
    const patience = exp(180_000);
    if (patience < wait && patience < 180_000) {
      ev('ended', s + patience, { reason: 'caller_hangup' });
      keep(draft);
      continue;
    }
    if (wait > 180_000) {
      ev('ended', s + 180_000, { reason: 'queue_timeout' });
      keep(draft);
      continue;
    }
    s += wait;
    ev('answered', s, { agent: pick(d.agents) });
    const talk = 40_000 + exp(legal ? 300_000 : 170_000);
    if (legal && rand() < 0.35) ev('transferred', s + talk * 0.3, { target: 'lawyer', targetName: '值班律师', agent: 'lawyer' });
    ev('ended', s + talk, { reason: rand() < 0.4 ? 'agent_hangup' : 'caller_hangup' });
    keep(draft);
  }

  // The phone orders' own calls: answered by the agent who saved the order a few minutes into the call. They are not
  // linked to their orders: a link writes a fact on the order's timeline, which the demo generator's timelines (read in
  // the order they were written) would show out of place.
  for (const [i, o] of [...(d.phoneOrders ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).entries()) {
    const saved = o.createdAt.getTime();
    const { draft, ev } = call(`demo-${d.date}-o${String(i).padStart(3, '0')}`);
    const answered = saved - 90_000 - exp(150_000);
    const queued = answered - 2_000 - exp(8_000);
    const offered = queued - 6_000 - exp(10_000);
    ev('offered', offered, { from: o.phone, to: '12351' });
    ev('ivr', offered + 1_000);
    ev('queued', queued, { queue: 'general' });
    ev('answered', answered, { agent: o.agent });
    ev('ended', saved + 20_000 + exp(40_000), { reason: 'agent_hangup' });
    keep(draft);
  }
  return events;
}
