import type { Unit } from '../api/types.js';

export type UnitNode = { value: string; title: string; key: string; disabled?: boolean; children?: UnitNode[]; unit?: Unit; selectable?: boolean };

/**
 * The flat, top-down list from GET /api/units as a tree. A unit whose parent is outside the list (out of the
 * person's scope) becomes a root. External collaborators are gathered under one heading of their own.
 */
export function buildUnitTree(units: readonly Unit[], opts: { externalTitle?: string; disable?: (u: Unit) => boolean } = {}): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) {
    nodes.set(u.id, {
      value: u.id,
      key: u.id,
      title: u.active ? u.name : `${u.name}（已撤销）`,
      unit: u,
      ...(opts.disable?.(u) ? { disabled: true } : {}),
    });
  }
  const roots: UnitNode[] = [];
  const external: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else if (u.external) external.push(node);
    else roots.push(node);
  }
  if (external.length && opts.externalTitle) {
    roots.push({ value: '__external__', key: '__external__', title: opts.externalTitle, selectable: false, disabled: false, children: external });
  } else roots.push(...external);
  return roots;
}

/** Ids of a unit and everything below it (a unit cannot move under its own subtree). */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  // The list is ordered top-down, so one pass finds every descendant after its parent.
  for (const u of units) if (u.parentId && ids.has(u.parentId)) ids.add(u.id);
  return ids;
}
