import type { Role } from '../../auth/roles.js';

/**
 * A notice: something people must hear of (an order reached their unit, a deadline is near, a leader must instruct).
 * Computed by the domain (an action's effects, the supervision scan), written to the outbox in the transaction of
 * the change that implies it, and delivered by a job: an in-app notification to each person, plus outbound
 * channels (webhook, SMS) where configured.
 */
export type NoticeAudience =
  /**
   * Everyone who holds one of these roles at the unit (a hotline centre's people count for its federation).
   * `nearest`: if nobody holds them there, the nearest unit above where someone does.
   */
  | { unitId: string; roles: readonly Role[]; nearest?: boolean }
  /** One person. */
  | { userId: string };

export type NoticeLevel = 'info' | 'warning' | 'urgent';

export type Notice = {
  /** What happened, e.g. `order.dispatched`, `supervision.near_due`, `supervision.overdue`. */
  kind: string;
  orderId?: string | null;
  to: readonly NoticeAudience[];
  /** Chinese, shown as the notification's title; the body adds the details. */
  title: string;
  body?: string | null;
  level?: NoticeLevel;
  /** Exactly once: a second notice with the same key is dropped (e.g. `near_due:<order>:<step>:<due instant>`). */
  key?: string | null;
  data?: Record<string, unknown>;
};

/** The job kind a notice travels as, from the outbox to its delivery. */
export const noticeJobKind = 'notice.deliver';

/** The outbox row for a notice: keyed, so a notice produced twice (two instances, a restart) is written once. */
export function noticeJob(n: Notice, now: Date) {
  return { kind: noticeJobKind, payload: n, key: n.key ? `notice:${n.key}` : null, runAt: now };
}

/**
 * How a notice names an order: its number and its subject (the catalog's name), never its title. The title is the
 * first words of the worker's narrative and may hold personal details, while a notice's title is also the text of
 * its SMS and its webhook, both of which leave the system.
 */
export const orderLabel = (number: string, subjectName: string) => `工单 ${number}（${subjectName}）`;
