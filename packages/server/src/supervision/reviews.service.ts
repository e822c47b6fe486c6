import { sql } from 'drizzle-orm';
import { orderVisibility, scopeUnitIdOf } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { addDaysToDate, endOfWorkingDay, localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { noticeJob, type Notice } from '../notifications/domain/notice.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import { visibleOrderNumbers } from '../orders/order-lookups.js';
import { unitsById, unitsInScopeByIds } from '../units/units.repo.js';
import {
  agendaActions,
  analysisDateProblems,
  carried,
  circularMonthProblem,
  circularOrder,
  meetingDateProblems,
  monthRange,
  nextAnalysisState,
  nextReviewDay,
  ownerProblems,
  reasonsOf,
  reviewedWeek,
  weekStartProblem,
  type AgendaReason,
  type AnalysisState,
  type CircularRow,
  type DateProblem,
} from './domain/reviews.js';
import { supervisionSettings } from './instructions.repo.js';
import { followUpRoles, ownersRead } from './review-owners.js';
import * as repo from './reviews.repo.js';
import type { circulars } from './supervision.tables.js';

type Deps = { db: Db; clock: Clock; calendar: { current(): Promise<WorkingCalendar> } };

/** Dates (or items) the domain refuses (domain/reviews.ts): 400 with the first one's code and message, each under its field. */
function refuseDates(problems: readonly DateProblem[]): void {
  const [first] = problems;
  if (first)
    throw invalid(
      first.code,
      first.message,
      problems.map(({ field, message }) => ({ field, message })),
    );
}

/** 周例会, 月度研判 and 通报: reviews over many orders, each kept in this module's tables, scoped like orders. */
export function createReviewsService(deps: Deps) {
  const { db, clock } = deps;
  const reviewers = ['supervisor', 'leader'] as const;

  const unitsInScope = (actor: Actor, ids: string[]) => unitsInScopeByIds(db, actor, ids);

  /** Last week's difficult and poorly handled orders within reach, with why each is on the agenda. */
  async function agenda(actor: Actor, weekStart?: string) {
    requireRole(actor, ...reviewers, 'dispatcher');
    const now = clock.now();
    // Asked for, a whole week from its Monday, as a meeting's record must name it (createMeeting).
    const notMonday = weekStart ? weekStartProblem(weekStart, 'querystring.weekStart') : null;
    if (notMonday) refuseDates([notMonday]);
    const settings = await supervisionSettings(db);
    // Unasked, the week the next meeting reviews (shown beside it as meetingDay).
    const week = weekStart ? { start: weekStart, end: addDaysToDate(weekStart, 7) } : reviewedWeek(now, settings.reviewWeekday);
    const from = new Date(`${week.start}T00:00:00+08:00`);
    const to = new Date(`${week.end}T00:00:00+08:00`);
    const visible = orderVisibility(actor, { visibleTo: sql`o.visible_to` as never, createdBy: sql`o.created_by` as never });
    const kinds = [...Object.keys(agendaActions), 'decide_extension'];
    const result = await repo.agendaRows(db, visible, from, to, kinds);
    const orders = result
      .map((r) => ({
        id: r.id as string,
        number: r.number as string,
        title: r.title as string,
        state: r.state as string,
        holderUnit: { id: r.holder_unit_id as string, name: r.holder_unit_name as string },
        reasons: reasonsOf(r.actions as string[], Number(r.approved), r.extended_in_week === true),
      }))
      .filter((o) => o.reasons.length > 0);
    return { weekStart: week.start, weekEnd: week.end, meetingDay: nextReviewDay(now, settings.reviewWeekday), orders };
  }

  async function listMeetings(actor: Actor) {
    // Whoever is told of a follow-up (review-owners.ts followUpRoles: the studio's lawyer and mediator too) finds it here.
    requireRole(actor, ...reviewers, ...followUpRoles);
    const meetings = (await repo.meetingsInReach(db, actor)).map((m) => ({ m }));
    // Only the follow-ups about orders the reader may read: a meeting held above decided on others' orders too.
    const rows = await repo.meetingItems(
      db,
      actor,
      meetings.map((x) => x.m.id),
    );
    const settings = await supervisionSettings(db);
    return {
      nextMeetingOn: nextReviewDay(clock.now(), settings.reviewWeekday),
      meetings: meetings.map(({ m }) => ({
        id: m.id,
        heldOn: m.heldOn,
        weekStart: m.weekStart,
        title: m.title,
        attendees: m.attendees,
        summary: m.summary,
        createdBy: m.createdByName,
        items: rows
          .filter((r) => r.meeting_id === m.id)
          .map((r) => ({
            id: r.id as string,
            order: { id: r.order_id as string, number: r.number as string, title: r.title as string, state: r.order_state as string },
            reasons: r.reasons as AgendaReason[],
            decision: r.decision as string,
            owner: { id: r.owner_unit_id as string, name: r.owner_name as string },
            dueOn: r.due_on as string,
            state: r.state as 'open' | 'done',
            overdue: r.state === 'open' && new Date(r.due_at as string) < clock.now(),
          })),
      })),
    };
  }

  /** The meeting's record; each decision becomes a follow-up owned by a unit and supervised by the timers scan. */
  async function createMeeting(
    actor: Actor,
    input: {
      heldOn: string;
      weekStart: string;
      title?: string | undefined;
      attendees?: string | undefined;
      summary?: string | undefined;
      items: { orderId: string; reasons: AgendaReason[]; decision: string; ownerUnitId: string; dueOn: string }[];
    },
  ) {
    requireRole(actor, ...reviewers);
    const now = clock.now();
    refuseDates(meetingDateProblems(input, localDateOf(now)));
    const cal = await deps.calendar.current();
    const owners = await unitsInScope(
      actor,
      input.items.map((i) => i.ownerUnitId),
    );
    input.items.forEach((it, n) => {
      if (!owners.has(it.ownerUnitId))
        throw invalid('REVIEW_OWNER_INVALID', '责任单位不在管辖范围内', [{ field: `body.items.${n}.ownerUnitId`, message: '责任单位不在管辖范围内' }]);
      if (it.dueOn < input.heldOn)
        throw invalid('REVIEW_DUE_BEFORE_MEETING', '完成期限不能早于会议日期', [{ field: `body.items.${n}.dueOn`, message: '完成期限不能早于会议日期' }]);
    });
    const orderIds = [...new Set(input.items.map((i) => i.orderId))];
    const visible = await visibleOrderNumbers(db, actor, orderIds);
    input.items.forEach((it, n) => {
      if (!visible.some((v) => v.id === it.orderId))
        throw invalid('REVIEW_ORDER_INVALID', '工单不存在或无权查看', [{ field: `body.items.${n}.orderId`, message: '工单不存在或无权查看' }]);
    });
    // Each owner reads its item's order: it is told the order's number and answers for the item (domain/reviews.ts).
    const reads = await ownersRead(
      db,
      input.items.map((i) => i.ownerUnitId),
      orderIds,
    );
    refuseDates(
      ownerProblems(
        input.items.map((it) => ({
          ownerReads: reads(it.ownerUnitId, it.orderId),
          ownerName: owners.get(it.ownerUnitId)?.name ?? '',
          orderNumber: visible.find((v) => v.id === it.orderId)?.number ?? '',
        })),
      ),
    );
    const id = await db.transaction(async (tx) => {
      const m = await repo.insertMeeting(tx, {
        scopeUnitId: scopeUnitIdOf(actor),
        heldOn: input.heldOn,
        weekStart: input.weekStart,
        title: input.title ?? `${input.heldOn} 周例会`,
        attendees: input.attendees ?? '',
        summary: input.summary ?? '',
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
      });
      if (input.items.length) {
        const rows = await repo.insertItems(
          tx,
          input.items.map((it) => ({
            meetingId: m.id,
            orderId: it.orderId,
            reasons: it.reasons,
            decision: it.decision,
            ownerUnitId: it.ownerUnitId,
            dueOn: it.dueOn,
            dueAt: endOfWorkingDay(cal, it.dueOn),
          })),
        );
        const notices: Notice[] = rows.map((r) => ({
          kind: 'supervision.review_item',
          level: 'warning',
          orderId: r.orderId,
          key: `review_item:${r.id}`,
          to: [{ unitId: r.ownerUnitId, roles: ['leader', ...followUpRoles], nearest: true }],
          title: `周例会督办事项：工单 ${visible.find((v) => v.id === r.orderId)?.number ?? ''}，请于 ${r.dueOn} 前落实`,
          body: r.decision,
          data: { meetingId: m.id, dueOn: r.dueOn },
        }));
        await outbox.enqueue(
          tx,
          notices.map((n) => noticeJob(n, now)),
          now,
        );
      }
      return m.id;
    });
    const list = await listMeetings(actor);
    return list.meetings.find((m) => m.id === id)!;
  }

  async function completeItem(actor: Actor, id: string) {
    requireRole(actor, ...reviewers, ...followUpRoles);
    // Only an item the list shows the reader (about an order the reader reads), owned within reach: an owner named
    // before owners had to read the order (createMeeting) cannot mark done what it may not open.
    const item = await repo.findItem(db, actor, id);
    if (!item || !(await unitsInScope(actor, [item.ownerUnitId])).size) throw notFound('REVIEW_ITEM_NOT_FOUND', '督办事项不存在或无权查看');
    const done = await repo.completeItem(db, id, clock.now());
    if (!done) throw conflict('REVIEW_ITEM_DONE', '该督办事项已完成');
    return { id, state: 'done' as const };
  }

  async function listAnalysis(actor: Actor, month?: string) {
    requireRole(actor, ...reviewers, 'dispatcher');
    const m = month ?? localDateOf(clock.now()).slice(0, 7);
    const items = await repo.analysisInReach(db, actor, m);
    const owners = await unitsById(
      db,
      items.map((a) => a.ownerUnitId),
    );
    const rows = items.map((a) => ({ a, ownerName: owners.get(a.ownerUnitId)?.name ?? '' }));
    return {
      month: m,
      items: rows.map(({ a, ownerName }) => ({
        id: a.id,
        month: a.month,
        carried: carried(a, m),
        problem: a.problem,
        measures: a.measures,
        evaluation: a.evaluation,
        owner: { id: a.ownerUnitId, name: ownerName },
        dueOn: a.dueOn,
        state: a.state as AnalysisState,
        version: a.version,
      })),
    };
  }

  async function createAnalysis(actor: Actor, input: { month: string; problem: string; measures?: string | undefined; ownerUnitId: string; dueOn: string }) {
    requireRole(actor, ...reviewers);
    const now = clock.now();
    refuseDates(analysisDateProblems(input, localDateOf(now)));
    if (!(await unitsInScope(actor, [input.ownerUnitId])).size)
      throw invalid('ANALYSIS_OWNER_INVALID', '责任单位不在管辖范围内', [{ field: 'body.ownerUnitId', message: '责任单位不在管辖范围内' }]);
    await repo.insertAnalysis(db, {
      scopeUnitId: scopeUnitIdOf(actor),
      month: input.month,
      problem: input.problem,
      measures: input.measures ?? '',
      ownerUnitId: input.ownerUnitId,
      dueOn: input.dueOn,
      state: input.measures?.trim() ? 'rectifying' : 'open',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    return listAnalysis(actor, input.month);
  }

  async function updateAnalysis(actor: Actor, id: string, input: { version: number; measures?: string | undefined; evaluation?: string | undefined }) {
    requireRole(actor, ...reviewers);
    const found = await repo.analysisItemInReach(db, actor, id);
    const row = found ? { a: found } : undefined;
    if (!row) throw notFound('ANALYSIS_ITEM_NOT_FOUND', '研判事项不存在或无权查看');
    if (row.a.version !== input.version) throw staleVersion('研判事项');
    const measures = input.measures ?? row.a.measures;
    const next = nextAnalysisState(row.a.state as AnalysisState, { measures, evaluation: input.evaluation });
    if (!next.ok) throw conflict(next.code, next.message);
    const updated = await repo.updateAnalysisAt(db, id, input.version, {
      measures,
      evaluation: input.evaluation ?? row.a.evaluation,
      state: next.state,
      version: row.a.version + 1,
      updatedAt: clock.now(),
    });
    if (!updated) throw staleVersion('研判事项');
    return (await listAnalysis(actor, updated.month)).items.find((i) => i.id === id)!;
  }

  /** The units directly below the actor's scope unit, with their month's overdue, returned and dissatisfied orders (subtrees counted in). */
  async function circularRows(actor: Actor, month: string): Promise<CircularRow[]> {
    const { from, to } = monthRange(month);
    const scopeId = scopeUnitIdOf(actor);
    const result = await repo.circularCounts(db, scopeId, from, to);
    return circularOrder(
      result.map((r) => ({
        unitId: r.unit_id as string,
        unitName: r.unit_name as string,
        overdue: Number(r.overdue),
        returned: Number(r.returned),
        dissatisfied: Number(r.dissatisfied),
      })),
    );
  }

  const circularView = (c: typeof circulars.$inferSelect) => ({
    id: c.id,
    month: c.month,
    state: c.state as 'draft' | 'published',
    rows: c.rows as CircularRow[],
    remarks: c.remarks,
    version: c.version,
    generatedAt: c.generatedAt.toISOString(),
    publishedAt: c.publishedAt?.toISOString() ?? null,
    publishedBy: c.publishedByName,
  });

  async function listCirculars(actor: Actor) {
    requireRole(actor, ...reviewers, 'dispatcher', 'handler');
    const rows = await repo.circularsInReach(db, actor);
    return { items: rows.map((c) => circularView(c)) };
  }

  /** Generates (or regenerates, while a draft) the month's 通报 for the units below the actor's scope. */
  async function generateCircular(actor: Actor, month: string) {
    requireRole(actor, ...reviewers);
    const now = clock.now();
    const problem = circularMonthProblem(month, localDateOf(now));
    if (problem) refuseDates([problem]);
    const rows = await circularRows(actor, month);
    const c = await repo.upsertDraftCircular(db, { scopeUnitId: scopeUnitIdOf(actor), month, rows, generatedAt: now });
    if (!c) throw conflict('CIRCULAR_PUBLISHED', '该月通报已发布，不能重新生成');
    return circularView(c);
  }

  /** Reviewed and published by a supervisor: each unit named is notified. */
  async function publishCircular(actor: Actor, id: string, input: { version: number; remarks?: string | undefined }) {
    requireRole(actor, 'supervisor');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const found = await repo.circularInReach(tx, actor, id);
      const c = found ? { c: found } : undefined;
      if (!c) throw notFound('CIRCULAR_NOT_FOUND', '通报不存在或无权查看');
      if (c.c.state !== 'draft') throw conflict('CIRCULAR_PUBLISHED', '该通报已发布');
      if (c.c.version !== input.version) throw staleVersion('通报');
      const p = await repo.publishCircularAt(tx, id, input.version, {
        state: 'published',
        publishedAt: now,
        publishedByName: actor.displayName,
        remarks: input.remarks ?? c.c.remarks,
        version: c.c.version + 1,
      });
      const rows = p!.rows as CircularRow[];
      await outbox.enqueue(
        tx,
        rows.map((r) =>
          noticeJob(
            {
              kind: 'supervision.circular',
              level: 'warning',
              key: `circular:${id}:${r.unitId}`,
              to: [{ unitId: r.unitId, roles: ['leader', 'dispatcher'], nearest: true }],
              title: `${p!.month} 月度通报：超期 ${r.overdue} 件、退单 ${r.returned} 件、不满意 ${r.dissatisfied} 件`,
              body: `${r.unitName}：请对照通报整改。${p!.remarks}`,
              data: { circularId: id, month: p!.month },
            },
            now,
          ),
        ),
        now,
      );
      return circularView(p!);
    });
  }

  return { agenda, listMeetings, createMeeting, completeItem, listAnalysis, createAnalysis, updateAnalysis, listCirculars, generateCircular, publishCircular };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
