import { addDaysToDate, CalendarNotCoveredError, instantAt, localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { catalogReferenceOf } from '../catalog/catalog-reference.js';
import type { RuleLike, RuleLimit } from '../catalog/domain/time-limit-rules.js';
import { formatOrderNumber } from '../orders/domain/order-number.js';
import type { RiskThresholds } from '../orders/domain/risk-flags.js';
import type { LimitSnapshot } from '../orders/orders.tables.js';
import { castOf, type SeedPerson, type SeedUnit } from './cast.js';
import { drawCaller, drawRequest, isStall, kindDeck, newEmployerMemory, settledWithAge, type Kind, type Request } from './draw.js';
import { SimOrder, type GeneratedOrder, type NewOrder, type SimEnv } from './lifecycle.js';
import { fill } from './narratives.js';
import { texts } from './process-texts.js';
import { createRng, type Rng } from './random.js';
import { runStory } from './story.js';
import { createWorkClock } from './work-clock.js';

export type { GeneratedOrder } from './lifecycle.js';
export type TimeLimitRule = RuleLike & RuleLimit & { id: string };

/** What the generator needs to know about the installation; all of it read before, nothing written by it. */
export type SeedContext = {
  province: string;
  units: readonly SeedUnit[];
  people: readonly SeedPerson[];
  calendar: WorkingCalendar;
  rules: readonly TimeLimitRule[];
  thresholds: RiskThresholds;
  /** The last number already handed out per local day ('YYYY-MM-DD'): generated numbers continue each day's sequence. */
  sequences: ReadonlyMap<string, number>;
};

export type GenerateOptions = {
  count: number;
  /** Orders are created in [from, to); nothing of their lifecycle happens at or after `to`. */
  from: Date;
  to: Date;
  seed: number;
  /** Row ids; reproducible from the seed unless given (the seeder passes random ones so runs can be repeated on one database). */
  newId?: () => string;
};

/** Calls by local hour: the hotline answers all day, most calls come in office hours. */
const hourWeights = [0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.5, 3.5, 6, 6.5, 6, 4, 4.5, 5.5, 5.5, 5, 4, 2.8, 2.2, 1.6, 1.1, 0.7, 0.45];
const HOUR = 3_600_000;

type DayPlan = { day: string; hours: { start: number; stop: number; weight: number }[]; weight: number };

function planDays(from: Date, to: Date, calendar: WorkingCalendar): DayPlan[] {
  const days: DayPlan[] = [];
  const last = localDateOf(new Date(to.getTime() - 1));
  for (let day = localDateOf(from); day <= last; day = addDaysToDate(day, 1)) {
    const dayStart = instantAt(day, 0).getTime();
    const hours = hourWeights.map((w, h) => {
      const start = Math.max(dayStart + h * HOUR, from.getTime());
      const stop = Math.min(dayStart + (h + 1) * HOUR, to.getTime());
      return { start, stop, weight: stop > start ? (w * (stop - start)) / HOUR : 0 };
    });
    const workday = calendar.workdays.get(day) ?? ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    days.push({ day, hours, weight: hours.reduce((s, h) => s + h.weight, 0) * (workday ? 1 : 0.45) });
  }
  return days;
}

/** Whole counts proportional to the weights, summing exactly to `total` (largest remainder). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = total - counts.reduce((a, b) => a + b, 0); k < left; k++) counts[order[k % order.length]![1]]!++;
  return counts;
}

function slotTimes(rng: Rng, plan: DayPlan, n: number): Float64Array {
  const total = plan.hours.reduce((s, h) => s + h.weight, 0);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = rng.next() * total;
    const h = plan.hours.find((x) => (r -= x.weight) < 0 && x.weight > 0) ?? plan.hours.filter((x) => x.weight > 0).at(-1)!;
    times[i] = Math.min(h.stop - 1000, Math.floor((h.start + rng.next() * (h.stop - h.start)) / 1000) * 1000);
  }
  return times.sort();
}

/**
 * Generates `count` complete order lifecycles created over [from, to), oldest first, one order at a time so a
 * million never sit in memory together (one day's creation instants do). Numbers follow each local day's
 * sequence in creation order. Pure: the same context and seed give the same orders.
 */
export function* generateOrders(ctx: SeedContext, opts: GenerateOptions): Generator<GeneratedOrder, void> {
  const lastDay = localDateOf(new Date(opts.to.getTime() - 1));
  if (localDateOf(opts.from) < ctx.calendar.firstDay || lastDay > ctx.calendar.lastDay) {
    throw new CalendarNotCoveredError(
      localDateOf(opts.from) < ctx.calendar.firstDay ? localDateOf(opts.from) : lastDay,
      ctx.calendar.firstDay || null,
      ctx.calendar.lastDay || null,
    );
  }
  const rng = createRng(opts.seed);
  const idRng = createRng(opts.seed ^ 0x5eed1234);
  const newId = opts.newId ?? (() => idRng.uuid());
  const cast = castOf(ctx.units, ctx.people, ctx.province);
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const limits = new Map<string, LimitSnapshot>();
  // The same rule selection as the running server (catalog-reference.ts); codes are the generator's own, not checked.
  const catalog = catalogReferenceOf({ types: [], subjects: [], flags: [], thresholds: ctx.thresholds, rules: ctx.rules });
  const env: SimEnv = {
    calendar: ctx.calendar,
    newId,
    unit: (id) => byId.get(id) ?? cast.unit(id),
    limitFor(step, o) {
      const key = `${step}|${o.typeCode}|${o.subjectCode}|${o.priority}|${o.tier}`;
      let limit = limits.get(key);
      if (!limit) {
        limit = catalog.limitFor(step, o);
        limits.set(key, limit);
      }
      return limit;
    },
  };
  const clock = createWorkClock(ctx.calendar);
  const memory = newEmployerMemory();
  const nextKind = kindDeck(rng);
  const days = planDays(opts.from, opts.to, ctx.calendar);
  const counts = apportion(
    days.map((d) => d.weight),
    opts.count,
  );

  const open = (req: Request, id: string, number: string, createdAt: Date, callers: ReturnType<typeof drawCaller>[]) => {
    const init: NewOrder = {
      id,
      number,
      channel: req.channel,
      typeCode: req.type,
      subjectCode: req.subject,
      priority: req.priority,
      tier: req.tier,
      riskFlags: req.riskFlags,
      title: req.title,
      narrative: req.narrative,
      answer: req.answer,
      employerName: req.employer?.name ?? null,
      employerKey: req.employer?.key || null,
      employerCreditCode: null,
      employerAddress: req.employer?.address ?? null,
      placeText: req.placeText,
      divisionCode: req.place.code,
      workersInvolved: req.workers,
      amountInvolved: req.amount,
      confidential: req.confidential,
      createdAt,
    };
    return new SimOrder(env, init, req.intake, req.holder, callers, req.suggested);
  };

  for (const [d, plan] of days.entries()) {
    const n = counts[d]!;
    if (!n) continue;
    const times = slotTimes(rng, plan, n);
    const base = ctx.sequences.get(plan.day) ?? 0;
    const numberAt = (i: number) => formatOrderNumber(ctx.province, new Date(times[i]!), base + i + 1);
    const taken = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      taken[i] = 1;
      const createdAt = new Date(times[i]!);
      let kind: Kind = nextKind();
      if (isStall(kind)) kind = settledWithAge(kind, opts.to.getTime() - times[i]!, rng);
      // A merge needs later calls the same day about the same employer; without them the order runs as any other.
      const sources: number[] = [];
      if (kind === 'merge_target') {
        for (let j = i + 1; j < n && sources.length < 2; j++) {
          if (!taken[j] && times[j]! - times[i]! >= 60_000 && times[j]! + HOUR < opts.to.getTime()) sources.push(j);
          if (sources.length && rng.chance(0.5)) break;
        }
        if (!sources.length) kind = 'flow';
      }
      let req = drawRequest(rng, cast, kind, createdAt, ctx.thresholds, memory);
      let sim: SimOrder;
      try {
        sim = open(req, newId(), numberAt(i), createdAt, [drawCaller(rng, ctx.province, req.place, req.channel, createdAt, req.intake.userId, newId)]);
      } catch (e) {
        // Near the end of the calendar the dispatch deadline cannot be computed and intake would refuse the order:
        // the agent answers on the spot instead.
        if (!(e instanceof CalendarNotCoveredError)) throw e;
        kind = 'close_at_intake';
        sources.length = 0;
        req = drawRequest(rng, cast, kind, createdAt, ctx.thresholds, memory);
        sim = open(req, newId(), numberAt(i), createdAt, [drawCaller(rng, ctx.province, req.place, req.channel, createdAt, req.intake.userId, newId)]);
      }
      attachGroupCallers(rng, ctx.province, sim, req, kind, opts.to, cast.agents[0]!, newId);

      const merged: SimOrder[] = [];
      let lastMerge: Date | null = null;
      for (const j of sources) {
        taken[j] = 1;
        const at = new Date(times[j]!);
        const agent = rng.pick(cast.agents);
        const sourceReq: Request = {
          ...req,
          channel: 'phone',
          intake: agent,
          holder: cast.centre,
          suggested: [],
          narrative: fill(texts.mergedNarrative, req.vars),
          riskFlags: [...new Set([...req.riskFlags, 'repeat'])],
        };
        const source = open(sourceReq, newId(), numberAt(j), at, [drawCaller(rng, ctx.province, req.place, 'phone', at, agent.userId, newId)]);
        merged.push(source);
        if (!source.may(agent, 'merge') || !sim.may(agent, 'attach_caller')) continue;
        lastMerge = new Date(at.getTime() + rng.int(5, 55) * 60_000);
        source.mergeInto(lastMerge, agent, sim, texts.mergeNote[0]);
      }
      runStory({ sim, req, kind: kind === 'merge_target' || kind === 'suggestion' ? 'flow' : kind, rng, cast, clock, end: opts.to, replyNotBefore: lastMerge });
      yield sim.g;
      for (const m of merged) yield m.g;
    }
  }
}

/** A group's further callers ring in within the hour or two after the first and are attached to the open order. */
function attachGroupCallers(
  rng: Rng,
  province: string,
  sim: SimOrder,
  req: Request,
  kind: Kind,
  end: Date,
  fallbackAgent: Request['intake'],
  newId: () => string,
): void {
  // A merge target gathers its later callers by the merge itself.
  if (kind === 'close_at_intake' || kind === 'invalid' || kind === 'merge_target' || (req.workers ?? 0) < 3 || !rng.chance(0.2)) return;
  const by = req.intake.role === 'integration' ? fallbackAgent : req.intake;
  if (!sim.may(by, 'attach_caller')) return;
  let at = sim.o.createdAt;
  for (let k = rng.int(1, Math.min(3, req.workers! - 1)); k > 0; k--) {
    at = new Date(at.getTime() + rng.int(5, 40) * 60_000);
    if (at >= end) return;
    const { calledAt: _calledAt, addedBy: _addedBy, ...caller } = drawCaller(rng, province, req.place, req.channel, at, by.userId, newId);
    sim.attachCaller(at, by, caller);
  }
}
