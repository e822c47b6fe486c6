import { conflictingDuties, noMergedDuties, type MergedDuties } from '../../auth/duties.js';
import { roleNames, type Role } from '../../auth/roles.js';

/**
 * Which role sets a person or an integration account may hold, and what an administrator may do to their own
 * account. Pure: the service asks before it writes, and the answers carry a stable code and the field to blame.
 */
export type RoleGrant = { role: Role; unitId: string };
export type AccountKind = 'person' | 'integration';
export type RuleProblem = { code: string; message: string; field: string };

/** The same role at the same unit twice is one grant; keeps the first occurrence's order. */
export function dedupeGrants<T extends RoleGrant>(grants: readonly T[]): T[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = grantKey(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const grantKey = (g: RoleGrant) => `${g.role}@${g.unitId}`;

export function checkRoleSet(kind: AccountKind, grants: readonly RoleGrant[], merged: MergedDuties = noMergedDuties): RuleProblem | null {
  const field = 'body.roles';
  if (kind === 'integration') {
    // A token carries one fixed role, so an external platform is one account with one integration role.
    if (grants.length !== 1 || grants[0]!.role !== 'integration') {
      return { code: 'USER_ROLE_KIND', message: '接口账号只能在一个单位担任“接口账号”角色', field };
    }
    return null;
  }
  if (grants.length === 0) return { code: 'USER_ROLE_REQUIRED', message: '至少分配一个角色', field };
  if (grants.some((g) => g.role === 'integration')) {
    return { code: 'USER_ROLE_KIND', message: '“接口账号”角色只能分配给接口账号，不能分配给人员', field };
  }
  // 等保 三员分立: system administration, security administration and audit are three people, unless the
  // installation merges two of them explicitly (HOTLINE_MERGED_DUTIES).
  const conflict = conflictingDuties(
    grants.map((g) => g.role),
    merged,
  );
  if (conflict) {
    const [a, b] = conflict.map((r) => roleNames[r].zh);
    return { code: 'USER_ROLE_SEPARATION', message: `同一人员不能同时担任${a}和${b}（三员分立）`, field };
  }
  return null;
}

/**
 * A security administrator editing their own account must not lock themselves out (no self-deactivation, the role
 * they are acting in stays) nor widen their own power: they may drop roles of their own, never gain one — not
 * another of the three duties, not the same duty higher up the tree, not a working role that reads personal data.
 */
export function checkSelfChange(
  acting: RoleGrant,
  change: { active?: boolean | undefined; roles?: readonly RoleGrant[] | undefined },
  held: readonly RoleGrant[] = [acting],
): RuleProblem | null {
  if (change.active === false) {
    return { code: 'USER_SELF_DEACTIVATE', message: '不能停用自己的账号', field: 'body.active' };
  }
  if (change.roles && !change.roles.some((g) => grantKey(g) === grantKey(acting))) {
    return { code: 'USER_SELF_ADMIN_ROLE', message: '不能移除自己正在使用的管理员角色', field: 'body.roles' };
  }
  const heldKeys = new Set(held.map(grantKey));
  const gained = change.roles?.find((g) => !heldKeys.has(grantKey(g)));
  if (gained) {
    return { code: 'USER_SELF_GRANT', message: `不能为自己授予角色（${roleNames[gained.role].zh}）：须由另一位安全管理员授予`, field: 'body.roles' };
  }
  return null;
}

/** The fields of two snapshots that differ, for the audit log's before/after (unchanged fields are noise there). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
