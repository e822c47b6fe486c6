import { describe, expect, it } from 'vitest';
import { allOf, anyOf, planQuery, withoutImplied } from './query.js';
import { findHighlights, highlightWords, makeSnippet, regionApplies, regionPrefix } from './snippet.js';

const synonyms = [
  ['欠薪', '拖欠工资', '不发工资', '讨薪'],
  ['社保', '五险', '社会保险'],
];

describe('planQuery', () => {
  it('adds a synonym group when one of its phrases is in the text', () => {
    const q = planQuery('老板欠薪三个月', synonyms);
    expect(q.baseWords).toContain('欠薪');
    const added = q.groups.at(-1)!;
    expect(added).toHaveLength(4);
    expect(added).toContainEqual(['欠薪']);
    expect(added).toContainEqual(['讨薪']);
    expect(q.words).toContain('拖欠工资');
    expect(anyOf(q)).toContain("'讨薪'");
  });
  it('pinyin only for latin letters', () => {
    expect(planQuery('ldht', synonyms).pinyin).toBe('ldht');
    expect(planQuery('劳动 ht', synonyms).pinyin).toBeNull();
  });
  it('orders: every word must match, a word with synonyms may match any of them', () => {
    const q = planQuery('社保 拖欠', synonyms);
    const tsq = allOf(q, synonyms);
    expect(tsq.endsWith(" & '拖欠'")).toBe(true);
    expect(tsq).toContain("'社会保险'");
  });
  it('quotes what a caller typed', () => {
    expect(anyOf(planQuery("a'b & c", []))).not.toMatch(/[^']&[^']/);
  });
});

describe('snippet', () => {
  it('highlights the longest word first, no overlaps', () => {
    expect(findHighlights('拖欠工资的工资', ['工资', '拖欠工资'])).toEqual([
      [0, 4],
      [5, 7],
    ]);
  });
  it('short bodies whole, long ones around the words', () => {
    expect(makeSnippet('一二三', ['二'])).toEqual({ text: '一二三', highlights: [[1, 2]] });
    const body = `${'甲'.repeat(200)}工伤认定${'乙'.repeat(200)}`;
    const s = makeSnippet(body, ['工伤'], 60);
    expect(s.text.startsWith('…')).toBe(true);
    const [a, b] = s.highlights[0]!;
    expect(s.text.slice(a, b)).toBe('工伤');
  });
  it('marks the words of two characters or more, not every 被 or 钱 of the article', () => {
    const q = '老板不发工资，我被欠了钱';
    const words = highlightWords(planQuery(q, synonyms).words, q);
    expect(words.length).toBeGreaterThan(0);
    expect(words.every((w) => [...w].length >= 2)).toBe(true);
    const s = makeSnippet('公司被投诉后仍不发工资，钱被扣下。不签合同也不发工资。', words);
    expect(s.highlights.every(([a, b]) => b - a >= 2)).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['不发工资', '不发工资']);
  });
  it('a one-character query is marked: that character is what was searched for', () => {
    expect(highlightWords(['薪'], ' 薪 ')).toEqual(['薪']);
    expect(highlightWords(['欠', '薪'], '欠薪啊')).toEqual([]);
  });
  it('a body without the words gives its beginning', () => {
    expect(makeSnippet('x'.repeat(300), ['y'], 50).text).toBe(`${'x'.repeat(50)}…`);
  });
});

describe('regions', () => {
  it.each([
    ['150000', '15'],
    ['150100', '1501'],
    ['150102', '150102'],
    ['110000', '11'],
  ])('%s → %s', (c, p) => expect(regionPrefix(c)).toBe(p));
  it('national articles apply everywhere, regional ones inside their region', () => {
    expect(regionApplies([], null)).toBe(true);
    expect(regionApplies(['150000'], '150102')).toBe(true);
    expect(regionApplies(['150100'], '150202')).toBe(false);
    expect(regionApplies(['150000'], null)).toBe(false);
  });
});

describe('order filter with synonym phrases', () => {
  const groups = [
    ['欠薪', '拖欠工资', '工资拖欠', '讨薪'],
    ['辞退', '解除劳动合同'],
    ['劳动合同', '合同'],
  ];
  it('a phrase said stands for its words: 工资拖欠 asks for one of the group, not 工资 and 拖欠 each', () => {
    const tsq = allOf(planQuery('工资拖欠', groups), groups);
    expect(tsq).toContain("'欠薪'");
    expect(tsq).not.toMatch(/&\s*'拖欠'$/);
  });
  it('a group covered by a longer phrase is not asked for again', () => {
    const tsq = allOf(planQuery('解除劳动合同', groups), groups);
    expect(tsq).toContain("'辞退'");
    // The same as asking for the 辞退 group alone.
    expect(tsq).toBe(allOf(planQuery('辞退', groups), groups));
  });
  it('words outside every phrase are each required', () => {
    const tsq = allOf(planQuery('欠薪 包工头', groups), groups);
    expect(tsq.endsWith(" & '包工头'")).toBe(true);
  });
});

describe('words a longer word implies', () => {
  // A stand-in for jieba's search mode: a word in its dictionary, with the dictionary's words inside it.
  const cuts: Record<string, string[]> = {
    加班费: ['加班', '班费', '加班费'],
    拖欠劳动报酬: ['拖欠', '劳动', '报酬', '劳动报', '劳动报酬'],
    劳动报酬: ['劳动', '报酬', '劳动报', '劳动报酬'],
    延长工时: ['延长', '工时'],
  };
  const cut = (w: string) => cuts[w] ?? [w];

  it('drops the two- and three-character words inside a longer word that cuts whole', () => {
    expect(withoutImplied(['加班', '班费', '加班费'], cut)).toEqual(['加班费']);
    expect(withoutImplied(['拖欠', '劳动', '报酬', '劳动报', '劳动报酬'], cut)).toEqual(['拖欠', '劳动报酬']);
  });

  it('keeps a word the longer one does not give when cut alone, and words inside none', () => {
    // 延长工时 is not one word of the dictionary (cut alone it is two): an order may hold 延长 without 延长工时.
    expect(withoutImplied(['延长', '工时', '延长工时'], cut)).toEqual(['延长', '工时', '延长工时']);
    expect(withoutImplied(['工资', '拖欠'], cut)).toEqual(['工资', '拖欠']);
    // One character is never implied: jieba gives no one-character words inside a longer one.
    expect(withoutImplied(['欠', '欠薪'], (w) => (w === '欠薪' ? ['欠', '欠薪'] : [w]))).toEqual(['欠', '欠薪']);
  });

  it('asks for the same orders with fewer words: 加班费 alone, not 加班 & 班费 & 加班费', () => {
    expect(allOf(planQuery('加班费', []), [])).toBe("'加班费'");
    // The real cut: every word dropped is one jieba gives inside the longer word it kept.
    const tsq = allOf(planQuery('拖欠劳动报酬', []), []);
    expect(tsq).toContain("'劳动报酬'");
    expect(tsq).not.toContain("'报酬'");
  });
});
