import { describe, expect, it } from 'vitest';
import { filesByVersion, filesLocked, inVersion, removal } from './version-files.js';

describe('files per version', () => {
  const a = { name: 'a', versionFrom: 1, versionTo: null }; // in every version since 1
  const b = { name: 'b', versionFrom: 1, versionTo: 3 }; // removed in draft 3
  const c = { name: 'c', versionFrom: 2, versionTo: null }; // added in draft 2
  const d = { name: 'd', versionFrom: 3, versionTo: 4 }; // added in 3, removed in 4

  it('a file is in the versions of its range, the first included and the last excluded', () => {
    expect([0, 1, 2, 3].map((v) => inVersion(b, v))).toEqual([false, true, true, false]);
    expect([1, 2, 99].map((v) => inVersion(a, v))).toEqual([true, true, true]);
  });

  it('gives each version its own files', () => {
    const by = filesByVersion([a, b, c, d], [1, 2, 3, 4]);
    expect([...by].map(([v, fs]) => [v, fs.map((f) => f.name)])).toEqual([
      [1, ['a', 'b']],
      [2, ['a', 'b', 'c']],
      [3, ['a', 'c', 'd']],
      [4, ['a', 'c']],
    ]);
  });

  it('removing from a draft deletes a file of that draft, ends an older one there', () => {
    expect(removal(c, 2)).toBe('delete');
    expect(removal(a, 2)).toBe('end');
  });

  it('only a draft’s files change', () => {
    expect(filesLocked('draft')).toBeNull();
    for (const s of ['in_review', 'approved', 'published']) expect(filesLocked(s)?.code).toBe('KB_FILES_LOCKED');
  });
});
