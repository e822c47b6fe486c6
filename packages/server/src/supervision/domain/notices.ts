import { CHINA_OFFSET_MINUTES } from '../../calendar/domain/working-time.js';
import { orderLabel, type Notice } from '../../notifications/domain/notice.js';
import { rolesThatMay } from '../../orders/domain/state-machine.js';
import { signalNames, type Signal } from './timers.js';

/** Where an order stands in the tree, for choosing who hears of a signal. */
export type OrderPlace = {
  id: string;
  number: string;
  /** The subject's catalog name: a notice never quotes the order's title (notifications/domain/notice.ts `orderLabel`). */
  subjectName: string;
  holderUnitId: string;
  /** The holder's ancestors-or-self, root first (from its path). */
  holderChain: readonly string[];
  intakeUnitId: string;
  dispatchUnitId: string | null;
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

/**
 * Whom the holding unit's reminders tell: whoever the rules let take the step's action there (state-machine.ts
 * `rolesThatMay`), so a unit that acts in other roles hears of its own deadlines (the lawyers' studio signs and
 * replies by its lawyer and mediator; told by a fixed handler/dispatcher list, its reminders went up to the unit above
 * it). The dispatch step stays the desk's: the first dispatch is a dispatcher's (state-machine.ts dispatch).
 */
const signers = rolesThatMay('sign');
const repliers = rolesThatMay('reply');
const holderRolesAt = (step: string | null) => (step === 'dispatch' ? (['dispatcher'] as const) : step === 'sign' ? signers : repliers);
/** An emergency order asks its holder to act now, whatever the step: whoever there may sign for it or handle it. */
const emergencyHolderRoles = rolesThatMay('sign', 'reply');

/**
 * Who hears of a signal (workflow.md, 督办): the holding unit's handlers of a reminder (`holderRolesAt`); of an overdue
 * step the unit (urging notice) and the supervisors of the level above (report); of a second limit passed, the unit's
 * leader; of a callback due or to retry, the agents of the unit that took the call. The unit's dispatchers hear of a
 * dispatch step. Each notice's key derives from the signal's, so it too is produced once. `label` names what the
 * notice is about when it is more than the one order (a wave of them, domain/waves.ts).
 */
export function noticesFor(s: Signal, o: OrderPlace, label?: string): Notice[] {
  const step = s.step ? (stepNames[s.step] ?? s.step) : '';
  const due = s.dueAt ? shortTime(s.dueAt) : '';
  const base = { orderId: o.id, data: { number: o.number, signal: s.kind, step: s.step, dueAt: s.dueAt?.toISOString() ?? null } };
  const holderRoles = holderRolesAt(s.step);
  // The callback step is the intake unit's agents' work, whoever holds the order: they are the ones urged.
  const urged =
    s.step === 'callback'
      ? { unitId: o.intakeUnitId, roles: ['agent'] as const, nearest: true }
      : { unitId: o.holderUnitId, roles: holderRoles, nearest: true };
  const above = o.holderChain.length > 1 ? o.holderChain[o.holderChain.length - 2]! : o.holderUnitId;
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
          to: [
            { unitId: root, roles: ['leader', 'supervisor'] },
            { unitId: o.holderUnitId, roles: ['leader'] },
            { unitId: above, roles: ['leader'] },
            { unitId: o.holderUnitId, roles: emergencyHolderRoles, nearest: true },
          ],
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
          to: [{ unitId: o.holderUnitId, roles: holderRoles, nearest: true }],
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
          to: [{ unitId: o.holderUnitId, roles: ['leader'], nearest: true }],
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
          body: `原期限 ${due}，已升级至承办单位领导。`,
        },
      ];
    case 'progress_missing':
      return [
        {
          ...base,
          kind: 'supervision.progress_missing',
          level: 'urgent',
          key: s.key,
          to: [
            { unitId: o.holderUnitId, roles: ['handler'], nearest: true },
            { unitId: above, roles: ['supervisor'], nearest: true },
          ],
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
          to: [{ unitId: o.intakeUnitId, roles: ['agent'], nearest: true }],
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
          to: [{ unitId: o.intakeUnitId, roles: ['agent'], nearest: true }],
          title: `二次回访：${what}上次回访未接通`,
          body: '今天请再次回访。',
        },
      ];
  }
}

export const signalTitle = (kind: keyof typeof signalNames) => signalNames[kind];
