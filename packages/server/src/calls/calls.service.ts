import { requireRole, type Actor } from '../auth/actor.js';
import { instantAt } from '../calendar/domain/working-time.js';
import type { ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';
import type { StreamSource } from '../notifications/notifications.routes.js';
import { recordOrderFact } from '../orders/order-facts.js';
import { findVisibleOrder } from '../orders/orders.repo.js';
import { recordPersonalDataSearch } from '../orders/personal-search.js';
import { unitsById } from '../units/units.repo.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { agentLoginsMatching, displayNamesByUsername } from '../users/user-names.js';
import { agentInReach, callInReach, callReachOf, reachFilter, type CallReach } from './call-reach.js';
import type { Db } from '../platform/db/client.js';
import { AppError, conflict, forbidden, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { maskPhone } from '../platform/privacy/mask.js';
import { decodeKeyset, encodeKeyset, isSqlText, isTimestampText } from '../platform/http/keyset-cursor.js';
import * as repo from './calls.repo.js';
import { foldCall, storedPrefix, type CallEvent, type CallRecord } from './domain/call-events.js';
import { defaultCallFigureOptions, figuresOf, sumTallies } from './domain/call-figures.js';
import { agentsOnBoard, queueNow, type ChosenAgentState } from './domain/agent-states.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { createCoalescer } from '../platform/concurrency/coalesce.js';

type Deps = {
  db: Db;
  clock: Clock;
  bus: ChangeBus;
  /** PGlite: batches that arrive together wait a turn of the event loop to be ingested together (coalesce.ts `gather`). */
  inProcessDatabase?: boolean;
  /** How far the call list counts its matches (HOTLINE_LIST_COUNT_CAP, as the order list): past it "more than". */
  listCountCap?: number;
  /** The cached unit directory: who has which calls. Needed to read calls; ingestion alone does without. */
  units?: UnitDirectoryCache | undefined;
};

type Batch = { nonce: string; events: CallEvent[] };
type BatchResult = { accepted: number; added: number; calls: number } | 'replayed';

/**
 * What a run of batches writes: each batch in its turn, as if it came alone (what it adds is what no earlier batch of
 * the run, nor the row, holds), each call touched folded once from its stored and new events. Calls whose events were
 * all seen before are not written: the stored record is already their fold.
 */
function foldRun(batches: Batch[], byBatch: Map<string, CallEvent[]>[], replayed: Set<number>, stored: Map<string, CallEvent[]>) {
  const known = new Map<string, Set<string>>();
  const fresh = new Map<string, CallEvent[]>();
  const results = batches.map((b, i): BatchResult => {
    if (replayed.has(i)) return 'replayed';
    let added = 0;
    for (const [id, evs] of byBatch[i]!) {
      let seen = known.get(id);
      if (!seen) known.set(id, (seen = new Set((stored.get(id) ?? []).map((e) => e.eventId))));
      for (const e of evs) {
        if (seen.has(e.eventId)) continue;
        seen.add(e.eventId);
        added++;
        const list = fresh.get(id);
        if (list) list.push(e);
        else fresh.set(id, [e]);
      }
    }
    return { accepted: b.events.length, added, calls: byBatch[i]!.size };
  });
  const writes: repo.GuardedWrite[] = [];
  const answered: { callId: string; agent: string }[] = [];
  for (const [id, evs] of fresh) {
    const before = stored.get(id);
    const record = foldCall(id, [...(before ?? []), ...evs]);
    writes.push({ record, stored: before ? before.length : null, after: before ? storedPrefix(before, record.events) : 0 });
    // Newly answered and still going: the agent's screen pops (a late duplicate or an ended call pops nothing).
    if (evs.some((e) => e.type === 'answered') && !before?.some((e) => e.type === 'answered') && record.outcome === 'in_progress' && record.agent)
      answered.push({ callId: id, agent: record.agent });
  }
  return { results, writes, answered };
}

/** A call list's cursor: the last call's offered_at as PostgreSQL printed it (null for a call never offered) and its id. */
function decodeCallsCursor(s: string): repo.CallsAfter {
  const v = decodeKeyset(s, [(x) => x === null || isTimestampText(x), isSqlText(200)]);
  if (v) return { offeredAt: v[0] as string | null, callId: v[1] as string };
  throw invalid('CALL_CURSOR_INVALID', '翻页游标无效，请从第一页重新查询', [{ field: 'querystring.cursor', message: '游标无效' }]);
}

/**
 * Who reads call records: the hotline's desk and those who supervise it. The caller's number is shown whole only to
 * the agent who answered the call (or is answering it: `answeredBy`); everyone else, other agents too, sees it masked.
 */
const readers = ['agent', 'dispatcher', 'supervisor', 'inspector', 'leader'] as const;

/**
 * The agent who answered this call, or is on it now: they had (have) the caller on the line, so the call's number and
 * recording are theirs to see. A call still waiting, or taken by another agent, is not (the number an agent needs for
 * an order is on the order, masked likewise unless their unit took it in: orders/order-view.ts).
 */
const answeredBy = (actor: Pick<Actor, 'role' | 'username'>, call: { agent: string | null }) =>
  actor.role === 'agent' && call.agent !== null && call.agent === actor.username;

/** The caller's number as this reader may see it (`answeredBy`). */
const callerFor = (actor: Pick<Actor, 'role' | 'username'>, call: { agent: string | null; caller: string | null }) =>
  answeredBy(actor, call) ? call.caller : maskPhone(call.caller);

export function createCallsService(deps: Deps) {
  const { db, clock, bus } = deps;
  const countCap = deps.listCountCap ?? 1000;

  /**
   * Signed batches that arrive together are ingested together, one run at a time per process (coalesce.ts): the
   * telephony posts a call's events in consecutive batches, so two runs at once would mostly write the same calls.
   * A run reads the calls' events, folds them and writes everything by one guarded statement (calls.repo.ts
   * `writeCallsGuarded`): two round trips, no transaction held open between them. If the write fails for another
   * reason than a replay or a call changed meanwhile, each batch is ingested again alone, so one batch's fault is its own.
   */
  const together = createCoalescer<Batch, BatchResult>({
    inFlight: 1,
    gather: deps.inProcessDatabase ?? false,
    maxBatch: 16,
    alone: true,
    run: ingestTogether,
  });

  /** One signed batch of events: its nonce once, each call folded again from all its events, atomically. */
  async function ingest(nonce: string, events: CallEvent[]) {
    const r = await together.submit({ nonce, events });
    if (r === 'replayed') throw conflict('SIGNATURE_REPLAYED', '重复的签名请求（nonce 已使用），已拒绝');
    return r;
  }

  /** How often a run reads again after another process changed one of its calls before it gives up (a 5xx, retried by the sender). */
  const maxAttempts = 8;

  async function ingestTogether(batches: Batch[]): Promise<BatchResult[]> {
    const now = clock.now();
    // A nonce twice among these: the later batch is the replay (the earlier may be one too; the database says).
    const replayed = new Set<number>();
    const first = new Map<string, number>();
    batches.forEach((b, i) => (first.has(b.nonce) ? replayed.add(i) : first.set(b.nonce, i)));
    const byBatch = batches.map((b) => {
      const byCall = new Map<string, CallEvent[]>();
      for (const e of b.events) {
        const same = byCall.get(e.callId);
        if (same) same.push(e);
        else byCall.set(e.callId, [e]);
      }
      return byCall;
    });
    for (let attempt = 1; ; attempt++) {
      const live = batches.flatMap((_, i) => (replayed.has(i) ? [] : [i]));
      const ids = [...new Set(live.flatMap((i) => [...byBatch[i]!.keys()]))].sort();
      const stored = await repo.readCalls(db, ids);
      const run = foldRun(batches, byBatch, replayed, stored);
      const outcome = await repo.writeCallsGuarded(db, { nonces: live.map((i) => batches[i]!.nonce), writes: run.writes, now });
      if (outcome === 'written') {
        // Written: whoever reads the call on the pop finds it, and the live figures count it. Announced as committed
        // changes (platform/bus): this instance's agents pop at once, another instance's with the next coalesced
        // NOTIFY (≤ 250 ms) — not one NOTIFY round trip per answered call after every batch.
        for (const a of run.answered) bus.committed({ topic: 'call.answered', ...a });
        if (run.results.some((r) => r !== 'replayed' && r.added > 0)) bus.committed({ topic: 'calls.changed', at: now.toISOString() });
        return run.results;
      }
      if (outcome === 'nonce_seen') {
        const seen = await repo.seenNonces(
          db,
          live.map((i) => batches[i]!.nonce),
        );
        for (const i of live) if (seen.has(batches[i]!.nonce)) replayed.add(i);
      } else if (attempt >= maxAttempts) {
        throw new AppError('too_many', 'CALLS_BUSY', '通话记录正被同时写入，请稍后重试', { retryAfterSeconds: 1 });
      }
    }
  }

  /**
   * What the answering agent's screen shows when the call pops: the number and the caller's earlier calls (their
   * orders the intake console finds itself by the number, through the orders' access rule).
   */
  async function screenPop(actor: Actor, callId: string) {
    const r = await repo.findCall(db, callId);
    if (!r) throw notFound('CALL_NOT_FOUND', '话务记录不存在');
    const earlier = r.caller ? (await repo.callsPage(db, { caller: r.caller }, 6)).filter((c) => c.callId !== callId).slice(0, 5) : [];
    return {
      callId: r.callId,
      // The pop goes to the agent the telephony names on the call (screenPopSource), so this is the whole number.
      caller: callerFor(actor, r),
      dialled: r.dialled,
      queue: r.queue,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      earlierCalls: earlier.map((c) => ({ callId: c.callId, offeredAt: c.offeredAt?.toISOString() ?? null, outcome: c.outcome, orderIds: c.orderIds })),
    };
  }

  /** The stream source of the notifications stream: an agent gets the pop of each call the telephony names them on. */
  const screenPopSource: StreamSource = (actor, emit) =>
    bus.subscribe('call.answered', (m) => {
      if (actor.role !== 'agent' || m.agent !== actor.username) return;
      screenPop(actor, m.callId).then(
        (pop) => emit('call', pop),
        () => undefined, // a call that is gone pops nothing
      );
    });

  /**
   * An order created or touched during the call: the call lists it, and the order's timeline carries the call id
   * (`call_linked`), in one transaction. Linking twice changes nothing. The agent who answered links; the desk's
   * dispatchers and supervisors may link afterwards.
   */
  async function linkOrder(actor: Actor, callId: string, orderId: string) {
    requireRole(actor, 'agent', 'dispatcher', 'supervisor');
    const reach = await callReach(actor);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const call = await repo.lockCall(tx, callId);
      if (!call || !callInReach(reach, call)) throw notFound('CALL_NOT_FOUND', '话务记录不存在');
      if (actor.role === 'agent' && !answeredBy(actor, call)) throw forbidden('CALL_NOT_YOURS', '只能关联本人接听的来电');
      const order = await findVisibleOrder(tx, actor, orderId);
      if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
      if (call.orderIds.includes(orderId)) return;
      await repo.addOrder(tx, callId, orderId, now);
      const unit = (await unitsById(tx, [actor.unitId])).get(actor.unitId);
      await recordOrderFact(tx, { orderId, state: order.state, at: now, action: 'call_linked', actor, unitName: unit?.name ?? '', data: { callId } });
    });
    return get(actor, callId);
  }

  /** Which calls a reader has (call-reach.ts: the province's centre all, a city's centre its agents', else none). */
  async function callReach(actor: Actor): Promise<CallReach> {
    if (!deps.units) throw new Error('createCallsService: reading calls needs the unit directory (deps.units)');
    return callReachOf(db, await deps.units.current(), actor.scopePath);
  }

  /** A reader of calls whose reach has some (the call records', and the wallboard's, which says it is the wallboard). */
  async function requireCallReader(actor: Actor, what: 'records' | 'wallboard' = 'records'): Promise<CallReach & {}> {
    requireRole(actor, ...readers);
    const reach = await callReach(actor);
    if (!reach)
      throw forbidden(
        'CALLS_OUT_OF_SCOPE',
        what === 'wallboard' ? '话务大屏属于热线中心，本单位范围内没有热线中心' : '话务记录属于热线中心，本单位范围内没有热线中心',
      );
    return reach;
  }

  const mayHear = (actor: Actor, r: repo.CallRow) => ['supervisor', 'inspector', 'leader'].includes(actor.role) || answeredBy(actor, r);

  /** The display names of the agents a page of calls names (one statement for the page). */
  const agentNamesOf = (rows: repo.CallRow[]) =>
    displayNamesByUsername(
      db,
      rows.map((r) => r.agent),
    );

  const view = (actor: Actor, r: repo.CallRow, withEvents: boolean, names: Map<string, string>) => ({
    callId: r.callId,
    caller: callerFor(actor, r),
    dialled: r.dialled,
    offeredAt: r.offeredAt?.toISOString() ?? null,
    queuedAt: r.queuedAt?.toISOString() ?? null,
    queue: r.queue,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    agent: r.agent,
    agentName: (r.agent && names.get(r.agent.toLowerCase())) ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    endReason: r.endReason,
    outcome: r.outcome as CallRecord['outcome'],
    waitSeconds: r.waitSeconds,
    talkSeconds: r.talkSeconds,
    transfers: r.transfers,
    // Recordings are personal data: those who inspect and steer hear them, and the agent who took the call.
    recordingUrl: mayHear(actor, r) ? r.recordingUrl : null,
    recordingAvailable: r.recordingUrl !== null,
    orderIds: r.orderIds,
    ...(withEvents ? { events: r.events } : {}),
  });

  const period = (q: { from?: string | undefined; to?: string | undefined }) => ({
    from: q.from ? instantAt(q.from, 0) : undefined,
    to: q.to ? instantAt(q.to, 0) : undefined,
  });

  async function list(
    actor: Actor,
    q: {
      from?: string | undefined;
      to?: string | undefined;
      outcome?: string | undefined;
      agent?: string | undefined;
      queue?: string | undefined;
      caller?: string | undefined;
      cursor?: string | undefined;
      pageSize: number;
    },
  ) {
    const reach = await requireCallReader(actor);
    // The agent box takes a login or part of a name; what was typed is kept too (a departed agent's telephony id).
    const agents = q.agent ? [...new Set([q.agent.toLowerCase(), ...(await agentLoginsMatching(db, q.agent))])] : undefined;
    const filter = { ...period(q), outcome: q.outcome, agents, queue: q.queue, caller: q.caller, ...reachFilter(reach) };
    const after = q.cursor ? decodeCallsCursor(q.cursor) : undefined;
    const [rows, counted] = await Promise.all([repo.callsPage(db, filter, q.pageSize + 1, after), repo.countCalls(db, filter, countCap)]);
    const items = rows.slice(0, q.pageSize);
    const last = items.at(-1);
    const names = await agentNamesOf(items);
    // A search by the caller's number is a search of personal data, audited as the order list's is (who, the number
    // masked with its fingerprint, how many calls).
    if (q.caller) await recordPersonalDataSearch(db, actor, clock.now(), { operation: 'listCalls', phone: q.caller, results: counted.total });
    return {
      items: items.map((c) => view(actor, c, false, names)),
      nextCursor: rows.length > q.pageSize && last ? encodeKeyset([last.sortValue, last.callId]) : null,
      total: counted.total,
      totalCapped: counted.capped,
      pageSize: q.pageSize,
    };
  }

  async function get(actor: Actor, callId: string) {
    requireRole(actor, ...readers);
    // One call outside a reach is not found, as every record outside a reach is.
    const [reach, r] = await Promise.all([callReach(actor), repo.findCall(db, callId)]);
    if (!r || !callInReach(reach, r)) throw notFound('CALL_NOT_FOUND', '话务记录不存在');
    // The orders of the call this reader may see (the same access rule as every order read).
    const orders = [];
    for (const id of r.orderIds) {
      const o = await findVisibleOrder(db, actor, id);
      if (o) orders.push({ id: o.id, number: o.number, title: o.title, state: o.state });
    }
    return { ...view(actor, r, true, await agentNamesOf([r])), orders };
  }

  /** The figures of kpis.md for a period, overall and by hour (Beijing), agent or queue. */
  async function figures(
    actor: Actor,
    q: { from: string; to: string; by?: 'hour' | 'agent' | 'queue' | 'day' | undefined; answerWithinSeconds?: number | undefined },
  ) {
    const reach = await requireCallReader(actor);
    if (q.to <= q.from) throw invalid('PERIOD_INVALID', '结束日期应晚于开始日期', [{ field: 'to', message: '结束日期应晚于开始日期' }]);
    const o = { ...defaultCallFigureOptions, ...(q.answerWithinSeconds ? { answerWithinSeconds: q.answerWithinSeconds } : {}) };
    const rows = await repo.callTallies(db, { ...period(q), ...reachFilter(reach) }, o, q.by);
    // The groups add up to the whole: one statement either way.
    const overall = sumTallies(rows.map((r) => r.tallies));
    return {
      from: q.from,
      to: q.to,
      answerWithinSeconds: o.answerWithinSeconds,
      overall: figuresOf(overall),
      groups: q.by ? rows.sort((a, b) => (a.key < b.key ? -1 : 1)).map((r) => ({ key: r.key, ...figuresOf(r.tallies) })) : [],
    };
  }

  /** An agent sets their own state; the version they saw guards against two tabs fighting (409 when stale). */
  async function setAgentState(actor: Actor, input: { state: ChosenAgentState; version: number }) {
    requireRole(actor, 'agent');
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const row = await repo.lockAgentState(tx, actor.username);
      if ((row?.version ?? 0) !== input.version) throw staleVersion('坐席状态');
      const next = { username: actor.username, state: input.state, since: row?.state === input.state ? row.since : now, version: input.version + 1 };
      await repo.putAgentState(tx, next);
      return { agent: next.username, state: next.state, since: next.since.toISOString(), version: next.version };
    });
    // Committed: the wallboards show every agent's state, so they hear of it as of a call event.
    bus.committed({ topic: 'calls.changed', at: now.toISOString() });
    return result;
  }

  async function myAgentState(actor: Actor) {
    requireRole(actor, 'agent');
    const row = (await repo.agentStateRows(db)).find((r) => r.username === actor.username);
    return row
      ? { agent: row.username, state: row.state as ChosenAgentState, since: row.since.toISOString(), version: row.version }
      : { agent: actor.username, state: 'offline' as const, since: null, version: 0 };
  }

  /**
   * The wallboard's live side: `onChange` after every committed batch of call events or agent state change (the
   * bus coalesces a busy hour's batches), for the wallboard's readers: a reach without calls is refused before any
   * stream opens. Returns the unsubscription.
   */
  async function watchWallboard(actor: Actor, onChange: (at: string) => void) {
    await requireCallReader(actor, 'wallboard');
    return bus.subscribe('calls.changed', (m) => onChange(m.at));
  }

  /**
   * The live wallboard: today's figures (Beijing day so far), the queue now, and the agents' states, of the reader's
   * calls (call-reach.ts, the call records' rule): the province's centre every call and agent; a city's centre the
   * calls of its agents and its queues, and its own agents; a reach without a centre none (403).
   */
  async function wallboard(actor: Actor) {
    const reach = await requireCallReader(actor, 'wallboard');
    const within = reachFilter(reach);
    const now = clock.now();
    const today = localDateOf(now);
    const byAgent = await repo.callTallies(db, { from: instantAt(today, 0), to: now, ...within }, defaultCallFigureOptions, 'agent');
    const live = await repo.callsInProgress(db, new Date(now.getTime() - 86_400_000), within.reach);
    const answeredToday = new Map(byAgent.filter((r) => r.key !== '—').map((r) => [r.key, r.tallies.queuedAnswered + r.tallies.direct]));
    const agents = agentsOnBoard(
      (await repo.agentStateRows(db)).map((r) => ({ username: r.username, state: r.state as ChosenAgentState, since: r.since.toISOString() })),
      live.filter((c) => c.answeredAt && c.agent).map((c) => ({ agent: c.agent!, callId: c.callId, answeredAt: c.answeredAt!.toISOString() })),
      answeredToday,
    ).filter((a) => agentInReach(reach, a.agent));
    const names = await displayNamesByUsername(
      db,
      agents.map((a) => a.agent),
    );
    return {
      at: now.toISOString(),
      date: today,
      today: figuresOf(sumTallies(byAgent.map((r) => r.tallies))),
      queue: {
        ...queueNow(
          live.filter((c) => c.queuedAt && !c.answeredAt).map((c) => ({ queuedAt: c.queuedAt!.toISOString() })),
          now,
        ),
        talking: live.filter((c) => c.answeredAt).length,
      },
      agents: agents.map((a) => ({ ...a, agentName: names.get(a.agent.toLowerCase()) ?? null })),
    };
  }

  return { ingest, list, get, figures, screenPop, screenPopSource, linkOrder, setAgentState, myAgentState, wallboard, watchWallboard };
}

export type CallsService = ReturnType<typeof createCallsService>;
