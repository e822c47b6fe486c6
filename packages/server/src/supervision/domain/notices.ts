import type { Role } from '../../auth/roles.js';
import { CHINA_OFFSET_MINUTES } from '../../calendar/domain/working-time.js';
import { orderLabel, type Notice } from '../../notifications/domain/notice.js';
import { rolesThatMay } from '../../orders/domain/state-machine.js';
import type { OrderState } from '../../orders/domain/states.js';
import { waitingOn } from '../../orders/domain/waiting-on.js';
import { signalNames, type Signal, type SignalKind } from './timers.js';

/** The units an order names and where they stand in the tree: whom a signal asks to act, and the level above them. */
export type OrderUnitsInTree = {
  /** Its state: which unit its next move waits for (orders/domain/waiting-on.ts). */
  state: OrderState;
  holderUnitId: string;
  /** The holder's ancestors-or-self, root first (from its path). */
  holderChain: readonly string[];
  /** The unit that dispatched the current hop: a returned order waits for its desk. */
  hopDispatcherUnitId: string | null;
  intakeUnitId: string;
  dispatchUnitId: string | null;
  /** The ancestors-or-self, root first, of the hop dispatcher, the dispatching and the intake unit, by their ids. */
  chains: Readonly<Record<string, readonly string[]>>;
};

/** Where an order stands in the tree, for choosing who hears of a signal. */
export type OrderPlace = OrderUnitsInTree & {
  id: string;
  number: string;
  /** The subject's catalog name: a notice never quotes the order's title (notifications/domain/notice.ts `orderLabel`). */
  subjectName: string;
  /** The holding unit's designated principal leader (主要领导), if any. */
  principalLeaderId?: string | null;
};

const stepNames: Record<string, string> = { dispatch: '派单', sign: '签收', return: '退单', reply: '办结反馈', callback: '回访', review: '审核' };

/** "12月1日 17:30", Beijing time: the people reading it are in China whatever the server's zone. */
export function shortTime(d: Date): string {
  const local = new Date(d.getTime() + CHINA_OFFSET_MINUTES * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hh}:${mm}`;
}

/** The signals whose `dueAt` is the deadline of the order's current step (the others: a day, or when a retry is due). */
const aboutStepDeadline: ReadonlySet<string> = new Set(['emergency', 'near_due', 'overdue', 'escalated', 'callback_due']);

/**
 * The note of a signal's timeline event (recorded by the system actor at the instant the scan wrote it). A step's
 * deadline is named as one — 应急机制启动（派单时限 12月4日 14:28）— so the time in it does not read as when the
 * order entered the mechanism, or when it was urged (the event's own time says when). The event's data keeps the
 * same facts typed (signal, deadlineStep, dueAt: orders/domain/events.ts).
 */
export function signalNote(s: Pick<Signal, 'kind' | 'step' | 'dueAt'>): string {
  const name = signalNames[s.kind];
  if (!s.dueAt) return name;
  if (!aboutStepDeadline.has(s.kind)) return `${name}（${shortTime(s.dueAt)}）`;
  const step = s.step ? (stepNames[s.step] ?? s.step) : '';
  return `${name}（${step ? `${step}时限` : '期限'} ${shortTime(s.dueAt)}）`;
}

/** The timeline action a signal is recorded as (system actor). */
export const signalActions = {
  emergency: 'emergency_alert',
  near_due: 'near_due_reminder',
  overdue: 'overdue_urge',
  escalated: 'overdue_escalation',
  progress_missing: 'progress_missing',
  callback_due: 'callback_reminder',
  callback_retry: 'callback_retry_due',
  instruction_requested: 'instruction_requested',
} as const;

/** An emergency order asks its holder to act now, whatever the step: whoever there may sign for it or handle it. */
const emergencyHolderRoles = rolesThatMay('sign', 'reply');
/** Progress is reported as a note (add_note: the emergency rule looks for one, timers.ts). */
const noteTakers: ReadonlySet<Role> = new Set(rolesThatMay('add_note'));

/**
 * The unit a signal asks to act, whom there, and that unit's chain (root first: the level above it hears the reports).
 * A deadline's reminders, urges, escalations and reports go to the unit the order waits for and the roles that may make
 * its next move (orders/domain/waiting-on.ts, as the board and 催办): a returned order's to the desk that dispatched
 * the hop (it redispatches or refuses the return), a reply's review to the dispatching unit, a callback to the intake
 * unit's agents — not to the unit still holding the order, which has nothing to do (told, the returning county heard
 * of a 派单 deadline it cannot meet, and the level above it of a lateness not its own). A missing progress note asks
 * those there who handle the order and may write one (the lawyers' studio: its lawyer and mediator). The emergency
 * mechanism and a leader's instruction concern the unit the order has reached: its holder.
 */
export function askedOf(kind: SignalKind, o: OrderUnitsInTree): { unitId: string; roles: readonly Role[]; chain: readonly string[] } {
  if (kind === 'emergency' || kind === 'instruction_requested') return { unitId: o.holderUnitId, roles: emergencyHolderRoles, chain: o.holderChain };
  const w = waitingOn(o.state, o);
  const roles = kind === 'progress_missing' ? w.roles.filter((r) => noteTakers.has(r)) : w.roles;
  const chain = w.unitId === o.holderUnitId ? o.holderChain : (o.chains[w.unitId] ?? [w.unitId]);
  return { unitId: w.unitId, roles, chain };
}

/**
 * Who hears of a signal (workflow.md, 督办): of a reminder, the unit asked to act (`askedOf`); of an overdue step that
 * unit (urging notice) and the supervisors of the level above it (report); of a second limit passed, its leader; of a
 * callback due or to retry, the agents of the unit that took the call. Each notice's key derives from the signal's,
 * so it too is produced once. `label` names what the notice is about when it is more than the one order (a wave of
 * them, domain/waves.ts).
 */
export function noticesFor(s: Signal, o: OrderPlace, label?: string): Notice[] {
  const step = s.step ? (stepNames[s.step] ?? s.step) : '';
  const due = s.dueAt ? shortTime(s.dueAt) : '';
  const base = { orderId: o.id, data: { number: o.number, signal: s.kind, step: s.step, dueAt: s.dueAt?.toISOString() ?? null } };
  const asked = askedOf(s.kind, o);
  const urged = { unitId: asked.unitId, roles: asked.roles, nearest: true };
  const above = asked.chain.length > 1 ? asked.chain[asked.chain.length - 2]! : asked.unitId;
  const what = label ?? orderLabel(o.number, o.subjectName);
  switch (s.kind) {
    case 'emergency': {
      // The hotline centre's leaders (the province root, which its centre acts for), the holder's and the level above's.
      const root = o.holderChain[0] ?? o.holderUnitId;
      return [
        {
          ...base,
          kind: 'supervision.emergency',
          level: 'urgent',
          key: s.key,
          to: [{ unitId: root, roles: ['leader', 'supervisor'] }, { unitId: o.holderUnitId, roles: ['leader'] }, { unitId: above, roles: ['leader'] }, urged],
          title: `应急工单：${what}`,
          body: '该工单已进入应急机制（危、众、多、大、隐或重大），请立即处置，每个工作日报告进展。',
        },
      ];
    }
    case 'near_due':
      return [
        {
          ...base,
          kind: 'supervision.near_due',
          level: 'warning',
          key: s.key,
          to: [urged],
          title: `临期提醒：${what}${step}将于 ${due} 到期`,
          body: '请抓紧办理，避免超期。',
        },
      ];
    case 'overdue':
      return [
        {
          ...base,
          kind: 'supervision.overdue',
          level: 'urgent',
          key: s.key,
          to: [urged],
          title: `催办通知：${what}${step}已于 ${due} 超期`,
          body: '请立即办理并报告进展。',
        },
        {
          ...base,
          kind: 'supervision.overdue_report',
          level: 'urgent',
          key: `${s.key}:report`,
          to: [{ unitId: above, roles: ['supervisor'], nearest: true }],
          title: `超期报告：${what}${step}已超期（期限 ${due}）`,
          body: '下级单位办理超期，请跟踪督办。',
        },
      ];
    case 'escalated':
      return [
        {
          ...base,
          kind: 'supervision.escalated',
          level: 'urgent',
          key: s.key,
          to: [{ unitId: asked.unitId, roles: ['leader'], nearest: true }],
          title: `超期升级：${what}${step}超期已满一个时限`,
          body: `原期限 ${due}，请单位领导督促办理。`,
        },
        {
          ...base,
          kind: 'supervision.escalated_report',
          level: 'urgent',
          key: `${s.key}:report`,
          to: [{ unitId: above, roles: ['supervisor'], nearest: true }],
          title: `超期升级：${what}${step}严重超期`,
          // The unit asked to act: the holder, or the desk a returned order or a reply's review waits for (askedOf).
          body: `原期限 ${due}，已升级至责任单位领导。`,
        },
      ];
    case 'progress_missing':
      return [
        {
          ...base,
          kind: 'supervision.progress_missing',
          level: 'urgent',
          key: s.key,
          to: [urged, { unitId: above, roles: ['supervisor'], nearest: true }],
          title: `应急工单未报进展：${what}`,
          body: `${due.split(' ')[0]} 没有进展记录，应急工单每个工作日须报告进展。`,
        },
      ];
    case 'callback_due':
      return [
        {
          ...base,
          kind: 'supervision.callback_due',
          level: 'warning',
          key: s.key,
          to: [urged],
          title: `回访提醒：${what}回访将于 ${due} 到期`,
          body: '请及时回访职工。',
        },
      ];
    case 'instruction_requested': {
      // The province's leaders (the root) before dispatch; the receiving unit's leader (nearest above if it has none) before reply.
      const root = o.holderChain[0] ?? o.holderUnitId;
      const provincial = s.awaited === 'provincial';
      return [
        {
          ...base,
          kind: 'supervision.instruction_requested',
          level: 'urgent',
          key: s.key,
          // The receiving unit's principal leader where one is designated (only theirs releases the order), else its leaders.
          to: [
            provincial
              ? { unitId: root, roles: ['leader'] }
              : o.principalLeaderId
                ? { userId: o.principalLeaderId }
                : { unitId: o.holderUnitId, roles: ['leader'], nearest: true },
          ],
          title: `请批示：${what}`,
          body: provincial ? '该工单来自全国总工会平台，须经省总工会领导批示后方可派单。' : '该工单由省总工会交办，须经本单位主要领导批示后方可办结反馈。',
        },
      ];
    }
    case 'callback_retry':
      return [
        {
          ...base,
          kind: 'supervision.callback_retry',
          level: 'warning',
          key: s.key,
          to: [urged],
          title: `二次回访：${what}上次回访未接通`,
          body: '今天请再次回访。',
        },
      ];
  }
}

export const signalTitle = (kind: keyof typeof signalNames) => signalNames[kind];
