import { describe, expect, it } from 'vitest';
import { suggestionWindow } from '../../src/search/search.service.js';

/**
 * The intake console sends only the end of a long narrative for its knowledge suggestions (the whole text in the
 * address passed Node's header limit: 431). It must send no less than the server reads, or the suggestions of a long
 * narrative would differ from those of its end.
 */
describe('the knowledge suggestions of a long narrative', () => {
  it("the web's window is the server's", async () => {
    const web = (await import(new URL('../../../web/src/knowledge/suggestion-text.ts', import.meta.url).href)) as {
      suggestionWindow: number;
      suggestionText: (text: string) => string;
    };
    expect(web.suggestionWindow).toBe(suggestionWindow);
    const narrative = '工地老板拖欠工资，'.repeat(600);
    expect(web.suggestionText(narrative)).toBe(narrative.trim().slice(-suggestionWindow));
  });
});
