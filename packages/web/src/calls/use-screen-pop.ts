import { useEffect, useRef } from 'react';
import type { ScreenPop } from '../api/calls.js';
import { onStreamEvent } from '../notifications/stream.js';

const isPop = (d: unknown): d is ScreenPop => typeof d === 'object' && d !== null && typeof (d as ScreenPop).callId === 'string';

/** Calls this agent answers, as the telephony system reports them (the `call` event of the person's stream). */
export function useScreenPop(onPop: (pop: ScreenPop) => void, enabled = true) {
  const latest = useRef(onPop);
  latest.current = onPop;
  useEffect(() => (enabled ? onStreamEvent('call', (d) => isPop(d) && latest.current(d)) : undefined), [enabled]);
}

/** The call the agent is on, kept per person in this tab so a reload keeps the link to it. */
const key = (userId: string) => `hotline.call.${userId}`;
export function loadActiveCall(userId: string): ScreenPop | null {
  try {
    const raw = sessionStorage.getItem(key(userId));
    const d = raw ? (JSON.parse(raw) as unknown) : null;
    return isPop(d) ? d : null;
  } catch {
    return null;
  }
}
export function saveActiveCall(userId: string, pop: ScreenPop | null) {
  if (pop) sessionStorage.setItem(key(userId), JSON.stringify(pop));
  else sessionStorage.removeItem(key(userId));
}
