/**
 * The difference between two versions of an article: which fields changed, and for the body the lines removed and
 * added (a longest-common-subsequence diff over lines; article bodies are tens of lines, so O(n·m) is fine).
 */
export type LineChange = { op: 'same' | 'removed' | 'added'; text: string };
export type FieldChange = { field: string; before: unknown; after: unknown };

export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'removed', text: a[i++]! });
    else out.push({ op: 'added', text: b[j++]! });
  }
  while (i < n) out.push({ op: 'removed', text: a[i++]! });
  while (j < m) out.push({ op: 'added', text: b[j++]! });
  return out;
}

/** Fields of two content snapshots that differ (the body is reported as a line diff instead). */
export function diffContent(before: Record<string, unknown> | null, after: Record<string, unknown>): { fields: FieldChange[]; body: LineChange[] } {
  const fields: FieldChange[] = [];
  for (const key of Object.keys(after)) {
    if (key === 'body') continue;
    const b = before?.[key] ?? null;
    const a = after[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) fields.push({ field: key, before: b, after: a });
  }
  const body = diffLines(String(before?.body ?? ''), String(after.body ?? '')).filter((c) => before !== null || c.op !== 'removed');
  return { fields, body };
}
