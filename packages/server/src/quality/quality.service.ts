import { eq, sql, type SQL } from 'drizzle-orm';
import { requireRole, type Actor } from '../auth/actor.js';
import { pathInScope, scopeUnitIdOf, withinScope } from '../access/scope.js';
import { answeredCallsBetween, answeredCallsWithoutOrdersByAgent, callsFor } from '../calls/call-facts.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, addWorkingDays, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { countAgentOrders, orderBriefs, ordersForInspection } from '../orders/order-facts.js';
import { findVisibleOrder } from '../orders/orders.repo.js';
import { maskPhone } from '../platform/privacy/mask.js';
import { decodeKeyset, encodeKeyset, isDateText, isTimestampText, uuidText } from '../platform/http/keyset-cursor.js';
import { agentsByUsername, userNames } from '../users/user-names.js';
import { drawSample, type SampleCandidate } from './domain/sampling.js';
import { inspectionCoverage, passRate, qualityByAgent, rectificationRate } from './domain/quality-kpis.js';
import { checkScores, checkSheet, defaultScoreSheet, scoreSheet, type ItemScores, type ScoreItem } from './domain/score-sheet.js';
import * as repo from './quality.repo.js';
import { qaInspections } from './quality.tables.js';

type Deps = { db: Db; clock: Clock; config: Config; calendar: CalendarService };

/** Roles that read the whole scope's inspections; an agent reads only their own. */
const readers = ['inspector', 'supervisor', 'leader'] as const;

/** The inspection list's cursor: the last inspection's day, creation time as PostgreSQL printed it, and id. */
function decodeInspectionsCursor(s: string): repo.InspectionsAfter {
  const v = decodeKeyset(s, [isDateText, isTimestampText, (x) => typeof x === 'string' && uuidText.test(x)]);
  if (v) return { day: v[0] as string, createdAt: v[1] as string, id: v[2] as string };
  throw invalid('QA_CURSOR_INVALID', '翻页游标无效，请从第一页重新查询', [{ field: 'querystring.cursor', message: '游标无效' }]);
}

export function createQualityService(deps: Deps) {
  const { db, clock, config } = deps;
  const countCap = config.listCountCap;

  const scopeOf = (actor: Actor): SQL =>
    (readers as readonly string[]).includes(actor.role) ? withinScope(actor, qaInspections.scopePath) : eq(qaInspections.agentUserId, actor.userId);

  function requireReader(actor: Actor) {
    if (actor.role !== 'agent') requireRole(actor, ...readers);
  }

  /** The active score sheet; a new installation gets the default one the first time it is needed. */
  async function sheet() {
    const found = await repo.activeSheet(db);
    if (found) return found;
    return repo.insertSheet(db, {
      name: defaultScoreSheet.name,
      items: defaultScoreSheet.items,
      passMark: defaultScoreSheet.passMark,
      active: true,
      createdAt: clock.now(),
    });
  }

  const beijingHour = (at: Date) => Number(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 13));

  /**
   * The day's answered calls that made no order (a consultation answered on the spot is the work quality
   * inspection most needs to hear), taken by an agent of the inspector's scope. A call that made an order is
   * inspected with that order, its recording shown beside it.
   */
  async function callsForInspection(actor: Actor, range: { from: Date; to: Date }): Promise<SampleCandidate[]> {
    const calls = (await answeredCallsBetween(db, range)).filter((c) => c.orderIds.length === 0);
    const agents = await agentsByUsername(
      db,
      calls.map((c) => c.agent),
    );
    return calls.flatMap((c) => {
      const agent = agents.get(c.agent!.toLowerCase());
      if (!agent || !pathInScope(actor, agent.unitPath)) return [];
      return [{ key: `call:${c.callId}`, agentUserId: agent.userId, hour: beijingHour(c.answeredAt!), mustReasons: [] }];
    });
  }

  /** How many of the period's calls `callsForInspection` would draw from, counted by agent in the database. */
  async function callsInScope(actor: Actor, range: { from: Date; to: Date }): Promise<number> {
    const counts = await answeredCallsWithoutOrdersByAgent(db, range);
    const agents = await agentsByUsername(
      db,
      counts.map((c) => c.agent),
    );
    return counts.reduce((n, c) => {
      const agent = agents.get(c.agent);
      return agent && pathInScope(actor, agent.unitPath) ? n + c.calls : n;
    }, 0);
  }

  const dayRange = (day: string) => ({ from: instantAt(day, 0), to: instantAt(addDaysToDate(day, 1), 0) });

  /** Complaints about a union's own work (the hotline included) are inspected whatever the rate. */
  const mustReasons = (
    o: { typeCode: string; subjectCode: string; handlingSatisfaction: string | null; callSatisfaction: string | null; callbackAt: Date | null },
    range: { from: Date; to: Date },
  ) => {
    const reasons: string[] = [];
    if (o.typeCode === 'complaint' && o.subjectCode === 'union_services') reasons.push('agent_complaint');
    const cbInDay = o.callbackAt && o.callbackAt >= range.from && o.callbackAt < range.to;
    if (cbInDay && (o.handlingSatisfaction === 'dissatisfied' || o.callSatisfaction === 'dissatisfied')) reasons.push('dissatisfied');
    return reasons;
  };

  async function draw(actor: Actor, input: { date?: string | undefined; rate?: number | undefined }) {
    requireRole(actor, 'inspector');
    const now = clock.now();
    const day = input.date ?? localDateOf(now);
    if (day > localDateOf(now)) throw invalid('QA_DAY_IN_FUTURE', '不能为尚未到来的日期抽样', [{ field: 'date', message: '日期不能晚于今天' }]);
    const rate = input.rate ?? config.qaSampleRate;
    const range = dayRange(day);
    const scopeUnitId = scopeUnitIdOf(actor);
    const [rows, calls] = await Promise.all([ordersForInspection(db, { scopeUnitId, ...range }), callsForInspection(actor, range)]);
    const candidates: SampleCandidate[] = rows.map((o) => ({
      key: `order:${o.orderId}`,
      agentUserId: o.agentUserId,
      hour: beijingHour(o.createdAt),
      mustReasons: mustReasons(o, range),
    }));
    // Orders only there for a dissatisfied callback of the day, but not must-inspect, are not part of the day's population.
    const population = [...candidates.filter((c, i) => rows[i]!.inDay || c.mustReasons.length), ...calls];
    const picked = drawSample(population, { rate, seed: `${actor.scopePath}|${day}` });
    const active = await sheet();
    const created = await repo.insertInspections(
      db,
      picked.map((p) => {
        const [kind, id] = p.key.split(/:(.*)/s) as ['order' | 'call', string];
        return {
          day,
          orderId: kind === 'order' ? id : null,
          callId: kind === 'call' ? id : null,
          scopePath: actor.scopePath,
          agentUserId: p.agentUserId,
          drawnBy: 'system',
          reasons: p.reasons,
          sheetId: active.id,
          createdAt: now,
        };
      }),
    );
    const list = await repo.inspectionsPage(db, { scope: withinScope(actor, qaInspections.scopePath), day }, 500);
    return { day, rate, population: population.length, drawn: created.length, items: await present(list) };
  }

  /** An order the inspector can read, or a call of an agent in the inspector's scope, added to today's inspections. */
  async function addManual(actor: Actor, input: { orderId?: string | undefined; callId?: string | undefined; reason: string }) {
    requireRole(actor, 'inspector');
    let subject: { orderId: string | null; callId: string | null; agentUserId: string };
    if (input.orderId) {
      const order = await findVisibleOrder(db, actor, input.orderId);
      if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
      subject = { orderId: order.id, callId: null, agentUserId: order.createdBy };
    } else {
      const [call] = await callsFor(db, { callIds: [input.callId!], orderIds: [] });
      const agent = call?.agent ? (await agentsByUsername(db, [call.agent])).get(call.agent.toLowerCase()) : undefined;
      if (!call || !agent || !pathInScope(actor, agent.unitPath)) throw notFound('CALL_NOT_FOUND', '通话不存在或不属于本单位坐席');
      subject = { orderId: null, callId: call.callId, agentUserId: agent.userId };
    }
    const now = clock.now();
    const active = await sheet();
    const [row] = await repo.insertInspections(db, [
      {
        day: localDateOf(now),
        ...subject,
        scopePath: actor.scopePath,
        drawnBy: 'manual',
        reasons: ['manual', input.reason].filter(Boolean),
        sheetId: active.id,
        createdAt: now,
      },
    ]);
    if (!row) throw conflict('QA_ALREADY_SAMPLED', subject.orderId ? '该工单今天已在质检样本中' : '该通话今天已在质检样本中');
    return (await present([row]))[0]!;
  }

  async function list(
    actor: Actor,
    q: {
      day?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      state?: string | undefined;
      agentUserId?: string | undefined;
      cursor?: string | undefined;
      pageSize: number;
    },
  ) {
    requireReader(actor);
    const { cursor, pageSize, ...rest } = q;
    const filter = { scope: scopeOf(actor), ...rest };
    const after = cursor ? decodeInspectionsCursor(cursor) : undefined;
    const [rows, counted] = await Promise.all([repo.inspectionsPage(db, filter, pageSize + 1, after), repo.countInspections(db, filter, countCap)]);
    const items = rows.slice(0, pageSize);
    const last = items.at(-1);
    return {
      items: await present(items),
      nextCursor: rows.length > pageSize && last ? encodeKeyset([last.day, last.sortValue, last.id]) : null,
      total: counted.total,
      totalCapped: counted.capped,
      pageSize,
    };
  }

  async function get(actor: Actor, id: string) {
    requireReader(actor);
    const row = await repo.findInspection(db, id, scopeOf(actor));
    if (!row) throw notFound('QA_INSPECTION_NOT_FOUND', '质检记录不存在或无权查看');
    return (await present([row]))[0]!;
  }

  /** Locks an inspection inside the transaction, within the actor's reach and at the expected version. */
  async function locked(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, id: string, version: number) {
    const row = await repo.lockInspection(tx, id);
    const inReach = row && ((readers as readonly string[]).includes(actor.role) ? row.scopePath.startsWith(actor.scopePath) : row.agentUserId === actor.userId);
    if (!row || !inReach) throw notFound('QA_INSPECTION_NOT_FOUND', '质检记录不存在或无权查看');
    if (row.version !== version) throw staleVersion('质检记录');
    return row;
  }

  async function rectifyDue(now: Date) {
    const cal = await deps.calendar.current();
    return addWorkingDays(cal, now, config.qaRectifyDays);
  }

  function validated(items: ScoreItem[], passMark: number, scores: ItemScores) {
    const problems = checkScores({ items, passMark }, scores);
    if (problems.length) throw invalid('QA_SCORES_INVALID', '评分有误', problems);
    return scoreSheet({ items, passMark }, scores);
  }

  async function score(actor: Actor, id: string, input: { version: number; scores: ItemScores; comments?: string | undefined }) {
    requireRole(actor, 'inspector');
    const now = clock.now();
    const dueAt = await rectifyDue(now);
    const row = await db.transaction(async (tx) => {
      const insp = await locked(tx, actor, id, input.version);
      if (insp.state !== 'pending') throw conflict('QA_ALREADY_SCORED', '该质检记录已评分');
      if (insp.agentUserId === actor.userId) throw forbidden('QA_SELF_INSPECTION', '不能给自己受理的工单质检评分');
      const s = (await repo.sheetsById(tx, [insp.sheetId])).get(insp.sheetId)!;
      const result = validated(s.items, s.passMark, input.scores);
      await repo.insertRectifications(
        tx,
        result.failedItems.map((f) => ({ inspectionId: insp.id, itemCode: f.code, itemName: f.name, ownerUserId: insp.agentUserId, dueAt, createdAt: now })),
      );
      return repo.updateInspection(tx, id, {
        state: 'scored',
        inspectorUserId: actor.userId,
        scores: input.scores,
        total: result.total,
        passed: result.passed,
        comments: input.comments ?? null,
        scoredAt: now,
        version: insp.version + 1,
      });
    });
    return (await present([row]))[0]!;
  }

  async function appeal(actor: Actor, id: string, input: { version: number; reason: string }) {
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const insp = await locked(tx, actor, id, input.version);
      if (insp.agentUserId !== actor.userId) throw forbidden('QA_APPEAL_NOT_OWN', '只有被质检的接线员本人可以申诉');
      if (insp.appealedAt) throw conflict('QA_ALREADY_APPEALED', '每条质检结果只能申诉一次');
      if (insp.state !== 'scored') throw conflict('QA_NOT_SCORED', '尚未评分的质检记录不能申诉');
      return repo.updateInspection(tx, id, { state: 'appealed', appealReason: input.reason, appealedAt: now, version: insp.version + 1 });
    });
    return (await present([row]))[0]!;
  }

  async function decideAppeal(
    actor: Actor,
    id: string,
    input: { version: number; decision: 'upheld' | 'revised'; scores?: ItemScores | undefined; note: string },
  ) {
    requireRole(actor, 'inspector');
    const now = clock.now();
    const dueAt = await rectifyDue(now);
    const row = await db.transaction(async (tx) => {
      const insp = await locked(tx, actor, id, input.version);
      if (insp.state !== 'appealed') throw conflict('QA_NOT_APPEALED', '该质检记录没有待处理的申诉');
      if (insp.inspectorUserId === actor.userId) throw forbidden('QA_APPEAL_SAME_INSPECTOR', '申诉须由另一名质检员复核');
      const patch: Partial<typeof qaInspections.$inferInsert> = {
        state: 'decided',
        appealDeciderUserId: actor.userId,
        appealDecision: input.decision,
        appealNote: input.note,
        decidedAt: now,
        version: insp.version + 1,
      };
      if (input.decision === 'revised') {
        if (!input.scores) throw invalid('QA_SCORES_REQUIRED', '改判须给出新的评分', [{ field: 'scores', message: '请给出复核后的评分' }]);
        const s = (await repo.sheetsById(tx, [insp.sheetId])).get(insp.sheetId)!;
        const result = validated(s.items, s.passMark, input.scores);
        const failing = new Set(result.failedItems.map((f) => f.code));
        const open = await repo.openRectificationsOf(tx, insp.id);
        await repo.withdrawRectifications(
          tx,
          open.filter((r) => !failing.has(r.itemCode)).map((r) => r.id),
          now,
        );
        const had = new Set(open.map((r) => r.itemCode));
        await repo.insertRectifications(
          tx,
          result.failedItems
            .filter((f) => !had.has(f.code))
            .map((f) => ({ inspectionId: insp.id, itemCode: f.code, itemName: f.name, ownerUserId: insp.agentUserId, dueAt, createdAt: now })),
        );
        Object.assign(patch, { scores: input.scores, total: result.total, passed: result.passed });
      }
      return repo.updateInspection(tx, id, patch);
    });
    return (await present([row]))[0]!;
  }

  async function listRectifications(actor: Actor, q: { open?: boolean | undefined; mine?: boolean | undefined }) {
    requireReader(actor);
    const own = actor.role === 'agent' || q.mine;
    const rows = await repo.listRectifications(db, {
      scope: own ? sql`true` : withinScope(actor, qaInspections.scopePath),
      ownerUserId: own ? actor.userId : undefined,
      open: q.open,
    });
    const names = await userNames(
      db,
      rows.map((r) => r.r.ownerUserId),
    );
    const orders = await orderBriefs(
      db,
      rows.flatMap((r) => (r.orderId ? [r.orderId] : [])),
    );
    const now = clock.now();
    return {
      items: rows.map(({ r, day, orderId }) => ({
        id: r.id,
        inspectionId: r.inspectionId,
        day,
        orderId,
        orderNumber: orderId ? (orders.get(orderId)?.number ?? null) : null,
        itemCode: r.itemCode,
        itemName: r.itemName,
        owner: { id: r.ownerUserId, name: names.get(r.ownerUserId) ?? '' },
        dueAt: r.dueAt.toISOString(),
        closedAt: r.closedAt?.toISOString() ?? null,
        closedNote: r.closedNote,
        status: (r.closedAt ? (r.closedAt <= r.dueAt ? 'closed_on_time' : 'closed_late') : now > r.dueAt ? 'overdue' : 'open') as
          | 'open'
          | 'overdue'
          | 'closed_on_time'
          | 'closed_late',
      })),
    };
  }

  async function closeRectification(actor: Actor, id: string, input: { note: string }) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const r = await repo.lockRectification(tx, id);
      if (!r || r.withdrawnAt) throw notFound('QA_RECTIFICATION_NOT_FOUND', '整改项不存在');
      if (r.ownerUserId !== actor.userId && actor.role !== 'inspector') throw notFound('QA_RECTIFICATION_NOT_FOUND', '整改项不存在');
      if (r.closedAt) throw conflict('QA_RECTIFICATION_CLOSED', '该整改项已完成');
      await repo.closeRectification(tx, id, now, input.note);
    });
    return listRectifications(actor, { mine: actor.role === 'agent' });
  }

  async function figures(actor: Actor, q: { from: string; to: string }) {
    requireRole(actor, ...readers);
    if (q.to <= q.from) throw invalid('PERIOD_INVALID', '结束日期应晚于开始日期', [{ field: 'to', message: '结束日期应晚于开始日期' }]);
    const scope = withinScope(actor, qaInspections.scopePath);
    const scopeUnitId = scopeUnitIdOf(actor);
    const period = { from: instantAt(q.from, 0), to: instantAt(q.to, 0) };
    // The population inspected from: the agents' orders and the calls that made no order (both are drawn from).
    const [facts, orderCount, callCount, rects] = await Promise.all([
      repo.inspectionFacts(db, scope, q.from, q.to),
      countAgentOrders(db, { scopeUnitId, ...period }),
      callsInScope(actor, period),
      repo.listRectifications(db, { scope, dueFrom: period.from, dueTo: period.to }),
    ]);
    const population = orderCount + callCount;
    const inspections = facts.map((f) => ({ agentUserId: f.agentUserId, scored: f.state !== 'pending', passed: f.passed }));
    const byAgent = qualityByAgent(inspections);
    const names = await userNames(
      db,
      byAgent.map((a) => a.agentUserId),
    );
    // Inspected means scored: a sample drawn and not yet scored has been looked at by nobody (it is counted apart).
    const scored = inspections.filter((i) => i.scored).length;
    return {
      from: q.from,
      to: q.to,
      inspected: scored,
      awaitingScore: inspections.length - scored,
      population,
      coverage: inspectionCoverage(scored, population),
      passRate: passRate(inspections),
      rectificationsDue: rects.length,
      rectificationRate: rectificationRate(
        rects.map((r) => ({ dueAt: r.r.dueAt, closedAt: r.r.closedAt })),
        period,
      ),
      byAgent: byAgent.map((a) => ({ ...a, agentName: names.get(a.agentUserId) ?? '' })),
    };
  }

  async function getSheet(actor: Actor) {
    requireReader(actor);
    const s = await sheet();
    return { id: s.id, name: s.name, items: s.items, passMark: s.passMark, sampleRate: config.qaSampleRate };
  }

  /** A new sheet version; inspections already drawn keep the sheet they were drawn with. */
  async function updateSheet(actor: Actor, input: { name: string; items: ScoreItem[]; passMark: number }) {
    requireRole(actor, 'inspector', 'administrator');
    const problems = checkSheet(input);
    if (problems.length) throw invalid('QA_SHEET_INVALID', '评分表有误', problems);
    const s = await db.transaction(async (tx) => {
      await repo.deactivateSheets(tx);
      return repo.insertSheet(tx, { ...input, active: true, createdAt: clock.now() });
    });
    return { id: s.id, name: s.name, items: s.items, passMark: s.passMark, sampleRate: config.qaSampleRate };
  }

  async function present(rows: repo.InspectionRow[]) {
    const [orders, names, sheets, calls] = await Promise.all([
      orderBriefs(
        db,
        rows.flatMap((r) => (r.orderId ? [r.orderId] : [])),
      ),
      userNames(
        db,
        rows.flatMap((r) => [r.agentUserId, r.inspectorUserId, r.appealDeciderUserId]),
      ),
      repo.sheetsById(
        db,
        rows.map((r) => r.sheetId),
      ),
      callsFor(db, { callIds: rows.flatMap((r) => (r.callId ? [r.callId] : [])), orderIds: rows.flatMap((r) => (r.orderId ? [r.orderId] : [])) }),
    ]);
    const callView = (c: (typeof calls)[number]) => ({
      callId: c.callId,
      caller: maskPhone(c.caller),
      answeredAt: c.answeredAt?.toISOString() ?? null,
      talkSeconds: c.talkSeconds,
      recordingUrl: c.recordingUrl,
    });
    return rows.map((r) => {
      const o = r.orderId ? orders.get(r.orderId) : undefined;
      const s = sheets.get(r.sheetId)!;
      return {
        id: r.id,
        version: r.version,
        day: r.day,
        state: r.state as 'pending' | 'scored' | 'appealed' | 'decided',
        drawnBy: r.drawnBy as 'system' | 'manual',
        reasons: r.reasons,
        subject: (r.orderId ? 'order' : 'call') as 'order' | 'call',
        order: r.orderId ? { id: r.orderId, number: o?.number ?? '', title: o?.title ?? '', subjectCode: o?.subjectCode ?? '', state: o?.state ?? '' } : null,
        calls: calls.filter((c) => (r.callId ? c.callId === r.callId : c.orderIds.includes(r.orderId!))).map(callView),
        agent: { id: r.agentUserId, name: names.get(r.agentUserId) ?? '' },
        inspector: r.inspectorUserId ? { id: r.inspectorUserId, name: names.get(r.inspectorUserId) ?? '' } : null,
        sheet: { id: s.id, name: s.name, items: s.items, passMark: s.passMark },
        scores: r.scores,
        total: r.total,
        passed: r.passed,
        comments: r.comments,
        scoredAt: r.scoredAt?.toISOString() ?? null,
        appeal: r.appealedAt
          ? {
              reason: r.appealReason ?? '',
              at: r.appealedAt.toISOString(),
              decision: (r.appealDecision as 'upheld' | 'revised' | null) ?? null,
              decider: r.appealDeciderUserId ? { id: r.appealDeciderUserId, name: names.get(r.appealDeciderUserId) ?? '' } : null,
              note: r.appealNote,
              decidedAt: r.decidedAt?.toISOString() ?? null,
            }
          : null,
      };
    });
  }

  return { draw, addManual, list, get, score, appeal, decideAppeal, listRectifications, closeRectification, figures, getSheet, updateSheet };
}

export type QualityService = ReturnType<typeof createQualityService>;
