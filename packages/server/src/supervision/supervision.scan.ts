import { unitIdsOnPath } from '../access/scope.js';
import { listSubjects } from '../catalog/catalog.repo.js';
import type { WorkingCalendar } from '../calendar/domain/working-time.js';
import { noticeJob, type Notice } from '../notifications/domain/notice.js';
import { membersOf } from './emergency-members.service.js';
import { followUpRoles, ownersRead } from './review-owners.js';
import { findUnitsByIds } from '../units/units.repo.js';
import { supervisionSettings } from './instructions.repo.js';
import { parseOrderEvent } from '../orders/domain/events.js';
import type { OrderState } from '../orders/domain/states.js';
import { orderNumberText } from '../orders/order-fragments.js';
import { insertEvents } from '../orders/orders.repo.js';
import type { Db, Executor, Tx } from '../platform/db/client.js';
import { ioTurn } from '../platform/concurrency/io-turn.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { SystemActor } from '../platform/jobs/system-actor.js';
import { askedOf, noticesFor, signalActions, signalNote, type OrderPlace, type OrderUnitsInTree } from './domain/notices.js';
import { splitWaves, waveNotices } from './domain/waves.js';
import { scanWindows, secondLimitAt, signalsFor, type Signal } from './domain/timers.js';
import { candidateRows, insertSignals, scanCandidateIds, type ScanCandidate } from './supervision.repo.js';
import { sql } from 'drizzle-orm';
import { localDateOf } from '../calendar/domain/working-time.js';
import { rowsOf } from '../platform/db/client.js';

export const scanJobKind = 'supervision.scan';

export type ScanResult = {
  candidates: number;
  signals: number;
  notices: number;
  skipped: number;
  /** Candidates dropped because the order changed between the read and their chunk's write. */
  changed: number;
  transactions: number;
};

/** Candidates written per transaction: a first scan over a large backlog must not hold the database for seconds. */
export const scanChunk = 500;

/**
 * One pass of the supervision timers. The candidates' ids and versions are read in one statement, their rows chunk by
 * chunk (memory stays that of a chunk over any backlog); their signals due now are written once by key, `chunk`
 * candidates per transaction, and for each signal actually written, a timeline event by the
 * system actor and its notices in the outbox, in that same transaction. A second instance or a rerun finds the keys
 * taken and produces nothing, so a pass that fails half way is finished by the next one without a duplicate.
 *
 * Why chunks: a first scan over a backlog (the feature switched on, a long outage) writes tens of thousands of
 * signals; in one transaction that held PostgreSQL's locks and, on PGlite's one connection, every request for
 * seconds (10,001 open orders: 1.5 s on PostgreSQL). Between two chunks the event loop gets a turn (`between`), and a
 * chunk drops the orders whose version moved since the candidates were read: the next pass reads them afresh, so no
 * notice speaks of a step the order has already left.
 */
export async function scanOnce(
  db: Db,
  cal: WorkingCalendar,
  now: Date,
  system: SystemActor,
  opts: { chunk?: number; log?: (o: object, m: string) => void; between?: () => Promise<void> } = {},
): Promise<ScanResult> {
  const chunk = Math.max(1, opts.chunk ?? scanChunk);
  const between = opts.between ?? ioTurn;
  const { candidates, instructionRule } = await db.transaction(async (tx) => {
    // The candidates query's correlated anti-joins make the planner's cost estimate pass jit_above_cost, and compiling
    // it costs PostgreSQL ~150 ms per scan, many times the query itself (bench/supervision.ts): no JIT for this read.
    await tx.execute(sql`set local jit = off`);
    const settings = await supervisionSettings(tx);
    return { candidates: await scanCandidateIds(tx, now, scanWindows(cal, now), settings.instructionRule), instructionRule: settings.instructionRule };
  });
  const result: ScanResult = { candidates: candidates.length, signals: 0, notices: 0, skipped: 0, changed: 0, transactions: 1 };
  for (let i = 0; i < candidates.length; i += chunk) {
    if (i > 0) await between();
    const part = candidates.slice(i, i + chunk);
    await db.transaction(async (tx) => {
      // Each chunk's rows are read in its own transaction; an order whose version moved since the candidates were
      // read is left to the next pass, which reads it afresh.
      const rows = await candidateRows(
        tx,
        part.map((o) => o.id),
        instructionRule,
      );
      const versions = new Map(part.map((o) => [o.id, o.version]));
      const fresh = rows.filter((o) => versions.get(o.id) === o.version);
      result.changed += part.length - fresh.length;
      const r = await writeSignals(tx, cal, now, system, fresh, opts.log);
      result.signals += r.signals;
      result.notices += r.notices;
      result.skipped += r.skipped;
    });
    result.transactions++;
  }
  return result;
}

/** The signals due now for these candidates, each written once by key, with its timeline event and its notices. */
async function writeSignals(
  tx: Tx,
  cal: WorkingCalendar,
  now: Date,
  system: SystemActor,
  candidates: ScanCandidate[],
  log?: (o: object, m: string) => void,
): Promise<{ signals: number; notices: number; skipped: number }> {
  const due: { s: Signal; o: ScanCandidate }[] = [];
  let skipped = 0;
  for (const o of candidates) {
    try {
      for (const s of signalsFor(cal, o, now)) due.push({ s, o });
    } catch (err) {
      // A deadline past the calendar's data (CALENDAR_NOT_COVERED): health warns; the other orders go on.
      skipped++;
      log?.({ order: o.id, err: (err as Error).message }, 'supervision scan skipped an order');
    }
  }
  if (!due.length) return { signals: 0, notices: 0, skipped };
  const written = await insertSignals(
    tx,
    due.map(({ s, o }) => ({
      orderId: o.id,
      kind: s.kind,
      key: s.key,
      step: s.step,
      dueAt: s.dueAt,
      escalateAt: s.kind === 'overdue' ? safe(() => secondLimitAt(cal, o)) : null,
      // The unit the signal asks to act (its reminders go there; the board counts its overdue marks there).
      unitId: askedOf(s.kind, unitsOf(o)).unitId,
      at: now,
      byUserId: system.userId,
      byRole: system.role,
      attempt: s.kind === 'callback_retry' ? o.callbackAttempts + 1 : null,
    })),
  );
  const byKey = new Map(due.map((d) => [d.s.key, d]));
  const made = written.map((w) => byKey.get(w.key!)!);
  await inBatches(
    made.map(({ s, o }) => ({
      orderId: o.id,
      at: now,
      action: signalActions[s.kind],
      fromState: o.state,
      toState: o.state,
      actorUserId: system.userId,
      actorName: system.displayName,
      actorRole: system.role,
      unitId: system.unitId,
      unitName: system.unitName,
      data: parseOrderEvent({ action: signalActions[s.kind], data: { signal: s.kind, deadlineStep: s.step, dueAt: s.dueAt?.toISOString() ?? null } }).data,
      note: signalNote(s),
    })),
    async (rows) => {
      await insertEvents(tx, rows);
      return [];
    },
  );
  // The emergency mechanism's members at the hotline centre's federation, the holding unit and the level above hear at once too.
  const emergencyUnits = made
    .filter(({ s }) => s.kind === 'emergency')
    .flatMap(({ o }) => unitIdsOnPath(o.holderUnitPath).slice(-2).concat(unitIdsOnPath(o.holderUnitPath)[0]!));
  const members = await membersOf(tx, [...new Set(emergencyUnits)]);
  // Notices name the subject, not the title (the narrative's first words): the catalog's names, read once when needed.
  const subjectNames = made.length ? new Map((await listSubjects(tx)).map((x) => [x.code, x.nameZh])) : new Map<string, string>();
  // A wave (one employer's orders at one unit, many with the same signal in this pass) is told once, not once an order.
  const { alone, waves } = splitWaves(made.map(({ s, o }) => ({ s, o, employerKey: o.employerKey, place: placeOf(o, subjectNames) })));
  const notices = [
    ...alone.flatMap(({ s, o, place }) => withMembers(s, o, members, noticesFor(s, place))),
    ...waves.flatMap((w) => withMembers(w[0]!.s, w[0]!.o, members, waveNotices(w))),
  ];
  await inBatches(
    notices.map((n) => noticeJob(n, now)),
    (jobs) => outbox.enqueue(tx, jobs, now),
  );
  return { signals: made.length, notices: notices.length, skipped };
}

/**
 * The weekly review's follow-ups are supervised items too: on their due day the owner is reminded, past it the owner
 * and the supervisors above are told it is overdue, each once by key like every other signal.
 *
 * An owner that cannot read the item's order (named before a meeting had to choose one that does, createMeeting) is
 * not told: it would hear of an order it gets 404 on, and of an item its list never shows nor lets it mark done, so
 * the reminders would repeat to nobody's use. (Visibility only grows, decisions/0001: an order dispatched elsewhere
 * or returned stays readable to an owner that read it.) The one who recorded the meeting is told instead, in the same
 * signal: they read the order, reach the owner, and can do what the owner cannot (mark the item done, record it
 * again with an owner that reads the order). No new state: the item stays open and is supervised as before.
 */
async function reviewFollowUps(tx: Executor, now: Date, system: SystemActor): Promise<number> {
  const today = localDateOf(now);
  const result = await tx.execute(sql`
    select i.id, i.order_id, i.owner_unit_id, i.due_on, i.due_at, i.decision, ${sql.raw(orderNumberText('i.order_id'))} as number,
           m.created_by as recorded_by,
           case when i.due_at < ${now.toISOString()}::timestamptz then 'review_overdue' else 'review_due' end as kind
    from review_items i join review_meetings m on m.id = i.meeting_id
    where i.state = 'open' and (i.due_at < ${now.toISOString()}::timestamptz or i.due_on = ${today})
      and not exists (select 1 from supervision_signals s where s.key = (case when i.due_at < ${now.toISOString()}::timestamptz then 'review_overdue:' else 'review_due:' end) || i.id)`);
  const items = rowsOf<Record<string, unknown>>(result);
  const written = await insertSignals(
    tx,
    items.map((i) => ({
      orderId: i.order_id as string,
      kind: i.kind as string,
      key: `${i.kind}:${i.id}`,
      step: null,
      dueAt: new Date(i.due_at as string),
      unitId: i.owner_unit_id as string,
      at: now,
      byUserId: system.userId,
      byRole: system.role,
    })),
  );
  const reads = await ownersRead(
    tx,
    written.map((w) => w.unitId),
    written.map((w) => w.orderId),
  );
  // The owners' names, for the recorder told in an owner's stead (the units' own module reads its table).
  const unread = written.filter((w) => !reads(w.unitId, w.orderId));
  const ownerNames = new Map((unread.length ? await findUnitsByIds(tx, [...new Set(unread.map((w) => w.unitId))]) : []).map((u) => [u.id, u.name]));
  const notices: Notice[] = written.map((w) => {
    const i = items.find((x) => `${x.kind}:${x.id}` === w.key)!;
    const overdue = w.kind === 'review_overdue';
    const common = { kind: `supervision.${w.kind}`, level: overdue ? ('urgent' as const) : ('warning' as const), key: w.key!, orderId: w.orderId };
    const when = overdue ? '周例会督办事项已超期' : '周例会督办事项今天到期';
    const item = `工单 ${i.number as string}（期限 ${i.due_on as string}）`;
    if (!reads(w.unitId, w.orderId)) {
      return {
        ...common,
        to: [{ userId: i.recorded_by as string }],
        title: `${when}，责任单位无权查看：${item}`,
        body: `责任单位「${ownerNames.get(w.unitId) ?? ''}」无权查看该工单，收不到提醒，也无法标记完成：请另行记录由能查看该工单的单位负责的督办事项，并将本项标记完成。会议决定：${i.decision as string}`,
        data: { number: i.number, reviewItemId: i.id, ownerCannotRead: true },
      };
    }
    return {
      ...common,
      // Whoever handles orders at the owner unit (review-owners.ts followUpRoles); past due its leader too, and its supervisors.
      to: overdue
        ? [
            { unitId: w.unitId, roles: ['leader', ...followUpRoles], nearest: true },
            { unitId: w.unitId, roles: ['supervisor'], nearest: true },
          ]
        : [{ unitId: w.unitId, roles: followUpRoles, nearest: true }],
      title: `${when}：${item}`,
      body: i.decision as string,
      data: { number: i.number, reviewItemId: i.id },
    };
  });
  await outbox.enqueue(
    tx,
    notices.map((n) => noticeJob(n, now)),
    now,
  );
  return written.length;
}

/** The units a candidate names and their places in the tree: whom its signals ask to act (domain/notices.ts `askedOf`). */
function unitsOf(o: ScanCandidate): OrderUnitsInTree {
  const chains: Record<string, readonly string[]> = {};
  for (const [id, path] of [
    [o.hopDispatcherUnitId, o.hopDispatcherUnitPath],
    [o.dispatchUnitId, o.dispatchUnitPath],
    [o.intakeUnitId, o.intakeUnitPath],
  ] as const) {
    if (id && path) chains[id] = unitIdsOnPath(path);
  }
  return {
    state: o.state as OrderState,
    holderUnitId: o.holderUnitId,
    holderChain: unitIdsOnPath(o.holderUnitPath),
    hopDispatcherUnitId: o.hopDispatcherUnitId,
    intakeUnitId: o.intakeUnitId,
    dispatchUnitId: o.dispatchUnitId,
    chains,
  };
}

/** Where a candidate stands in the tree, for its notices. */
const placeOf = (o: ScanCandidate, subjectNames: Map<string, string>): OrderPlace => ({
  ...unitsOf(o),
  id: o.id,
  number: o.number,
  subjectName: subjectNames.get(o.subjectCode) ?? o.subjectCode,
  principalLeaderId: o.principalLeaderId ?? null,
});

function withMembers(s: Signal, o: ScanCandidate, members: { unitId: string; userId: string }[], notices: Notice[]): Notice[] {
  if (s.kind !== 'emergency') return notices;
  const chain = unitIdsOnPath(o.holderUnitPath);
  const units = new Set([chain[0], ...chain.slice(-2)]);
  const people = [...new Set(members.filter((m) => units.has(m.unitId)).map((m) => m.userId))];
  return notices.map((n) => (n.kind === 'supervision.emergency' ? { ...n, to: [...n.to, ...people.map((userId) => ({ userId }))] } : n));
}

/**
 * Multi-row INSERTs of at most 500 rows: a first scan over a large backlog (the feature switched on, or a long outage)
 * writes tens of thousands of signals, more than one statement's parameters (65,535) and the driver's stack allow.
 */
async function inBatches<T, R>(rows: T[], write: (batch: T[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(...(await write(rows.slice(i, i + size))));
  return out;
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/**
 * The scan as a scheduled job: every `everyMs`, one instance runs it (its slot's job), as the system actor. The
 * signals' chunks commit as they go (their keys make them exactly once); the review follow-ups commit with the job.
 */
export function registerSupervisionScan(
  jobs: JobRunner,
  deps: { calendar: { current(): Promise<WorkingCalendar> }; everyMs: number; log?: (o: object, m: string) => void },
) {
  jobs.register(
    scanJobKind,
    async (_job, ctx) => {
      // Read before a transaction opens: on PGlite's one connection a read through the pool inside one would wait for ever.
      const cal = await deps.calendar.current();
      await scanOnce(ctx.db, cal, ctx.now, ctx.system, { log: deps.log });
      await ctx.complete(async (tx) => {
        await reviewFollowUps(tx, ctx.now, ctx.system);
      });
    },
    { leaseMs: 10 * 60_000 },
  );
  jobs.every(scanJobKind, deps.everyMs);
}
