/**
 * The catalog's entry rules, repeated in the browser so a mistake shows on its cell before saving, worded as the
 * server words them (catalog/catalog.schemas.ts, domain/catalog-edit.ts); the server stays the judge.
 */

/** Another row of the same list already has this code: the first such row (1-based, as the table counts), else null. */
export function duplicateOf(rows: readonly ({ code?: unknown } | undefined)[] | undefined, index: number): number | null {
  const code = typeof rows?.[index]?.code === 'string' ? (rows[index]!.code as string).trim() : '';
  if (!code) return null;
  const other = (rows ?? []).findIndex((r, i) => i !== index && typeof r?.code === 'string' && r.code.trim() === code);
  return other < 0 ? null : other + 1;
}

export const maxSortOrder = 100_000;

/** What is wrong with a sort order as typed (never clamped: a refused value stays in the cell), else null. */
export function sortOrderProblem(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return '请填写排序';
  if (typeof v !== 'number' || Number.isNaN(v)) return '排序应为数字';
  if (!Number.isInteger(v)) return '排序应为整数';
  if (v < 0) return '排序不能为负数';
  if (v > maxSortOrder) return '排序不超过 100000';
  return null;
}
