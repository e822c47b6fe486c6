import { sql } from 'drizzle-orm';
import { orderVisibility, unitIdsOnPath } from '../access/scope.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { deadlineStatus } from '../orders/domain/deadlines.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { urgeEffect } from '../orders/domain/effects.js';
import { decide } from '../orders/domain/state-machine.js';
import type { OrderState } from '../orders/domain/states.js';
import { waitingOn } from '../orders/domain/waiting-on.js';
import { relationsOf } from '../orders/relations.js';
import { runTransition } from '../orders/transition.js';
import { invalid } from '../platform/errors/app-error.js';
import { isEmergency } from './domain/timers.js';
import { supervisionSettings } from './instructions.repo.js';
import { boardOrders, countsByUnit, insertSignals } from './supervision.repo.js';

export type UrgeInput = { message: string; answerBy?: string | undefined };

const boardLimit = 500;

export type BoardOrder = {
  id: string;
  number: string;
  title: string;
  state: string;
  priority: string;
  step: string | null;
  dueAt: string | null;
  status: 'near_due' | 'overdue' | null;
  emergency: boolean;
  /** Shaanxi's rule: the order waits for a provincial leader's (before dispatch) or the receiving unit's (before reply) instruction. */
  awaitingInstruction: 'provincial' | 'receiving' | null;
  urges: number;
  lastUrgedAt: string | null;
  /** The reader may urge it (催办): the state machine's answer, as the order's own page gives it. */
  canUrge: boolean;
};

/** Supervision by hand (urge) and the supervisor's board; the timers run as a job (supervision.scan.ts). */
export function createSupervisionService(deps: OrderDeps) {
  const { db, clock } = deps;

  /**
   * 催办: a supervisor (or leader) urges the unit an open order waits for (orders/domain/waiting-on.ts: its holder, or
   * the desk whose decision it awaits: after a dissatisfied callback, the dispatching unit that reopens or archives),
   * with a message and optionally a time by which the unit must answer. On the timeline, counted per unit, and whoever
   * there may make the move is notified through the outbox.
   */
  async function urge(actor: Actor, orderId: string, input: UrgeInput) {
    const answerBy = input.answerBy ? new Date(input.answerBy) : null;
    const now = clock.now();
    if (answerBy && answerBy <= now) throw invalid('URGE_ANSWER_BY_PAST', '答复期限应晚于现在', [{ field: 'body.answerBy', message: '答复期限应晚于现在' }]);
    let result: { unitId: string; unitName: string; at: Date } | null = null;
    const order = await runTransition(deps, actor, orderId, null, 'urge', async (c) => {
      const unitId = waitingOn(c.order.state as OrderState, c.order).unitId;
      const found = c.units.get(unitId);
      const unit = { id: unitId, name: found?.name ?? '', path: found?.path ?? '' };
      await insertSignals(c.tx, [
        {
          orderId,
          kind: 'urge',
          key: null,
          step: c.order.currentStep,
          dueAt: c.order.currentDueAt,
          unitId,
          at: c.now,
          byUserId: actor.userId,
          byRole: actor.role,
          message: input.message,
          answerDueAt: answerBy,
        },
      ]);
      result = { unitId, unitName: unit.name, at: c.now };
      const unitChain = found ? unitIdsOnPath(found.path) : [unitId];
      const subjectName = c.reference.subjectName(c.order.subjectCode);
      return urgeEffect(c.snapshot, { unit, message: input.message, answerBy, byName: actor.displayName, unitChain, subjectName }, c.effectCtx);
    });
    const r = result as unknown as { unitId: string; unitName: string; at: Date };
    const counts = await countsByUnit(db, [r.unitId], new Date(now.getTime() - 30 * 86_400_000));
    return {
      orderId: order.id,
      number: order.number,
      unit: { id: r.unitId, name: r.unitName },
      at: r.at.toISOString(),
      message: input.message,
      answerBy: answerBy?.toISOString() ?? null,
      unitUrges30d: counts.find((c) => c.kind === 'urge')?.n ?? 0,
    };
  }

  /**
   * The supervisor's board: near due, overdue, emergency and (where Shaanxi's rule is on) awaiting-instruction orders
   * within reach, grouped by the unit each waits for (orders/domain/waiting-on.ts), the one its 催办 goes to.
   */
  async function board(actor: Actor) {
    requireRole(actor, 'supervisor', 'leader', 'dispatcher');
    const now = clock.now();
    const visible = sql`${orderVisibility(actor, { visibleTo: sql`o.visible_to` as never, createdBy: sql`o.created_by` as never })}`;
    const { instructionRule } = await supervisionSettings(db);
    const rows = await boardOrders(db, visible, now, boardLimit, instructionRule);
    const directory = await deps.units.current();
    const waiting = new Map(rows.map((r) => [r.id, waitingOn(r.state as OrderState, r).unitId]));
    const unitIds = [...new Set(waiting.values())];
    const counts = await countsByUnit(db, unitIds, new Date(now.getTime() - 30 * 86_400_000));
    const groups = new Map<
      string,
      {
        unit: { id: string; name: string };
        nearDue: number;
        overdue: number;
        emergency: number;
        awaitingInstruction: number;
        urges30d: number;
        overdue30d: number;
        orders: BoardOrder[];
      }
    >();
    const totals = { nearDue: 0, overdue: 0, emergency: 0, awaitingInstruction: 0 };
    for (const r of rows) {
      const status = deadlineStatus(now, r.currentDueAt, r.currentNearDueAt);
      // The board shows every open order the reader sees, also one its unit only still sees (it returned it, was
      // passed over): urging needs a current involvement, so each row asks the state machine as the order view does,
      // with the relations from the row's own units (no query per row). Urging has no condition on the order's facts.
      const relations = relationsOf(actor, r, r.coHandlers, directory);
      const canUrge = decide(r.state as OrderState, 'urge', { role: actor.role, relations }).ok;
      const emergency = isEmergency(r);
      const unitId = waiting.get(r.id)!;
      let g = groups.get(unitId);
      if (!g) {
        const c = (k: string) => counts.find((x) => x.unitId === unitId && x.kind === k)?.n ?? 0;
        g = {
          unit: { id: unitId, name: directory.get(unitId)?.name ?? '' },
          nearDue: 0,
          overdue: 0,
          emergency: 0,
          awaitingInstruction: 0,
          urges30d: c('urge'),
          overdue30d: c('overdue'),
          orders: [],
        };
        groups.set(unitId, g);
      }
      if (status === 'near_due') g.nearDue++, totals.nearDue++;
      if (status === 'overdue') g.overdue++, totals.overdue++;
      if (emergency) g.emergency++, totals.emergency++;
      if (r.awaitedInstruction) g.awaitingInstruction++, totals.awaitingInstruction++;
      g.orders.push({
        id: r.id,
        number: r.number,
        title: r.title,
        state: r.state,
        priority: r.priority,
        step: r.currentStep,
        dueAt: r.currentDueAt?.toISOString() ?? null,
        status: status === 'on_time' ? null : status,
        emergency,
        awaitingInstruction: r.awaitedInstruction,
        urges: r.urges,
        lastUrgedAt: r.lastUrgedAt?.toISOString() ?? null,
        canUrge,
      });
    }
    const units = [...groups.values()].sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.emergency - a.emergency ||
        b.awaitingInstruction - a.awaitingInstruction ||
        b.nearDue - a.nearDue ||
        a.unit.name.localeCompare(b.unit.name),
    );
    return { generatedAt: now.toISOString(), totals, truncated: rows.length >= boardLimit, units };
  }

  return { urge, board };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
