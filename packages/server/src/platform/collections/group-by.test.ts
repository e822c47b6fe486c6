import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by.js';

describe('groupBy', () => {
  it('keeps the first-seen order of keys and of items within a key', () => {
    const g = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...g.keys()]).toEqual(['b', 'a', 'c']);
    expect(g.get('b')).toEqual(['b1', 'b2']);
    expect(g.get('a')).toEqual(['a1', 'a2']);
    expect(g.get('c')).toEqual(['c1']);
  });

  it('groups nothing into an empty map and takes any iterable', () => {
    expect(groupBy([], (x: number) => x).size).toBe(0);
    const g = groupBy(new Set([1, 2, 3, 4]), (n) => n % 2 === 0);
    expect(g.get(true)).toEqual([2, 4]);
    expect(g.get(false)).toEqual([1, 3]);
  });

  it('holds one group of a hundred thousand items as one array', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ key: 'same', i }));
    const g = groupBy(items, (x) => x.key);
    expect(g.get('same')).toHaveLength(100_000);
    expect(g.get('same')![99_999]!.i).toBe(99_999);
  });
});
