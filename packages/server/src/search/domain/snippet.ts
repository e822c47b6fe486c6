/**
 * A snippet of an article's body around the words the caller used, with the places to highlight. The highlights are
 * ranges, not markup: the client wraps them, so no text from an article is ever interpreted as HTML.
 */
export type Snippet = { text: string; highlights: [number, number][] };

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The words worth marking: those of two characters or more. A single character (被, 钱, 不) cut from a sentence is
 * found all over an article, and marking each one buries the words the caller actually used; it is marked only when
 * it is the whole query (a person who searched for that one character).
 */
export function highlightWords(words: readonly string[], query: string): string[] {
  const single = query.normalize('NFKC').trim().toLowerCase();
  return words.filter((w) => [...w].length >= 2 || w.toLowerCase() === single);
}

/** Every occurrence of any word in the text, longest word first at a position, without overlaps, in order. */
export function findHighlights(text: string, words: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const sorted = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const taken = new Array<boolean>(text.length).fill(false);
  const ranges: [number, number][] = [];
  for (const w of sorted) {
    for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
      const end = at + w.length;
      let free = true;
      for (let i = at; i < end; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = at; i < end; i++) taken[i] = true;
      ranges.push([at, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The window of `length` characters holding the most distinct query words (ties: the earliest), with its
 * highlights. A body without any of the words gives its beginning.
 */
export function makeSnippet(body: string, words: readonly string[], length = 120): Snippet {
  const text = collapse(body);
  const all = findHighlights(text, words);
  if (text.length <= length) return { text, highlights: all };
  let bestStart = 0;
  let bestScore = -1;
  for (const [start] of all) {
    const from = Math.max(0, Math.min(start - 20, text.length - length));
    const inside = new Set(all.filter(([s, e]) => s >= from && e <= from + length).map(([s, e]) => text.slice(s, e).toLowerCase()));
    if (inside.size > bestScore) {
      bestScore = inside.size;
      bestStart = from;
    }
  }
  const prefix = bestStart > 0 ? '…' : '';
  const end = Math.min(text.length, bestStart + length);
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - bestStart;
  return {
    text: prefix + text.slice(bestStart, end) + suffix,
    highlights: all.filter(([s, e]) => s >= bestStart && e <= end).map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}

/**
 * Whether an article for these regions applies to a caller in this division. Regions are GB/T 2260 codes where
 * trailing zeros mean "the whole": 150000 is all of Inner Mongolia, 150100 all of Hohhot. An article with no region
 * is national.
 */
export function regionApplies(regions: readonly string[], division: string | null | undefined): boolean {
  if (!regions.length) return true;
  if (!division) return false;
  return regions.some((r) => division.startsWith(regionPrefix(r)));
}

/** 150000 → 15, 150100 → 1501, 150102 → 150102: the prefix every division inside the region starts with. */
export function regionPrefix(code: string): string {
  let p = code.slice(0, 6);
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}
