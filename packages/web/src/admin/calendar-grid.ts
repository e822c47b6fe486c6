/** The weeks of a month, Monday first, as 'YYYY-MM-DD' strings with nulls for the blanks around it. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * "2027-02-06 春节" per line (also "2027-02-06至2027-02-12 春节" for a run of days) → named dates, with the lines
 * that could not be read.
 */
export function parseDateLines(text: string): { items: { date: string; name: string }[]; problems: string[] } {
  const items: { date: string; name: string }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|~|到|—|–)\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/.exec(line);
    if (!m) {
      problems.push(`第 ${i + 1} 行无法识别：“${line}”（格式：2027-02-06 春节）`);
      return;
    }
    const [, from, to, name] = m as unknown as [string, string, string | undefined, string];
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = to ? Date.parse(`${to}T00:00:00Z`) : start;
    if (Number.isNaN(start) || Number.isNaN(end) || end < start || end - start > 31 * 86_400_000) {
      problems.push(`第 ${i + 1} 行日期不正确：“${line}”`);
      return;
    }
    for (let t = start; t <= end; t += 86_400_000) items.push({ date: new Date(t).toISOString().slice(0, 10), name: name.trim() });
  });
  return { items, problems };
}
