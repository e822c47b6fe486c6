import { useEffect, useState } from 'react';
import { knowledgeApi, type ArticleHit } from '../api/knowledge.js';
import { suggestionText } from './suggestion-text.js';

/** `idle`: too little typed to ask; `failed`: the last request failed (the list is empty, not an older text's). */
export type ArticleSuggestions = { items: ArticleHit[]; status: 'idle' | 'ready' | 'failed' };

/**
 * The five best articles for the narrative so far: one request 300 ms after the agent stops typing (a newer text
 * aborts the older request). Nothing here touches focus: the agent keeps typing while the list changes beside them.
 */
export function useArticleSuggestions(narrative: string | undefined, regionCode: string | undefined, subjectCode: string | undefined): ArticleSuggestions {
  const [state, setState] = useState<ArticleSuggestions>({ items: [], status: 'idle' });
  const text = (narrative ?? '').trim();
  useEffect(() => {
    if (text.length < 4) {
      setState({ items: [], status: 'idle' });
      return;
    }
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      knowledgeApi
        .suggest({ text: suggestionText(text), ...(regionCode ? { regionCode } : {}), ...(subjectCode ? { subjectCode } : {}) }, ctl.signal)
        .then((r) => setState({ items: r.items, status: 'ready' }))
        // A newer text aborted this one: its own answer follows. Any other failure is said, not left as an older list.
        .catch(() => !ctl.signal.aborted && setState({ items: [], status: 'failed' }));
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [text, regionCode, subjectCode]);
  return state;
}
