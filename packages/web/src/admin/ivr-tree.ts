import type { IvrConfig, IvrNode } from '../api/lawyers.js';

export const allKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

export type IvrTreeNode = { key: string; title: string; children: IvrTreeNode[] };

/**
 * The menu as antd's tree: from the root along the keys ("1 → rights …"). A node reached twice or by a cycle is shown
 * once (the server refuses such a menu and says where); nodes nobody reaches are listed after the root's tree.
 */
export function ivrTree(c: IvrConfig, label: (n: IvrNode) => string): IvrTreeNode[] {
  const byId = new Map(c.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const build = (id: string, via: string | null): IvrTreeNode | null => {
    const n = byId.get(id);
    if (!n || seen.has(id)) return null;
    seen.add(id);
    const children = (n.keys ?? []).map((k) => build(k.to, k.key)).filter((x): x is IvrTreeNode => x !== null);
    return { key: id, title: `${via ? `[${via}] ` : ''}${label(n)}`, children };
  };
  const root = build(c.root, null);
  const rest = c.nodes
    .filter((n) => !seen.has(n.id))
    .map((n) => build(n.id, null))
    .filter((x): x is IvrTreeNode => x !== null);
  return [...(root ? [root] : []), ...rest];
}

/** A fresh id under a parent: parent-1, parent-2 … (the first one not taken). */
export function nextNodeId(c: IvrConfig, parent: string): string {
  const taken = new Set(c.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${parent}-${i}`.slice(0, 40);
    if (!taken.has(id)) return id;
  }
}

/** The node, everything only it leads to, and the key that led to it. */
export function removeNode(c: IvrConfig, id: string): IvrConfig {
  if (id === c.root) return c;
  const gone = new Set<string>();
  const byId = new Map(c.nodes.map((n) => [n.id, n]));
  const walk = (x: string) => {
    if (gone.has(x)) return;
    gone.add(x);
    for (const k of byId.get(x)?.keys ?? []) walk(k.to);
  };
  walk(id);
  return {
    ...c,
    nodes: c.nodes.filter((n) => !gone.has(n.id)).map((n) => (n.keys ? { ...n, keys: n.keys.filter((k) => !gone.has(k.to)) } : n)),
    hours: { ...c.hours, afterHours: c.hours.afterHours && gone.has(c.hours.afterHours) ? null : c.hours.afterHours },
  };
}
