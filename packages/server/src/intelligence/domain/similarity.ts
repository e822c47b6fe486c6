/**
 * Similar requests: cosine similarity of word sets (the segmenter's meaningful words). Requests about the same matter
 * from different callers share most of their words (the project, the foreman, 欠薪, the place); a cluster of them in
 * the recent weeks is a suggested group order.
 */
export function cosine(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.sqrt(a.size * b.size);
}

export type Candidate = { id: string; words: ReadonlySet<string> };

/** The earlier requests at least `threshold` similar to this one, most similar first. */
export function similarTo(words: ReadonlySet<string>, earlier: readonly Candidate[], threshold = 0.45): { id: string; similarity: number }[] {
  return earlier
    .map((c) => ({ id: c.id, similarity: Math.round(cosine(words, c.words) * 1000) / 1000 }))
    .filter((x) => x.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}
