import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { unitIdsOnPath } from '../access/scope.js';
import { awaitedInstruction, type AwaitedInstruction } from '../orders/domain/instruction-rule.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { findVisibleOrder } from '../orders/orders.repo.js';
import { supervisionFactEffect } from '../orders/domain/effects.js';
import { rolesThatMay } from '../orders/domain/state-machine.js';
import { unitsById } from '../units/units.repo.js';
import { visibleOrdersWhere } from '../orders/orders-for-supervision.js';
import { runTransition } from '../orders/transition.js';
import { openEmergencyCondition } from '../orders/emergency-condition.js';
import { notFound } from '../platform/errors/app-error.js';
import { orderLabel } from '../notifications/domain/notice.js';
import { isEmergency } from './domain/timers.js';
import { isProvincialUnit } from '../units/province-root.js';
import {
  acknowledgeInstructions,
  emergencyWaysOf,
  insertEmergencyWay,
  insertInstruction,
  instructionFacts,
  instructionsOf,
  isPrincipalLeader,
} from './instructions.repo.js';
import { type InstructionRow } from './supervision.tables.js';

/**
 * Whom an instruction asks to acknowledge it: whoever at the holding unit the rule lets (state-machine.ts
 * acknowledge_instruction: its handlers, the lawyers' studio's lawyer and mediator, its leaders), not a list of its own.
 */
const acknowledgers = rolesThatMay('acknowledge_instruction');

export const emergencyWayNames = { dispatch: '派单交办', hotline: '热线直接办理', mediate: '调解处置' } as const;
export type EmergencyWay = keyof typeof emergencyWayNames;

const view = (r: InstructionRow) => ({
  id: r.id,
  text: r.text,
  provincial: r.provincial,
  principal: r.principal,
  by: { name: r.byName, unitName: r.byUnitName },
  at: r.at.toISOString(),
  acknowledged: r.acknowledgedAt
    ? { at: r.acknowledgedAt.toISOString(), name: r.acknowledgedByName ?? '', unitName: r.acknowledgedByUnitName ?? '', note: r.acknowledgeNote }
    : null,
});

/**
 * Leaders' instructions (领导批示) and the emergency mechanism's record on an order. Each change goes through the order's
 * transition path (lock, visibility, the state machine, one timeline event) without bumping the version: an instruction
 * changes no field of the order (decisions/0003), so a handler's open copy stays current.
 */
export function createInstructionsService(deps: OrderDeps) {
  const { db } = deps;

  async function list(actor: Actor, orderId: string) {
    const order = await findVisibleOrder(db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const [rows, facts, ways] = [await instructionsOf(db, orderId), await instructionFacts(db, order), await waysOf(orderId)];
    return {
      items: rows.map(view),
      awaited: awaitedInstruction(facts, order.state) as AwaitedInstruction | null,
      rule: facts.rule,
      emergency: isEmergency({ priority: order.priority, riskFlags: order.riskFlags ?? [] }),
      emergencyWays: ways,
    };
  }

  async function waysOf(orderId: string) {
    const rows = await emergencyWaysOf(db, orderId);
    return rows.map((w) => ({ way: w.way as EmergencyWay, note: w.note, by: { name: w.byName, unitName: w.byUnitName }, at: w.at.toISOString() }));
  }

  /** 领导批示: on the order's timeline; the unit holding it is asked to acknowledge. */
  async function add(actor: Actor, orderId: string, input: { text: string }) {
    await runTransition(deps, actor, orderId, null, 'add_instruction', async (c) => {
      const facts = await instructionFacts(c.tx, c.order);
      const before = awaitedInstruction(facts, c.order.state);
      const provincial = await isProvincialUnit(c.tx, actor.unitId);
      const { principal, designated } = await isPrincipalLeader(c.tx, actor.unitId, actor.userId);
      const onHolderPath = unitIdsOnPath(c.order.holderUnitPath).includes(actor.unitId);
      const row = await insertInstruction(c.tx, {
        orderId,
        text: input.text,
        provincial,
        principal,
        byUserId: actor.userId,
        byName: actor.displayName,
        byUnitId: actor.unitId,
        byUnitName: c.effectCtx.actor.unitName,
        at: c.now,
      });
      // The receiving unit's instruction counts from its principal leader (any of its leaders where none is designated).
      const satisfied =
        before === 'provincial' && provincial ? before : before === 'receiving' && !provincial && onHolderPath && (principal || !designated) ? before : null;
      return supervisionFactEffect(
        'add_instruction',
        c.snapshot,
        {
          note: input.text,
          data: { instructionId: row.id, provincial, principal, awaited: satisfied },
          notices: [
            {
              kind: 'instruction.added',
              level: 'urgent',
              key: `instruction:${row.id}`,
              to: [{ unitId: c.order.holderUnitId, roles: acknowledgers, nearest: true }],
              title: `领导批示：${orderLabel(c.order.number, c.reference.subjectName(c.order.subjectCode))}`,
              body: `${c.effectCtx.actor.unitName} ${actor.displayName}：${input.text}（请确认批示并按批示办理）`,
              data: { number: c.order.number },
            },
          ],
        },
        c.effectCtx,
      );
    });
    return list(actor, orderId);
  }

  /** The handling unit acknowledges the instructions waiting on the order; the leaders who wrote them are told. */
  async function acknowledge(actor: Actor, orderId: string, input: { note?: string | undefined }) {
    await runTransition(deps, actor, orderId, null, 'acknowledge_instruction', async (c) => {
      const marked = await acknowledgeInstructions(c.tx, orderId, null, {
        name: actor.displayName,
        unitName: c.effectCtx.actor.unitName,
        note: input.note ?? null,
        at: c.now,
      });
      return supervisionFactEffect(
        'acknowledge_instruction',
        c.snapshot,
        {
          note: input.note ?? null,
          data: { instructionIds: marked.map((m) => m.id) },
          notices: [
            {
              kind: 'instruction.acknowledged',
              level: 'info',
              key: `instruction-ack:${marked.map((m) => m.id).join(',')}`,
              to: [...new Set(marked.map((m) => m.byUserId))].map((userId) => ({ userId })),
              title: `批示已确认：工单 ${c.order.number}`,
              body: `${c.effectCtx.actor.unitName} ${actor.displayName} 已确认批示${input.note ? `：${input.note}` : ''}`,
              data: { number: c.order.number },
            },
          ],
        },
        c.effectCtx,
      );
    });
    return list(actor, orderId);
  }

  /** 应急机制: the way chosen for an emergency order, on its timeline. */
  async function recordWay(actor: Actor, orderId: string, input: { way: EmergencyWay; note?: string | undefined }) {
    await runTransition(deps, actor, orderId, null, 'record_emergency_way', async (c) => {
      await insertEmergencyWay(c.tx, {
        orderId,
        way: input.way,
        note: input.note ?? null,
        byName: actor.displayName,
        byUnitName: c.effectCtx.actor.unitName,
        at: c.now,
      });
      return supervisionFactEffect(
        'record_emergency_way',
        c.snapshot,
        {
          note: `${emergencyWayNames[input.way]}${input.note ? `：${input.note}` : ''}`,
          data: { way: input.way },
        },
        c.effectCtx,
      );
    });
    return list(actor, orderId);
  }

  /**
   * The open emergency orders within the actor's reach, for the banner on every list and the board: the newest first,
   * with the way chosen (null until someone records it).
   */
  async function emergencyOrders(actor: Actor, limit = 20) {
    // The order table is read by the orders capability (orders-for-supervision.ts); the rule and the way are supervision's.
    const { total, rows } = await visibleOrdersWhere(
      db,
      actor,
      // The same rule as the 重大（应急） view and the board (orders/emergency-condition.ts openEmergencyCondition).
      (o) => openEmergencyCondition(o),
      (orderId) => sql<string | null>`(select w.way from emergency_ways w where w.order_id = ${orderId} order by w.at desc limit 1)`,
      limit,
    );
    const holders = await unitsById(
      db,
      rows.map((r) => r.holderUnitId),
    );
    return {
      total,
      orders: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        state: r.state,
        priority: r.priority,
        riskFlags: r.riskFlags ?? [],
        holderUnit: { id: r.holderUnitId, name: holders.get(r.holderUnitId)?.name ?? '' },
        createdAt: r.createdAt.toISOString(),
        way: (r.extra as EmergencyWay | null) ?? null,
      })),
    };
  }

  return { list, add, acknowledge, recordWay, emergencyOrders };
}

export type InstructionsService = ReturnType<typeof createInstructionsService>;
