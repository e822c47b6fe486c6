import { useEffect, useRef, useState } from 'react';

/** Below this a panel is a phone's (390 px less the page's margins): names shortened, fewer axis ticks. */
export const narrowBelow = 480;

/**
 * The width an element is drawn at, followed as it changes (a phone turned, the menu folded): the cockpit's charts and
 * table are laid out for the room they have, not for the window. Null until measured (and where nothing is laid out).
 */
export function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth || null);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}
