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
  /**
   * The synonym groups said in the text, longest phrase first: the words their phrases cover (in the text) and the
   * group's alternatives. An order filter asks for the group once instead of each of those words.
   */
  phrases: { said: string[]; covers: string[]; alternatives: string[][] }[];
};

export function planQuery(text: string, synonymGroups: readonly (readonly string[])[], segmentWords: (s: string) => string[] = queryWords): PlannedQuery {
  const cleaned = text.normalize('NFKC').trim().toLowerCase();
  const words = segmentWords(cleaned);
  const groups: string[][][] = words.map((w) => [[w]]);
  const highlight = new Set(words);
  const phrases: (PlannedQuery['phrases'][number] & { longest: number })[] = [];
  for (const group of synonymGroups) {
    const said = group.filter((phrase) => cleaned.includes(phrase.toLowerCase()));
    if (!said.length) continue;
    const alternatives = group.map((phrase) => segmentWords(phrase.toLowerCase())).filter((a) => a.length > 0);
    groups.push(alternatives);
    for (const phrase of group) highlight.add(phrase.toLowerCase());
    for (const a of alternatives) for (const w of a) highlight.add(w);
    const covers = [...new Set(said.flatMap((phrase) => segmentWords(phrase.toLowerCase())))];
    phrases.push({ said: said.map((p) => p.toLowerCase()), covers, alternatives, longest: Math.max(...said.map((p) => p.length)) });
  }
  const pinyin = /^[a-z]{2,30}$/.test(cleaned.replace(/\s+/g, '')) ? cleaned.replace(/\s+/g, '') : null;
  phrases.sort((a, b) => b.longest - a.longest);
  return { words: [...highlight], baseWords: words, groups, pinyin, phrases: phrases.map(({ longest: _, ...p }) => p) };
}

/**
 * The words of one conjunction without those another of its words already implies. jieba's search mode
 * (platform/text/segment.ts), for each word it cuts longer than two characters, also gives every two-character word
 * of the dictionary inside it (three-character ones inside words longer than three): wherever an order's text was
 * cut into 加班费, its words hold 加班 and 班费 too. A word is dropped only when cutting the longer word alone gives
 * both, the longer word whole and this one inside it: so the text is found exactly as before. Asking for them as
 * well found nothing more, but the planner multiplied their frequencies as if they were independent: 加班费's 40,163
 * orders at a million estimated at 476, and the page read all of them before taking 21 (1.2 s; decision 0010).
 */
export function withoutImplied(words: readonly string[], segmentWords: (s: string) => string[]): string[] {
  const cut = new Map<string, string[]>();
  const cutOf = (w: string) => cut.get(w) ?? cut.set(w, segmentWords(w)).get(w)!;
  const implied = (w: string, longer: string) => {
    const n = [...w].length;
    const m = [...longer].length;
    if (!longer.includes(w) || m <= n || n < 2 || n > 3) return false;
    const pieces = cutOf(longer);
    return pieces.includes(longer) && pieces.includes(w);
  };
  return words.filter((w) => !words.some((longer) => longer !== w && implied(w, longer)));
}

/** A group as tsquery text: (a & b) | c. */
function groupQuery(group: string[][], segmentWords: (s: string) => string[] = queryWords): string {
  const alts = group
    .map((a) => withoutImplied(a, segmentWords))
    .filter((a) => a.length)
    .map((a) =>
      a.length === 1
        ? toTsQuery([a], 'and')
        : `(${toTsQuery(
            a.map((w) => [w]),
            'and',
          )})`,
    );
  const unique = [...new Set(alts)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(' | ')})`;
}

/** Any concept may match (the ranking puts the articles matching more of them first): for articles. */
export function anyOf(q: PlannedQuery): string {
  return q.groups.map((g) => groupQuery(g)).join(' | ');
}

/**
 * Every word the person typed must match, each word or its synonyms: for orders, where a list is filtered, not
 * ranked. A synonym phrase said in the text (工资拖欠, 薪水被压) stands for the words it covers: the order must hold
 * one of the group's alternatives instead of each of those words (工资拖欠 finds 欠薪). A group whose words a longer
 * phrase already covers is not asked for again. A word outside every phrase may still equal a one-word synonym.
 */
export function allOf(q: PlannedQuery, synonymGroups: readonly (readonly string[])[], segmentWords: (s: string) => string[] = queryWords): string {
  const covered = new Set<string>();
  const taken: string[] = [];
  const parts: string[] = [];
  for (const p of q.phrases) {
    if (p.said.every((s) => taken.some((t) => t.includes(s)))) continue;
    taken.push(...p.said);
    for (const w of p.covers) covered.add(w);
    parts.push(groupQuery(p.alternatives, segmentWords));
  }
  // The text's own words, less those a longer one of them implies (加班费 asks for 加班费, not 加班 & 班费 & 加班费).
  const own = withoutImplied(
    q.baseWords.filter((w) => !covered.has(w)),
    segmentWords,
  );
  for (const w of own) {
    const group = synonymGroups.find((g) => g.some((p) => p.toLowerCase() === w));
    parts.push(groupQuery(group ? group.map((p) => segmentWords(p.toLowerCase())).filter((a) => a.length) : [[w]], segmentWords));
  }
  return parts.join(' & ');
}
