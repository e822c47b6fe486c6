import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { orderVisibility, scopeUnitIdOf, withinScope } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { endOfWorkingDay, localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { noticeJob, type Notice } from '../notifications/domain/notice.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { rowsOf } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import { units } from '../units/units.tables.js';
import {
  agendaActions,
  carried,
  circularOrder,
  monthRange,
  nextAnalysisState,
  nextReviewDay,
  reasonsOf,
  reviewedWeek,
  type AgendaReason,
  type AnalysisState,
  type CircularRow,
} from './domain/reviews.js';
import { supervisionSettings } from './instructions.repo.js';
import { analysisItems, circulars, reviewItems, reviewMeetings } from './supervision.tables.js';

type Deps = { db: Db; clock: Clock; calendar: { current(): Promise<WorkingCalendar> } };

/** 周例会, 月度研判 and 通报: reviews over many orders, each kept in this module's tables, scoped like orders. */
export function createReviewsService(deps: Deps) {
  const { db, clock } = deps;
  const reviewers = ['supervisor', 'leader'] as const;

  async function unitsInScope(actor: Actor, ids: string[]) {
    if (!ids.length) return new Map<string, { id: string; name: string }>();
    const rows = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(inArray(units.id, [...new Set(ids)]), withinScope(actor, units.path)));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Last week's difficult and poorly handled orders within reach, with why each is on the agenda. */
  async function agenda(actor: Actor, weekStart?: string) {
    requireRole(actor, ...reviewers, 'dispatcher');
    const now = clock.now();
    const week = weekStart
      ? { start: weekStart, end: new Date(new Date(`${weekStart}T00:00:00Z`).getTime() + 7 * 86_400_000).toISOString().slice(0, 10) }
      : reviewedWeek(now);
    const from = new Date(`${week.start}T00:00:00+08:00`);
    const to = new Date(`${week.end}T00:00:00+08:00`);
    const visible = orderVisibility(actor, { visibleTo: sql`o.visible_to` as never, createdBy: sql`o.created_by` as never });
    const kinds = [...Object.keys(agendaActions), 'decide_extension'];
    const result = await db.execute(sql`
      select o.id, o.number, o.title, o.state, o.holder_unit_id, u.name as holder_unit_name,
             array_agg(e.action) as actions,
             bool_or(e.action = 'decide_extension' and (e.data ->> 'approved')::boolean) as extended_in_week,
             (select count(*) from order_events x where x.order_id = o.id and x.action = 'decide_extension' and (x.data ->> 'approved')::boolean)::int as approved
      from order_events e join work_orders o on o.id = e.order_id join units u on u.id = o.holder_unit_id
      where e.at >= ${from.toISOString()}::timestamptz and e.at < ${to.toISOString()}::timestamptz
        and e.action in ${sql.raw(`(${kinds.map((k) => `'${k}'`).join(', ')})`)} and ${visible}
      group by o.id, u.name
      order by o.number
      limit 500`);
    const orders = rowsOf<Record<string, unknown>>(result)
      .map((r) => ({
        id: r.id as string,
        number: r.number as string,
        title: r.title as string,
        state: r.state as string,
        holderUnit: { id: r.holder_unit_id as string, name: r.holder_unit_name as string },
        reasons: reasonsOf(r.actions as string[], Number(r.approved), r.extended_in_week === true),
      }))
      .filter((o) => o.reasons.length > 0);
    const settings = await supervisionSettings(db);
    return { weekStart: week.start, weekEnd: week.end, meetingDay: nextReviewDay(now, settings.reviewWeekday), orders };
  }

  async function listMeetings(actor: Actor) {
    requireRole(actor, ...reviewers, 'dispatcher', 'handler');
    const meetings = await db
      .select({ m: reviewMeetings })
      .from(reviewMeetings)
      .innerJoin(units, eq(units.id, reviewMeetings.scopeUnitId))
      .where(sql`(${withinScope(actor, units.path)} or ${actor.scopePath} like ${units.path} || '%')`)
      .orderBy(desc(reviewMeetings.heldOn), desc(reviewMeetings.createdAt))
      .limit(50);
    const ids = meetings.map((x) => x.m.id);
    const items = ids.length
      ? await db.execute(sql`
          select i.*, o.number, o.title, o.state as order_state, u.name as owner_name
          from review_items i join work_orders o on o.id = i.order_id join units u on u.id = i.owner_unit_id
          where i.meeting_id in ${sql.raw(`(${ids.map((i) => `'${i}'`).join(', ')})`)} order by o.number`)
      : [];
    const rows = rowsOf<Record<string, unknown>>(items);
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
    const cal = await deps.calendar.current();
    const now = clock.now();
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
    const visible = orderIds.length
      ? rowsOf<{ id: string; number: string }>(
          await db.execute(
            sql`select o.id, o.number from work_orders o where o.id in ${sql.raw(`(${orderIds.map((i) => `'${i}'`).join(', ')})`)} and ${orderVisibility(actor, { visibleTo: sql`o.visible_to` as never, createdBy: sql`o.created_by` as never })}`,
          ),
        )
      : [];
    input.items.forEach((it, n) => {
      if (!visible.some((v) => v.id === it.orderId))
        throw invalid('REVIEW_ORDER_INVALID', '工单不存在或无权查看', [{ field: `body.items.${n}.orderId`, message: '工单不存在或无权查看' }]);
    });
    const id = await db.transaction(async (tx) => {
      const [m] = await tx
        .insert(reviewMeetings)
        .values({
          scopeUnitId: scopeUnitIdOf(actor),
          heldOn: input.heldOn,
          weekStart: input.weekStart,
          title: input.title ?? `${input.heldOn} 周例会`,
          attendees: input.attendees ?? '',
          summary: input.summary ?? '',
          createdBy: actor.userId,
          createdByName: actor.displayName,
          createdAt: now,
        })
        .returning();
      if (input.items.length) {
        const rows = await tx
          .insert(reviewItems)
          .values(
            input.items.map((it) => ({
              meetingId: m!.id,
              orderId: it.orderId,
              reasons: it.reasons,
              decision: it.decision,
              ownerUnitId: it.ownerUnitId,
              dueOn: it.dueOn,
              dueAt: endOfWorkingDay(cal, it.dueOn),
            })),
          )
          .returning();
        const notices: Notice[] = rows.map((r) => ({
          kind: 'supervision.review_item',
          level: 'warning',
          orderId: r.orderId,
          key: `review_item:${r.id}`,
          to: [{ unitId: r.ownerUnitId, roles: ['leader', 'handler', 'dispatcher'], nearest: true }],
          title: `周例会督办事项：工单 ${visible.find((v) => v.id === r.orderId)?.number ?? ''}，请于 ${r.dueOn} 前落实`,
          body: r.decision,
          data: { meetingId: m!.id, dueOn: r.dueOn },
        }));
        await outbox.enqueue(
          tx,
          notices.map((n) => noticeJob(n, now)),
          now,
        );
      }
      return m!.id;
    });
    const list = await listMeetings(actor);
    return list.meetings.find((m) => m.id === id)!;
  }

  async function completeItem(actor: Actor, id: string) {
    requireRole(actor, ...reviewers, 'handler', 'dispatcher');
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
    if (!item || !(await unitsInScope(actor, [item.ownerUnitId])).size) throw notFound('REVIEW_ITEM_NOT_FOUND', '督办事项不存在或无权查看');
    const [done] = await db
      .update(reviewItems)
      .set({ state: 'done', doneAt: clock.now() })
      .where(and(eq(reviewItems.id, id), eq(reviewItems.state, 'open')))
      .returning();
    if (!done) throw conflict('REVIEW_ITEM_DONE', '该督办事项已完成');
    return { id, state: 'done' as const };
  }

  async function listAnalysis(actor: Actor, month?: string) {
    requireRole(actor, ...reviewers, 'dispatcher');
    const m = month ?? localDateOf(clock.now()).slice(0, 7);
    const rows = await db
      .select({ a: analysisItems, ownerName: units.name })
      .from(analysisItems)
      .innerJoin(units, eq(units.id, analysisItems.ownerUnitId))
      .where(
        and(withinScope(actor, units.path), sql`(${analysisItems.month} = ${m} or (${analysisItems.month} < ${m} and ${analysisItems.state} <> 'evaluated'))`),
      )
      .orderBy(asc(analysisItems.month), asc(analysisItems.createdAt));
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
    if (!(await unitsInScope(actor, [input.ownerUnitId])).size)
      throw invalid('ANALYSIS_OWNER_INVALID', '责任单位不在管辖范围内', [{ field: 'body.ownerUnitId', message: '责任单位不在管辖范围内' }]);
    const now = clock.now();
    await db.insert(analysisItems).values({
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
    const [row] = await db
      .select({ a: analysisItems, path: units.path })
      .from(analysisItems)
      .innerJoin(units, eq(units.id, analysisItems.ownerUnitId))
      .where(eq(analysisItems.id, id));
    if (!row || !row.path.startsWith(actor.scopePath)) throw notFound('ANALYSIS_ITEM_NOT_FOUND', '研判事项不存在或无权查看');
    if (row.a.version !== input.version) throw staleVersion('研判事项');
    const measures = input.measures ?? row.a.measures;
    const next = nextAnalysisState(row.a.state as AnalysisState, { measures, evaluation: input.evaluation });
    if (!next.ok) throw conflict(next.code, next.message);
    const [updated] = await db
      .update(analysisItems)
      .set({ measures, evaluation: input.evaluation ?? row.a.evaluation, state: next.state, version: row.a.version + 1, updatedAt: clock.now() })
      .where(and(eq(analysisItems.id, id), eq(analysisItems.version, input.version)))
      .returning();
    if (!updated) throw staleVersion('研判事项');
    return (await listAnalysis(actor, updated.month)).items.find((i) => i.id === id)!;
  }

  /** The units directly below the actor's scope unit, with their month's overdue, returned and dissatisfied orders (subtrees counted in). */
  async function circularRows(actor: Actor, month: string): Promise<CircularRow[]> {
    const { from, to } = monthRange(month);
    const scopeId = scopeUnitIdOf(actor);
    const result = await db.execute(sql`
      select c.id as unit_id, c.name as unit_name,
        count(*) filter (where e.action = 'overdue_urge')::int as overdue,
        count(*) filter (where e.action = 'return')::int as returned,
        count(*) filter (where e.action = 'callback_dissatisfied')::int as dissatisfied
      from units c
      join work_orders o on o.holder_unit_path like c.path || '%'
      join order_events e on e.order_id = o.id and e.at >= ${from.toISOString()}::timestamptz and e.at < ${to.toISOString()}::timestamptz
        and e.action in ('overdue_urge', 'return', 'callback_dissatisfied')
      where c.parent_id = ${scopeId}::uuid and c.type <> 'hotline_centre'
      group by c.id, c.name`);
    return circularOrder(
      rowsOf<Record<string, unknown>>(result).map((r) => ({
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
    const rows = await db
      .select({ c: circulars })
      .from(circulars)
      .innerJoin(units, eq(units.id, circulars.scopeUnitId))
      .where(sql`(${withinScope(actor, units.path)} or (${actor.scopePath} like ${units.path} || '%' and ${circulars.state} = 'published'))`)
      .orderBy(desc(circulars.month))
      .limit(24);
    return { items: rows.map(({ c }) => circularView(c)) };
  }

  /** Generates (or regenerates, while a draft) the month's 通报 for the units below the actor's scope. */
  async function generateCircular(actor: Actor, month: string) {
    requireRole(actor, ...reviewers);
    const rows = await circularRows(actor, month);
    const now = clock.now();
    const [c] = await db
      .insert(circulars)
      .values({ scopeUnitId: scopeUnitIdOf(actor), month, rows, generatedAt: now })
      .onConflictDoUpdate({
        target: [circulars.scopeUnitId, circulars.month],
        set: { rows, generatedAt: now, version: sql`${circulars.version} + 1` },
        where: sql`${circulars.state} = 'draft'`,
      })
      .returning();
    if (!c) throw conflict('CIRCULAR_PUBLISHED', '该月通报已发布，不能重新生成');
    return circularView(c);
  }

  /** Reviewed and published by a supervisor: each unit named is notified. */
  async function publishCircular(actor: Actor, id: string, input: { version: number; remarks?: string | undefined }) {
    requireRole(actor, 'supervisor');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [c] = await tx
        .select({ c: circulars, path: units.path })
        .from(circulars)
        .innerJoin(units, eq(units.id, circulars.scopeUnitId))
        .where(eq(circulars.id, id));
      if (!c || !c.path.startsWith(actor.scopePath)) throw notFound('CIRCULAR_NOT_FOUND', '通报不存在或无权查看');
      if (c.c.state !== 'draft') throw conflict('CIRCULAR_PUBLISHED', '该通报已发布');
      if (c.c.version !== input.version) throw staleVersion('通报');
      const [p] = await tx
        .update(circulars)
        .set({ state: 'published', publishedAt: now, publishedByName: actor.displayName, remarks: input.remarks ?? c.c.remarks, version: c.c.version + 1 })
        .where(and(eq(circulars.id, id), eq(circulars.version, input.version)))
        .returning();
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
