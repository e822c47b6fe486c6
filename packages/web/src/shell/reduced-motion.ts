import { useSyncExternalStore } from 'react';

/**
 * The person's "reduce motion" setting (WCAG 2.3.3): when on, the workplace stops animating — antd's transitions and
 * click waves, the charts' build-up — and shows each change at once. The query is read live, so turning the setting
 * on or off takes effect without a reload.
 */
const query = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const list = window.matchMedia(query);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(query).matches;
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
