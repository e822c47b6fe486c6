/**
 * An administrator's edit of the catalog, decided without storage: entries are upserted by code (rename,
 * reorder, add, deactivate), never removed, because orders keep the codes they were filed under.
 */

type Entry = { code: string; nameZh: string; nameEn: string; description: string; sortOrder: number; active: boolean };
export type EntryInput<R extends Entry> = { code: string } & { [K in Exclude<keyof R, 'code'>]?: R[K] | undefined };
export type Change<R> = { index: number; before: R | null; after: R };
export type EditProblem = { kind: 'invalid' | 'unknown_code'; field: string; message: string };

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const sameEntry = (a: object, b: object) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The entries an edit changes, with the row before (null for a new code) and after. A new code needs both names
 * and, without an explicit sort order, goes after the last entry. Entries the edit leaves as they were are dropped.
 */
export function mergeEntries<R extends Entry>(
  field: string,
  current: readonly R[],
  inputs: readonly EntryInput<R>[],
  extraDefaults: Omit<R, keyof Entry>,
): { changes: Change<R>[]; problems: EditProblem[] } {
  const byCode = new Map(current.map((r) => [r.code, r]));
  const seen = new Set<string>();
  const changes: Change<R>[] = [];
  const problems: EditProblem[] = [];
  let lastOrder = Math.max(0, ...current.map((r) => r.sortOrder));
  inputs.forEach((input, index) => {
    if (seen.has(input.code)) {
      problems.push({ kind: 'invalid', field: `${field}.${index}.code`, message: `代码 ${input.code} 在本次提交中重复` });
      return;
    }
    seen.add(input.code);
    const before = byCode.get(input.code) ?? null;
    const patch = defined(input) as Partial<R>;
    if (!before) {
      if (!patch.nameZh) problems.push({ kind: 'invalid', field: `${field}.${index}.nameZh`, message: `新增条目 ${input.code} 需填写中文名称` });
      if (!patch.nameEn) problems.push({ kind: 'invalid', field: `${field}.${index}.nameEn`, message: `新增条目 ${input.code} 需填写英文名称` });
      if (!patch.nameZh || !patch.nameEn) return;
    }
    const base = before ?? ({ description: '', active: true, ...extraDefaults, sortOrder: lastOrder + 10 } as unknown as R);
    const after = { ...base, ...patch } as R;
    lastOrder = Math.max(lastOrder, after.sortOrder);
    if (!before || !sameEntry(before, after)) changes.push({ index, before, after });
  });
  return { changes, problems };
}

/** Every usual type a changed subject names must be a type code of the catalog after the edit. */
export function checkUsualTypes(field: string, changes: readonly Change<{ usualTypes: string[] }>[], typeCodes: ReadonlySet<string>): EditProblem[] {
  return changes.flatMap(({ index, after }) => {
    const unknown = after.usualTypes.filter((t) => !typeCodes.has(t));
    return unknown.length
      ? [{ kind: 'unknown_code' as const, field: `${field}.${index}.usualTypes`, message: `未知的诉求类型代码：${unknown.join('、')}` }]
      : [];
  });
}
