import { queryWords, toTsQuery } from '../../platform/text/segment.js';

/**
 * A caller's words as a search: the meaningful words, and for each synonym group whose word or phrase appears in
 * what was said, the group's other words as alternatives. Pure: the synonym groups are passed in.
 */
export type PlannedQuery = {
  /** The words to highlight and to match. */
  words: string[];
  /** The words of the text itself, without synonyms. */
  baseWords: string[];
  /** One entry per concept: the word (or synonym phrase) and its alternatives, each alternative a list of words that must all appear. */
  groups: string[][][];
  /** Latin letters only: matched against titles' pinyin and initials too. */
  pinyin: string | null;
};

export function planQuery(text: string, synonymGroups: readonly (readonly string[])[], segmentWords: (s: string) => string[] = queryWords): PlannedQuery {
  const cleaned = text.normalize('NFKC').trim().toLowerCase();
  const words = segmentWords(cleaned);
  const groups: string[][][] = words.map((w) => [[w]]);
  const highlight = new Set(words);
  for (const group of synonymGroups) {
    if (!group.some((phrase) => cleaned.includes(phrase.toLowerCase()))) continue;
    const alternatives = group.map((phrase) => segmentWords(phrase.toLowerCase())).filter((a) => a.length > 0);
    groups.push(alternatives);
    for (const phrase of group) highlight.add(phrase.toLowerCase());
    for (const a of alternatives) for (const w of a) highlight.add(w);
  }
  const pinyin = /^[a-z]{2,30}$/.test(cleaned.replace(/\s+/g, '')) ? cleaned.replace(/\s+/g, '') : null;
  return { words: [...highlight], baseWords: words, groups, pinyin };
}

/** A group as tsquery text: (a & b) | c. */
function groupQuery(group: string[][]): string {
  const alts = group
    .filter((a) => a.length)
    .map((a) =>
      a.length === 1
        ? toTsQuery([a], 'and')
        : `(${toTsQuery(
            a.map((w) => [w]),
            'and',
          )})`,
    );
  return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
}

/** Any concept may match (the ranking puts the articles matching more of them first): for articles. */
export function anyOf(q: PlannedQuery): string {
  return q.groups.map(groupQuery).join(' | ');
}

/** Every word the person typed must match (each word or its synonyms): for orders, where a list is filtered, not ranked. */
export function allOf(q: PlannedQuery, synonymGroups: readonly (readonly string[])[], segmentWords: (s: string) => string[] = queryWords): string {
  return q.baseWords
    .map((w) => {
      const group = synonymGroups.find((g) => g.some((p) => p.toLowerCase() === w));
      return groupQuery(group ? group.map((p) => segmentWords(p.toLowerCase())).filter((a) => a.length) : [[w]]);
    })
    .join(' & ');
}
