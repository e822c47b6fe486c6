import type { DivisionTree } from '../api/types.js';
/**
 * The intake's two searchable pickers, as pure functions: what a typed place name picks on Enter, and which subjects
 * a search shows (never a whole group because its header matched).
 */
export type DivisionOption = { value: string; label: string; children?: DivisionOption[] };

/** The province's cities and counties as cascader options (a development zone says so). */
export function divisionOptionsOf(tree: DivisionTree | null): DivisionOption[] {
  return (tree?.children ?? []).map((c) => ({
    value: c.code,
    label: c.name,
    children: c.children.map((d) => ({ value: d.code, label: d.zone ? `${d.name}（开发区）` : d.name })),
  }));
}

/**
 * The division path a typed name stands for when the agent presses Enter: an exact name first (新城区), then the
 * only name that contains it, the county before the city it lies in. Null when nothing or too much matches.
 */
export function divisionPathFor(text: string, options: DivisionOption[]): string[] | null {
  const q = text.trim();
  if (!q) return null;
  const paths: { path: string[]; label: string }[] = [];
  const walk = (os: DivisionOption[], above: string[]) => {
    for (const o of os) {
      const path = [...above, o.value];
      paths.push({ path, label: o.label.replace(/（开发区）$/, '') });
      if (o.children) walk(o.children, path);
    }
  };
  walk(options, []);
  const exact = paths.filter((p) => p.label === q);
  if (exact.length) return exact.sort((a, b) => b.path.length - a.path.length)[0]!.path;
  const partial = paths.filter((p) => p.label.includes(q));
  return partial.length === 1 ? partial[0]!.path : null;
}

/**
 * Subject search: an option matches by its own name only. A group ("常见", "其他") never matches as a whole, so
 * typing 其他 shows the subject named 其他 and Enter picks it, not the first subject of the group called 其他.
 */
export function subjectMatches(input: string, option: { label?: unknown; options?: unknown } | undefined): boolean {
  if (!option || Array.isArray(option.options)) return false;
  return String(option.label ?? '')
    .toLowerCase()
    .includes(input.trim().toLowerCase());
}
