import { and, eq, inArray } from 'drizzle-orm';
import { isUniqueViolation } from '../platform/db/unique-violation.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor, Tx } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { type OrderFactKind, recordOrderFact } from '../orders/order-facts.js';
import { orderBriefs, visibleOrderIds } from '../orders/order-facts.js';
import { findVisibleOrder, type OrderRow } from '../orders/orders.repo.js';
import { unitsById } from '../units/units.repo.js';
import { legalRefusal, legalWorkRoles } from '../legal/domain/legal-actions.js';
import { checkSchedule, performanceOf, type Instalment } from './domain/performance.js';
import { maskIdNumber, maskPhone } from '../platform/privacy/mask.js';
import * as repo from './mediation.repo.js';
import type { Party } from './mediation.tables.js';

type Deps = { db: Db; clock: Clock };

/** Who mediates: whoever may open a case (legal/domain/legal-actions.ts) carries it on. */
const mediating = legalWorkRoles.mediate;

export function createMediationService(deps: Deps) {
  const { db, clock } = deps;

  async function visibleOrder(db: Executor, actor: Actor, orderId: string): Promise<OrderRow> {
    const order = await findVisibleOrder(db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    return order;
  }

  /** A case is read by whoever may read its order; anyone else gets the same 404 as for a case that does not exist. */
  async function visibleCase(actor: Actor, id: string) {
    const c = await repo.findCase(db, id);
    if (!c || !(await findVisibleOrder(db, actor, c.orderId))) throw notFound('MEDIATION_CASE_NOT_FOUND', '调解案件不存在或无权查看');
    return c;
  }

  async function unitName(tx: Executor, id: string) {
    return (await unitsById(tx, [id])).get(id)?.name ?? '';
  }

  async function open(
    actor: Actor,
    input: { orderId: string; workerParty: Party; employerParty?: Party | undefined; mediators: string[]; matter?: string | undefined },
  ) {
    requireRole(actor, ...mediating);
    const now = clock.now();
    const id = await db.transaction(async (tx) => {
      const order = await visibleOrder(tx, actor, input.orderId);
      const existing = await repo.casesOfOrders(tx, [order.id]);
      const refused = legalRefusal('open_mediation', { ...order, hasOpenMediation: existing.some((c) => c.state === 'open') });
      if (refused) throw refused;
      const employerParty = input.employerParty ?? (order.employerName ? { name: order.employerName, address: order.employerAddress ?? undefined } : null);
      if (!employerParty)
        throw invalid('MEDIATION_EMPLOYER_REQUIRED', '请填写被申请人（用人单位）', [{ field: 'employerParty.name', message: '工单未记录用人单位，请填写' }]);
      const c = await repo
        .insertCase(tx, {
          orderId: order.id,
          unitId: actor.unitId,
          workerParty: input.workerParty,
          employerParty,
          mediators: input.mediators.length ? input.mediators : [actor.displayName],
          matter: input.matter?.trim() || order.title,
          state: 'open',
          openedBy: actor.userId,
          openedAt: now,
        })
        .catch((err: unknown) => {
          // Another case was opened since this one read none open (mediation_cases_one_open_uq): the same refusal.
          throw isUniqueViolation(err, repo.oneOpenCaseIndex) ? legalRefusal('open_mediation', { ...order, hasOpenMediation: true })! : err;
        });
      await recordOrderFact(tx, {
        orderId: order.id,
        state: order.state,
        at: now,
        action: 'mediation_opened',
        actor,
        unitName: await unitName(tx, actor.unitId),
        data: { caseId: c.id, mediators: c.mediators },
      });
      return c.id;
    });
    return view(actor, id);
  }

  type Fact = { action: OrderFactKind; data: Record<string, unknown>; note?: string | null };

  /**
   * Every change to a case: the actor may mediate and see the order, the case is locked (at the expected version
   * when one is given), `change` does its checks and writes, the case's version moves on, and the fact goes on the
   * order's timeline — one transaction.
   */
  async function changeCase(
    actor: Actor,
    id: string,
    version: number | null,
    change: (tx: Tx, c: repo.CaseRow, now: Date) => Promise<{ patch?: Partial<repo.CaseRow>; fact: Fact }>,
  ) {
    requireRole(actor, ...mediating);
    const now = clock.now();
    await visibleCase(actor, id);
    await db.transaction(async (tx) => {
      const c = (await repo.lockCase(tx, id))!;
      if (version !== null && c.version !== version) throw staleVersion('调解案件');
      const { patch, fact } = await change(tx, c, now);
      await repo.updateCase(tx, id, { ...patch, version: c.version + 1 });
      const order = (await findVisibleOrder(tx, actor, c.orderId))!;
      await recordOrderFact(tx, {
        orderId: c.orderId,
        state: order.state,
        at: now,
        actor,
        unitName: await unitName(tx, actor.unitId),
        ...fact,
        data: { caseId: id, ...fact.data },
      });
    });
    return view(actor, id);
  }

  const mustBeOpen = (c: repo.CaseRow, message = '调解案件已结束') => {
    if (c.state !== 'open') throw conflict('MEDIATION_CASE_NOT_OPEN', message);
  };

  const recordSession = (actor: Actor, id: string, input: { at: string; place: string; attendees: string; notes: string }) =>
    changeCase(actor, id, null, async (tx, c, now) => {
      mustBeOpen(c, '调解案件已结束，不能再记录调解');
      const at = new Date(input.at);
      if (at > now) throw invalid('MEDIATION_SESSION_IN_FUTURE', '只能记录已进行的调解', [{ field: 'at', message: '调解时间不能晚于现在' }]);
      await repo.insertSession(tx, {
        caseId: id,
        at,
        place: input.place,
        attendees: input.attendees,
        notes: input.notes,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      return { fact: { action: 'mediation_session', data: { at: at.toISOString(), place: input.place }, note: input.notes } };
    });

  async function recordAgreement(
    actor: Actor,
    id: string,
    input: { version: number; terms: string; amount: number; workersCovered: number; paymentSchedule: { dueDate: string; amount: number }[]; signedAt: string },
  ) {
    requireRole(actor, ...mediating);
    await visibleCase(actor, id); // 404 outside the order's reach comes before any word about the schedule
    // As a session, an agreement is recorded once it was made: signed by now, and nothing in it due before the signing.
    const signedAt = new Date(input.signedAt);
    if (signedAt > clock.now())
      throw invalid('MEDIATION_AGREEMENT_IN_FUTURE', '只能登记已签订的调解协议', [{ field: 'signedAt', message: '签订时间不能晚于现在' }]);
    const problems = checkSchedule(input.paymentSchedule, input.amount, localDateOf(signedAt));
    if (problems.length) throw invalid('MEDIATION_SCHEDULE_INVALID', '付款计划有误', problems);
    return changeCase(actor, id, input.version, async (tx, c, now) => {
      mustBeOpen(c);
      const schedule: Instalment[] = input.paymentSchedule.map((s) => ({ ...s, paidAt: null, paidAmount: null }));
      const { terms, amount, workersCovered } = input;
      await repo.insertAgreement(tx, {
        caseId: id,
        terms,
        amount,
        workersCovered,
        paymentSchedule: schedule,
        signedAt,
        recordedBy: actor.userId,
      });
      // The agreement's figures are what the handler's reply will report (amount recovered, workers helped).
      return {
        patch: { state: 'agreed', closedAt: now },
        fact: { action: 'mediation_agreement', data: { amount, workersCovered, instalments: schedule.length } },
      };
    });
  }

  const recordFailure = (actor: Actor, id: string, input: { version: number; reason: string }) =>
    changeCase(actor, id, input.version, async (_tx, c, now) => {
      mustBeOpen(c);
      return { patch: { state: 'failed', failureReason: input.reason, closedAt: now }, fact: { action: 'mediation_failed', data: {}, note: input.reason } };
    });

  /** Follow-up of performance: an instalment paid (in full or in part) on a date. */
  const recordPayment = (actor: Actor, id: string, input: { version: number; instalment: number; paidAt: string; paidAmount: number }) =>
    changeCase(actor, id, input.version, async (tx) => {
      const a = await repo.agreementOf(tx, id);
      if (!a) throw conflict('MEDIATION_NO_AGREEMENT', '尚未达成调解协议');
      const schedule = [...a.paymentSchedule];
      const target = schedule[input.instalment];
      if (!target)
        throw invalid('MEDIATION_INSTALMENT_UNKNOWN', '没有这一期付款', [{ field: 'instalment', message: `期次应在 0 到 ${schedule.length - 1} 之间` }]);
      if (target.paidAt) throw conflict('MEDIATION_INSTALMENT_PAID', '这一期已登记支付');
      schedule[input.instalment] = { ...target, paidAt: input.paidAt, paidAmount: input.paidAmount };
      await repo.updateAgreement(tx, id, { paymentSchedule: schedule });
      return { fact: { action: 'mediation_payment', data: { instalment: input.instalment, paidAmount: input.paidAmount, paidAt: input.paidAt } } };
    });

  async function view(actor: Actor, id: string) {
    return (await present(actor, [await visibleCase(actor, id)]))[0]!;
  }

  /**
   * Cases as the API shows them, with sessions, agreements, units and order numbers read once for the whole list.
   * The parties' phone and ID numbers are for those who mediate (they print the agreement); others see them masked.
   */
  async function present(actor: Actor, cases: repo.CaseRow[]) {
    const full = (mediating as readonly string[]).includes(actor.role);
    const party = (p: Party): Party =>
      full
        ? p
        : { ...p, ...(p.phone ? { phone: maskPhone(p.phone) ?? undefined } : {}), ...(p.idNumber ? { idNumber: maskIdNumber(p.idNumber) ?? undefined } : {}) };
    const ids = cases.map((c) => c.id);
    const [sessions, agreements, units, orders] = await Promise.all([
      repo.sessionsOfCases(db, ids),
      repo.agreementsOfCases(db, ids),
      unitsById(db, [...new Set(cases.map((c) => c.unitId))]),
      orderBriefs(
        db,
        cases.map((c) => c.orderId),
      ),
    ]);
    const today = localDateOf(clock.now());
    return cases.map((c) => {
      const agreement = agreements.find((a) => a.caseId === c.id);
      const perf = agreement ? performanceOf(agreement.paymentSchedule, today) : null;
      return {
        id: c.id,
        version: c.version,
        orderId: c.orderId,
        orderNumber: orders.get(c.orderId)?.number ?? '',
        unit: { id: c.unitId, name: units.get(c.unitId)?.name ?? '' },
        state: c.state as 'open' | 'agreed' | 'failed',
        workerParty: party(c.workerParty),
        employerParty: party(c.employerParty),
        mediators: c.mediators,
        matter: c.matter,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        failureReason: c.failureReason,
        sessions: sessions
          .filter((s) => s.caseId === c.id)
          .map((s) => ({ id: s.id, at: s.at.toISOString(), place: s.place, attendees: s.attendees, notes: s.notes })),
        agreement:
          agreement && perf
            ? {
                terms: agreement.terms,
                amount: agreement.amount,
                workersCovered: agreement.workersCovered,
                signedAt: agreement.signedAt.toISOString(),
                paymentSchedule: agreement.paymentSchedule.map((s, i) => ({ ...s, status: perf.statuses[i]! })),
                performance: perf.performance,
                paid: perf.paid,
              }
            : null,
        /** What the handler's reply should report when the order is closed on this agreement. */
        suggestedReply: agreement && perf ? { amountRecovered: perf.paid || agreement.amount, workersHelped: agreement.workersCovered } : null,
      };
    });
  }

  /**
   * The cases of one order, or (without an order) every case on an order the actor may read — the studio's and a
   * union's case list — newest first, paged, optionally by state or by performance of the agreement.
   */
  async function list(
    actor: Actor,
    q: { orderId?: string | undefined; state?: 'open' | 'agreed' | 'failed' | undefined; limit?: number | undefined; offset?: number | undefined },
  ) {
    if (q.orderId) {
      await visibleOrder(db, actor, q.orderId);
      const cases = await repo.casesOfOrders(db, [q.orderId]);
      return { items: await present(actor, cases), total: cases.length };
    }
    const where = and(inArray(repo.caseCols.orderId, visibleOrderIds(actor)), q.state ? eq(repo.caseCols.state, q.state) : undefined);
    const { rows, total } = await repo.listCases(db, where, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: await present(actor, rows), total };
  }

  async function download(actor: Actor, id: string) {
    const v = await view(actor, id);
    if (!v.agreement) throw conflict('MEDIATION_NO_AGREEMENT', '尚未达成调解协议');
    const order = (await findVisibleOrder(db, actor, v.orderId))!;
    const cases = await repo.casesOfOrders(db, [v.orderId]);
    const seq = cases.length - cases.findIndex((c) => c.id === id);
    // Loaded on first use: docx is a few MB of memory every process would otherwise carry (issue 18, RSS).
    const { agreementDocx } = await import('./agreement-document.js');
    const bytes = await agreementDocx({
      caseNumber: `${order.number}-调${seq}`,
      unitName: v.unit.name,
      workerParty: v.workerParty,
      employerParty: v.employerParty,
      mediators: v.mediators,
      matter: v.matter,
      terms: v.agreement.terms,
      amount: v.agreement.amount,
      workersCovered: v.agreement.workersCovered,
      schedule: v.agreement.paymentSchedule,
      signedAt: localDateOf(new Date(v.agreement.signedAt)),
    });
    return { bytes, fileName: `调解协议书-${order.number}.docx` };
  }

  return { open, recordSession, recordAgreement, recordFailure, recordPayment, get: view, list, download };
}

export type MediationService = ReturnType<typeof createMediationService>;
