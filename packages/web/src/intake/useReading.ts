import { useCallback, useEffect, useState } from 'react';
import { intelligenceApi, type Reading } from '../api/intelligence.js';
import type { Channel } from '../api/types.js';

/**
 * Reads the narrative as the agent types: one request 300 ms after the last keystroke (a newer text aborts the older
 * request). Too short a text (under 8 characters) is not read. `region` is the caller's known place (the division of
 * their latest earlier order): it settles a county name that several places share ("新城区").
 */
export function useReading(narrative: string | undefined, channel: Channel | undefined, region?: string | undefined) {
  const [reading, setReading] = useState<Reading | null>(null);
  const [loading, setLoading] = useState(false);
  const text = (narrative ?? '').trim();
  useEffect(() => {
    if (text.length < 8) {
      setReading(null);
      return;
    }
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      intelligenceApi
        .analyze({ text, ...(channel ? { channel } : {}), ...(region ? { region } : {}) }, ctl.signal)
        .then((r) => setReading(r))
        .catch(() => undefined)
        .finally(() => !ctl.signal.aborted && setLoading(false));
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [text, channel, region]);
  const clear = useCallback(() => setReading(null), []);
  return { reading, loading, clear };
}
