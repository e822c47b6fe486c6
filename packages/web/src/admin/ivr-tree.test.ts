import { describe, expect, it } from 'vitest';
import type { IvrConfig } from '../api/lawyers.js';
import { ivrTree, nextNodeId, removeNode } from './ivr-tree.js';

const c: IvrConfig = {
  root: 'main',
  nodes: [
    {
      id: 'main',
      kind: 'menu',
      prompt: '主菜单',
      keys: [
        { key: '1', to: 'rights' },
        { key: '0', to: 'agent' },
      ],
    },
    { id: 'rights', kind: 'menu', prompt: '维权', keys: [{ key: '1', to: 'wages' }] },
    { id: 'wages', kind: 'queue', prompt: '欠薪', queue: 'rights' },
    { id: 'agent', kind: 'queue', prompt: '人工', queue: 'general' },
    { id: 'closed', kind: 'voicemail', prompt: '留言' },
  ],
  hours: { days: 'all', periods: [{ start: '08:00', end: '22:00' }], afterHours: 'closed' },
  overflow: { maxWaitSeconds: 60, maxQueued: 10, action: 'callback', transferNumber: null },
};

describe('the voice menu tree in the editor', () => {
  it('shows the keys from the root, then the nodes nobody reaches by key', () => {
    const tree = ivrTree(c, (n) => n.id);
    expect(tree.map((n) => n.title)).toEqual(['main', 'closed']);
    expect(tree[0]!.children.map((n) => n.title)).toEqual(['[1] rights', '[0] agent']);
    expect(tree[0]!.children[0]!.children.map((n) => n.title)).toEqual(['[1] wages']);
  });
  it('removes a node with what only it leads to and the key to it; never the root', () => {
    const r = removeNode(c, 'rights');
    expect(r.nodes.map((n) => n.id)).toEqual(['main', 'agent', 'closed']);
    expect(r.nodes[0]!.keys).toEqual([{ key: '0', to: 'agent' }]);
    expect(removeNode(c, 'closed').hours.afterHours).toBeNull();
    expect(removeNode(c, 'main')).toBe(c);
  });
  it('gives a new node a free id under its parent', () => {
    expect(nextNodeId(c, 'rights')).toBe('rights-1');
    expect(nextNodeId({ ...c, nodes: [...c.nodes, { id: 'rights-1', kind: 'message', prompt: 'x' }] }, 'rights')).toBe('rights-2');
  });
});
