import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { KnowledgeSuggestions } from './KnowledgeSuggestions.js';
import { suggestionText, suggestionWindow } from './suggestion-text.js';
import { useArticleSuggestions } from './useArticleSuggestions.js';

/** The server as the test answers it: each request waits until the test answers it. */
function server() {
  const waiting: { url: URL; answer: (res: Response) => void }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((r: Request) => new Promise<Response>((resolve) => waiting.push({ url: new URL(r.url), answer: resolve }))),
  );
  const next = () => {
    const w = waiting.shift();
    expect(w, 'a suggestions request').toBeDefined();
    return w!;
  };
  return { waiting, next };
}

const hit = {
  articleId: 'a1',
  version: 1,
  kind: 'faq',
  title: '拖欠工资怎么办',
  titleHighlights: [],
  snippet: '……',
  highlights: [],
  subjects: [],
  regions: [],
  citations: [],
  score: 1,
};
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
// A long consultation: 5,000 characters (the form's limit), its question at the end.
const longNarrative = `${'来电人称其在工地务工期间，包工头以各种理由拖欠工资，多次讨要未果。'.repeat(200)}请问最低工资标准是多少？`.slice(-5000);

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The hook after the 300 ms pause in typing, its request sent. */
async function typed(narrative: string) {
  const s = server();
  const hook = renderHook(({ text }) => useArticleSuggestions(text, undefined, undefined), { initialProps: { text: narrative } });
  await act(async () => vi.advanceTimersByTime(300));
  return { ...hook, ...s };
}

describe('useArticleSuggestions', () => {
  it('sends the end of a long narrative, the part the server reads, not all of it in the address', async () => {
    expect(longNarrative.length).toBe(5000);
    const { next, result } = await typed(longNarrative);
    const req = next();
    const sent = req.url.searchParams.get('text')!;
    expect(sent).toBe(longNarrative.slice(-suggestionWindow));
    expect(sent.endsWith('请问最低工资标准是多少？')).toBe(true);
    // Well under Node's 16 KB header limit (2,000 characters made about 18 KB and a 431).
    expect(req.url.href.length).toBeLessThan(5000);
    await act(async () => req.answer(json({ items: [hit] })));
    expect(result.current).toEqual({ items: [hit], status: 'ready' });
  });

  it('says when the request failed, and drops the list it had for an older text', async () => {
    const { next, result, rerender } = await typed('老板拖欠工资三个月');
    await act(async () => next().answer(json({ items: [hit] })));
    expect(result.current.items).toHaveLength(1);
    rerender({ text: '老板拖欠工资三个月，还不签劳动合同' });
    await act(async () => vi.advanceTimersByTime(300));
    await act(async () => next().answer(new Response('', { status: 431 })));
    expect(result.current).toEqual({ items: [], status: 'failed' });
  });

  it('asks nothing for a text too short, and says so as idle', async () => {
    const { waiting, result } = await typed('工资');
    expect(waiting).toHaveLength(0);
    expect(result.current).toEqual({ items: [], status: 'idle' });
  });
});

describe('suggestionText', () => {
  it('does not start with half of a character outside the BMP', () => {
    const text = `𠮷${'字'.repeat(suggestionWindow - 1)}`; // 𠮷 is two UTF-16 units: the cut falls inside it
    expect(suggestionText(text)).toBe('字'.repeat(suggestionWindow - 1));
    expect(suggestionText('短文本')).toBe('短文本');
  });
});

describe('KnowledgeSuggestions', () => {
  const panel = (status: 'idle' | 'ready' | 'failed') =>
    render(
      <I18nProvider initial="zh">
        <KnowledgeSuggestions items={[]} status={status} canAnswer={false} busy={false} onAnswer={() => undefined} />
      </I18nProvider>,
    );

  it('tells a failure, an empty answer and nothing typed apart', () => {
    panel('failed');
    expect(screen.getByTestId('knowledge-suggestions').textContent).toContain('未能获取知识推荐');
    expect(screen.getByTestId('knowledge-suggestions').textContent).not.toContain('录入诉求内容后显示相关知识');
  });

  it('says an answer without articles is one', () => {
    panel('ready');
    expect(screen.getByTestId('knowledge-suggestions').textContent).toContain('没有找到相关知识');
  });

  it('asks for the narrative while nothing was asked', () => {
    panel('idle');
    expect(screen.getByTestId('knowledge-suggestions').textContent).toContain('录入诉求内容后显示相关知识');
  });
});
