import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { queryWords, segment } from '../../platform/text/segment.js';
import { defaultSynonyms } from '../synonyms.js';
import { withoutImplied } from './query.js';

/**
 * Dropping the words a longer word implies (query.ts withoutImplied) must not change what a search finds. Checked with
 * the real jieba on the labelled requests (intelligence/corpus): for every synonym phrase and every word of three or
 * more characters the requests hold, asked as a query, the requests whose words hold all of its words are exactly
 * those whose words hold the shorter list.
 */
const corpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../intelligence/corpus/requests.psv');
const texts = fs
  .readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('|').slice(8).join(' '));

describe('words a longer word implies, on the labelled requests', () => {
  it('finds the same requests with and without them', () => {
    const docs = texts.map((t) => new Set(segment(t)));
    const longWords = [...new Set(docs.flatMap((d) => [...d]).filter((w) => [...w].length >= 3))];
    const queries = [...defaultSynonyms.flat(), ...longWords].map((q) => queryWords(q.toLowerCase())).filter((q) => q.length > 1);
    // And a long word with each of its characters and each of its two-character pieces, a word or not: the pieces
    // jieba does not give inside it (one character, a piece outside its dictionary) must stay asked for.
    for (const w of longWords.slice(0, 600)) {
      const chars = [...w];
      for (let i = 0; i < chars.length; i++) queries.push([chars[i]!, w], [chars.slice(i, i + 2).join(''), w]);
    }
    let shortened = 0;
    for (const words of queries) {
      const kept = withoutImplied(words, queryWords);
      if (kept.length < words.length) shortened++;
      for (const d of docs) {
        if (words.every((w) => d.has(w)) !== kept.every((w) => d.has(w)))
          throw new Error(`${words.join(' ')} → ${kept.join(' ')} differs on ${[...d].join(' ')}`);
      }
    }
    // The check is not empty: most multi-word queries here lose a word.
    expect(texts.length).toBeGreaterThan(1000);
    expect(shortened).toBeGreaterThan(100);
  });
});
