import { atProvinceRoot } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repo.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { recordCallTransfer } from '../calls/call-facts.js';
import { callReachOf } from '../calls/call-reach.js';
import { addDaysToDate, CalendarNotCoveredError, instantAt, isWorkday, localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { orderBriefs, recordOrderFact, visibleOrderIds } from '../orders/order-facts.js';
import { findVisibleOrder } from '../orders/orders.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, forbidden, invalid, notFound, staleVersion, unprocessable } from '../platform/errors/app-error.js';
import { unitsById } from '../units/units.repo.js';
import { shifts, swapProblem, type SwapProblem } from './domain/lawyer-shifts.js';
import * as repo from './lawyer-seats.repo.js';

type Deps = {
  db: Db;
  clock: Clock;
  calendar: { current(): Promise<WorkingCalendar> };
  /** The unit directory: whose calls a reader has (calls/call-reach.ts), for the transfers of a call. */
  units: { current(): Promise<Parameters<typeof callReachOf>[1]> };
};

/** Who sees the lawyers on duty: the desk (to transfer), the lawyers, and those who steer. */
const shiftReaders = ['agent', 'dispatcher', 'supervisor', 'lawyer', 'leader', 'inspector', 'administrator'] as const;
const rosterKeepers = ['supervisor', 'administrator'] as const;
const transferring = ['agent', 'dispatcher', 'supervisor'] as const;
const figureReaders = ['supervisor', 'leader', 'dispatcher', 'inspector', 'administrator', 'lawyer'] as const;

const swapMessages: Record<SwapProblem, string> = {
  not_on_duty: '换班律师在所换日期不值班',
  with_not_on_duty: '对方律师在对方日期不值班',
  same_lawyer: '不能与自己换班',
  same_day: '同一天值班的两位律师无需换班',
  already_on_duty: '换班后同一位律师会在同一天值两次班',
};
/** The field each problem is about: the other side of the swap, as the one asking picks it against their own day. */
const swapFields: Record<SwapProblem, string> = {
  not_on_duty: 'body.lawyerId',
  with_not_on_duty: 'body.withLawyerId',
  same_lawyer: 'body.withLawyerId',
  same_day: 'body.withDate',
  already_on_duty: 'body.withDate',
};

export type LawyerRosterInput = {
  version: number;
  perDay: number;
  anchorDate: string;
  lawyers: { id?: string | undefined; name: string; firm: string; phone: string; username?: string | null | undefined; active: boolean }[];
};

export function createLawyerSeatsService(deps: Deps) {
  const { db, clock, calendar, units } = deps;

  /** The calendar's answer for a date; a date it does not cover is a 422, never a guess. */
  async function workdayOf() {
    const cal = await calendar.current();
    return (d: string) => {
      try {
        return isWorkday(cal, d);
      } catch (e) {
        if (e instanceof CalendarNotCoveredError)
          throw unprocessable('CALENDAR_NOT_COVERED', `工作日历未覆盖 ${d}，无法排律师班（请先导入该年度的节假日安排）`);
        throw e;
      }
    };
  }

  async function rosterOf(ex: Executor) {
    const [row, all] = await Promise.all([repo.rosterRow(ex), repo.allLawyers(ex)]);
    const roster = { perDay: row?.perDay ?? 2, anchorDate: row?.anchorDate ?? localDateOf(clock.now()), version: row?.version ?? 0 };
    return { ...roster, all, lawyers: all.filter((l) => l.active) };
  }

  const lawyerView = (l: repo.LawyerRow) => ({
    id: l.id,
    name: l.name,
    firm: l.firm,
    phone: l.phone,
    username: l.username,
    active: l.active,
    position: l.position,
  });

  /** The days of [from, to] with the lawyers on duty (swaps made), the roster, the swaps, and today's lawyers. */
  async function listShifts(actor: Actor, q: { from?: string | undefined; to?: string | undefined }) {
    requireRole(actor, ...shiftReaders);
    const today = localDateOf(clock.now());
    const from = q.from ?? today;
    const to = q.to ?? addDaysToDate(from, 13);
    if (to < from) throw invalid('PERIOD_INVALID', '结束日期应不早于开始日期', [{ field: 'to', message: '结束日期应不早于开始日期' }]);
    if (addDaysToDate(from, 92) < to) throw invalid('PERIOD_TOO_LONG', '一次最多查看 93 天', [{ field: 'to', message: '一次最多查看 93 天' }]);
    const roster = await rosterOf(db);
    const swaps = await repo.swapsAround(db, from < today ? from : today, to > today ? to : today);
    const isWork = await workdayOf();
    const brief = roster.lawyers.map((l) => ({ id: l.id, name: l.name, firm: l.firm, phone: l.phone }));
    const asked = shifts({ ...roster, lawyers: brief }, swaps, from, to, isWork);
    const now = shifts({ ...roster, lawyers: brief }, swaps, today, today, isWork);
    const skipped = new Set([...asked.skipped, ...now.skipped]);
    const names = new Map(roster.all.map((l) => [l.id, l.name]));
    return {
      today,
      onDuty: now.days[0]?.lawyers ?? [],
      roster: { version: roster.version, perDay: roster.perDay, anchorDate: roster.anchorDate, lawyers: roster.all.map(lawyerView) },
      days: asked.days,
      swaps: swaps.map((s) => ({
        id: s.id,
        date: s.date,
        lawyer: { id: s.lawyerId, name: names.get(s.lawyerId) ?? '' },
        withDate: s.withDate,
        withLawyer: { id: s.withLawyerId, name: names.get(s.withLawyerId) ?? '' },
        reason: s.reason,
        byName: s.byName,
        at: s.at.toISOString(),
        applied: !skipped.has(s.id),
      })),
    };
  }

  /**
   * The roster as a whole, versioned: the lawyers in rotation order (a lawyer left out leaves the rotation but keeps
   * their consultations), how many a day, and the working day the rotation counts from. Audited.
   */
  async function updateRoster(actor: Actor, input: LawyerRosterInput) {
    requireRole(actor, ...rosterKeepers);
    if (!atProvinceRoot(actor)) throw forbidden('ROSTER_PROVINCE_ONLY', '律师值班表由省级热线维护');
    const now = clock.now();
    const isWork = await workdayOf();
    isWork(input.anchorDate);
    await db.transaction(async (tx) => {
      const row = await repo.rosterRow(tx, true);
      if ((row?.version ?? 0) !== input.version) throw staleVersion('律师值班表');
      const before = await repo.allLawyers(tx);
      const known = new Map(before.map((l) => [l.id, l]));
      const kept = new Set<string>();
      let position = 0;
      for (const [i, l] of input.lawyers.entries()) {
        if (l.id && !known.has(l.id)) throw invalid('LAWYER_NOT_FOUND', '律师不存在', [{ field: `lawyers.${i}.id`, message: '律师不存在' }]);
        const values = {
          name: l.name,
          firm: l.firm,
          phone: l.phone,
          username: l.username ?? null,
          active: l.active,
          position: l.active ? position++ : 1000 + i,
        };
        if (l.id) {
          kept.add(l.id);
          await repo.updateLawyer(tx, l.id, values);
        } else await repo.insertLawyer(tx, { ...values, createdAt: now });
      }
      for (const l of before) if (!kept.has(l.id) && l.active) await repo.updateLawyer(tx, l.id, { active: false });
      await repo.putRoster(tx, { perDay: input.perDay, anchorDate: input.anchorDate, version: input.version + 1, updatedAt: now });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'lawyer_roster.update',
        targetType: 'lawyer_roster',
        targetId: '1',
        before: { perDay: row?.perDay ?? null, anchorDate: row?.anchorDate ?? null, lawyers: before.filter((l) => l.active).map((l) => l.name) },
        after: { perDay: input.perDay, anchorDate: input.anchorDate, lawyers: input.lawyers.filter((l) => l.active).map((l) => l.name) },
      });
    });
    return listShifts(actor, {});
  }

  /**
   * Two lawyers exchange a day each. The desk's supervisors record it, or one of the two lawyers; it must hold on the
   * shifts as they are now (swaps included), and it goes to the audit log in the same transaction.
   */
  async function swap(actor: Actor, input: { date: string; lawyerId: string; withDate: string; withLawyerId: string; reason: string }) {
    requireRole(actor, ...rosterKeepers, 'lawyer');
    const now = clock.now();
    const today = localDateOf(now);
    if (input.date < today || input.withDate < today)
      throw invalid('SWAP_IN_PAST', '不能调换已过去的值班', [{ field: input.date < today ? 'date' : 'withDate', message: '不能调换已过去的值班' }]);
    const isWork = await workdayOf();
    const id = await db.transaction(async (tx) => {
      const row = await repo.rosterRow(tx, true); // one swap at a time: each is checked against the ones before
      const roster = await rosterOf(tx);
      if (actor.role === 'lawyer') {
        const mine = roster.all.filter((l) => l.username === actor.username).map((l) => l.id);
        if (!mine.includes(input.lawyerId) && !mine.includes(input.withLawyerId)) throw forbidden('SWAP_NOT_YOURS', '律师只能调换本人的值班');
      }
      const lo = input.date < input.withDate ? input.date : input.withDate;
      const hi = input.date < input.withDate ? input.withDate : input.date;
      const current = shifts(roster, await repo.swapsAround(tx, lo, hi), lo, hi, isWork);
      const problem = swapProblem(current.days, input);
      if (problem)
        throw conflict(`SWAP_${problem.toUpperCase()}`, swapMessages[problem], { fields: [{ field: swapFields[problem], message: swapMessages[problem] }] });
      const s = await repo.insertSwap(tx, { ...input, by: actor.userId, byName: actor.displayName, at: now });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'lawyer_roster.swap',
        targetType: 'lawyer_swap',
        targetId: s.id,
        after: { ...input, rosterVersion: row?.version ?? 0 },
      });
      return s.id;
    });
    return {
      id,
      ...(await listShifts(actor, {
        from: input.date < input.withDate ? input.date : input.withDate,
        to: input.date < input.withDate ? input.withDate : input.date,
      })),
    };
  }

  /** Today's lawyers, swaps made: whom an agent may transfer to. */
  async function onDutyToday(ex: Executor) {
    const today = localDateOf(clock.now());
    const roster = await rosterOf(ex);
    const isWork = await workdayOf();
    const day = shifts(roster, await repo.swapsAround(ex, today, today), today, today, isWork).days[0];
    return day?.lawyers ?? [];
  }

  /**
   * An agent passes a call and/or an order to the lawyer on duty (the one named, or the first on duty today). The call
   * gets a `transferred` event on its trail, the order a `lawyer_transferred` fact on its timeline, in one transaction.
   */
  async function transfer(actor: Actor, input: { lawyerId?: string | undefined; orderId?: string | undefined; callId?: string | undefined; note: string }) {
    requireRole(actor, ...transferring);
    if (!input.orderId && !input.callId)
      throw invalid('TRANSFER_NOTHING', '请指定要转给律师的来电或工单', [{ field: 'orderId', message: '请指定要转给律师的来电或工单' }]);
    const now = clock.now();
    const id = await db.transaction(async (tx) => {
      const onDuty = await onDutyToday(tx);
      if (!onDuty.length) throw conflict('NO_LAWYER_ON_DUTY', '今日没有值班律师');
      const lawyer = input.lawyerId ? onDuty.find((l) => l.id === input.lawyerId) : onDuty[0];
      if (!lawyer) throw conflict('LAWYER_NOT_ON_DUTY', '该律师今日不值班');
      const order = input.orderId ? await findVisibleOrder(tx, actor, input.orderId) : undefined;
      if (input.orderId && !order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
      const t = await repo.insertTransfer(tx, {
        lawyerId: lawyer.id,
        orderId: input.orderId ?? null,
        callId: input.callId ?? null,
        note: input.note,
        by: actor.userId,
        byName: actor.displayName,
        at: now,
      });
      if (input.callId) {
        const r = await recordCallTransfer(tx, {
          callId: input.callId,
          eventId: `lawyer-transfer:${t.id}`,
          at: now,
          target: 'lawyer',
          targetName: `${lawyer.name}（${lawyer.firm}）`,
          agent: lawyer.username ?? null,
          by: actor,
        });
        if (r === 'not_found') throw notFound('CALL_NOT_FOUND', '话务记录不存在');
        if (r === 'not_yours') throw forbidden('CALL_NOT_YOURS', '只能转接本人接听的来电');
      }
      if (order) {
        const unit = (await unitsById(tx, [actor.unitId])).get(actor.unitId);
        await recordOrderFact(tx, {
          orderId: order.id,
          state: order.state,
          at: now,
          action: 'lawyer_transferred',
          actor,
          unitName: unit?.name ?? '',
          data: { transferId: t.id, lawyer: { id: lawyer.id, name: lawyer.name }, callId: input.callId ?? null },
          note: input.note,
        });
      }
      return t.id;
    });
    return (await transferViews(await repo.transfersWhere(db, { id, limit: 1 })))[0]!;
  }

  async function transferViews(rows: Awaited<ReturnType<typeof repo.transfersWhere>>) {
    const names = new Map((await repo.allLawyers(db)).map((l) => [l.id, l]));
    const orders = await orderBriefs(
      db,
      rows.map((r) => r.transfer.orderId).filter((x): x is string => !!x),
    );
    return rows.map(({ transfer: t, consultation: c }) => ({
      id: t.id,
      lawyer: { id: t.lawyerId, name: names.get(t.lawyerId)?.name ?? '', firm: names.get(t.lawyerId)?.firm ?? '' },
      order: t.orderId ? { id: t.orderId, number: orders.get(t.orderId)?.number ?? '', title: orders.get(t.orderId)?.title ?? '' } : null,
      callId: t.callId,
      note: t.note,
      byName: t.byName,
      at: t.at.toISOString(),
      consultation: c
        ? {
            id: c.id,
            question: c.question,
            advice: c.advice,
            lawCited: c.lawCited,
            legalAidRecommended: c.legalAidRecommended,
            recordedAt: c.recordedAt.toISOString(),
          }
        : null,
    }));
  }

  /**
   * The transfers a reader reads without naming an order: a lawyer those passed to them; the desk's agents those they
   * made; the others (dispatchers, supervisors, leaders, inspectors, administrators at any level) those about an order
   * they may read, and those of a call without an order that is in their call reach. The list and the figures alike.
   */
  async function readerOfTransfers(actor: Actor, known?: repo.LawyerRow[]): Promise<repo.TransferReach> {
    if (actor.role === 'lawyer') {
      const all = known ?? (await repo.allLawyers(db));
      return { lawyerIds: all.filter((l) => l.username === actor.username).map((l) => l.id) };
    }
    if (actor.role === 'agent') return { by: actor.userId };
    const calls = await callReachOf(db, await units.current(), actor.scopePath);
    return { readableBy: { orderIds: visibleOrderIds(actor), calls } };
  }

  /**
   * Transfers and their consultations: those the reader reads (`readerOfTransfers`); with `orderId`, the order's (for
   * whoever sees the order). Narrowed in the statement, so the newest 200 are the newest the reader may read.
   */
  async function listTransfers(actor: Actor, q: { orderId?: string | undefined }) {
    if (q.orderId) {
      if (!(await findVisibleOrder(db, actor, q.orderId))) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
      return { items: await transferViews(await repo.transfersWhere(db, { orderId: q.orderId, limit: 100 })) };
    }
    requireRole(actor, ...transferring, 'lawyer', 'leader', 'inspector');
    const reach = await readerOfTransfers(actor);
    return { items: await transferViews(await repo.transfersWhere(db, { ...reach, limit: 200 })) };
  }

  /**
   * The lawyer records the consultation on a transfer made to them, once: it is on the order's timeline (and the
   * order's legal panel) and counted for the lawyer. The lawyer need not see the whole order to answer the caller.
   */
  async function recordConsultation(
    actor: Actor,
    transferId: string,
    input: { question: string; advice: string; lawCited: string[]; legalAidRecommended: boolean },
  ) {
    requireRole(actor, 'lawyer');
    const now = clock.now();
    await db.transaction(async (tx) => {
      const t = await repo.lockTransfer(tx, transferId);
      if (!t) throw notFound('TRANSFER_NOT_FOUND', '转律师记录不存在');
      const lawyer = (await repo.allLawyers(tx)).find((l) => l.id === t.lawyerId);
      if (!lawyer || lawyer.username !== actor.username) throw forbidden('TRANSFER_NOT_YOURS', '只能登记转给本人的咨询');
      const c = await repo.insertConsultation(tx, {
        transferId: t.id,
        lawyerId: t.lawyerId,
        orderId: t.orderId,
        callId: t.callId,
        question: input.question,
        advice: input.advice,
        lawCited: input.lawCited,
        legalAidRecommended: input.legalAidRecommended,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      // One consultation per transfer: the unique index decides between two tabs.
      if (!c) throw conflict('CONSULTATION_RECORDED', '该咨询已登记');
      if (t.orderId) {
        const order = (await orderBriefs(tx, [t.orderId])).get(t.orderId);
        const unit = (await unitsById(tx, [actor.unitId])).get(actor.unitId);
        if (order)
          await recordOrderFact(tx, {
            orderId: t.orderId,
            state: order.state,
            at: now,
            action: 'legal_consultation',
            actor,
            unitName: unit?.name ?? '',
            data: {
              consultationId: c.id,
              transferId: t.id,
              lawyer: { id: lawyer.id, name: lawyer.name },
              lawCited: input.lawCited,
              legalAidRecommended: input.legalAidRecommended,
            },
            note: `问：${input.question}\n答：${input.advice}`,
          });
      }
    });
    return (await transferViews(await repo.transfersWhere(db, { id: transferId, limit: 1 })))[0]!;
  }

  /**
   * Per lawyer over local dates [from, to]: transfers received, consultations, legal aid recommended; and totals. Of
   * the transfers the reader reads (`readerOfTransfers`), not a 403 to all but the province's centre: the page that
   * asks (web legal/seats/FiguresTab.tsx, 律师统计) sits beside 转律师记录 on 律师座席, which leaders and supervisors
   * of any level and the lawyers open, and sums what that tab lists for the same reader; a city's leader gets its
   * orders' and its centre's calls' figures, a lawyer their own line. A reach holding the province's centre reads every
   * transfer, so its consultations are the cockpit's 律师咨询 (analytics getKpis, `countConsultations`, shown to that
   * reach only).
   */
  async function figures(actor: Actor, q: { from: string; to: string }) {
    requireRole(actor, ...figureReaders);
    if (q.to < q.from) throw invalid('PERIOD_INVALID', '结束日期应不早于开始日期', [{ field: 'to', message: '结束日期应不早于开始日期' }]);
    const everyLawyer = await repo.allLawyers(db);
    const reach = await readerOfTransfers(actor, everyLawyer);
    const f = await repo.figuresByLawyer(db, instantAt(q.from, 0), instantAt(addDaysToDate(q.to, 1), 0), reach);
    // A lawyer's figures are their own line: the others' would read as nothing done.
    const all = 'lawyerIds' in reach ? everyLawyer.filter((l) => reach.lawyerIds.includes(l.id)) : everyLawyer;
    const tr = new Map(f.transfers.map((r) => [r.lawyerId, r.n]));
    const co = new Map(f.consultations.map((r) => [r.lawyerId, r]));
    const items = all
      .map((l) => ({
        lawyer: { id: l.id, name: l.name, firm: l.firm },
        transfers: tr.get(l.id) ?? 0,
        consultations: co.get(l.id)?.n ?? 0,
        legalAid: co.get(l.id)?.aid ?? 0,
      }))
      .filter((r) => r.transfers || r.consultations || all.find((l) => l.id === r.lawyer.id)?.active);
    const sum = (k: 'transfers' | 'consultations' | 'legalAid') => items.reduce((s, r) => s + r[k], 0);
    return { from: q.from, to: q.to, items, total: { transfers: sum('transfers'), consultations: sum('consultations'), legalAid: sum('legalAid') } };
  }

  return { listShifts, updateRoster, swap, transfer, listTransfers, recordConsultation, figures };
}

export type LawyerSeatsService = ReturnType<typeof createLawyerSeatsService>;
