import type { Role } from './roles.js';

/**
 * 三员分立 (等保 level 3): three administrative duties, each held through one role, none able to act as another.
 * - system (`administrator`): units, catalog, time limits, calendar, jobs — the installation's settings;
 * - security (`security`): accounts, roles, passwords, lockouts and API tokens;
 * - audit (`auditor`): reads the audit log, nothing else.
 * Who may call what is decided by `requireRole` at each service with exactly one of these roles, so the rule
 * here is about people: which duties one person may hold, and that nobody hands a duty to themselves.
 */
export const dutyRoles = ['administrator', 'security', 'auditor'] as const;
export type DutyRole = (typeof dutyRoles)[number];

export const isDutyRole = (role: Role): role is DutyRole => (dutyRoles as readonly Role[]).includes(role);

/** Pairs of duties an installation lets one person hold (HOTLINE_MERGED_DUTIES), as sorted `a+b` keys. */
export type MergedDuties = ReadonlySet<string>;
export const noMergedDuties: MergedDuties = new Set();

const pairKey = (a: DutyRole, b: DutyRole) => [a, b].sort().join('+');

/** Whether this installation lets one person hold both duties. */
export const dutiesMerged = (merged: MergedDuties, a: DutyRole, b: DutyRole) => merged.has(pairKey(a, b));

/**
 * `administrator+security,…` → the set of merged pairs. A small installation with one IT person merges system and
 * security administration; merging audit with either is possible but defeats the audit, and says so in docs.
 */
export function parseMergedDuties(setting: string): { merged: MergedDuties } | { error: string } {
  const merged = new Set<string>();
  for (const part of setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [a, b, ...rest] = part.split('+').map((s) => s.trim());
    const valid = (r: string | undefined): r is DutyRole => !!r && (dutyRoles as readonly string[]).includes(r);
    if (rest.length || !valid(a) || !valid(b) || a === b) {
      return { error: `“${part}”应为两种不同的管理职责，以 + 连接：administrator、security、auditor 中的两个` };
    }
    merged.add(pairKey(a, b));
  }
  return { merged };
}

/** The first pair of duties in `roles` that one person may not hold together, or null. */
export function conflictingDuties(roles: Iterable<Role>, merged: MergedDuties): [DutyRole, DutyRole] | null {
  const held = [...new Set([...roles].filter(isDutyRole))].sort((x, y) => dutyRoles.indexOf(x) - dutyRoles.indexOf(y));
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      if (!merged.has(pairKey(held[i]!, held[j]!))) return [held[i]!, held[j]!];
    }
  }
  return null;
}
