import { forbidden } from '../platform/errors/app-error.js';
import { roleNames, type Role } from './roles.js';

/** Who is acting, in which role, at which unit. Every service call receives one; nothing reads it from a global. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  assignmentId: string;
  role: Role;
  unitId: string;
  /** Path prefix of the subtree this role reaches (see access/scope.ts). */
  scopePath: string;
  via: 'session' | 'token';
  /** The password is a one-time one (new account, reset) or has expired: only changing it is allowed. */
  passwordChangeRequired?: boolean;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
};

/**
 * The role check: a person acting in another role gets 403 with the roles that would do, in both languages here where
 * the roles' names are (an English interface gets the English: the table keyed by Chinese texts cannot say a list).
 */
export function requireRole(actor: Actor, ...allowed: Role[]): void {
  if (!allowed.includes(actor.role)) {
    const zh = `当前角色（${roleNames[actor.role].zh}）无权执行此操作，需要：${allowed.map((r) => roleNames[r].zh).join('、')}`;
    const needs = allowed.length === 1 ? `the role ${roleNames[allowed[0]!].en}` : `one of the roles ${allowed.map((r) => roleNames[r].en).join(', ')}`;
    throw forbidden('ROLE_REQUIRED', zh, `Your current role (${roleNames[actor.role].en}) may not do this: it needs ${needs}`);
  }
}
