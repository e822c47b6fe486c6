import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interfaceTexts } from '../../test/i18n-keys.js';
import { en, enTables } from './en.js';
import { translate } from './i18n.js';

const texts = [...interfaceTexts(path.resolve(__dirname, '..'))];
const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the English table', () => {
  it('finds the interface texts', () => expect(texts.length).toBeGreaterThan(300));

  it('translates every Chinese text the interface shows', () => {
    expect(texts.filter((s) => !(s in en))).toEqual([]);
  });

  it('keeps every placeholder of the Chinese text', () => {
    expect(Object.entries(en).filter(([zh, e]) => vars(zh).join() !== vars(e).join())).toEqual([]);
  });

  it('gives a Chinese text one English wherever it is written (a later table would silently win)', () => {
    const first = new Map<string, [string, string]>();
    const clashes: string[] = [];
    for (const [table, texts] of Object.entries(enTables)) {
      for (const [zh, e] of Object.entries(texts)) {
        const seen = first.get(zh);
        if (seen && seen[1] !== e) clashes.push(`${zh}: ${seen[0]} “${seen[1]}” ≠ ${table} “${e}”`);
        else if (!seen) first.set(zh, [table, e]);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('counts plurals only by a number the Chinese text has: {n|one|other}', () => {
    const plurals = (s: string) => [...s.matchAll(/\{(\w+)\|[^|}]*\|[^}]*\}/g)].map((m) => m[1]!);
    expect(Object.entries(en).filter(([zh, e]) => plurals(e).some((k) => !vars(zh).includes(k)))).toEqual([]);
  });

  it('has no Chinese left in an English text', () => {
    expect(Object.entries(en).filter(([zh, e]) => /[\u4e00-\u9fff]/.test(e) && zh !== '中文')).toEqual([]);
  });
});

describe('translate', () => {
  it.each([
    ['zh', '共 {total} 条，已显示 {n} 条', { total: 9, n: 3 }, '共 9 条，已显示 3 条'],
    ['en', '共 {total} 条，已显示 {n} 条', { total: 9, n: 3 }, '9 in all, 3 shown'],
    ['en', '不在表里的中文', undefined, '不在表里的中文'],
    // English plurals follow the count; Chinese has none.
    ['en', '应急机制：{n} 件应急工单在办', { n: 1 }, 'Emergency mechanism: 1 emergency order open'],
    ['en', '应急机制：{n} 件应急工单在办', { n: 3 }, 'Emergency mechanism: 3 emergency orders open'],
    ['en', '应急机制：{n} 件应急工单在办', { n: 0 }, 'Emergency mechanism: 0 emergency orders open'],
    ['zh', '应急机制：{n} 件应急工单在办', { n: 1 }, '应急机制：1 件应急工单在办'],
  ] as const)('%s: %s', (lang, text, v, out) => expect(translate(lang, text, v)).toBe(out));
});
