import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CandidateList } from './candidate-list.js';

describe('the scan’s candidate list', () => {
  it('gives back each id with its version, chunk by chunk', () => {
    const rows = Array.from({ length: 1203 }, (_, i) => ({ id: randomUUID(), version: (i * 7919) % 100_003 }));
    const list = new CandidateList(rows.map((r) => r.id).join(''), rows.map((r) => r.version).join(','));
    expect(list.length).toBe(1203);
    const chunks = [];
    for (let i = 0; i < list.length; i += 500) chunks.push(...list.slice(i, i + 500));
    expect(chunks).toEqual(rows);
    expect(list.slice(1200)).toEqual(rows.slice(1200));
  });

  it('is empty when the scan found nothing', () => {
    const list = new CandidateList('', '');
    expect(list.length).toBe(0);
    expect(list.slice(0, 500)).toEqual([]);
  });

  it('reads a single candidate and large versions', () => {
    const id = randomUUID();
    expect(new CandidateList(id, '2147483647').slice(0)).toEqual([{ id, version: 2_147_483_647 }]);
  });
});
