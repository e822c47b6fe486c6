/**
 * A unit's word search counted by walking the unit's newest orders instead of the words' GIN (decision 0010, "The
 * county's word search"). The GIN's capped count reads every posting of every word of the query, whatever the unit:
 * 拖欠工资 with its synonyms brings in 工资, 拖欠, 欠 … hundreds of thousands of postings at a million orders, ~150 ms
 * for a county that finds its 1,001 matches among its newest ~3,000 orders. Walking those orders newest first and
 * testing each one's words by key stops at the cap; it is only quick when the words are common in the unit, and only
 * the unit's own orders say whether they are. So the walk begins with a short sample of the newest orders (a few
 * milliseconds), and from the matches in it plans how far to walk, or leaves the count to the GIN. A walk that reaches
 * its end without passing the cap proves nothing about the older orders, and the GIN counts after all: the answer is
 * the same either way, only its cost depends on the plan.
 *
 * Sized by the count's cap, so a test with a cap of 3 walks as a province's 1,000 does.
 */
export type WordWalkSizes = {
  /** The newest orders tested first; as many as half the cap, so a sample never passes the cap by itself. */
  sample: number;
  /** The longest walk worth taking: about what the GIN's count of a common word costs (~10,000 probes, ~60 ms warm). */
  longest: number;
};

export const wordWalkSizes = (cap: number): WordWalkSizes => ({ sample: Math.ceil((cap + 1) / 2), longest: 10 * (cap + 1) });

/**
 * How many of the unit's newest orders to walk for more than `cap` matches, given `hits` matches among the `sampled`
 * newest; null when the walk would be longer than the GIN's count (no match in the sample, or too few). Twice the
 * expected length, so a word a little rarer in the older orders than in the sample still passes the cap on the walk.
 */
export function wordWalkLength(s: { sampled: number; hits: number; cap: number }): number | null {
  if (s.hits <= 0 || s.sampled <= 0) return null;
  const { longest } = wordWalkSizes(s.cap);
  const expected = Math.ceil(((s.cap + 1) * s.sampled) / s.hits);
  if (expected > longest) return null;
  return Math.min(longest, 2 * expected);
}
