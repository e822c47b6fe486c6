import { conflictingDuties, dutiesMerged, noMergedDuties, type MergedDuties } from '../../auth/duties.js';
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

/**
 * 三员分立 closed from the inside: the security administrator manages accounts, so if they could give someone the
 * auditor's role, or set the password of an account that holds it (or system administration), they could sign in
 * as the auditor (or a system administrator) and read or act where their own role may not. So through the API
 * nobody grants or removes those two duties, and nobody resets the password of, deactivates or reactivates an account
 * that holds one: that is done on the server's console (`npm run duties`), audited, by whoever operates the server.
 * Security administration itself may still be delegated down the tree through the API (a county's own account
 * manager): it gives nothing the granting security administrator does not already hold. Nor is a duty the
 * installation merged with security administration (HOTLINE_MERGED_DUTIES) kept to the console: the one who manages
 * accounts holds it already.
 * `held` is what the account holds now; `change.roles` the roles asked for (undefined: unchanged).
 */
export function checkDutyChange(
  held: readonly RoleGrant[],
  change: { roles?: readonly RoleGrant[] | undefined; active?: boolean | undefined; password?: boolean },
  merged: MergedDuties = noMergedDuties,
): RuleProblem | null {
  const consoleOnly = (['administrator', 'auditor'] as const).filter((d) => !dutiesMerged(merged, d, 'security')) as Role[];
  const dutyKeys = (gs: readonly RoleGrant[]) => new Set(gs.filter((g) => consoleOnly.includes(g.role)).map(grantKey));
  const before = dutyKeys(held);
  if (change.roles) {
    const after = dutyKeys(change.roles);
    const moved = [...after].find((k) => !before.has(k)) ?? [...before].find((k) => !after.has(k));
    if (moved) {
      const role = moved.split('@')[0] as Role;
      return {
        code: 'USER_DUTY_CONSOLE',
        message: `${roleNames[role].zh}角色只能在服务器控制台授予或收回（三员分立：npm run duties）`,
        field: 'body.roles',
      };
    }
  }
  if (before.size === 0) return null;
  if (change.password) {
    return { code: 'USER_DUTY_CONSOLE', message: '系统管理员和审计员的密码只能由本人修改，或在服务器控制台重置（npm run duties）', field: 'body.password' };
  }
  if (change.active !== undefined) {
    return { code: 'USER_DUTY_CONSOLE', message: '系统管理员和审计员账号只能在服务器控制台停用或启用（npm run duties）', field: 'body.active' };
  }
  return null;
}

/**
 * Who may lift a sign-in lockout: the security administrator, whose are accounts, passwords and lockouts (三员分立).
 * The same rule decides who is shown a lockout at all: that someone is guessing a person's password right now is for
 * the one who can act on it, not for every role that reads the people list.
 */
export const lockoutLifters: readonly Role[] = ['security'];
export const mayLiftLockouts = (role: Role) => lockoutLifters.includes(role);

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
