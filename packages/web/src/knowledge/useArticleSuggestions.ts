import { useEffect, useState } from 'react';
import { knowledgeApi, type ArticleHit } from '../api/knowledge.js';

/**
 * The five best articles for the narrative so far: one request 300 ms after the agent stops typing (a newer text
 * aborts the older request). Nothing here touches focus: the agent keeps typing while the list changes beside them.
 */
export function useArticleSuggestions(narrative: string | undefined, regionCode: string | undefined, subjectCode: string | undefined) {
  const [items, setItems] = useState<ArticleHit[]>([]);
  const text = (narrative ?? '').trim();
  useEffect(() => {
    if (text.length < 4) {
      setItems([]);
      return;
    }
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      knowledgeApi
        .suggest({ text: text.slice(-2000), ...(regionCode ? { regionCode } : {}), ...(subjectCode ? { subjectCode } : {}) }, ctl.signal)
        .then((r) => setItems(r.items))
        .catch(() => undefined);
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [text, regionCode, subjectCode]);
  return items;
}
