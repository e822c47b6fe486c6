import { CalendarNotCoveredError, isWorkingTimeUnit, type LimitUnit } from '../calendar/domain/working-time.js';
import { effectivePriority } from '../orders/domain/effective-priority.js';
import type { OrderAction } from '../orders/domain/state-machine.js';
import type { Satisfaction } from '../orders/domain/states.js';
import type { OrderOutcome } from '../orders/orders.tables.js';
import type { Cast, SeedActor, SeedUnit } from './cast.js';
import { stallsHeldForMs, type Kind, type Request } from './draw.js';
import type { SimOrder } from './lifecycle.js';
import { fill } from './narratives.js';
import { texts } from './process-texts.js';
import type { Rng } from './random.js';
import type { WorkClock } from './work-clock.js';

export type StoryInput = {
  sim: SimOrder;
  req: Request;
  kind: Kind;
  rng: Rng;
  cast: Cast;
  clock: WorkClock;
  /** Nothing happens at or after this instant: what is still open then is the order's state. */
  end: Date;
  /** A merge into the order is due then: the reply waits for it. */
  replyNotBefore: Date | null;
};

/** Thrown to end a story early: the rest of the loop lies in the future, or the order is held at a step. */
const STOP = Symbol('stop');

/**
 * The first candidate the state machine lets take the action now; none ends the story and the order waits there,
 * so a rule tightened later leaves orders open instead of breaking the installation.
 */
function who(sim: SimOrder, action: OrderAction, ...candidates: (SeedActor | null | undefined)[]): SeedActor {
  const actor = candidates.find((c): c is SeedActor => !!c && sim.may(c, action));
  if (!actor) throw STOP;
  return actor;
}

/** A note when the author may write one; a note is never worth ending the story for. */
function note(sim: SimOrder, at: Date, author: SeedActor | null | undefined, text: string, kind = 'progress'): void {
  if (author && sim.may(author, 'add_note')) sim.addNote(at, author, text, kind);
}

/**
 * Drives one order through the loop with believable delays: dispatch within the hour (minutes when urgent), sign
 * the same working day, reply within the limit (a few late), review, callback; some returned, extended, reworked,
 * reopened; held at one step for the stall kinds. A step whose deadline lies beyond the working calendar cannot be
 * taken (the real system refuses it too), so the story ends there.
 */
export function runStory(s: StoryInput): void {
  try {
    story(s);
  } catch (e) {
    if (e !== STOP && !(e instanceof CalendarNotCoveredError)) throw e;
  }
  s.sim.finish(s.end);
}

function story(s: StoryInput): void {
  const { sim, req, kind, rng, cast, clock, end } = s;
  // People keep to the limits the order runs on: a flagged order is in the emergency mechanism and handled as a
  // major one (orders/domain/effective-priority.ts).
  const pace = effectivePriority(req);
  const urgent = pace !== 'normal';
  const minute = 60_000;
  const later = (from: Date, min: number, max: number) => new Date(Math.max(from.getTime(), sim.last.getTime()) + rng.int(min, max) * minute);
  const working = (from: Date, min: number, max: number) => clock.add(new Date(Math.max(from.getTime(), sim.last.getTime())), rng.int(min, max));
  /** Working time for normal orders, the clock for urgent ones (their limits run on the clock). */
  const soon = (from: Date, w: [number, number], c: [number, number]) => (urgent ? later(from, c[0], c[1]) : working(from, w[0], w[1]));
  const due = (t: Date) => {
    if (t >= end) throw STOP;
    return t;
  };
  const supervisor = cast.supervisors[0] ?? null;
  /**
   * Held at a step: the supervisor urges once the step is overdue, then nothing more happens. The desk's decision after
   * a dissatisfied callback has no limit of its own (workflow.md): the supervisor chases it from the date the callback
   * was due, as before that step was told apart from the callback (so every other order is generated as it was).
   */
  const hold = () => {
    const d = sim.o.currentDueAt ?? (sim.o.currentStep === 'reopen_or_archive' ? sim.o.callbackDueAt : null);
    if (supervisor && d && d < end) {
      const t = working(d, 30, 480);
      if (t < end) note(sim, t, supervisor, texts.urgeByStep[sim.o.currentStep ?? ''] ?? rng.pick(texts.supervisorUrge));
    }
    throw STOP;
  };

  if (kind === 'close_at_intake') return;
  if (kind === 'invalid') {
    const inv = rng.pick(texts.invalid);
    sim.invalidate(due(later(sim.o.createdAt, 3, 90)), who(sim, 'invalidate', req.intake, ...cast.agents, req.desk), inv.category, inv.reason);
    return;
  }
  if (kind === 'stall_dispatch') hold();

  const desk = req.desk;
  const atHotline =
    desk.unitId === cast.centre.id &&
    !kind.startsWith('stall_') &&
    (pace === 'major' ? rng.chance(0.5) : pace === 'urgent' ? rng.chance(0.1) : req.type === 'consult' && rng.chance(0.5));
  const dispatchAt = due(
    urgent
      ? later(sim.o.createdAt, pace === 'major' ? 3 : 5, pace === 'major' ? 12 : 25)
      : rng.chance(0.04)
        ? working(sim.o.createdAt, 70, 300)
        : working(sim.o.createdAt, 5, 55),
  );
  let holderActor: SeedActor;

  if (atHotline) {
    sim.handleAtHotline(dispatchAt, who(sim, 'handle_at_hotline', desk), rng.pick(texts.hotlineHandleNote));
    holderActor = desk;
    if (cast.studio && req.tier !== 'general' && rng.chance(0.5) && sim.may(desk, 'invite_co_handler')) {
      sim.inviteCoHandler(due(later(dispatchAt, 5, 60)), desk, cast.studio, texts.coHandlerTask.lawyer_studio!);
    }
  } else {
    holderActor = dispatchDown(s, desk, dispatchAt, due, soon, hold);
  }
  if (pace === 'major') note(sim, due(later(dispatchAt, 20, 120)), cast.leaders[0], rng.pick(texts.leaderInstruction));

  handleAndReply(s, holderActor, due, working, hold);
  if (kind === 'stall_replied') hold();
  review(s, desk, due, working, hold);
}

type Due = (t: Date) => Date;
type Later = (from: Date, min: number, max: number) => Date;
type Soon = (from: Date, w: [number, number], c: [number, number]) => Date;

/** 派单, with the variants: through the city or the county (下派), to the wrong unit and back (退单), co-handlers. */
function dispatchDown(s: StoryInput, desk: SeedActor, at: Date, due: Due, soon: Soon, hold: () => never): SeedActor {
  const { sim, req, kind, rng, cast } = s;
  const territorial = req.place.territorial;
  const city = cast.ancestorOfType(req.place.county, 'city_federation');
  const cityDesk = city ? cast.desks.get(city.id) : undefined;
  const countyDesk = territorial.type === 'town_union' ? cast.desks.get(req.place.county.id) : undefined;
  const returns = kind === 'stall_returned' || rng.chance(0.04);
  const viaCity = !returns && cityDesk && rng.chance(0.2) ? cityDesk : undefined;
  const viaCounty = !returns && !viaCity && countyDesk && rng.chance(0.35) ? countyDesk : undefined;
  const wrongUnit = returns && rng.chance(0.7) ? neighbourOf(s, territorial) : null;

  const co: { unit: SeedUnit; task: string | null }[] = [];
  const coTask = (type: string) => texts.coHandlerTask[type] ?? null;
  if (req.employerUnion) co.push({ unit: req.employerUnion, task: coTask('enterprise_union') });
  const inspection = cast.externals.get('labour_inspection');
  if (inspection && req.subject === 'wage_arrears' && (req.priority !== 'normal' || (req.workers ?? 0) >= 10) && rng.chance(0.6))
    co.push({ unit: inspection, task: coTask('labour_inspection') });
  if (req.type === 'complaint' && req.tier !== 'general' && rng.chance(0.4)) {
    const options = [cast.externals.get('hr_bureau'), cast.externals.get('arbitration'), desk.unitId === cast.centre.id ? cast.studio : null].filter(
      (u): u is SeedUnit => !!u,
    );
    if (options.length) {
      const u = rng.pick(options);
      co.push({ unit: u, task: coTask(u.type) });
    }
  }

  const first = viaCity ? cast.unit(viaCity.unitId) : viaCounty ? req.place.county : (wrongUnit ?? territorial);
  const dispatchNote = rng.pick(req.priority !== 'normal' ? texts.urgentDispatchNote : (req.workers ?? 1) >= 3 ? texts.groupDispatchNote : texts.dispatchNote);
  sim.dispatch(at, who(sim, 'dispatch', desk), first, dispatchNote, wrongUnit ? [] : co);

  if (returns) {
    const returner = cast.staff(first.id);
    let t = soon(at, [30, 600], [10, 90]);
    const limit = sim.o.returnDueAt;
    if (limit && t > limit) t = new Date(Math.max(sim.last.getTime() + 60_000, limit.getTime() - 60_000));
    // An emergency order's return limit is an hour: when the unit's turn came after it, the unit keeps the order.
    const returned =
      !(limit && t > limit) && sim.returnOrder(due(t), who(sim, 'return', returner), rng.pick(wrongUnit ? texts.wrongUnitReturn : texts.ownUnitReturn));
    if (kind === 'stall_returned') hold();
    if (returned) {
      const decideAt = due(soon(t, [15, 240], [5, 30]));
      if (wrongUnit) sim.dispatch(decideAt, who(sim, 'return_redispatch', desk), territorial, rng.pick(texts.redispatchReason), co, 'return_redispatch');
      else sim.rejectReturn(decideAt, who(sim, 'return_reject', desk), rng.pick(texts.rejectReturn));
    }
  }
  if (viaCity || viaCounty) {
    const downNote = rng.pick(territorial.type === 'town_union' ? texts.redispatchToTown : texts.redispatchToCounty);
    sim.dispatch(due(soon(sim.last, [20, 300], [5, 30])), who(sim, 'dispatch', viaCity ?? viaCounty), territorial, downNote);
  }
  if (kind === 'stall_sign') hold();
  const holder = sim.o.holderUnitId;
  const signer = cast.staff(holder);
  let signAt = rng.chance(0.05) ? soon(sim.last, [480, 1000], [100, 200]) : soon(sim.last, [10, 360], [10, 90]);
  if (sim.o.currentDueAt && signAt <= sim.o.currentDueAt) signAt = daytime(signAt, sim.o.currentDueAt);
  sim.sign(due(signAt), who(sim, 'sign', signer));
  return signer;
}

/** A county next to the order's (same city when there is one), for an order first sent to the wrong unit. */
function neighbourOf(s: StoryInput, territorial: SeedUnit): SeedUnit | null {
  const same = s.cast.places.filter(
    (p) => !p.townName && p.county.id !== s.req.place.county.id && p.city === s.req.place.city && p.territorial.id !== territorial.id,
  );
  const any = same.length ? same : s.cast.places.filter((p) => !p.townName && p.county.id !== s.req.place.county.id);
  return any.length ? s.rng.pick(any).county : null;
}

/** Moves a night-time instant (22:00–07:00 local) to the next morning, after 08:00, when that still keeps the deadline. */
function daytime(t: Date, deadline: Date): Date {
  const hour = (t.getUTCHours() + 8) % 24;
  if (hour >= 7 && hour < 22) return t;
  const morning = new Date(t.getTime() + (((8 - hour + 24) % 24) * 60 + 10 + (t.getUTCSeconds() % 50) - t.getUTCMinutes()) * 60_000);
  return morning <= deadline ? morning : t;
}

/** The time `share` of the way from `start` to `end` of a limit, in working time when the limit counts working time. */
function along(clock: WorkClock, start: Date, end: Date, unit: LimitUnit, share: number): Date {
  if (isWorkingTimeUnit(unit)) return clock.add(start, Math.max(1, Math.round(clock.between(start, end) * share)));
  return new Date(start.getTime() + Math.max(60_000, (end.getTime() - start.getTime()) * share));
}

/** 办理 and 办结反馈: notes, co-handlers' parts, an extension now and then, the reply (some late). */
function handleAndReply(s: StoryInput, holder: SeedActor, due: Due, working: Later, hold: () => never): void {
  const { sim, req, kind, rng, cast, clock, end } = s;
  const start = sim.last;
  const unit = (sim.o.replyLimit?.unit ?? 'working_days') as LimitUnit;
  let deadline = sim.o.replyDueAt;
  const steps: { at: Date; run: (at: Date) => void }[] = [];

  // 延期 only where a person of the installation holds the order: the request is signed by an account. Another
  // dispatcher decides it (separation of duties); where there is none (the centre's one dispatcher handling the order
  // himself), the request waits undecided, as it would. Such a wait is a stall: drawn only in the last half-year, like
  // the deck's (draw.ts settledWithAge), or a seed of years keeps every old one open.
  const deciders = [req.desk, ...cast.dispatchers].filter((d) => d.userId !== holder.userId);
  const undecided = kind === 'stall_handling' || !deciders.length;
  if (
    holder.userId &&
    (deciders.length || end.getTime() - start.getTime() <= stallsHeldForMs) &&
    deadline &&
    unit === 'working_days' &&
    sim.o.replyLimit?.amount &&
    rng.chance(kind === 'stall_handling' ? 1 : 0.15)
  ) {
    const requestAt = along(clock, start, deadline, unit, rng.float(0.55, 0.9));
    const amount = rng.int(1, sim.o.replyLimit.amount);
    const requested = sim.extensionDue(amount);
    const decideAt = working(requestAt, 30, 240);
    if (requested && requestAt < deadline && decideAt < end) {
      const approve = rng.chance(0.85);
      // Asked only if the limit still counts working days when the time comes: a caller attached meanwhile can flag
      // the order into the emergency limits (issue 11), which run on the clock and cannot be extended (the seed failed
      // with ORDER_EXTENSION_CLOCK_LIMIT on some days). Then there is nothing to decide either. (The texts are picked
      // as before, so every other order is generated as it was.)
      steps.push({
        at: requestAt,
        run: (t) => {
          const by = who(sim, 'request_extension', holder);
          const reason = rng.pick(texts.extensionReason);
          if (sim.mayAt(t, by, 'request_extension')) sim.requestExtension(t, by, amount, reason);
        },
      });
      // A stalled handling waits on its request: the desk has not decided it (待审批延期 in the dispatcher's queue).
      if (!undecided) {
        steps.push({
          at: decideAt,
          run: (t) => {
            const by = who(sim, 'decide_extension', ...deciders);
            const note = rng.pick(approve ? texts.extensionApprove : texts.extensionReject);
            if (sim.o.pendingExtension) sim.decideExtension(t, by, approve, note);
          },
        });
        if (approve) deadline = requested;
      }
    }
  }
  let replyAt: Date | null = null;
  if (kind !== 'stall_handling') {
    const late = rng.chance(0.05);
    replyAt = deadline ? along(clock, start, deadline, unit, late ? rng.float(1.03, 1.4) : rng.float(0.15, 0.92)) : working(start, 240, 2400);
    if (deadline && !isWorkingTimeUnit(unit)) replyAt = daytime(replyAt, deadline);
    if (s.replyNotBefore && replyAt < s.replyNotBefore) replyAt = new Date(s.replyNotBefore.getTime() + rng.int(30, 240) * 60_000);
    const lastStep = steps.reduce((m, x) => (x.at > m ? x.at : m), start);
    if (replyAt <= lastStep) replyAt = new Date(lastStep.getTime() + rng.int(30, 180) * 60_000);
  }
  const until = replyAt ?? end;
  // People write notes in office hours: spread over the working time of the span when it has any.
  const officeSpan = clock.between(start, until) >= 60;
  const window = (a: number, b: number) =>
    officeSpan
      ? along(clock, start, until, 'working_hours', rng.float(a, b))
      : new Date(start.getTime() + (until.getTime() - start.getTime()) * rng.float(a, b));
  for (let i = rng.int(0, 2); i > 0; i--) {
    const n = rng.pick(texts.notes);
    steps.push({ at: window(0.05, 0.95), run: (t) => note(sim, t, holder, n.text, n.kind) });
  }
  for (const c of sim.g.coHandlers) {
    if (c.removedAt || c.repliedAt || !rng.chance(0.85)) continue;
    const u = cast.unit(c.unitId);
    const by = u.type === 'lawyer_studio' && cast.mediators.length ? cast.mediators[0]! : cast.staff(u.id);
    steps.push({
      at: window(0.1, 0.9),
      run: (t) => sim.may(by, 'reply_co_handler_part') && sim.replyCoHandlerPart(t, by, texts.coHandlerReply[u.type] ?? '已协同核实处理'),
    });
  }
  const supervisor = cast.supervisors[0];
  const nearDue = sim.o.replyNearDueAt;
  if (supervisor && nearDue && nearDue > start && nearDue < until && rng.chance(0.4))
    steps.push({ at: nearDue, run: (t) => note(sim, t, supervisor, texts.supervisorNearDue[0]) });
  if (supervisor && deadline && deadline < until)
    steps.push({ at: working(deadline, 30, 240), run: (t) => note(sim, t, supervisor, rng.pick(texts.supervisorUrge)) });

  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) {
    if (replyAt && step.at >= replyAt) continue;
    step.run(due(step.at));
  }
  // A request nobody decides holds the order where it is (a stall_handling, or the centre's only dispatcher's own).
  if (kind === 'stall_handling' || sim.o.pendingExtension) hold();
  sim.reply(due(replyAt!), who(sim, 'reply', holder), outcomeOf(s));
}

function outcomeOf(s: StoryInput): OrderOutcome {
  const { req, rng } = s;
  const resolved = rng.chance(0.9);
  const suggestion = req.type === 'suggestion';
  const measures = fill(
    rng.pick(resolved ? (suggestion ? texts.suggestionResolved : req.texts.resolved) : suggestion ? texts.suggestionUnresolved : req.texts.unresolved),
    req.vars,
  );
  const paid = /支付|补发|结清|付清|赔偿|退还|垫付|到位|到账/.test(measures);
  const recovered = resolved && paid && req.amount ? Math.round(req.amount * rng.float(0.6, 1)) : 0;
  return { resolved, measures, amountRecovered: recovered, workersHelped: resolved ? (req.workers ?? 1) : 0 };
}

/** 审核, 回访, 归档, with rework, unreachable callers and dissatisfied ones reopened or archived. */
function review(s: StoryInput, desk: SeedActor, due: Due, working: Later, hold: () => never): void {
  const { sim, kind, rng, cast } = s;
  if (rng.chance(0.05) && sim.o.reworkCount === 0) {
    sim.rework(due(working(sim.last, 20, 480)), who(sim, 'review_rework', desk), rng.pick(texts.reworkReason));
    const holder = sim.o.holderUnitId === cast.centre.id ? desk : cast.staff(sim.o.holderUnitId);
    s = { ...s, replyNotBefore: null, kind: 'flow' };
    handleAndReply(s, holder, due, working, hold);
  }
  // Not by the one who replied (separation of duties): an order the hotline handled itself is accepted by another
  // dispatcher or a supervisor of the centre. Before, every such order stayed 审核中 for good.
  sim.accept(due(working(sim.last, 20, 480)), who(sim, 'review_accept', desk, ...cast.dispatchers, ...cast.supervisors));
  if (kind === 'stall_callback') hold();

  const caller = who(sim, 'callback_satisfied', rng.pick(cast.agents), ...cast.agents);
  const never = rng.chance(0.025);
  const misses = never ? 3 : rng.chance(0.1) ? rng.int(1, 2) : 0;
  for (let i = 0; i < misses; i++) sim.callbackUnreachable(due(working(sim.last, i ? 60 : 30, i ? 300 : 900)), caller);
  if (never) {
    sim.archive(due(working(sim.last, 60, 600)), who(sim, 'archive', desk), texts.archiveUnreachable[0]);
    return;
  }
  const dissatisfied = kind === 'stall_dissatisfied' || (sim.o.reopenCount === 0 && rng.chance(0.03));
  const handling: Satisfaction = dissatisfied ? 'dissatisfied' : rng.chance(0.9) ? 'satisfied' : 'basically_satisfied';
  const call: Satisfaction = rng.chance(0.93) ? 'satisfied' : 'basically_satisfied';
  sim.callbackReached(due(working(sim.last, 30, 900)), caller, handling, call);
  if (!dissatisfied) return;
  if (kind === 'stall_dissatisfied') hold();
  if (rng.chance(0.6)) {
    sim.reopen(due(working(sim.last, 60, 600)), who(sim, 'reopen', desk), rng.pick(texts.reopenReason));
    const holder = sim.o.holderUnitId === cast.centre.id ? desk : cast.staff(sim.o.holderUnitId);
    handleAndReply({ ...s, kind: 'flow', replyNotBefore: null }, holder, due, working, hold);
    review({ ...s, kind: 'flow' }, desk, due, working, hold);
  } else {
    sim.archive(due(working(sim.last, 60, 900)), who(sim, 'archive', desk), rng.pick(texts.archiveDissatisfied));
  }
}
